// Rewrites the expected output of every golden case; review the diff like code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR, listGoldenCases, renderGoldenCase } from '../tests/support/golden.ts';

for (const name of listGoldenCases()) {
  const { html, json } = renderGoldenCase(name);
  writeFileSync(join(GOLDEN_DIR, name, 'expected.html'), html);
  writeFileSync(join(GOLDEN_DIR, name, 'expected.json'), json);
  console.log(`updated ${name}`);
}
