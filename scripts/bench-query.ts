/**
 * Search query benchmark (not a test), run by scripts/bench.ts after a build:
 *   node scripts/bench-query.ts <built site folder> <query> [<query> …]
 * Serves the site on 127.0.0.1, opens /search/?q=<query> in Chromium for each query, and
 * prints the time from navigation to the first results on the page (on a large archive, the
 * newest shards' results) and to the results of every shard, with the bytes the browser had
 * downloaded by then (page, scripts, engine, page lists, index chunks, result fragments). Then
 * types one more query into the loaded page, which is what a reader does next. Last, the time to
 * first results as the page itself saw it (from the start of navigation to the first result in
 * the document), the median over several fresh openings of every query: the figure to compare
 * with a budget, without the browser's start or the driver's polling.
 */
import { launchBrowser } from '../tests/support/browser.ts';
import { serveStatic } from '../tests/support/static-server.ts';

const [siteDir, ...queries] = process.argv.slice(2);
if (!siteDir || !queries.length) throw new Error('usage: node scripts/bench-query.ts <built site folder> <query> [<query> …]');

const server = await serveStatic(siteDir);
const browser = await launchBrowser();
const settled = /找到|没有找到/;
/** A status that ends a query without results: reported, not waited out. */
const failed = /出错|无法/;
try {
  for (const query of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    let bytes = 0;
    let requests = 0;
    page.on('response', (response) => {
      requests++;
      void response.body().then((body) => (bytes += body.length), () => {});
    });
    const started = performance.now();
    await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
    // First results: the newest shards' (or the answer that there are none), then every shard's.
    await page.waitForFunction((pattern) => document.querySelector('.search-result') !== null || new RegExp(pattern).test(document.querySelector('.search-status')?.textContent ?? ''), `${settled.source}|${failed.source}`, { timeout: 60_000 });
    const early = await page.locator('.search-status').textContent();
    if (failed.test(early ?? '')) throw new Error(`query ${JSON.stringify(query)}: ${early}`);
    const firstResults = performance.now() - started;
    const firstBytes = bytes;
    await page.waitForFunction((pattern) => new RegExp(pattern).test(document.querySelector('.search-status')?.textContent ?? ''), settled.source, { timeout: 60_000 });
    const allResults = performance.now() - started;
    const status = await page.locator('.search-status').textContent();
    await page.waitForTimeout(100);
    const allBytes = bytes;
    // The next query on the loaded page: the engine and shard lists are there already.
    const next = `${query} ${queries.find((other) => other !== query) ?? ''}`.trim();
    const typed = performance.now();
    await page.locator('#search-query').fill(next);
    await page.locator('#search-query').press('Enter');
    // Its first results: the newest group's (a count in the status line), then every group's.
    await page.waitForFunction(([pattern, q]) => new URLSearchParams(location.search).get('q') === q && new RegExp(pattern).test(document.querySelector('.search-status')?.textContent ?? ''), [`${settled.source}|较新的文章中有`, next] as const, { timeout: 60_000 });
    const nextFirstMs = performance.now() - typed;
    await page.waitForFunction(([pattern, q]) => new URLSearchParams(location.search).get('q') === q && new RegExp(pattern).test(document.querySelector('.search-status')?.textContent ?? ''), [settled.source, next] as const, { timeout: 60_000 });
    const nextMs = performance.now() - typed;
    console.log(
      `query: ${JSON.stringify(query)}: ${status}; first results ${firstResults.toFixed(0)} ms from navigation, ${(firstBytes / 1024).toFixed(0)} KB; ` +
        `all shards ${allResults.toFixed(0)} ms, ${(allBytes / 1024).toFixed(0)} KB in ${requests} requests; ` +
        `next query ${JSON.stringify(next)} first results ${nextFirstMs.toFixed(0)} ms, all ${nextMs.toFixed(0)} ms, ${((bytes - allBytes) / 1024).toFixed(0)} KB more`,
    );
    await context.close();
  }
  const rounds = 5;
  const seen: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // The first result in the document, or the answer that there is none.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.querySelector('.search-result') && !/没有找到/.test(document.querySelector('.search-status')?.textContent ?? '')) return;
          (window as unknown as { firstResults: number }).firstResults = performance.now();
          observer.disconnect();
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await page.goto(`${server.url}search/?q=${encodeURIComponent(query)}`);
      await page.waitForFunction(() => (window as unknown as { firstResults?: number }).firstResults !== undefined, null, { timeout: 60_000 });
      seen.push(await page.evaluate(() => (window as unknown as { firstResults: number }).firstResults));
      await context.close();
    }
  }
  const sorted = seen.toSorted((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))].toFixed(0);
  console.log(`query: first results as the page saw them, ${seen.length} openings of ${queries.length} queries: median ${at(0.5)} ms, fastest ${at(0)} ms, 90th percentile ${at(0.9)} ms`);
} finally {
  await browser.close();
  await server.close();
}
