import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { detectLanguage, readingMinutes, summarize } from '../../src/lib/text.ts';
import { FIXED_NOW } from '../support/articles.ts';
import { REAL_DIR, SEEDS_DIR } from '../support/corpus.ts';

describe('detectLanguage', () => {
  const cases = [
    { name: 'simplified Chinese', text: '日本向特朗普传递信息，这是美国总统选举中的关键问题。', lang: 'zh-Hans' },
    { name: 'traditional Chinese', text: '日本二度發布緊急事態宣言，這對國際經濟與選舉會有影響。', lang: 'zh-Hant' },
    { name: 'English', text: 'The government said that the law is a step for the country and the people.', lang: 'en' },
    { name: 'no letters', text: '123 456', lang: 'und' },
  ];
  for (const { name, text, lang } of cases) it(name, () => assert.equal(detectLanguage(text), lang));
});

describe('readingMinutes', () => {
  it('counts Chinese by characters, not whitespace words', () => assert.equal(readingMinutes('字'.repeat(2000)), 5));
  it('counts other text by words', () => assert.equal(readingMinutes('word '.repeat(660)), 3));
  it('is at least one minute', () => assert.equal(readingMinutes(''), 1));
});

describe('summarize', () => {
  it('cuts at a sentence end', () => assert.equal(summarize(`${'甲'.repeat(100)}。${'乙'.repeat(100)}`, 160), `${'甲'.repeat(100)}。`));
  it('keeps short text whole', () => assert.equal(summarize(' 短  文 '), '短 文'));
});

/** The definitions the counting table is built from, applied with one regular expression per class. */
const reference = {
  count: (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0,
  scripts(text: string) {
    const sample = text.slice(0, 3000);
    return {
      han: this.count(sample, /\p{Script=Han}/gu),
      kana: this.count(sample, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu),
      hangul: this.count(sample, /\p{Script=Hangul}/gu),
      letters: this.count(sample, /\p{L}/gu),
    };
  },
  readingMinutes(text: string) {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
    const words = text.replace(cjk, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    return Math.max(1, Math.round(this.count(text, cjk) / 400 + words / 220));
  },
};

describe('character counting agrees with the Unicode property patterns', () => {
  const texts = [SEEDS_DIR, REAL_DIR].flatMap((dir) =>
    readdirSync(dir).filter((file) => file.endsWith('.txt')).map((file) => {
      const parsed = parseCaptureBytes(readFileSync(join(dir, file)), { now: FIXED_NOW });
      if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
      return { file, text: cleanArticleHtml(parsed.value.bodyHtml, { baseUrl: parsed.value.url }).text };
    }),
  );
  // Astral characters (a Han extension, an emoji), Hangul, kana, full-width forms and odd spaces.
  texts.push({ file: 'mixed scripts', text: '𠀋𡈽 한국어 テスト ｆｕｌｌ　ｗｉｄｔｈ 😀 word\u00a0word\u2003١٢٣ ' });
  it(`gives the same reading time for ${texts.length} texts`, () => {
    for (const { file, text } of texts) assert.equal(readingMinutes(text), reference.readingMinutes(text), file);
  });
  it('tells the same language as the counts by pattern would', () => {
    const languages = new Set<string>();
    for (const { file, text } of texts) {
      const { han, kana, hangul, letters } = reference.scripts(text);
      const lang = detectLanguage(text);
      languages.add(lang);
      if (letters === 0) assert.equal(lang, 'und', file);
      else if (kana > 20 && kana * 5 > han) assert.equal(lang, 'ja', file);
      else if (hangul * 2 > letters) assert.equal(lang, 'ko', file);
      else if (han * 5 > letters) assert.match(lang, /^zh-Han[st]$/, file);
      else assert.doesNotMatch(lang, /^(zh|ja|ko)/, file);
    }
    assert.ok(languages.has('zh-Hans') && languages.has('zh-Hant') && languages.has('en'), [...languages].join(' '));
  });
});
