import { DenseNumbers } from './dense-numbers.ts';

/**
 * New-word discovery over a collection's titles. Segmenter dictionaries miss most of the names
 * news is about (蔡英文, 蓬佩奥, 孟晚舟 come out in pieces), but a name recurs across titles as
 * one unit: its characters stick together, and it is followed and preceded by many different
 * characters. A fragment of a longer name fails the second test (澳大利 is nearly always
 * followed by 亚). Counting runs over titles only keeps this to seconds at 60,000 articles.
 */

export interface TitleSample {
  /** The title, already folded to Simplified. */
  title: string;
  outlet: string;
}

export interface TitleNameOptions {
  /** A candidate must occur in at least this many titles... */
  minTitles: number;
  /** ...from at least this many outlets. */
  minOutlets: number;
  /**
   * Whether two characters are one dictionary word. A candidate whose neighbour usually forms a
   * word with its first or last character straddles a word boundary (国新 of 中国|新冠).
   */
  isWord?: (pair: string) => boolean;
}

export interface TitleName {
  name: string;
  /** Titles it occurs in. */
  titles: number;
  outlets: number;
  /** Times it occurs (a title may name it twice). */
  occurrences: number;
  /** Its Han neighbours on each side, by character, with counts (none for a Latin name). */
  left: ReadonlyMap<string, number>;
  right: ReadonlyMap<string, number>;
}

const MAX_HAN_LENGTH = 10;
/** Neighbour entropy (nats) below which a candidate is stuck to its neighbours: a fragment or part of a set phrase. */
const MIN_NEIGHBOUR_ENTROPY = 1.0;
/** A candidate whose neighbour on one side is one character this often is a fragment (澳大利 + 亚). */
const MAX_SAME_NEIGHBOUR_SHARE = 0.6;
/** A candidate whose edge characters join their neighbours into words this often straddles words. */
const MAX_JOINED_NEIGHBOUR_SHARE = 0.4;

/**
 * What is counted of each frequent n-gram, by its id (its level's first id plus its number in
 * the level): columns of numbers, and one table of neighbours for all, rather than an object
 * with two maps each, which at archive scale took seconds to reach and to collect.
 */
class Tallies {
  readonly occurrences: Int32Array;
  /** Titles it occurs in, and the last of them (titles are counted in order). */
  readonly titles: Int32Array;
  private readonly lastTitle: Int32Array;
  /** The outlets seen, one bit each (by their number), and how many. */
  private readonly outletBits: Uint32Array;
  readonly outlets: Int32Array;
  /** Occurrences at the edge of a run (title start or end, punctuation), counted apart from the neighbours. */
  readonly leftEdges: Int32Array;
  readonly rightEdges: Int32Array;
  /** Each (n-gram, side, neighbouring character) numbered in the order first seen, with its count. */
  private readonly neighbourNumbers: DenseNumbers;
  private neighbourCounts = new Int32Array(1 << 16);
  private readonly levelStart: number[] = [];
  private readonly grams: readonly string[][];
  private readonly outletWords: number;

  /** `positions`: the characters counted over, by which the table of neighbours is sized at the start rather than grown step by step. */
  constructor(grams: readonly string[][], outletWords: number, positions: number) {
    this.grams = grams;
    this.outletWords = outletWords;
    this.neighbourNumbers = new DenseNumbers(Math.min(22, Math.max(16, Math.ceil(Math.log2(positions + 1)) + 1)));
    let size = 0;
    for (const texts of grams) {
      this.levelStart.push(size);
      size += texts.length;
    }
    this.occurrences = new Int32Array(size);
    this.titles = new Int32Array(size);
    this.lastTitle = new Int32Array(size).fill(-1);
    this.outletBits = new Uint32Array(size * outletWords);
    this.outlets = new Int32Array(size);
    this.leftEdges = new Int32Array(size);
    this.rightEdges = new Int32Array(size);
  }

  /** One occurrence of the n-gram `number` of length `n`, with its neighbouring characters (-1: an edge). */
  count(n: number, number: number, title: number, outlet: number, left: number, right: number): void {
    const id = this.levelStart[n - 2] + number;
    this.occurrences[id]++;
    if (this.lastTitle[id] !== title) {
      this.lastTitle[id] = title;
      this.titles[id]++;
      const at = id * this.outletWords + (outlet >>> 5);
      const bit = 1 << (outlet & 31);
      if (!(this.outletBits[at] & bit)) {
        this.outletBits[at] |= bit;
        this.outlets[id]++;
      }
    }
    if (left < 0) this.leftEdges[id]++;
    else this.countNeighbour(id * 2 * 65_536 + left);
    if (right < 0) this.rightEdges[id]++;
    else this.countNeighbour((id * 2 + 1) * 65_536 + right);
  }

  private countNeighbour(key: number): void {
    const number = this.neighbourNumbers.numberOf(key);
    if (number === this.neighbourCounts.length) {
      const grown = new Int32Array(2 * number);
      grown.set(this.neighbourCounts);
      this.neighbourCounts = grown;
    }
    this.neighbourCounts[number]++;
  }

  /** The n-gram's text. */
  text(id: number): string {
    let level = this.levelStart.length - 1;
    while (this.levelStart[level] > id) level--;
    return this.grams[level][id - this.levelStart[level]];
  }

  /**
   * Every n-gram's neighbours on each side, in the order first seen: side 2 * id (left) or
   * 2 * id + 1 (right) holds characters[start[side]…start[side + 1]] with their counts.
   */
  neighbours(): { start: Int32Array; characters: Uint16Array; counts: Int32Array } {
    const size = this.neighbourNumbers.size;
    const start = new Int32Array(2 * this.occurrences.length + 1);
    const sideOf = new Int32Array(size);
    for (let number = 0; number < size; number++) {
      const side = Math.floor(this.neighbourNumbers.keyOf(number) / 65_536);
      sideOf[number] = side;
      start[side + 1]++;
    }
    for (let side = 0; side + 1 < start.length; side++) start[side + 1] += start[side];
    const filled = start.slice(0, -1);
    const characters = new Uint16Array(size);
    const counts = new Int32Array(size);
    for (let number = 0; number < size; number++) {
      const at = filled[sideOf[number]]++;
      characters[at] = this.neighbourNumbers.keyOf(number) % 65_536;
      counts[at] = this.neighbourCounts[number];
    }
    return { start, characters, counts };
  }
}

/** Neighbour entropy, each edge of a run counting as a neighbour of its own (seen once). */
function entropy(counts: Int32Array, edges: number, total: number): number {
  let h = edges * (Math.log(total) / total);
  for (const count of counts) h -= (count / total) * Math.log(count / total);
  return h;
}

/** The share of the commonest neighbour (an edge, being its own neighbour, counts once). */
function maxShare(counts: Int32Array, edges: number, total: number): number {
  let max = edges > 0 ? 1 : 0;
  for (const count of counts) max = Math.max(max, count);
  return max / total;
}

/** Runs of Han characters (2 or more) and Latin names (a capital or a digit inside: TikTok, WHO, G7) of a title. */
export function titleRuns(title: string): { han: string[]; latin: string[] } {
  const han = [...title.matchAll(/\p{Script=Han}{2,}/gu)].map((match) => match[0]);
  const latin = [...title.matchAll(/(?<![\p{L}\p{N}])[A-Za-z][A-Za-z0-9]*(?:[-&.][A-Za-z0-9]+)*(?![\p{L}\p{N}])/gu)]
    .map((match) => match[0])
    .filter((word) => word.length >= 2 && (/^[A-Z]/.test(word) || /\d/.test(word)));
  return { han, latin };
}

/**
 * Names that recur in titles: Han character n-grams (2 to 10 characters) with varied neighbours
 * on both sides, and Latin words written as names. Counting is Apriori-style: an n-gram is
 * counted only when both its (n-1)-grams were frequent, which keeps the work near-linear.
 * Each occurrence at the edge of a run (title start or end, punctuation) counts as a neighbour
 * of its own, so a name that often opens a title is not mistaken for a fragment.
 */
export function discoverTitleNames(samples: readonly TitleSample[], options: TitleNameOptions): TitleName[] {
  const runs: { run: string; title: number }[] = [];
  const latinTallies = new Map<string, { titles: Set<number>; outlets: Set<string>; spelling: Map<string, number> }>();
  samples.forEach((sample, title) => {
    const { han, latin } = titleRuns(sample.title);
    for (const run of han) runs.push({ run, title });
    for (const word of latin) {
      const key = word.toLowerCase();
      let tally = latinTallies.get(key);
      if (!tally) latinTallies.set(key, (tally = { titles: new Set(), outlets: new Set(), spelling: new Map() }));
      tally.titles.add(title);
      tally.outlets.add(sample.outlet);
      tally.spelling.set(word, (tally.spelling.get(word) ?? 0) + 1);
    }
  });

  // The runs' characters end to end (UTF-16 units, as the strings index them), and where each run ends.
  const totalLength = runs.reduce((sum, { run }) => sum + run.length, 0);
  const codes = new Uint16Array(totalLength);
  const runEnd = new Int32Array(totalLength);
  let offset = 0;
  for (const { run } of runs) {
    for (let i = 0; i < run.length; i++) {
      codes[offset + i] = run.charCodeAt(i);
      runEnd[offset + i] = offset + run.length;
    }
    offset += run.length;
  }

  // An n-gram is named by a number: its (n-1)-gram prefix's number times 65,536 plus its last
  // character. levels[n - 2][p] is the number of the frequent n-gram at p, or -1; grams[n - 2] its text.
  const levels: Int32Array[] = [];
  const grams: string[][] = [];
  // The n-gram at each position by its number in the level at hand (one array for all levels).
  const seen = new Int32Array(totalLength);
  for (let n = 2; n <= MAX_HAN_LENGTH; n++) {
    const previous = levels[n - 3];
    const numbers = new DenseNumbers();
    const counts: number[] = [];
    seen.fill(-1);
    for (let p = 0; p + n <= totalLength; p++) {
      if (p + n > runEnd[p]) continue;
      let key: number;
      if (n === 2) key = codes[p] * 65_536 + codes[p + 1];
      else {
        const prefix = previous[p];
        if (prefix < 0 || previous[p + 1] < 0) continue;
        key = prefix * 65_536 + codes[p + n - 1];
      }
      const number = numbers.numberOf(key);
      seen[p] = number;
      counts[number] = (counts[number] ?? 0) + 1;
    }
    // Each frequent n-gram's place among the texts, by its number (-1: not frequent).
    const frequent = new Int32Array(numbers.size).fill(-1);
    const texts: string[] = [];
    for (let number = 0; number < numbers.size; number++) {
      if (counts[number] < options.minTitles) continue;
      frequent[number] = texts.length;
      const key = numbers.keyOf(number);
      const last = String.fromCharCode(key % 65_536);
      texts.push(n === 2 ? String.fromCharCode(Math.floor(key / 65_536)) + last : grams[n - 3][Math.floor(key / 65_536)] + last);
    }
    if (texts.length === 0) break;
    const level = new Int32Array(totalLength).fill(-1);
    for (let p = 0; p < totalLength; p++) if (seen[p] >= 0) level[p] = frequent[seen[p]];
    levels.push(level);
    grams.push(texts);
  }

  const outletNumbers = new Map<string, number>();
  for (const { outlet } of samples) if (!outletNumbers.has(outlet)) outletNumbers.set(outlet, outletNumbers.size);
  const tallies = new Tallies(grams, Math.ceil(outletNumbers.size / 32) || 1, totalLength);
  offset = 0;
  for (const { run, title } of runs) {
    const outlet = outletNumbers.get(samples[title].outlet)!;
    for (let i = 0; i < run.length - 1; i++) {
      const p = offset + i;
      // Longer n-grams from here are frequent only if this one is: stop at the first that is not.
      for (let n = 2; n <= levels.length + 1 && i + n <= run.length; n++) {
        const number = levels[n - 2][p];
        if (number < 0) break;
        tallies.count(n, number, title, outlet, i > 0 ? codes[p - 1] : -1, i + n < run.length ? codes[p + n] : -1);
      }
    }
    offset += run.length;
  }

  const wordCache = new Map<string, boolean>();
  const isWord = options.isWord && ((pair: string) => {
    let known = wordCache.get(pair);
    if (known === undefined) wordCache.set(pair, (known = options.isWord!(pair)));
    return known;
  });
  const names: TitleName[] = [];
  const neighbours = tallies.neighbours();
  // One side of an n-gram: its neighbouring characters and their counts.
  const side = (id: number, right: 0 | 1) => {
    const [from, to] = [neighbours.start[2 * id + right], neighbours.start[2 * id + right + 1]];
    return { characters: neighbours.characters.subarray(from, to), counts: neighbours.counts.subarray(from, to) };
  };
  const byCharacter = ({ characters, counts }: ReturnType<typeof side>) => new Map([...characters].map((code, k) => [String.fromCharCode(code), counts[k]]));
  for (let id = 0; id < tallies.occurrences.length; id++) {
    if (tallies.titles[id] < options.minTitles || tallies.outlets[id] < options.minOutlets) continue;
    const total = tallies.occurrences[id];
    const [left, right] = [side(id, 0), side(id, 1)];
    const [leftEdges, rightEdges] = [tallies.leftEdges[id], tallies.rightEdges[id]];
    if (entropy(left.counts, leftEdges, total) < MIN_NEIGHBOUR_ENTROPY || entropy(right.counts, rightEdges, total) < MIN_NEIGHBOUR_ENTROPY) continue;
    if (maxShare(left.counts, leftEdges, total) > MAX_SAME_NEIGHBOUR_SHARE || maxShare(right.counts, rightEdges, total) > MAX_SAME_NEIGHBOUR_SHARE) continue;
    const name = tallies.text(id);
    if (isWord) {
      const first = name[0];
      const last = name[name.length - 1];
      let joined = 0;
      // Rare neighbours cannot tip the share; asking the dictionary about each would cost seconds.
      const counted = Math.max(2, total / 50);
      left.counts.forEach((count, k) => {
        if (count >= counted && isWord(String.fromCharCode(left.characters[k]) + first)) joined += count;
      });
      right.counts.forEach((count, k) => {
        if (count >= counted && isWord(last + String.fromCharCode(right.characters[k]))) joined += count;
      });
      if (joined > MAX_JOINED_NEIGHBOUR_SHARE * total) continue;
    }
    names.push({ name, titles: tallies.titles[id], outlets: tallies.outlets[id], occurrences: total, left: byCharacter(left), right: byCharacter(right) });
  }
  for (const tally of latinTallies.values()) {
    if (tally.titles.size < options.minTitles || tally.outlets.size < options.minOutlets) continue;
    // The spelling most titles use: TikTok, not TIKTOK.
    const name = [...tally.spelling].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    names.push({ name, titles: tally.titles.size, outlets: tally.outlets.size, occurrences: tally.titles.size, left: new Map(), right: new Map() });
  }
  return names.sort((a, b) => b.titles - a.titles || (a.name < b.name ? -1 : 1));
}

/** A trie over UTF-16 units: a name's units follow one another as its characters do, and a number looks up without making a string. */
interface TrieNode {
  next: Map<number, TrieNode>;
  name?: string;
}

/** Whether a unit of lower-cased text is a letter a–z or a digit: a Latin word goes on across it. */
function continuesWord(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 48 && unit <= 57);
}

/** Finds names in text, longest first at each position, never overlapping (中国外交部 hides 中国 and 外交部). */
export class NameMatcher {
  private readonly root: TrieNode = { next: new Map() };

  constructor(names: Iterable<string>) {
    for (const name of names) {
      let node = this.root;
      const lower = name.toLowerCase();
      for (let i = 0; i < lower.length; i++) {
        const unit = lower.charCodeAt(i);
        let child = node.next.get(unit);
        if (!child) node.next.set(unit, (child = { next: new Map() }));
        node = child;
      }
      node.name = name;
    }
  }

  /** The names found in `text`, in order of first occurrence, each once. */
  find(text: string): string[] {
    const found = new Set<string>();
    const lower = text.toLowerCase();
    // charCodeAt past either end is NaN, which continues no word.
    for (let i = 0; i < lower.length; ) {
      let node: TrieNode | undefined = this.root;
      let matched: string | undefined;
      let end = i;
      for (let j = i; j < lower.length && (node = node.next.get(lower.charCodeAt(j))); j++) {
        // A Latin name must end at a word edge: WHO is not inside WHOLE.
        if (node.name && !(continuesWord(lower.charCodeAt(j)) && continuesWord(lower.charCodeAt(j + 1)))) {
          matched = node.name;
          end = j + 1;
        }
      }
      const startsWord = !continuesWord(lower.charCodeAt(i)) || !continuesWord(lower.charCodeAt(i - 1));
      if (matched !== undefined && startsWord) {
        found.add(matched);
        i = end;
      } else i++;
    }
    return [...found];
  }
}
