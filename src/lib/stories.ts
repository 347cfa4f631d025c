import { DenseNumbers } from './dense-numbers.ts';
import { decodeFeatures } from './story-features.ts';

/**
 * Stories: articles that report the same event, across outlets and captures, found by their
 * story features (story-features.ts). Two articles are compared by cosine similarity with rare
 * features weighted up (IDF over the corpus): sharing 张一鸣 or 北约 says far more than sharing 中国.
 */

/**
 * Documents assumed besides the corpus when weighting features, so that a small site (the two
 * sample articles) weighs shared features much as a large one does instead of calling them common.
 */
const BACKGROUND_DOCUMENTS = 200;

export interface StoryCandidate {
  id: string;
  /** Capture time in ms. */
  time: number;
  features: ArrayLike<number> & Iterable<number>;
}

/** An article as findStoryPairs compares it: its id, capture time and features (as encodeFeatures wrote them, or decoded already). */
export function toStoryCandidate(article: { id: string; data: { capturedAt: Date }; storyFeatures: string | Uint32Array }): StoryCandidate {
  const { storyFeatures } = article;
  return { id: article.id, time: article.data.capturedAt.getTime(), features: typeof storyFeatures === 'string' ? decodeFeatures(storyFeatures) : storyFeatures };
}

export interface StoryOptions {
  /** Two articles further apart in time than this are never one story. */
  windowDays: number;
  /** IDF-weighted cosine similarity from which two articles tell one story. */
  minSimilarity: number;
  /** Distinct features two articles must share: a few rare words in common are chance, not a story. */
  minSharedFeatures: number;
  /** A feature in more articles than this carries no story signal and is not used to find candidates. */
  maxDocumentFrequency: number;
}

export const DEFAULT_STORY_OPTIONS: StoryOptions = { windowDays: 7, minSimilarity: 0.13, minSharedFeatures: 8, maxDocumentFrequency: 400 };

export interface RelatedPair {
  a: string;
  b: string;
  similarity: number;
}

/**
 * Every pair of articles similar enough to be one story, within the time window. Candidates
 * come from an inverted index over features, so articles that share no uncommon feature are
 * never compared. With `numbered`, the articles' features are numbers already, each below
 * `distinct` (a FeatureNumbering's: feature-numbers.ts), and the pairs are those of the features
 * they stand for.
 */
export function findStoryPairs(articles: readonly StoryCandidate[], options: StoryOptions = DEFAULT_STORY_OPTIONS, numbered?: { distinct: number }): RelatedPair[] {
  const byTime = articles.toSorted((x, y) => x.time - y.time || (x.id < y.id ? -1 : 1));
  const total = byTime.length;
  // Flat typed arrays, not a map of lists and objects: at archive scale (7 million feature
  // occurrences) making, reading and collecting those took most of the time.
  const times = new Float64Array(byTime.map((article) => article.time));
  const featureStart = new Int32Array(total + 1);
  for (let index = 0; index < total; index++) featureStart[index + 1] = featureStart[index] + byTime[index].features.length;
  // Each distinct feature gets a dense number; the articles' features become those numbers.
  const { featureOf, distinct } = numbered ? { featureOf: endToEnd(byTime, featureStart[total]), distinct: numbered.distinct } : denseNumbers(byTime, featureStart[total]);
  // Postings: for each feature, the positions (in time order) of the articles that have it.
  const postingStart = new Int32Array(distinct + 1);
  for (const id of featureOf) postingStart[id + 1]++;
  for (let id = 0; id < distinct; id++) postingStart[id + 1] += postingStart[id];
  const postings = new Int32Array(featureOf.length);
  const filled = postingStart.slice(0, distinct);
  for (let index = 0; index < total; index++) {
    for (let k = featureStart[index]; k < featureStart[index + 1]; k++) postings[filled[featureOf[k]]++] = index;
  }
  const weights = new Float64Array(distinct);
  for (let id = 0; id < distinct; id++) {
    // A number no article has (kept numberings may hold some) weighs nothing.
    const frequency = postingStart[id + 1] - postingStart[id];
    if (frequency === 0) continue;
    const idf = Math.log(1 + (total + BACKGROUND_DOCUMENTS) / frequency);
    weights[id] = idf * idf;
  }
  const norms = new Float64Array(total);
  for (let index = 0; index < total; index++) {
    let sum = 0;
    for (let k = featureStart[index]; k < featureStart[index + 1]; k++) sum += weights[featureOf[k]];
    norms[index] = Math.sqrt(sum);
  }
  const windowMs = options.windowDays * 86_400_000;
  const pairs: RelatedPair[] = [];
  // Scores of the later articles met so far, by position, and those positions in the order met.
  const dot = new Float64Array(total);
  const shared = new Uint32Array(total);
  const met: number[] = [];
  // Where each feature's postings reach the article at hand: articles are taken in the postings'
  // order, and each moves the cursor of every feature it has, counted or not.
  const reached = postingStart.slice(0, distinct);
  // The first article past each one's window: postings hold positions in time order, so a
  // position tells whether an article is inside the window without looking up its time.
  const windowEnd = new Int32Array(total);
  for (let index = 0, end = 0; index < total; index++) {
    while (end < total && times[end] - times[index] <= windowMs) end++;
    windowEnd[index] = end;
  }
  for (let index = 0; index < total; index++) {
    const limit = windowEnd[index];
    met.length = 0;
    for (let k = featureStart[index]; k < featureStart[index + 1]; k++) {
      const id = featureOf[k];
      const end = postingStart[id + 1];
      let p = reached[id]++;
      if (end - postingStart[id] > options.maxDocumentFrequency) continue;
      const w = weights[id];
      // Only later articles (each pair is scored once), and only inside the window.
      while (p < end && postings[p] <= index) p++;
      for (; p < end; p++) {
        const other = postings[p];
        if (other >= limit) break;
        if (shared[other] === 0) met.push(other);
        dot[other] += w;
        shared[other]++;
      }
    }
    for (const other of met) {
      const score = dot[other];
      const count = shared[other];
      dot[other] = 0;
      shared[other] = 0;
      if (count < options.minSharedFeatures) continue;
      const similarity = score / (norms[index] * norms[other] || 1);
      if (similarity >= options.minSimilarity) pairs.push({ a: byTime[index].id, b: byTime[other].id, similarity: Math.min(1, similarity) });
    }
  }
  return pairs;
}

/** The distinct features numbered 0, 1, 2… in order of first occurrence, and each article's features as those numbers, end to end (`count` in all). */
function denseNumbers(articles: readonly StoryCandidate[], count: number): { featureOf: Int32Array; distinct: number } {
  const numbers = new DenseNumbers();
  const featureOf = new Int32Array(count);
  let at = 0;
  for (const article of articles) for (const feature of article.features) featureOf[at++] = numbers.numberOf(feature);
  return { featureOf, distinct: numbers.size };
}

/** The articles' features, numbers already, end to end (`count` in all). */
function endToEnd(articles: readonly StoryCandidate[], count: number): Int32Array {
  const featureOf = new Int32Array(count);
  let at = 0;
  for (const article of articles) {
    featureOf.set(article.features, at);
    at += article.features.length;
  }
  return featureOf;
}

/** For each article, the others of its story, most similar first (at most `limit`). */
export function relatedById(pairs: readonly RelatedPair[], limit = 5): Map<string, { id: string; similarity: number }[]> {
  const related = new Map<string, { id: string; similarity: number }[]>();
  const add = (from: string, id: string, similarity: number) => {
    const list = related.get(from);
    if (list) list.push({ id, similarity });
    else related.set(from, [{ id, similarity }]);
  };
  for (const { a, b, similarity } of pairs) {
    add(a, b, similarity);
    add(b, a, similarity);
  }
  for (const [id, list] of related) {
    related.set(id, list.sort((x, y) => y.similarity - x.similarity || (x.id < y.id ? -1 : 1)).slice(0, limit));
  }
  return related;
}

/**
 * Stories as groups of article ids (two or more each): the connected groups of story pairs.
 * Pairs are joined strongest first, and a group stops growing at `maxSize`, so a chain of
 * loosely similar articles never becomes one giant story.
 */
export function groupStories(pairs: readonly RelatedPair[], maxSize = 12): string[][] {
  const parent = new Map<string, string>();
  const size = new Map<string, number>();
  const root = (id: string): string => {
    let node = id;
    while (parent.get(node) !== node) node = parent.get(node)!;
    return node;
  };
  for (const { a, b } of pairs) {
    for (const id of [a, b]) {
      if (!parent.has(id)) {
        parent.set(id, id);
        size.set(id, 1);
      }
    }
  }
  for (const { a, b } of pairs.toSorted((x, y) => y.similarity - x.similarity || (x.a + x.b < y.a + y.b ? -1 : 1))) {
    const ra = root(a);
    const rb = root(b);
    if (ra === rb || size.get(ra)! + size.get(rb)! > maxSize) continue;
    const [big, small] = size.get(ra)! >= size.get(rb)! ? [ra, rb] : [rb, ra];
    parent.set(small, big);
    size.set(big, size.get(big)! + size.get(small)!);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const r = root(id);
    const group = groups.get(r);
    if (group) group.push(id);
    else groups.set(r, [id]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

/** A story as the home page shows it. */
export interface Story {
  /** Newest first. */
  articleIds: string[];
  /** Names of the outlets that told it, in the order of its articles. */
  outletNames: string[];
  /** The newest capture time of the story. */
  latest: Date;
}

/**
 * Groups of article ids (from groupStories) as stories: each one's articles in the order of
 * `articles` (newest first), with its outlets and newest capture time; the newest story first.
 */
export function toStories(groups: readonly string[][], articles: readonly { id: string; data: { capturedAt: Date; outlet: { name: string } } }[]): Story[] {
  const position = new Map(articles.map((article, index) => [article.id, index]));
  return groups
    .map((ids) => {
      const sorted = ids.toSorted((a, b) => position.get(a)! - position.get(b)!);
      const members = sorted.map((id) => articles[position.get(id)!]);
      return { articleIds: sorted, outletNames: [...new Set(members.map((article) => article.data.outlet.name))], latest: members[0].data.capturedAt };
    })
    .sort((a, b) => b.latest.getTime() - a.latest.getTime());
}
