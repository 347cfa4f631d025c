import { shardGroups, type ShardList } from '../lib/search-shards.ts';
import { pagefindQuery, queryTerms, snippet } from '../lib/search-text.ts';

/**
 * The search page: reads the query from the address (?q=, and the filters), searches the
 * Pagefind shards (quarters of capture, or parts of busy ones) merged in the browser, and shows
 * results as the reader types.
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
/** Shards (periods of capture, newest first) that answer a query together. */
interface ShardGroup {
  shards: string[];
  engine?: Promise<Pagefind>;
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

/**
 * Articles in a group of shards (src/lib/search-shards.ts). The newest shard answers first, alone
 * and on the page itself (see openGroup), so that its answer comes soon after the page: each shard
 * merged into it would add its page list and index to decode before that answer.
 */
const GROUP_ARTICLES = 10_000;
const FIRST_GROUP_ARTICLES = 0;

let groups: Promise<ShardGroup[]> | undefined;
let shown: PagefindResult[] = [];
let rendered = 0;
let generation = 0;

/** The shard list (written into the page), in groups newest first; the newest group starts at once. */
function loadGroups(): Promise<ShardGroup[]> {
  groups ??= (async () => {
    if (!form.dataset.shards) throw new Error('this site was built without its search index');
    const list = JSON.parse(form.dataset.shards) as ShardList;
    if (!list.shards.length) throw new Error('the search index is empty');
    const loaded = shardGroups(list.sizes, GROUP_ARTICLES, FIRST_GROUP_ARTICLES).map((indexes) => ({ shards: indexes.map((i) => list.shards[i]) }));
    // The engine starts loading first; the filter choices are filled while it loads.
    const first = openGroup(loaded[0], true);
    fillFilters(list.filters);
    await first;
    return loaded;
  })();
  return groups;
}

/**
 * A group's engine: Pagefind loaded from the folder of the group's newest shard, the others
 * merged into it. Pagefind asks every merged shard for every query and waits for each, so a
 * query asks the newest group first. Each group imports the engine from its own address, which
 * gives it a module and a worker of its own: two engines in one module share one WebAssembly
 * memory and corrupt each other.
 */
function openGroup(group: ShardGroup, newest = false): Promise<Pagefind> {
  group.engine ??= (async () => {
    const [primary, ...others] = group.shards;
    const pagefind = (await import(/* @vite-ignore */ `${root}${primary}/pagefind.js`)) as Pagefind;
    // The newest group is small and runs on the page itself: no worker to start before the first
    // answer, and the engine and page list that the page preloads (src/pages/search) are the
    // page's own fetches, which a worker could not reuse. Older groups are large: their
    // decoding stays off the page, in a worker.
    await pagefind.options({ basePath: `${root}${primary}/`, baseUrl: '/', noWorker: newest });
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
    // A shard's entry files load together with the others'; one after another would add up round trips.
    // Each merged shard's records hold the whole path (base included), as the primary's do: without
    // its own baseUrl, Pagefind would put the base in front of them again.
    await Promise.all(others.map((shard) => pagefind.mergeIndex(`${root}${shard}/`, { language: 'en', baseUrl: '/' })));
    return pagefind;
  })();
  return group.engine;
}

/** The outlet and year choices, with the number of articles of each (from the shard list, written at build time). */
function fillFilters(filters: ShardList['filters']): void {
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

/** Articles that match every term, as Pagefind ranks them or, with `sort`, in date order. */
async function matchEvery(pagefind: Pagefind, terms: string[][], options: Record<string, unknown>): Promise<PagefindResult[]> {
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
  // The results themselves are kept (their score summed in place), never copied: Pagefind frees a
  // result's data in its worker once the result object is collected, and a copy's data() is then null.
  const matches = perTerm[0].filter((result) => scores.has(result.id));
  for (const result of matches) result.score = scores.get(result.id)!;
  return matches;
}

/** A group's articles that match every term, best first or newest first. */
async function askGroup(group: ShardGroup, terms: string[][]): Promise<PagefindResult[]> {
  const pagefind = await openGroup(group);
  const filters: Record<string, string> = {};
  if (outletSelect.value) filters.outlet = outletSelect.value;
  if (yearSelect.value) filters.year = yearSelect.value;
  if (sortSelect.value !== 'newest') return matchEvery(pagefind, terms, { filters });
  // Merged shards come back ordered by score, not by date: each shard (a period) is asked on
  // its own, newest first, and keeps its own date order. The index files load once for all.
  const matches: PagefindResult[] = [];
  for (const shard of group.shards) {
    if (yearSelect.value && !shard.startsWith(`${yearSelect.value}-`)) continue;
    matches.push(...(await matchEvery(pagefind, terms, { filters: { ...filters, shard }, sort: { date: 'desc' } })));
  }
  return matches;
}

async function resultItems(results: PagefindResult[], query: string): Promise<HTMLLIElement[]> {
  const items = await Promise.all(results.map((result) => result.data()));
  return items.map(({ url, meta }) => {
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
    return item;
  });
}

/** The next page of results, below those shown. */
async function renderMore(query: string, run: number): Promise<void> {
  const next = shown.slice(rendered, rendered + pageSize);
  rendered += next.length;
  const items = await resultItems(next, query);
  if (run !== generation) return;
  list.append(...items);
  more.hidden = rendered >= shown.length;
}

/** As many results as are shown (at least a page), in their new order, replaced at once. */
async function renderAgain(query: string, run: number): Promise<void> {
  const count = Math.max(rendered, pageSize);
  const items = await resultItems(shown.slice(0, count), query);
  if (run !== generation) return;
  rendered = items.length;
  list.replaceChildren(...items);
  more.hidden = rendered >= shown.length;
}

/**
 * Asks the shards newest first, a group at a time (src/lib/search-shards.ts): the first group's
 * results show at once, the older groups' join them as they answer. Best match is ranked again
 * when every shard has answered; newest first only grows, each shard in its own date order.
 */
async function search(query: string): Promise<void> {
  const run = ++generation;
  list.replaceChildren();
  more.hidden = true;
  shown = [];
  rendered = 0;
  const terms = queryTerms(query);
  if (!terms.length) {
    status.textContent = query.trim() ? '请输入字词。' : '';
    return;
  }
  status.textContent = '正在搜索…';
  try {
    const asked = (await loadGroups()).filter((group) => !yearSelect.value || group.shards.some((shard) => shard.startsWith(`${yearSelect.value}-`)));
    const newest = sortSelect.value === 'newest';
    const found: PagefindResult[] = [];
    // The newest group is asked alone, and its results shown, before anything else loads; then
    // every older group is asked at once, their answers taken in order.
    const ask = (group: ShardGroup) => {
      const answer = askGroup(group, terms);
      answer.catch(() => {}); // awaited below, unless a newer query has taken over
      return answer;
    };
    const answers = asked.slice(0, 1).map(ask);
    for (const step of asked.keys()) {
      const answer = await answers[step];
      if (run !== generation) return;
      found.push(...answer);
      const last = step === asked.length - 1;
      // Best match keeps the first group's order until every shard has answered, so that the
      // list does not move under the reader more than once.
      if (newest || step === 0 || last) shown = newest ? [...found] : found.toSorted((a, b) => b.score - a.score);
      if (step === 0) await renderMore(query, run);
      else if (last && !newest) await renderAgain(query, run);
      else if (rendered < pageSize) await renderMore(query, run);
      else more.hidden = rendered >= shown.length;
      if (run !== generation) return;
      if (step === 0) answers.push(...asked.slice(1).map(ask));
      // The count comes last: when it shows, the results it counts are on the page.
      if (!last) status.textContent = `较新的文章中有 ${found.length} 篇，正在查找更早的文章…`;
      else status.textContent = found.length ? `找到 ${found.length} 篇文章` : `没有找到包含“${query.trim()}”的文章`;
    }
    if (!asked.length) status.textContent = `没有找到包含“${query.trim()}”的文章`;
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
void loadGroups().catch((error: Error) => {
  status.textContent = `搜索无法启动：${error.message}`;
});
restore();
