import assert from 'node:assert/strict';
import { copyFileSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { foldText, normalizeForSearch } from '../../src/lib/search-text.ts';
import { loadFixtureArticles, type LoadedArticle } from '../support/articles.ts';
import { recordFailedResponses, recordPolicyViolations } from '../support/browser.ts';
import { buildSite, listFiles, readText } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { goldenInput, listGoldenCases } from '../support/golden.ts';
import { servedInChromium } from '../support/served.ts';
import { serveStatic } from '../support/static-server.ts';
import { tempDir } from '../support/temp.ts';
import { plainTextOfHtml } from '../../src/lib/search-records.ts';
import { searchShards, type ShardList } from '../../src/lib/search-shards.ts';

/**
 * Search in Chromium over the samples and every fixture (several outlets, years and scripts,
 * English among them), served under /news/.
 */

const content = tempDir('news-search-content');
for (const [index, file] of listGoldenCases().map(goldenInput).entries()) copyFileSync(join(PROJECT_ROOT, file), join(content, `${String(index).padStart(3, '0')}.txt`));
// The whole body indexed (the default is its opening: see NEWS_SEARCH_CHARS), so that a word deep
// in it is found; shards of at most 6 articles, so that the fixtures' busy quarters are cut into
// months and thirds of months as an archive's are at 8,000, and the newest shard into pieces of a
// day (at least one article each) as an archive's is into pieces of about 1,000.
const SHARD_ARTICLES = 6;
const building = buildSite({ NEWS_CONTENT_DIR: content, SITE_URL: 'https://example.org', BASE_PATH: '/news/', NEWS_SEARCH_CHARS: '30000', NEWS_SEARCH_SHARD_ARTICLES: String(SHARD_ARTICLES) });
const articles = loadFixtureArticles();
const shardNames = searchShards(articles.map((article) => article.data.capturedAt), 'Asia/Shanghai', SHARD_ARTICLES);
const shardOf = (article: LoadedArticle) => shardNames[articles.indexOf(article)];
const textOf = (article: LoadedArticle) => plainTextOfHtml(article.html);

/** A two-character Han word found in one article only, past its opening, summary and title: proof of full-text search. */
function wordDeepInOneArticle(): { word: string; article: LoadedArticle } {
  const all = articles.map((article) => ({ article, text: foldText(`${article.data.title} ${textOf(article)}`) }));
  for (const { article, text } of all.filter(({ article }) => article.data.lang === 'zh-Hans').sort((a, b) => b.text.length - a.text.length)) {
    const body = textOf(article);
    const opening = foldText(`${article.data.title} ${article.data.summary} ${body.slice(0, body.length / 2)}`);
    const late = foldText(body.slice(Math.floor(body.length * 0.7)));
    for (let i = 0; i + 2 <= late.length; i++) {
      const word = late.slice(i, i + 2);
      if (!/^\p{Script=Han}{2}$/u.test(word) || opening.includes(word) || normalizeForSearch(word) !== word) continue;
      if (all.filter((other) => other.text.includes(word)).length === 1) return { word, article };
    }
  }
  throw new Error('no fixture has a word of its own deep in its body');
}

/** The shard list the search page carries (data-shards), and a way to change it in a copy of the site. */
const SHARD_LIST = /data-shards="([^"]*)"/;
const unescapeAttribute = (value: string) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
function readShardList(siteDir: string): ShardList {
  return JSON.parse(unescapeAttribute(SHARD_LIST.exec(readText(join(siteDir, 'search/index.html')))![1])) as ShardList;
}
function writeShardList(siteDir: string, list: ShardList): void {
  const path = join(siteDir, 'search/index.html');
  writeFileSync(path, readText(path).replace(SHARD_LIST, `data-shards="${JSON.stringify(list).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`));
}

describe('search in Chromium', () => {
  const site = servedInChromium(building, '/news/');

  /** Opens the search page (with an optional address query) and waits for its status line to settle. */
  async function openSearch(query = '', javaScript = true): Promise<{ page: Page; failed: string[]; refused: string[] }> {
    const context = await site.browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    const failed = recordFailedResponses(page, site.server.origin);
    const refused = recordPolicyViolations(page);
    page.on('dialog', (dialog) => {
      refused.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(`${site.server.url}search/${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    return { page, failed, refused };
  }

  async function settled(page: Page): Promise<string> {
    await page.waitForFunction(() => /找到|没有找到|出错|无法|请输入/.test(document.querySelector('.search-status')?.textContent ?? ''));
    return (await page.locator('.search-status').textContent())!;
  }

  async function resultTitles(page: Page): Promise<string[]> {
    return page.locator('.search-result h2 a').allTextContents();
  }

  async function typeQuery(page: Page, query: string): Promise<void> {
    await page.locator('#search-query').fill('');
    await page.locator('#search-query').pressSequentially(query, { delay: 20 });
    await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, query.trim());
    await settled(page);
  }

  it('writes one index shard per quarter of capture, or per month or third of a busy one, the newest in pieces, and the page names them newest first with their sizes and filter counts', () => {
    const { shards, sizes, filters } = readShardList(site.build.outDir);
    const expected = [...new Set(shardNames)].sort().reverse();
    assert.deepEqual(shards, expected);
    for (const shape of [/^\d{4}-Q\d$/, /^\d{4}-Q\d-\d\d$/, /^\d{4}-Q\d-\d\d-[123]$/]) assert.ok(shards.some((shard) => shape.test(shard)), `${shape} in ${shards}`);
    assert.deepEqual(sizes, expected.map((shard) => articles.filter((article) => shardOf(article) === shard).length));
    // The newest period (a quarter here) in pieces of whole days, newest first.
    const pieces = shards.filter((shard) => /^\d{4}-Q\d_\d{4}$/.test(shard));
    assert.ok(pieces.length >= 2 && shards.slice(0, pieces.length).every((shard) => pieces.includes(shard)), String(shards));
    // Only a third of a month is never cut again.
    assert.ok(sizes.every((size, index) => size <= SHARD_ARTICLES || /-\d\d-[123]$/.test(shards[index])), String(sizes));
    assert.equal(Object.values(filters.outlet).reduce((sum, count) => sum + count, 0), articles.length);
    assert.equal(filters.outlet['RFI 法广'], articles.filter((article) => article.data.outlet.name === 'RFI 法广').length);
    assert.deepEqual(Object.keys(filters.year).sort(), [...new Set(shardNames.map((shard) => shard.slice(0, 4)))].sort());
    assert.deepEqual(listFiles(join(site.build.outDir, 'pagefind')).filter((file) => !file.includes('/')), [], 'nothing but shard folders');
    for (const shard of shards) assert.ok(listFiles(join(site.build.outDir, 'pagefind', shard)).includes('pagefind-entry.json'), shard);
    // The newest shard's engine comes with the page.
    assert.match(readText(join(site.build.outDir, 'search/index.html')), new RegExp(`<link rel="modulepreload" href="/news/pagefind/${shards[0]}/pagefind.js">`));
  });

  it('fetches the newest shard’s engine and page list with the page, once each, and answers from them', async () => {
    const [newest] = readShardList(site.build.outDir).shards;
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    const warnings: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    page.on('console', (message) => {
      if (/preload/i.test(message.text())) warnings.push(message.text());
    });
    await page.goto(`${site.server.url}search/?q=${encodeURIComponent('斯托尔滕贝格')}`);
    await page.waitForSelector('.search-result');
    const shardFiles = requested.filter((path) => path.startsWith(`/news/pagefind/${newest}/`)).map((path) => path.slice(`/news/pagefind/${newest}/`.length));
    const pageList = shardFiles.find((file) => file.endsWith('.pf_meta'));
    assert.ok(pageList, shardFiles.join(' '));
    const head = await page.locator('head link[rel=preload]').evaluateAll((links) => links.map((link) => `${link.getAttribute('as')} ${link.getAttribute('crossorigin')} ${link.getAttribute('href')}`));
    assert.deepEqual(head.sort(), [`fetch anonymous /news/pagefind/${newest}/${pageList}`, `fetch anonymous /news/pagefind/${newest}/wasm.en.pagefind`]);
    for (const file of ['pagefind.js', 'wasm.en.pagefind', pageList]) assert.equal(shardFiles.filter((other) => other === file).length, 1, `${file} in ${shardFiles.join(' ')}`);
    // Asked for before the engine starts (it reads pagefind-entry.json first), and used, not fetched again.
    assert.ok(shardFiles.indexOf('wasm.en.pagefind') < shardFiles.indexOf('pagefind-entry.json'), shardFiles.join(' '));
    assert.ok(shardFiles.indexOf(pageList) < shardFiles.indexOf('pagefind-entry.json'), shardFiles.join(' '));
    assert.deepEqual(warnings, []);
    await context.close();
  });

  it('finds both samples by a name in them, as the reader types, and keeps the query in the address', async () => {
    const { page, failed, refused } = await openSearch();
    await typeQuery(page, '斯托尔滕贝格');
    const titles = await resultTitles(page);
    for (const seed of articles.filter((article) => article.file.startsWith('content/'))) assert.ok(titles.includes(seed.data.title), `${seed.data.title} not in ${titles}`);
    assert.match(await page.locator('.search-status').textContent() ?? '', /^找到 \d+ 篇文章$/);
    const first = page.locator('.search-result').first();
    assert.equal(await first.locator('mark').first().textContent(), '斯托尔滕贝格');
    assert.match(await first.locator('.meta').innerText(), /RFI 法广[\s\S]*2024-02-0[23] \d\d:\d\d \(UTC\+08:00\)/);
    // Every result links under the base, from the newest shard or from one merged into an older group's engine.
    const links = await page.locator('.search-result h2 a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2 && links.every((href) => /^\/news\/articles\/[0-9a-f]{16}\/$/.test(href ?? '')), links.join(' '));
    await page.screenshot({ path: join(PROJECT_ROOT, 'test-results/search.png') });
    assert.deepEqual([failed, refused], [[], []]);
    await page.context().close();
  });

  it('finds an article by a two-character word that only its body holds, deep down', async () => {
    const { word, article } = wordDeepInOneArticle();
    const { page } = await openSearch(word);
    assert.equal(await settled(page), '找到 1 篇文章', word);
    assert.deepEqual(await resultTitles(page), [article.data.title]);
    assert.equal(await page.locator('.search-snippet mark').first().textContent(), word);
    await page.context().close();
  });

  it('reads Traditional and Simplified as one: a word of a Traditional article found in Simplified, and the reverse', async () => {
    const traditional = articles.find((article) => article.data.lang === 'zh-Hant' && /[\p{Script=Han}]{2}/u.test(textOf(article)))!;
    const body = textOf(traditional);
    let word = '';
    for (let i = 0; i + 2 <= body.length && !word; i++) {
      const pair = body.slice(i, i + 2);
      if (/^\p{Script=Han}{2}$/u.test(pair) && foldText(pair) !== pair) word = pair;
    }
    assert.ok(word, 'the Traditional fixture has no word that folds');
    const { page } = await openSearch(foldText(word));
    await settled(page);
    assert.ok((await resultTitles(page)).includes(traditional.data.title), `${foldText(word)} (for ${word}) does not find ${traditional.data.title}`);
    await typeQuery(page, '美國');
    const simplified = articles.filter((article) => article.data.lang === 'zh-Hans' && textOf(article).includes('美国'));
    const titles = await resultTitles(page);
    assert.ok(simplified.some((article) => titles.includes(article.data.title)), String(titles));
    await page.context().close();
  });

  it('treats a transliteration variant as the same name: 川普 finds 特朗普', async () => {
    const { page } = await openSearch('川普');
    await settled(page);
    const titles = await resultTitles(page);
    const seeds = articles.filter((article) => article.file.startsWith('content/'));
    for (const seed of seeds) assert.ok(titles.includes(seed.data.title), seed.data.title);
    assert.equal(await page.locator('.search-result').first().locator('mark').first().textContent(), '特朗普');
    await page.context().close();
  });

  it('finds an English article by an English word, whatever its case', async () => {
    const english = articles.find((article) => article.file.includes('guardian-continue-reading'))!;
    const word = textOf(english).match(/\b[a-z]{7,}\b/)![0];
    const { page } = await openSearch(word.toUpperCase());
    await settled(page);
    assert.ok((await resultTitles(page)).includes(english.data.title), word);
    await page.context().close();
  });

  it('finds a word only where it is, not where a word it starts with is', async () => {
    // Neither is in any article, but each begins with an indexed word (bbc: an outlet's name).
    const word = `${textOf(articles.find((article) => article.file.includes('guardian-continue-reading'))!).match(/\b[a-z]{7,}\b/)![0]}qz`;
    assert.ok(!articles.some((article) => foldText(`${article.data.title} ${textOf(article)}`).includes(word)), word);
    for (const query of [word, 'bbcqz']) {
      const { page } = await openSearch(query);
      assert.match(await settled(page), /没有找到/, query);
      await page.context().close();
    }
  });

  it('requires every term, and pages, filters and sorts the results', async () => {
    const { page } = await openSearch('的');
    const status = await settled(page);
    const total = Number(/找到 (\d+) 篇/.exec(status)?.[1]);
    assert.ok(total > 10, status);
    assert.equal(await page.locator('.search-result').count(), 10);
    await page.locator('.search-more').click();
    await page.waitForFunction((n) => document.querySelectorAll('.search-result').length === n, Math.min(20, total));
    // Sorted newest first: the dates shown run backwards.
    await page.locator('select[name=sort]').selectOption('newest');
    await settled(page);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'newest');
    const dates = await page.locator('.search-result .meta span:nth-child(2)').allTextContents();
    assert.deepEqual(dates, dates.toSorted().reverse());
    // One outlet: every result is from it, and fewer than before.
    const outlet = await page.locator('select[name=outlet] option').nth(1).getAttribute('value');
    await page.locator('select[name=outlet]').selectOption(outlet!);
    const narrowed = await settled(page);
    const outlets = await page.locator('.search-result .meta span:nth-child(1)').allTextContents();
    assert.ok(outlets.length > 0 && outlets.every((name) => name === outlet), `${outlet}: ${outlets}`);
    assert.ok(Number(/找到 (\d+) 篇/.exec(narrowed)?.[1]) < total);
    // The filter is in the address: a reload searches with it at once.
    await page.reload();
    assert.equal(await settled(page), narrowed);
    assert.equal(await page.locator('select[name=outlet]').inputValue(), outlet);
    // One year: every result's date is in it.
    await page.locator('select[name=outlet]').selectOption('');
    const year = await page.locator('select[name=year] option').nth(1).getAttribute('value');
    await page.locator('select[name=year]').selectOption(year!);
    await settled(page);
    const years = await page.locator('.search-result .meta span:nth-child(2)').allTextContents();
    assert.ok(years.length > 0 && years.every((date) => date.startsWith(year!)), `${year}: ${years}`);
    // Two terms: only articles with both.
    await page.locator('select[name=year]').selectOption('');
    await typeQuery(page, '特朗普 北约');
    assert.equal((await resultTitles(page)).length, 2);
    await page.context().close();
  });

  it('keeps each search in the address: reload restores it, and the back button returns to the last one', async () => {
    const { page } = await openSearch();
    await typeQuery(page, '北约');
    const first = await resultTitles(page);
    await typeQuery(page, 'NATO');
    await page.reload();
    await settled(page);
    assert.equal(await page.locator('#search-query').inputValue(), 'NATO');
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === '北约');
    await settled(page);
    assert.equal(await page.locator('#search-query').inputValue(), '北约');
    assert.deepEqual(await resultTitles(page), first);
    await page.context().close();
  });

  it('puts the cursor in the search box on "/", and sends the header box to the search page', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.server.url}archive/`);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-search-query');
    await page.keyboard.type('北约');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/news\/search\/\?q=%E5%8C%97%E7%BA%A6$/);
    assert.match(await settled(page), /^找到 2 篇文章$/);
    await context.close();
  });

  it('says plainly without JavaScript that search needs it, and links the indexes', async () => {
    const { page } = await openSearch('北约', false);
    const notice = page.locator('.search-notice');
    assert.match(await notice.innerText(), /需要.*JavaScript/);
    assert.deepEqual(await notice.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname)), ['/news/archive/', '/news/topics/', '/news/sources/']);
    await page.goto(site.server.url);
    await page.locator('#site-search-query').fill('北约');
    await page.locator('.site-search button').click();
    await page.waitForURL(/\/news\/search\/\?q=/);
    await page.context().close();
  });

  it('on a large archive, shows the newest shards\' results first and adds the older ones when they arrive, for a typed query too', async () => {
    // The same site, its shard list saying every shard is large, with the older shards slow to come.
    const copy = tempDir('news-search-large');
    cpSync(site.build.outDir, copy, { recursive: true });
    const list = readShardList(copy);
    writeShardList(copy, { ...list, sizes: list.sizes.map(() => 6_000) });
    // The older shards' entry files and index chunks: what the first query and a typed one wait for.
    // The first query's are held back until its newest results have shown.
    const older = (pathname: string) => /\/pagefind\/[^/]+\/(pagefind-entry\.json|index\/)/.test(pathname) && !pathname.includes(`/pagefind/${list.shards[0]}/`);
    let releaseOlder!: () => void;
    const olderHeld = new Promise<void>((resolve) => (releaseOlder = resolve));
    const large = await serveStatic(copy, '/news/', (pathname) => (older(pathname) ? olderHeld : 0));
    const context = await site.browser.newContext();
    after(() => {
      releaseOlder();
      return Promise.all([context.close(), large.close()]);
    });
    const page = await context.newPage();
    // Every status the page shows, with the results on the page when it shows, from before its
    // first script runs: once the older shards can answer, a status may last less than a poll of
    // the page.
    await page.addInitScript(() => {
      const seen: { status: string; results: number }[] = ((window as unknown as { statuses: typeof seen }).statuses = []);
      new MutationObserver(() => {
        const status = document.querySelector('.search-status')?.textContent ?? '';
        if (status !== seen.at(-1)?.status) seen.push({ status, results: document.querySelectorAll('.search-result').length });
      }).observe(document, { childList: true, characterData: true, subtree: true });
    });
    const statuses = () => page.evaluate(() => (window as unknown as { statuses: { status: string; results: number }[] }).statuses);
    // The query's statuses that count articles: the newest shard's, then more as older shards answer, then the total.
    const counted = async (query: string) => {
      // Each older group answers on its own, through the browser's few connections to one host: slow on a busy machine.
      await page.waitForFunction((query) => /^找到 \d+ 篇文章$/.test(document.querySelector('.search-status')?.textContent ?? '') && new URLSearchParams(location.search).get('q') === query, query, { timeout: 60_000 });
      return (await statuses()).filter(({ status }) => /\d/.test(status));
    };
    const holding = (query: string) => articles.filter((article) => foldText(`${article.data.title} ${article.data.outlet.name} ${textOf(article)}`).includes(query));
    const inNewest = (query: string) => holding(query).filter((article) => shardOf(article) === list.shards[0]).length;

    // A word the newest shard's one article holds, and more than a page of older ones.
    await page.goto(`${large.url}search/?q=${encodeURIComponent('表示')}`);
    // The newest shard's results show with their count while no older shard can answer.
    const [early, final] = [inNewest('表示'), holding('表示').length];
    await page.waitForFunction(() => /^较新的文章中有 \d+ 篇/.test(document.querySelector('.search-status')?.textContent ?? ''), null, { timeout: 60_000 });
    assert.equal(await page.locator('.search-status').textContent(), `较新的文章中有 ${early} 篇，正在查找更早的文章…`);
    assert.equal(await page.locator('.search-result').count(), Math.min(10, early));
    releaseOlder();
    const first = await counted('表示');
    assert.deepEqual(first[0], { status: `较新的文章中有 ${early} 篇，正在查找更早的文章…`, results: Math.min(10, early) }, JSON.stringify(first));
    assert.equal(first.at(-1)!.status, `找到 ${final} 篇文章`);
    assert.ok(0 < early && early < final, `${early} early, ${final} in all`);
    // Results still open after the browser collects garbage: Pagefind frees a result's data
    // once the result object it returned is collected, so the page must keep those very objects.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(200);
    assert.ok(final > 10, `${final} results`);
    await page.locator('.search-more').click();
    await page.waitForFunction((count) => document.querySelectorAll('.search-result').length === count, Math.min(20, final));
    assert.equal(await page.locator('.search-status').textContent(), `找到 ${final} 篇文章`);
    // The next query, typed on the loaded page: again the newest shard answers first, though
    // every engine is loaded by now (and the older shards may need nothing more).
    await page.evaluate(() => (window as unknown as { statuses: unknown[] }).statuses.splice(0));
    await page.locator('#search-query').fill('中国');
    const typed = await counted('中国');
    assert.equal(typed[0].status, `较新的文章中有 ${inNewest('中国')} 篇，正在查找更早的文章…`, JSON.stringify(typed));
    // The index holds the outlet's name too (中国数字时代): the total counts the articles it names.
    assert.equal(typed.at(-1)!.status, `找到 ${holding('中国').length} 篇文章`);
    assert.ok(holding('中国').length > articles.filter((article) => foldText(`${article.data.title} ${textOf(article)}`).includes('中国')).length);
  });

  it('keeps its filters inside a phone\'s screen, however long an outlet\'s name', async () => {
    // The same site, its shard list naming an outlet with a long name, as a real archive's feeds may.
    const copy = tempDir('news-search-long-outlet');
    cpSync(site.build.outDir, copy, { recursive: true });
    const list = readShardList(copy);
    const longName = 'Notes From A Very Long Running Weblog About Robots And Other Things';
    writeShardList(copy, { ...list, filters: { ...list.filters, outlet: { ...list.filters.outlet, [longName]: 3 } } });
    const served = await serveStatic(copy, '/news/');
    const context = await site.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    after(() => Promise.all([context.close(), served.close()]));
    const page = await context.newPage();
    await page.goto(`${served.url}search/?q=${encodeURIComponent('美国')}`);
    await page.waitForFunction(() => /找到/.test(document.querySelector('.search-status')?.textContent ?? ''));
    assert.equal(await page.locator(`select[name=outlet] option`, { hasText: longName }).count(), 1);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `the page is ${scrollWidth} px wide on a ${clientWidth} px screen`);
    for (const box of await page.locator('.search-options select').evaluateAll((selects) => selects.map((select) => select.getBoundingClientRect().right))) {
      assert.ok(box <= clientWidth, `a filter ends at ${box} px on a ${clientWidth} px screen`);
    }
  });

  it('shows a hostile query as text and runs nothing', async () => {
    const query = '<img src=x onerror=alert(1)>';
    const { page, refused } = await openSearch(query);
    const status = await settled(page);
    assert.ok(status.includes(query), status);
    assert.equal(await page.locator('main img').count(), 0);
    assert.deepEqual(refused, []);
    await page.context().close();
  });
});

