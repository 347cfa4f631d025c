import assert from 'node:assert/strict';
import { detectLanguage, readingMinutes } from '../../src/lib/text.ts';

/** The definitions the counting table is built from, applied with one regular expression per class. */
export const reference = {
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

/** The table-based counts give the same reading time and language as the Unicode property patterns, text by text. */
export function assertCountsAgree(texts: { file: string; text: string }[]): Set<string> {
  const languages = new Set<string>();
  for (const { file, text } of texts) {
    assert.equal(readingMinutes(text), reference.readingMinutes(text), file);
    const { han, kana, hangul, letters } = reference.scripts(text);
    const lang = detectLanguage(text);
    languages.add(lang);
    if (letters === 0) assert.equal(lang, 'und', file);
    else if (kana > 20 && kana * 5 > han) assert.equal(lang, 'ja', file);
    else if (hangul * 2 > letters) assert.equal(lang, 'ko', file);
    else if (han * 5 > letters) assert.match(lang, /^zh-Han[st]$/, file);
    else assert.doesNotMatch(lang, /^(zh|ja|ko)/, file);
  }
  return languages;
}
