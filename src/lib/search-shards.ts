import { dayKey } from './dates.ts';

/**
 * The order in which the search page asks the index shards (periods of capture, newest first).
 * Every shard costs its page list and engine start before it answers, so the first group is the
 * newest shards up to `firstLimit` articles (by default `limit`): their results show while the
 * older groups, each up to `limit` articles, are still loading.
 */
export function shardGroups(sizes: readonly number[], limit: number, firstLimit = limit): number[][] {
  const groups: number[][] = [];
  let articles = 0;
  for (const [index, size] of sizes.entries()) {
    const group = groups.at(-1);
    if (group && articles + size <= (groups.length === 1 ? firstLimit : limit)) {
      group.push(index);
      articles += size;
    } else {
      groups.push([index]);
      articles = size;
    }
  }
  return groups;
}

export interface ShardList {
  /** Shard names, newest first (2024-Q1, or 2024-Q1-02 for a busy quarter's month): pagefind/<shard>/ holds each one's index. */
  shards: string[];
  /** Articles in each shard, in the same order. */
  sizes: number[];
  /** The filter choices with their article counts: the page shows them without asking every shard. */
  filters: { outlet: Record<string, number>; year: Record<string, number> };
}

/**
 * The shards of the search index and what the search page needs to know of them before it
 * loads any: written into the page, so that it starts the newest shard's engine at once.
 */
export function searchShardList(articles: Iterable<{ capturedAt: Date; outletName: string }>, timeZone: string, limit = SHARD_ARTICLES): ShardList {
  const all = [...articles];
  const names = searchShards(all.map((article) => article.capturedAt), timeZone, limit);
  const filters: ShardList['filters'] = { outlet: {}, year: {} };
  for (const [index, { outletName }] of all.entries()) {
    filters.outlet[outletName] = (filters.outlet[outletName] ?? 0) + 1;
    filters.year[names[index].slice(0, 4)] = (filters.year[names[index].slice(0, 4)] ?? 0) + 1;
  }
  const sizes = countOf(names);
  const shards = [...sizes.keys()].sort().reverse();
  return { shards, sizes: shards.map((shard) => sizes.get(shard)!), filters };
}

/**
 * Most articles a search shard holds, by default. A shard is indexed in memory as a whole and
 * indexed again whole when one of its articles changes (about 1.2 ms an article), so its size
 * bounds what an edit costs a rebuild; the browser asks every shard for every query, so many
 * small shards cost each query more requests. 8,000 keeps a quarter of up to about 90 articles a
 * day whole, and cuts a busier quarter into months, or a busier month into thirds. The newest
 * shard is cut further, into pieces of about 1,000 (see searchShards): a day's captures re-index
 * one piece, not up to 8,000 articles.
 */
export const SHARD_ARTICLES = 8_000;

/**
 * Each article's index shard, in the order given: its quarter of capture in the site's zone
 * (2024-Q1); a quarter of more than `limit` articles is cut into its months (2024-Q1-02), and a
 * month of more than `limit` into days 1-10, 11-20 and the rest (2024-Q1-02-3). The names sort
 * by time, and a name's year is its first four characters. A shard's name depends on the
 * others only through its quarter's and month's counts, so an added day moves no other quarter.
 *
 * The newest shard is the one each day's captures change, and a changed shard is indexed again
 * whole: when it holds more than `pieceLimit` articles it is cut into pieces of whole days, each
 * closed once it holds `pieceLimit` articles or more, counted from its first day and named by it
 * (2024-Q1_0101, 2024-Q1_0104…). A new day then changes only the last piece. Once a newer period
 * begins, the pieces become one shard again (indexed once more, whole).
 */
export function searchShards(capturedAts: readonly Date[], timeZone: string, limit = SHARD_ARTICLES, pieceLimit = pieceArticles(limit)): string[] {
  const dayKeys = capturedAts.map((capturedAt) => dayKey(capturedAt, timeZone));
  const days = dayKeys.map((key) => key.split('-').map(Number));
  let names = days.map(([year, month]) => `${year}-Q${Math.ceil(month / 3)}`);
  const finer = [
    (name: string, [, month]: number[]) => `${name}-${String(month).padStart(2, '0')}`,
    (name: string, [, , day]: number[]) => `${name}-${Math.min(3, Math.ceil(day / 10))}`,
  ];
  for (const cut of finer) {
    const counts = countOf(names);
    names = names.map((name, index) => (counts.get(name)! > limit ? cut(name, days[index]) : name));
  }
  const newest = names.reduce((max, name) => (name > max ? name : max), '');
  const inNewest = names.flatMap((name, index) => (name === newest ? [dayKeys[index]] : []));
  if (inNewest.length <= pieceLimit) return names;
  const pieceOfDay = new Map<string, string>();
  let piece = '';
  let held = 0;
  for (const [day, count] of [...countOf(inNewest)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!piece || held >= pieceLimit) {
      piece = `${newest}_${day.slice(5, 7)}${day.slice(8, 10)}`;
      held = 0;
    }
    pieceOfDay.set(day, piece);
    held += count;
  }
  return names.map((name, index) => (name === newest ? pieceOfDay.get(dayKeys[index])! : name));
}

/** Articles in a piece of the newest shard, by default: an eighth of a shard's. */
function pieceArticles(limit: number): number {
  return Math.max(1, Math.ceil(limit / 8));
}

function countOf(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** Pagefind's WebAssembly for the index language (every record is marked English: search-text.ts splits the words). */
export const SEARCH_ENGINE_FILE = 'wasm.en.pagefind';

/**
 * The search page with a preload of the newest shard's page list (its name carries a digest
 * known only once the shard is indexed), so that it downloads with the page instead of after the
 * engine has started. A preload from an earlier build is replaced, never repeated.
 */
export function withPageListPreload(html: string, href: string): string {
  const link = `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href}">`;
  const without = html.replace(/<link rel="preload" as="fetch" crossorigin="anonymous" href="[^"]*\.pf_meta">/g, '');
  if (!without.includes('</head>')) throw new Error('the search page has no head to add its page list preload to');
  return without.replace('</head>', `${link}</head>`);
}

/** The page list file a shard's pagefind-entry.json names, for its one language. */
export function pageListFile(entry: { languages: Record<string, { hash: string }> }): string {
  const languages = Object.values(entry.languages);
  if (languages.length !== 1) throw new Error(`a search shard should hold one language, and holds ${languages.length}`);
  return `pagefind.${languages[0].hash}.pf_meta`;
}
