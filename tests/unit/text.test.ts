import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage, readingMinutes, summarize } from '../../src/lib/text.ts';

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
