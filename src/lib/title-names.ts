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

interface Tally {
  titles: number;
  lastTitle: number;
  outlets: Set<string>;
  occurrences: number;
  /** Neighbouring characters by count; an edge of a run (title start or end, punctuation) is counted apart. */
  left: Map<string, number>;
  right: Map<string, number>;
  leftEdges: number;
  rightEdges: number;
}

/** Neighbour entropy, each edge of a run counting as a neighbour of its own (seen once). */
function entropy(counts: Map<string, number>, edges: number, total: number): number {
  let h = edges * (Math.log(total) / total);
  for (const count of counts.values()) h -= (count / total) * Math.log(count / total);
  return h;
}

/** The share of the commonest neighbour (an edge, being its own neighbour, counts once). */
function maxShare(counts: Map<string, number>, edges: number, total: number): number {
  let max = edges > 0 ? 1 : 0;
  for (const count of counts.values()) max = Math.max(max, count);
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

  const tallies = new Map<string, Tally>();
  let frequent = new Set<string>();
  for (let n = 2; n <= MAX_HAN_LENGTH; n++) {
    const counts = new Map<string, number>();
    for (const { run } of runs) {
      for (let i = 0; i + n <= run.length; i++) {
        const gram = run.slice(i, i + n);
        if (n > 2 && !(frequent.has(gram.slice(0, -1)) && frequent.has(gram.slice(1)))) continue;
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
      }
    }
    frequent = new Set();
    for (const [gram, count] of counts) if (count >= options.minTitles) frequent.add(gram);
    if (frequent.size === 0) break;
    for (const gram of frequent) tallies.set(gram, { titles: 0, lastTitle: -1, outlets: new Set(), occurrences: 0, left: new Map(), right: new Map(), leftEdges: 0, rightEdges: 0 });
  }

  for (const { run, title } of runs) {
    for (let i = 0; i < run.length - 1; i++) {
      // Longer n-grams from here are frequent only if this one is: stop at the first that is not.
      for (let n = 2; n <= MAX_HAN_LENGTH && i + n <= run.length; n++) {
        const tally = tallies.get(run.slice(i, i + n));
        if (!tally) break;
        tally.occurrences++;
        if (tally.lastTitle !== title) {
          tally.lastTitle = title;
          tally.titles++;
          tally.outlets.add(samples[title].outlet);
        }
        if (i > 0) tally.left.set(run[i - 1], (tally.left.get(run[i - 1]) ?? 0) + 1);
        else tally.leftEdges++;
        if (i + n < run.length) tally.right.set(run[i + n], (tally.right.get(run[i + n]) ?? 0) + 1);
        else tally.rightEdges++;
      }
    }
  }

  const wordCache = new Map<string, boolean>();
  const isWord = options.isWord && ((pair: string) => {
    let known = wordCache.get(pair);
    if (known === undefined) wordCache.set(pair, (known = options.isWord!(pair)));
    return known;
  });
  const names: TitleName[] = [];
  for (const [name, tally] of tallies) {
    if (tally.titles < options.minTitles || tally.outlets.size < options.minOutlets) continue;
    const total = tally.occurrences;
    if (entropy(tally.left, tally.leftEdges, total) < MIN_NEIGHBOUR_ENTROPY || entropy(tally.right, tally.rightEdges, total) < MIN_NEIGHBOUR_ENTROPY) continue;
    if (maxShare(tally.left, tally.leftEdges, total) > MAX_SAME_NEIGHBOUR_SHARE || maxShare(tally.right, tally.rightEdges, total) > MAX_SAME_NEIGHBOUR_SHARE) continue;
    if (isWord) {
      const first = name[0];
      const last = name[name.length - 1];
      let joined = 0;
      // Rare neighbours cannot tip the share; asking the dictionary about each would cost seconds.
      const counted = Math.max(2, total / 50);
      for (const [char, count] of tally.left) if (count >= counted && isWord(char + first)) joined += count;
      for (const [char, count] of tally.right) if (count >= counted && isWord(last + char)) joined += count;
      if (joined > MAX_JOINED_NEIGHBOUR_SHARE * total) continue;
    }
    names.push({ name, titles: tally.titles, outlets: tally.outlets.size, occurrences: total, left: tally.left, right: tally.right });
  }
  for (const tally of latinTallies.values()) {
    if (tally.titles.size < options.minTitles || tally.outlets.size < options.minOutlets) continue;
    // The spelling most titles use: TikTok, not TIKTOK.
    const name = [...tally.spelling].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    names.push({ name, titles: tally.titles.size, outlets: tally.outlets.size, occurrences: tally.titles.size, left: new Map(), right: new Map() });
  }
  return names.sort((a, b) => b.titles - a.titles || (a.name < b.name ? -1 : 1));
}

interface TrieNode {
  next: Map<string, TrieNode>;
  name?: string;
}

/** Finds names in text, longest first at each position, never overlapping (中国外交部 hides 中国 and 外交部). */
export class NameMatcher {
  private readonly root: TrieNode = { next: new Map() };

  constructor(names: Iterable<string>) {
    for (const name of names) {
      let node = this.root;
      for (const char of name.toLowerCase()) {
        let child = node.next.get(char);
        if (!child) node.next.set(char, (child = { next: new Map() }));
        node = child;
      }
      node.name = name;
    }
  }

  /** The names found in `text`, in order of first occurrence, each once. */
  find(text: string): string[] {
    const found = new Set<string>();
    const chars = [...text.toLowerCase()];
    for (let i = 0; i < chars.length; ) {
      let node: TrieNode | undefined = this.root;
      let match: { name: string; end: number } | undefined;
      for (let j = i; j < chars.length && (node = node.next.get(chars[j])); j++) {
        // A Latin name must end at a word edge: WHO is not inside WHOLE.
        if (node.name && !(/[a-z0-9]/.test(chars[j]) && /[a-z0-9]/.test(chars[j + 1] ?? ''))) match = { name: node.name, end: j + 1 };
      }
      const startsWord = !/[a-z0-9]/.test(chars[i]) || !/[a-z0-9]/.test(chars[i - 1] ?? '');
      if (match && startsWord) {
        found.add(match.name);
        i = match.end;
      } else i++;
    }
    return [...found];
  }
}
