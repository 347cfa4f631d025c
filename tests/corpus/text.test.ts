import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { assertCountsAgree } from '../support/char-counts.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { realCorpusDir } from '../support/corpus.ts';

describe('character counting agrees with the Unicode property patterns on the real captures', () => {
  const dir = realCorpusDir();
  const texts = readdirSync(dir).filter((file) => file.endsWith('.txt')).map((file) => {
    const parsed = parseCaptureBytes(readFileSync(join(dir, file)), { now: FIXED_NOW });
    if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
    return { file, text: cleanArticleHtml(parsed.value.bodyHtml, { baseUrl: parsed.value.url }).text };
  });
  it(`gives the same reading time and language for ${texts.length} captures`, () => {
    const languages = assertCountsAgree(texts);
    assert.ok(languages.has('zh-Hans') && languages.has('zh-Hant') && languages.has('en'), [...languages].join(' '));
  });
});
