/**
 * Facts read off an article's plain text: its script (for `lang`), its reading time and a
 * short summary. Chinese has no spaces between words, so it is measured in characters.
 */

/** Reading speeds: CJK characters and whitespace-separated words per minute. */
export const CJK_CHARS_PER_MINUTE = 400;
export const WORDS_PER_MINUTE = 220;
/** Characters of text read to tell its language. */
const LANGUAGE_SAMPLE_CHARS = 3000;

/** What a character is, as bits; each bit is defined by the pattern beside it. */
const HAN = 1;
const KANA = 2;
const HANGUL = 4;
const LETTER = 8;
const SPACE = 16;
const LETTER_OR_DIGIT = 32;
const CLASSIFIED = 128;
const CJK = HAN | KANA | HANGUL;
const CLASS_PATTERNS: ReadonlyArray<[bit: number, pattern: RegExp]> = [
  [HAN, /^\p{Script=Han}$/u],
  [KANA, /^[\p{Script=Hiragana}\p{Script=Katakana}]$/u],
  [HANGUL, /^\p{Script=Hangul}$/u],
  [LETTER, /^\p{L}$/u],
  [SPACE, /^\s$/u],
  [LETTER_OR_DIGIT, /^[\p{L}\p{N}]$/u],
];

function classify(char: string): number {
  let bits = CLASSIFIED;
  for (const [bit, pattern] of CLASS_PATTERNS) if (pattern.test(char)) bits |= bit;
  return bits;
}

// Every article's text is walked character by character, so a character's class is looked up in a
// table filled on first sight rather than matched against each pattern again.
const BMP_CLASSES = new Uint8Array(0x10000);
const ASTRAL_CLASSES = new Map<number, number>();

/** Walks `text` by code point (a surrogate pair is one character), handing each character's class bits to `visit`. */
function forEachClass(text: string, visit: (bits: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i)!;
    if (point <= 0xffff) {
      visit(BMP_CLASSES[point] || (BMP_CLASSES[point] = classify(String.fromCharCode(point))));
      continue;
    }
    let bits = ASTRAL_CLASSES.get(point);
    if (bits === undefined) ASTRAL_CLASSES.set(point, (bits = classify(String.fromCodePoint(point))));
    visit(bits);
    i++;
  }
}

/**
 * Characters whose form differs between simplified and traditional Chinese, one common
 * pair per position: the first string holds the simplified forms, the second the traditional.
 */
const SIMPLIFIED_ONLY = '这们国说为来时对会与后发经开关学还当过进个两间门问见长东车马鸟语话读书页电网条术观权应党证让认议产业实际军强区报协战员选举总统务领导乌罗华盖边约达';
const TRADITIONAL_ONLY = '這們國說為來時對會與後發經開關學還當過進個兩間門問見長東車馬鳥語話讀書頁電網條術觀權應黨證讓認議產業實際軍強區報協戰員選舉總統務領導烏羅華蓋邊約達';
/** By UTF-16 code unit: 1 for a simplified-only form, 2 for a traditional-only one (all are in the BMP). */
const CHINESE_FORM = new Uint8Array(0x10000);
for (const char of SIMPLIFIED_ONLY) CHINESE_FORM[char.charCodeAt(0)] = 1;
for (const char of TRADITIONAL_ONLY) CHINESE_FORM[char.charCodeAt(0)] = 2;

/** Function words that mark a few Latin-script languages the corpus holds. */
const LATIN_MARKERS: ReadonlyArray<[lang: string, words: ReadonlySet<string>]> = [
  ['en', new Set(['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'was', 'this'])],
  ['de', new Set(['der', 'die', 'und', 'das', 'nicht', 'ist', 'mit', 'ein', 'eine', 'auf'])],
  ['pt', new Set(['de', 'que', 'não', 'para', 'com', 'uma', 'os', 'do', 'da', 'em'])],
  ['fr', new Set(['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'du'])],
];

/**
 * A BCP 47 tag for the text: zh-Hans or zh-Hant for Chinese (by counting characters that
 * exist in only one script), ja, ko, or a Latin-script language by its function words;
 * `und` when none can be told.
 */
export function detectLanguage(text: string): string {
  // The opening tells the language; counting a long text character by character costs more than the rest of the analysis.
  const sample = text.length > LANGUAGE_SAMPLE_CHARS ? text.slice(0, LANGUAGE_SAMPLE_CHARS) : text;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  let letters = 0;
  forEachClass(sample, (bits) => {
    if (bits & HAN) han++;
    if (bits & KANA) kana++;
    if (bits & HANGUL) hangul++;
    if (bits & LETTER) letters++;
  });
  if (letters === 0) return 'und';
  if (kana > 20 && kana * 5 > han) return 'ja';
  if (hangul * 2 > letters) return 'ko';
  if (han * 5 > letters) {
    let simplified = 0;
    let traditional = 0;
    for (let i = 0; i < sample.length; i++) {
      const form = CHINESE_FORM[sample.charCodeAt(i)];
      if (form === 1) simplified++;
      else if (form === 2) traditional++;
    }
    return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
  }
  const words = sample.toLowerCase().split(/[^\p{L}]+/u);
  let best = 'und';
  let bestScore = 0;
  for (const [lang, markers] of LATIN_MARKERS) {
    const score = words.reduce((sum, word) => sum + (markers.has(word) ? 1 : 0), 0);
    if (score > bestScore) [best, bestScore] = [lang, score];
  }
  return bestScore >= 3 ? best : 'und';
}

/** Minutes to read: CJK characters at CJK_CHARS_PER_MINUTE plus other words at WORDS_PER_MINUTE; at least 1. */
export function readingMinutes(text: string): number {
  // CJK characters count one each; a word is a run of other non-space characters holding a letter or digit.
  let cjk = 0;
  let words = 0;
  let inWord = false;
  let wordHasLetter = false;
  forEachClass(text, (bits) => {
    if (bits & (CJK | SPACE)) {
      if (bits & CJK) cjk++;
      if (inWord && wordHasLetter) words++;
      inWord = wordHasLetter = false;
    } else {
      inWord = true;
      if (bits & LETTER_OR_DIGIT) wordHasLetter = true;
    }
  });
  if (inWord && wordHasLetter) words++;
  return Math.max(1, Math.round(cjk / CJK_CHARS_PER_MINUTE + words / WORDS_PER_MINUTE));
}

/** Runs of whitespace (no-break and ideographic spaces included) as one space, and none at either end. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first `maxLength` characters of text, cut at a sentence or word end where one is near. */
export function summarize(text: string, maxLength = 160): string {
  const flat = collapseWhitespace(text);
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const sentenceEnd = Math.max(...['。', '！', '？', '. ', '! ', '? '].map((mark) => cut.lastIndexOf(mark)));
  if (sentenceEnd > maxLength * 0.5) return cut.slice(0, sentenceEnd + 1).trim();
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength * 0.7 ? cut.slice(0, space) : cut).trim()}…`;
}

/** How many times `word` occurs in `text`, not overlapping. */
export function occurrences(text: string, word: string): number {
  let count = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) count++;
  return count;
}
