import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { GOLDEN_DIR, listGoldenCases, renderGoldenCase } from '../support/golden.ts';

describe('golden cleaned articles (npm run fixtures:update rewrites them)', () => {
  const cases = listGoldenCases();
  it('has cases', () => assert.ok(cases.length >= 10));
  for (const name of cases) {
    it(name, () => {
      const actual = renderGoldenCase(name);
      assert.equal(actual.html, readFileSync(join(GOLDEN_DIR, name, 'expected.html'), 'utf8'));
      assert.deepEqual(JSON.parse(actual.json), JSON.parse(readFileSync(join(GOLDEN_DIR, name, 'expected.json'), 'utf8')));
    });
  }
});
