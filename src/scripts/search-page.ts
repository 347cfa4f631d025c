import { pagefindQuery, queryTerms, snippet } from '../lib/search-text.ts';

/**
 * The search page: reads the query from the address (?q=, and the filters), searches the
 * quarterly Pagefind shards merged in the browser, and shows results as the reader types.
 * Queries are split and folded by src/lib/search-text.ts, the same code that built the index.
 * Everything shown is set as text, never parsed as markup.
 */

interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<{ url: string; meta: Record<string, string> }>;
}
interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  search(query: string, options?: Record<string, unknown>): Promise<{ results: PagefindResult[] } | null>;
}

const form = document.querySelector<HTMLFormElement>('form.search-form')!;
const input = form.querySelector<HTMLInputElement>('#search-query')!;
const outletSelect = form.querySelector<HTMLSelectElement>('select[name=outlet]')!;
const yearSelect = form.querySelector<HTMLSelectElement>('select[name=year]')!;
const sortSelect = form.querySelector<HTMLSelectElement>('select[name=sort]')!;
const status = document.querySelector<HTMLElement>('.search-status')!;
const list = document.querySelector<HTMLOListElement>('.search-results')!;
const more = document.querySelector<HTMLButtonElement>('.search-more')!;
const root = form.dataset.searchRoot!;
const pageSize = Number(form.dataset.pageSize) || 10;
const DEBOUNCE_MS = 250;

let engine: Promise<Pagefind> | undefined;
let shown: PagefindResult[] = [];
let rendered = 0;
let generation = 0;

/**
 * Articles in the newest shards that are searched before the first results show. Every shard
 * costs its page list before it can answer (about 8 bytes an article), so on a large archive
 * the newest shards answer first and the older ones join while the reader reads.
 */
const FIRST_ARTICLES = 10_000;

/** Merges the older shards (once), after the first results: settled when every shard can answer. */
let mergeOlderShards: () => Promise<void> = () => Promise.resolve();
/** Shards that answer queries now. */
let mergedShards: string[] = [];
let allMerged = false;

function loadEngine(): Promise<Pagefind> {
  engine ??= (async () => {
    const response = await fetch(`${root}shards.json`);
    if (!response.ok) throw new Error(`the search index is missing (${response.status})`);
    const { shards, sizes, filters } = (await response.json()) as { shards: string[]; sizes: number[]; filters: Record<string, Record<string, number>> };
    if (!shards.length) throw new Error('the search index is empty');
    const pagefind = (await import(/* @vite-ignore */ `${root}${shards[0]}/pagefind.js`)) as Pagefind;
    await pagefind.options({ basePath: `${root}${shards[0]}/`, baseUrl: '/' });
    // Pagefind takes the query's language from <html lang> when it starts, and would split a
    // Chinese query with the browser's own word segmenter. The index holds words already split
    // by search-text.ts and marked English, so it must start as English: the page's language is
    // set aside for that one synchronous step.
    const html = document.documentElement;
    const pageLanguage = html.lang;
    html.lang = 'en';
    const started = pagefind.init();
    html.lang = pageLanguage;
    await started;
    let first = 1;
    for (let articles = sizes[0] ?? 0; first < shards.length && articles + (sizes[first] ?? 0) <= FIRST_ARTICLES; first++) articles += sizes[first] ?? 0;
    // A shard's entry files load together with the others'; one after another would add up round trips.
    const merge = (names: string[]) => Promise.all(names.map((shard) => pagefind.mergeIndex(`${root}${shard}/`, { language: 'en' }))).then(() => void mergedShards.push(...names));
    mergedShards = [shards[0]];
    await merge(shards.slice(1, first));
    // Pagefind asks every merged shard for every query, waiting for each to load: the older
    // shards are merged only once the first results are on the page (see mergeOlderShards).
    const older = shards.slice(first);
    allMerged = older.length === 0;
    let merging: Promise<void> | undefined;
    mergeOlderShards = () => {
      merging ??= merge(older).then(() => {
        allMerged = true;
      });
      return merging;
    };
    fillFilters(filters);
    return pagefind;
  })();
  return engine;
}

/** The outlet and year choices, with the number of articles of each (from the shard list, written at build time). */
function fillFilters(filters: Record<string, Record<string, number>>): void {
  const state = new URLSearchParams(location.search);
  const fill = (select: HTMLSelectElement, counts: Record<string, number> = {}, order: (a: string, b: string) => number) => {
    for (const value of Object.keys(counts).sort(order)) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = `${value}（${counts[value]}）`;
      select.append(option);
    }
  };
  fill(outletSelect, filters.outlet, (a, b) => (filters.outlet[b] ?? 0) - (filters.outlet[a] ?? 0) || a.localeCompare(b));
  fill(yearSelect, filters.year, (a, b) => b.localeCompare(a));
  outletSelect.value = state.get('outlet') ?? '';
  yearSelect.value = state.get('year') ?? '';
  form.querySelector<HTMLElement>('.search-options')!.hidden = false;
}

/** Articles that match every term, as Pagefind ranks them or, with `sort`, each shard's in date order. */
async function matchEvery(pagefind: Pagefind, terms: string[][], options: Record<string, unknown>): Promise<{ results: PagefindResult[]; scores: Map<string, number> }> {
  const perTerm = await Promise.all(terms.map(async (words) => (await pagefind.search(pagefindQuery(words), options))?.results ?? []));
  // Pagefind leaves out a term that a merged index has never seen, so "every term" is checked here.
  const scores = new Map<string, number>(perTerm[0].map((result) => [result.id, result.score]));
  for (const results of perTerm.slice(1)) {
    const found = new Map(results.map((result) => [result.id, result.score]));
    for (const [id, score] of scores) {
      if (found.has(id)) scores.set(id, score + found.get(id)!);
      else scores.delete(id);
    }
  }
  return { results: perTerm[0].filter((result) => scores.has(result.id)), scores };
}

/** Articles that match every term of the query, best first or newest first. */
async function find(pagefind: Pagefind, query: string): Promise<PagefindResult[]> {
  const terms = queryTerms(query);
  if (!terms.length) return [];
  const filters: Record<string, string> = {};
  if (outletSelect.value) filters.outlet = outletSelect.value;
  if (yearSelect.value) filters.year = yearSelect.value;
  if (sortSelect.value !== 'newest') {
    const { results, scores } = await matchEvery(pagefind, terms, { filters });
    return results.sort((a, b) => scores.get(b.id)! - scores.get(a.id)!);
  }
  // Merged shards come back ordered by score, not by date: each shard (a quarter) is asked on
  // its own, newest first, and keeps its own date order. The index files load once for all.
  const matches: PagefindResult[] = [];
  for (const shard of mergedShards.toSorted().reverse()) {
    if (yearSelect.value && !shard.startsWith(yearSelect.value)) continue;
    matches.push(...(await matchEvery(pagefind, terms, { filters: { ...filters, shard }, sort: { date: 'desc' } })).results);
  }
  return matches;
}

async function renderMore(query: string, run: number): Promise<void> {
  const next = shown.slice(rendered, rendered + pageSize);
  rendered += next.length;
  const items = await Promise.all(next.map((result) => result.data()));
  if (run !== generation) return;
  for (const { url, meta } of items) {
    const item = document.createElement('li');
    item.className = 'search-result';
    const heading = document.createElement('h2');
    const link = document.createElement('a');
    link.href = url;
    link.textContent = meta.title;
    heading.append(link);
    const details = document.createElement('p');
    details.className = 'meta';
    const outlet = document.createElement('span');
    outlet.textContent = meta.outlet;
    const date = document.createElement('span');
    date.textContent = meta.date;
    details.append(outlet, date);
    const passage = document.createElement('p');
    passage.className = 'search-snippet';
    for (const part of snippet(meta.text ?? '', query)) {
      if (part.marked) {
        const mark = document.createElement('mark');
        mark.textContent = part.text;
        passage.append(mark);
      } else passage.append(part.text);
    }
    item.append(heading, details, passage);
    list.append(item);
  }
  more.hidden = rendered >= shown.length;
}

async function search(query: string): Promise<void> {
  const run = ++generation;
  list.replaceChildren();
  more.hidden = true;
  shown = [];
  rendered = 0;
  if (!queryTerms(query).length) {
    status.textContent = query.trim() ? '请输入字词。' : '';
    return;
  }
  status.textContent = '正在搜索…';
  try {
    const pagefind = await loadEngine();
    const results = await find(pagefind, query);
    if (run !== generation) return;
    shown = results;
    const complete = allMerged;
    await renderMore(query, run);
    if (run !== generation) return;
    if (!complete) {
      // Older shards are still on their way: show what the newer ones hold, then search again.
      status.textContent = `较新的文章中有 ${results.length} 篇，正在查找更早的文章…`;
      await mergeOlderShards();
      if (run === generation) void search(query);
      return;
    }
    // The count comes last: when it shows, the first results are on the page.
    status.textContent = results.length ? `找到 ${results.length} 篇文章` : `没有找到包含“${query.trim()}”的文章`;
  } catch (error) {
    if (run === generation) status.textContent = `搜索出错：${(error as Error).message}`;
  }
}

/** The search as an address: what the reader can link, bookmark, reload and go back to. */
function stateUrl(): string {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set('q', input.value.trim());
  if (outletSelect.value) params.set('outlet', outletSelect.value);
  if (yearSelect.value) params.set('year', yearSelect.value);
  if (sortSelect.value) params.set('sort', sortSelect.value);
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ''}`;
}

function commit(): void {
  const url = stateUrl();
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
  void search(input.value);
}

function restore(): void {
  const state = new URLSearchParams(location.search);
  input.value = state.get('q') ?? '';
  sortSelect.value = state.get('sort') === 'newest' ? 'newest' : '';
  if (outletSelect.options.length > 1) outletSelect.value = state.get('outlet') ?? '';
  if (yearSelect.options.length > 1) yearSelect.value = state.get('year') ?? '';
  void search(input.value);
}

let typing: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(commit, DEBOUNCE_MS);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  commit();
});
for (const select of [outletSelect, yearSelect, sortSelect]) select.addEventListener('change', commit);
more.addEventListener('click', () => void renderMore(input.value, generation));
window.addEventListener('popstate', restore);

// The engine and the filter choices (set from the address) load at once, before the first
// search reads them, so that the first keystroke does not wait for them either.
void loadEngine().catch((error: Error) => {
  status.textContent = `搜索无法启动：${error.message}`;
});
restore();
