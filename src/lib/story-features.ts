import { toSimplified } from './chinese.ts';

/**
 * Story features: what an article is compared by to find the others that report the same event
 * (stories.ts). Chinese has no word boundaries, so an article is described by the character
 * bigrams (shingles of two) of its title and opening, plus words for Latin-script text, all
 * hashed to numbers. They are made when an article is parsed and kept with it; only the code
 * here changes them, so that a change to how stories are found parses no capture again.
 */

/** Characters of text after the title that describe the event: news puts it first. */
const OPENING_CHARS = 240;
/** Features kept per article (the title's come first). */
export const MAX_STORY_FEATURES = 128;

/** FNV-1a with a final mix: a stable 32-bit id for a shingle. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]{4,}/gu;
const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * The article's story features, distinct: its subjects (names weigh most when shared), then
 * hashed CJK bigrams and Latin words (4 letters or more) of the title and opening. URLs are
 * left out: link-only items would otherwise match on `https` and a host name.
 */
export function storyFeatures(title: string, text: string, lang = '', subjects: readonly string[] = []): number[] {
  let source = `${title}\n${text.slice(0, OPENING_CHARS)}`.replace(/\b(?:https?:\/\/|www\.)\S*/g, ' ');
  if (lang === 'zh-Hant') source = toSimplified(source);
  const features = new Set<number>(subjects.map((subject) => hash32(`@${subject}`)));
  for (const [run] of source.toLowerCase().matchAll(CJK_RUN)) {
    if (CJK_START.test(run)) {
      for (let i = 0; i + 2 <= run.length; i++) features.add(hash32(run.slice(i, i + 2)));
    } else if (!/^\d+$/.test(run)) {
      features.add(hash32(run));
    }
    if (features.size >= MAX_STORY_FEATURES) break;
  }
  return [...features].slice(0, MAX_STORY_FEATURES);
}

/** Features as compact text for the content store: base64 of little-endian 32-bit words (5.3 characters each, not 11). */
export function encodeFeatures(features: readonly number[]): string {
  const words = new Uint32Array(features);
  return Buffer.from(words.buffer, words.byteOffset, words.byteLength).toString('base64');
}

/** The inverse of encodeFeatures: the words in a typed array, not a list of numbers (7 million of them at archive scale). */
export function decodeFeatures(encoded: string): Uint32Array {
  const bytes = Buffer.from(encoded, 'base64');
  // Copied to a buffer of its own: a Uint32Array must start at a multiple of four bytes, and a decoded Buffer may not.
  const features = new Uint32Array(bytes.length >>> 2);
  new Uint8Array(features.buffer).set(bytes.subarray(0, features.byteLength));
  return features;
}
