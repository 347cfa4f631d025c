import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toArticleEntry } from '../../src/lib/article.ts';
import { assertSafeCleanedHtml } from '../support/cleaned.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { realCorpusDir } from '../support/corpus.ts';

const REAL_DIR = realCorpusDir();

describe('every real capture cleans to safe HTML', () => {
  const names = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt'));
  for (const name of names) {
    it(name, () => {
      const result = toArticleEntry(readFileSync(`${REAL_DIR}/${name}`), { now: FIXED_NOW });
      assert.ok(result.ok, (result as { reason?: string }).reason);
      assertSafeCleanedHtml(result.entry.html);
    });
  }
});
