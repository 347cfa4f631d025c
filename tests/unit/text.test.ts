import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { detectLanguage, readingMinutes, summarize } from '../../src/lib/text.ts';
import { assertCountsAgree } from '../support/char-counts.ts';
import { listGoldenCases, readGoldenCapture } from '../support/golden.ts';

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

describe('character counting agrees with the Unicode property patterns', () => {
  const texts = listGoldenCases().map(readGoldenCapture).map((capture) => ({
    file: capture.name,
    text: cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url }).text,
  }));
  // Astral characters (a Han extension, an emoji), Hangul, kana, full-width forms and odd spaces.
  texts.push({ file: 'mixed scripts', text: '𠀋𡈽 한국어 テスト ｆｕｌｌ　ｗｉｄｔｈ 😀 word\u00a0word\u2003١٢٣ ' });
  it(`on the fixtures, the samples and mixed scripts (${texts.length} texts)`, () => {
    const languages = assertCountsAgree(texts);
    assert.ok(languages.has('zh-Hans') && languages.has('zh-Hant') && languages.has('en'), [...languages].join(' '));
  });
});
