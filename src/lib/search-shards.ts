import { dayKey } from './dates.ts';

/**
 * The order in which the search page asks the index shards (quarters of capture, newest first).
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
  /** Quarters of capture, newest first (2024-Q1): pagefind/<shard>/ holds each one's index. */
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
export function searchShardList(articles: Iterable<{ capturedAt: Date; outletName: string }>, timeZone: string): ShardList {
  const sizes = new Map<string, number>();
  const filters: ShardList['filters'] = { outlet: {}, year: {} };
  for (const { capturedAt, outletName } of articles) {
    const shard = searchShard(capturedAt, timeZone);
    sizes.set(shard, (sizes.get(shard) ?? 0) + 1);
    filters.outlet[outletName] = (filters.outlet[outletName] ?? 0) + 1;
    filters.year[shard.slice(0, 4)] = (filters.year[shard.slice(0, 4)] ?? 0) + 1;
  }
  const shards = [...sizes.keys()].sort().reverse();
  return { shards, sizes: shards.map((shard) => sizes.get(shard)!), filters };
}

/**
 * The index shard an article belongs to: its quarter of capture in the site's zone (2024-Q1).
 * A shard is indexed in memory as a whole and rebuilt when one of its articles changes; the
 * browser merges all shards and asks each for every query. A quarter keeps the first two small
 * at archive scale while keeping the shards few.
 */
export function searchShard(capturedAt: Date, timeZone: string): string {
  const [year, month] = dayKey(capturedAt, timeZone).split('-');
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
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
