// Rewrites the expected output of the golden cases named on the command line, or of every
// case, and (when the real-capture corpus is there) the digests of the pinned real captures;
// review the diff like code.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { realCorpusDir } from '../tests/support/corpus.ts';
import { digestOf, GOLDEN_DIR, listGoldenCases, readDigests, renderCapture, renderGoldenCase, writeDigests } from '../tests/support/golden.ts';

const named = process.argv.slice(2);
const known = listGoldenCases();
for (const name of named) if (!known.includes(name)) throw new Error(`no golden case ${name} in ${GOLDEN_DIR}`);
for (const name of named.length ? named : known) {
  const { html, json } = renderGoldenCase(name);
  writeFileSync(join(GOLDEN_DIR, name, 'expected.html'), html);
  writeFileSync(join(GOLDEN_DIR, name, 'expected.json'), json);
  console.log(`updated ${name}`);
}

if (!named.length) {
  let corpus: string | undefined;
  try {
    corpus = realCorpusDir();
  } catch (error) {
    console.log(`pinned real captures not updated: ${(error as Error).message}`);
  }
  if (corpus) {
    const pinned = readDigests().map((entry) => {
      const path = join(corpus, entry.file);
      if (!existsSync(path)) throw new Error(`pinned capture ${entry.file} is not in ${corpus}`);
      const digest = digestOf(renderCapture(path, entry.file));
      if (digest !== entry.digest) console.log(`changed: ${entry.file} (${entry.about})`);
      return { ...entry, digest };
    });
    writeDigests(pinned);
  }
}
