import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';
import { NAME_ALIASES } from './search-aliases.ts';
import { Remembered } from './remembered.ts';

/**
 * Text as search sees it, the same at build time (the index) and in the browser (the query),
 * so that what was indexed is what is searched for.
 *
 * Folding: one character at a time, Taiwan and Hong Kong variants to OpenCC's standard form,
 * then Traditional to Simplified with OpenCC's character table (not its phrase tables, which
 * rewrite words: 檔案 → 文件), then NFKC and lower case. Names in NAME_ALIASES become the
 * group's first spelling. Words: overlapping pairs of characters over runs of Han (and kana
 * and Hangul), so that any two-character word is found wherever it stands; letters and digits
 * make whole words.
 */

const HAN_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** A longer run of letters is noise (a hash, a URL's remains), not a word anyone types. */
const MAX_WORD_LENGTH = 40;

let characterTable: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (characterTable) return characterTable;
  const variants = new Map<string, string>();
  for (const dictionary of [TWVariantsRev, HKVariantsRev]) {
    for (const entry of dictionary.split('|')) {
      const [from, to] = entry.split(' ');
      if (from && to && !variants.has(from)) variants.set(from, to);
    }
  }
  const simplified = new Map<string, string>();
  for (const entry of TSCharacters.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to) simplified.set(from, to);
  }
  characterTable = new Map<string, string>();
  for (const from of new Set([...variants.keys(), ...simplified.keys()])) {
    const standard = variants.get(from) ?? from;
    characterTable.set(from, simplified.get(standard) ?? standard);
  }
  return characterTable;
}

/**
 * Characters folded so far: a text repeats a few thousand characters, and normalising each one anew
 * was most of the indexer's word splitting. Bounded: text made of every code point there is would
 * not grow the table without end.
 */
const foldedCharacters = new Remembered((character: string) => {
  const normal = character.normalize('NFKC');
  return (table().get(normal) ?? normal).toLowerCase();
}, 65_536);

/** One character (a code point) as search sees it; may be longer (ﬁ → fi) or empty. */
export function foldCharacter(character: string): string {
  return foldedCharacters.get(character);
}

/** The folded text and, for each of its UTF-16 units, where it came from in the original. */
export function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let at = 0;
  for (const character of text) {
    const out = foldCharacter(character);
    folded += out;
    for (let i = 0; i < out.length; i++) offsets.push(at);
    at += character.length;
  }
  offsets.push(at);
  return { folded, offsets };
}

export function foldText(text: string): string {
  let folded = '';
  for (const character of text) folded += foldCharacter(character);
  return folded;
}

/** Every spelling in NAME_ALIASES, folded, and the group's first spelling it stands for. */
let aliasPattern: { pattern: RegExp; canonical: Map<string, string>; groups: Map<string, string[]> } | undefined;

function aliases() {
  if (aliasPattern) return aliasPattern;
  const canonical = new Map<string, string>();
  const groups = new Map<string, string[]>();
  for (const group of NAME_ALIASES) {
    const spellings = group.map(foldText);
    for (const spelling of spellings) {
      canonical.set(spelling, spellings[0]);
      groups.set(spelling, spellings);
    }
  }
  const escaped = [...canonical.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  aliasPattern = { pattern: new RegExp(escaped.join('|'), 'g'), canonical, groups };
  return aliasPattern;
}

/** Folded text with every alias spelling replaced by its group's first spelling. */
export function normalizeForSearch(text: string): string {
  const { pattern, canonical } = aliases();
  return foldText(text).replace(pattern, (spelling) => canonical.get(spelling)!);
}

/** The words of a text as the index stores them, in order. */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  let run: string[] = [];
  let word = '';
  const endRun = () => {
    if (run.length === 1) words.push(run[0]);
    for (let i = 0; i + 1 < run.length; i++) words.push(run[i] + run[i + 1]);
    run = [];
  };
  const endWord = () => {
    if (word && word.length <= MAX_WORD_LENGTH) words.push(word);
    word = '';
  };
  for (const character of normalizeForSearch(text)) {
    if (HAN_CHARACTER.test(character)) {
      endWord();
      run.push(character);
    } else if (WORD_CHARACTER.test(character)) {
      endRun();
      word += character;
    } else {
      endRun();
      endWord();
    }
  }
  endRun();
  endWord();
  return words;
}

/**
 * A reader's query as separate terms (split at spaces), each the words it must match in order.
 * An article matches when it matches every term.
 */
export function queryTerms(query: string): string[][] {
  return query.split(/\s+/u).map(searchWords).filter((words) => words.length > 0);
}

/**
 * One term as a Pagefind query: a phrase, so that its character pairs must stand together, and
 * so that its words match only themselves: a bare word that an index lacks matches the longest
 * word of that index that it starts with ("rfixyz" finds every article holding "rfi"). A single
 * Han character stays bare, to match the character pairs it starts (的 finds 的人).
 */
export function pagefindQuery(words: readonly string[]): string {
  return words.length === 1 && /^\p{Script=Han}$/u.test(words[0]) ? words[0] : `"${words.join(' ')}"`;
}

/** The spellings of a query term to mark in a text: the term folded, and every spelling of its alias group. */
export function markedSpellings(term: string): string[] {
  const folded = foldText(term.trim());
  if (!folded) return [];
  const { groups } = aliases();
  const normalized = normalizeForSearch(term.trim());
  return [...new Set([folded, ...(groups.get(folded) ?? groups.get(normalized) ?? [])])];
}

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * A passage of `text` around the first place the query matches (or its opening when nothing
 * matches), cut to about `length` characters, with every match marked.
 */
export function snippet(text: string, query: string, length = 120): SnippetPart[] {
  const { folded, offsets } = foldWithOffsets(text);
  const spellings = query.split(/\s+/u).flatMap(markedSpellings).filter(Boolean);
  const ranges: [number, number][] = [];
  for (const spelling of spellings) {
    for (let at = folded.indexOf(spelling); at >= 0; at = folded.indexOf(spelling, at + spelling.length)) {
      ranges.push([offsets[at], offsets[at + spelling.length]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(length / 3));
  // Start at a character, not inside a surrogate pair.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
  let end = Math.min(text.length, start + length);
  if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  const parts: SnippetPart[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const markFrom = Math.max(from, at);
    const markTo = Math.min(to, end);
    if (markFrom > at) parts.push({ text: text.slice(at, markFrom), marked: false });
    parts.push({ text: text.slice(markFrom, markTo), marked: true });
    at = markTo;
  }
  if (at < end) parts.push({ text: text.slice(at, end), marked: false });
  if (start > 0) parts.unshift({ text: '…', marked: false });
  if (end < text.length) parts.push({ text: '…', marked: false });
  return parts;
}
