import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { realCorpusDir } from '../support/corpus.ts';

const REAL_DIR = realCorpusDir();

describe('parseCaptureBytes on the real captures', () => {
  it('reads every real capture', () => {
    const names = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt'));
    assert.ok(names.length > 0, `no captures in ${REAL_DIR}`);
    for (const name of names) {
      const result = parseCaptureBytes(readFileSync(`${REAL_DIR}/${name}`), { now: FIXED_NOW });
      assert.ok(result.ok, `${name}: ${(result as { reason?: string }).reason}`);
      assert.doesNotMatch(result.value.bodyHtml, /\ufffd|\u0000/);
    }
  });
});
