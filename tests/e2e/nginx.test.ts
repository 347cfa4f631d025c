import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import { HOST_HEADERS, IMMUTABLE_CACHE, toHeadersFile } from '../../src/lib/security-policy.ts';
import { launchBrowser, recordFailedResponses, recordPolicyViolations } from '../support/browser.ts';
import { readText, sharedBuild, type BuildResult } from '../support/build.ts';
import { SHIPPED_CONFIG, startNginx, type NginxServer } from '../support/nginx.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';

/**
 * The sample build under /news/ served by nginx with the project's deploy/nginx/news-site.conf:
 * every internal link works through it, misses get the site's 404 page with status 404, feeds are
 * XML in UTF-8, `_astro/` assets are cached for a year and nothing else is, text is compressed,
 * and every response carries the security headers, which a browser then enforces.
 */

const BASE = '/news/';

interface Fetched {
  path: string;
  status: number;
  headers: Headers;
}

/** Every URL reachable from the home page by the site's own links, fetched through the server: a few at a time, each once. */
async function crawl(origin: string): Promise<Map<string, Fetched>> {
  const seen = new Map<string, Fetched>();
  const queue = [BASE];
  const queued = new Set(queue);
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const response = await fetch(`${origin}${path}`, { redirect: 'manual' });
      seen.set(path, { path, status: response.status, headers: response.headers });
      const body = await response.text();
      if (!response.headers.get('content-type')?.startsWith('text/html')) continue;
      const $ = load(body);
      $('a[href], link[href], script[src], img[src], source[src], form[action]').each((_, el) => {
        const target = new URL($(el).attr('href') ?? $(el).attr('src') ?? $(el).attr('action')!, `${origin}${path}`);
        if (target.origin !== origin) return;
        const next = target.pathname + target.search;
        if (!queued.has(next)) {
          queued.add(next);
          queue.push(next);
        }
      });
    }
  };
  // Workers take from one queue; one that finds it empty while others still read pages looks again.
  while (queue.length) await Promise.all(Array.from({ length: 6 }, worker));
  return seen;
}

describe('served by nginx with deploy/nginx/news-site.conf (samples, under /news/)', () => {
  const building = sharedBuild(BASE_PATH_SETTINGS);
  let build: BuildResult;
  let nginx: NginxServer;
  let crawled: Map<string, Fetched>;
  let browser: Browser;
  before(async () => {
    build = await building;
    assert.equal(build.status, 0, build.log);
    nginx = await startNginx(build.outDir, BASE);
    crawled = await crawl(nginx.origin);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await nginx?.stop();
  });
  const get = (path: string, init?: RequestInit) => fetch(`${nginx.origin}${path}`, { redirect: 'manual', ...init });

  it('answers every internal link of every page with 200, and reaches every page of the sitemap', async () => {
    const failed = [...crawled.values()].filter((page) => page.status !== 200).map((page) => `${page.path}: ${page.status}`);
    assert.deepEqual(failed, [], nginx.errors());
    const pages = [...crawled.keys()].filter((path) => path.endsWith('/'));
    assert.ok(pages.length >= 20, `${pages.length} pages`);
    const index = await (await get(`${BASE}sitemap-index.xml`)).text();
    const listed: string[] = [];
    for (const sitemap of [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname)) {
      for (const loc of (await (await get(sitemap)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)) listed.push(new URL(loc[1]).pathname);
    }
    assert.ok(listed.length >= 20, `${listed.length} sitemap URLs`);
    assert.deepEqual(listed.filter((path) => !crawled.has(path)), []);
    assert.ok(crawled.has(`${BASE}about/`));
  });

  it('sends the site’s own 404 page, with status 404, for any unknown URL', async () => {
    const notFound = readText(join(build.outDir, '404.html'));
    for (const path of [`${BASE}no-such-page/`, `${BASE}articles/0000000000000000/`, `${BASE}no-such-file.css`, '/elsewhere/', `${BASE}_headers`]) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8', path);
      assert.equal(await response.text(), notFound, path);
    }
  });

  it('sends a folder asked for without its slash on to it, with a relative Location', async () => {
    const response = await get(`${BASE}archive`);
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), `${BASE}archive/`);
  });

  it('serves every feed and sitemap as XML in UTF-8', () => {
    const xml = [...crawled.values()].filter((page) => page.path.endsWith('.xml'));
    assert.ok(xml.length >= 5, xml.map((page) => page.path).join(' '));
    assert.ok(xml.some((page) => page.path === `${BASE}rss.xml`) && xml.some((page) => /\/topics\/[^/]+\/rss\.xml$/.test(page.path)));
    const wrong = xml.filter((page) => !/^(?:text|application)\/(?:rss\+)?xml; charset=utf-8$/.test(page.headers.get('content-type') ?? '')).map((page) => `${page.path}: ${page.headers.get('content-type')}`);
    assert.deepEqual(wrong, []);
  });

  it('caches /_astro/ assets for a year as immutable, and makes everything else ask again', () => {
    const assets = [...crawled.values()].filter((page) => page.path.startsWith(`${BASE}_astro/`));
    assert.ok(assets.some((page) => page.path.endsWith('.css')) && assets.some((page) => page.path.endsWith('.js')), assets.map((page) => page.path).join(' '));
    const wrong = [...crawled.values()]
      .filter((page) => page.headers.get('cache-control') !== (page.path.startsWith(`${BASE}_astro/`) ? IMMUTABLE_CACHE : 'no-cache'))
      .map((page) => `${page.path}: ${page.headers.get('cache-control')}`);
    assert.deepEqual(wrong, []);
  });

  it('compresses pages, styles, scripts and feeds for a client that asks', async () => {
    const css = [...crawled.keys()].find((path) => path.endsWith('.css'))!;
    const js = [...crawled.keys()].find((path) => path.endsWith('.js') && path.includes('/_astro/'))!;
    for (const path of [BASE, `${BASE}about/`, css, js, `${BASE}rss.xml`]) {
      const response = await get(path, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(response.headers.get('content-encoding'), 'gzip', path);
      assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/i, path);
      const file = join(build.outDir, path.slice(BASE.length), path.endsWith('/') ? 'index.html' : '');
      assert.equal(await response.text(), readFileSync(file, 'utf8'), path);
    }
  });

  it('sends the security headers on every response, 404 included, the same as the lib states and the _headers file carries', async () => {
    const responses = [...crawled.values(), { path: 'a miss', status: 404, headers: (await get(`${BASE}no-such-page/`)).headers }];
    const wrong = responses.flatMap((page) =>
      Object.entries(HOST_HEADERS).filter(([name, value]) => page.headers.get(name) !== value).map(([name]) => `${page.path}: ${name}: ${page.headers.get(name)}`),
    );
    assert.deepEqual(wrong, []);
    assert.match(HOST_HEADERS['Content-Security-Policy'], /frame-ancestors 'none'/);
    assert.equal(readText(join(build.outDir, '_headers')), toHeadersFile(BASE));
    // The shipped file states the policy once, on one line: the one the lib gives.
    assert.ok(readText(SHIPPED_CONFIG).includes(`add_header Content-Security-Policy "${HOST_HEADERS['Content-Security-Policy']}" always;`));
  });

  it('runs the search page under both policies, the header and the page’s own, and lets no other site frame a page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused = recordPolicyViolations(page);
    const failed = recordFailedResponses(page, nginx.origin);
    await page.goto(`${nginx.origin}${BASE}search/?q=${encodeURIComponent('斯托尔滕贝格')}`);
    await page.waitForFunction(() => /找到 \d+ 篇文章/.test(document.querySelector('.search-status')?.textContent ?? ''));
    assert.deepEqual([refused, failed], [[], []]);
    assert.ok((await page.locator('.search-result').count()) >= 1, await page.locator('main').innerText());
    // A page of another origin (about:blank) that frames the home page.
    const framing = await context.newPage();
    const refusal = framing.waitForEvent('console', { predicate: (message) => /frame-ancestors 'none'/.test(message.text()), timeout: 10_000 });
    await framing.setContent(`<iframe src="${nginx.origin}${BASE}"></iframe>`);
    await refusal;
    const framed = framing.frames().find((frame) => frame !== framing.mainFrame())!;
    assert.equal(await framed.locator('.site-header').count(), 0, 'the page was shown in a frame of another site');
    await context.close();
  });

  it('stops the nginx it started when told', async () => {
    await nginx.stop();
    await assert.rejects(fetch(`${nginx.origin}/`));
  });
});
