import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import sharp from 'sharp';
import type { ImageReportEntry } from '../../src/lib/image-records.ts';
import { axeOverPages } from '../support/axe.ts';
import { launchBrowser, recordPolicyViolations } from '../support/browser.ts';
import { buildSite, listFiles, readText, type BuildResult } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { BAD_IMAGES, GOOD_IMAGES, startImageServer, type ImageServer } from '../support/image-server.ts';
import { serveStatic } from '../support/static-server.ts';
import { tempDir } from '../support/temp.ts';

/**
 * NEWS_IMAGES=mirror, end to end: the captures of tests/fixtures/image-mirror/ point at a test
 * image server on 127.0.0.1. A build keeps the good images under media/ (re-encoded, no metadata,
 * at most 1,200 px, with their size on the <img>), refuses every hostile answer with its reason,
 * and an image on a 127.0.0.1 port that is not allowed is refused without being asked for. In
 * Chromium every image of every page loads from the site itself. A second build with the same
 * cache asks the server nothing; a build after the retry delay asks again for the failures only.
 */

const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'image-mirror');

describe('mirrored images (NEWS_IMAGES=mirror)', () => {
  let images: ImageServer;
  let other: ImageServer;
  let first: BuildResult;
  let second: BuildResult;
  let retried: BuildResult;
  let requestsAfterFirst: Map<string, number>;
  let requestsAfterSecond: number;
  let report: ImageReportEntry[];

  before(async () => {
    [images, other] = await Promise.all([startImageServer(), startImageServer()]);
    const content = tempDir('news-mirror-content');
    for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.txt'))) {
      writeFileSync(join(content, file), readText(join(FIXTURES, file)).replaceAll('{{IMAGES}}', images.origin).replaceAll('{{OTHER}}', other.origin));
    }
    const cacheDir = tempDir('news-mirror-cache');
    const env = {
      NEWS_CONTENT_DIR: content,
      NEWS_IMAGES: 'mirror',
      NEWS_IMAGES_ALLOW_HOSTS: `127.0.0.1:${images.port}`,
      NEWS_IMAGES_TIMEOUT: '3',
      NEWS_SEARCH_INDEX: 'off',
      SITE_URL: 'https://example.org',
      BASE_PATH: '/news/',
    };
    first = await buildSite(env, { cacheDir });
    assert.equal(first.status, 0, first.log);
    requestsAfterFirst = new Map(images.requests);
    report = (JSON.parse(readText(join(cacheDir, 'build-report.json'))) as { images: ImageReportEntry[] }).images;
    second = await buildSite(env, { cacheDir });
    assert.equal(second.status, 0, second.log);
    requestsAfterSecond = images.total() + other.total() - [...requestsAfterFirst.values()].reduce((a, b) => a + b, 0);
    const beforeRetry = new Map(images.requests);
    // Into the second build's folder, kept from it: media/ must end holding this build's copies only.
    writeFileSync(join(second.outDir, 'media', 'left-over.jpg'), 'not a copy of this build');
    retried = await buildSite({ ...env, NEWS_IMAGES_RETRY_HOURS: '0' }, { cacheDir, outDir: second.outDir });
    assert.equal(retried.status, 0, retried.log);
    retriedPaths = [...images.requests].filter(([path, count]) => count > (beforeRetry.get(path) ?? 0)).map(([path]) => path).sort();
  });
  let retriedPaths: string[];

  after(async () => {
    await images?.close();
    await other?.close();
  });

  it('asks the image server for each image once, and the server that is not allowed for nothing', () => {
    for (const path of Object.keys(GOOD_IMAGES)) assert.equal(requestsAfterFirst.get(path), 1, path);
    assert.equal(other.total(), 0);
    assert.equal(requestsAfterFirst.get('/img/ferry-large.webp'), undefined, 'a link to a larger copy is not an image of the page');
  });

  it('names each refused image in the log with its reason, and says why the other server was not asked', () => {
    for (const [path, reason] of Object.entries(BAD_IMAGES)) {
      const line = first.log.split('\n').find((text) => text.includes(`image not kept: ${images.origin}${path} `));
      assert.ok(line, `${path} is not named in the log`);
      assert.match(line, reason);
    }
    assert.match(first.log, new RegExp(`image not kept: ${other.origin}/img/harbour\\.jpg .*loopback`));
    assert.match(first.log, /images: 15 used by 3 articles: 4 kept \(4 downloaded now, 0 from the cache\), 11 not kept \(11 refused now, 0 remembered\)/);
  });

  it('lists every image in the build report with its outcome', () => {
    assert.equal(report.length, 15);
    assert.deepEqual(report.filter((entry) => entry.outcome === 'kept').map((entry) => new URL(entry.url).pathname).sort(), Object.keys(GOOD_IMAGES).sort());
    const harbour = report.find((entry) => entry.url === `${images.origin}/img/harbour.jpg`)!;
    assert.equal(harbour.articles.length, 2);
    for (const entry of report.filter((entry) => entry.outcome === 'failed')) assert.ok(entry.reason, entry.url);
  });

  it('publishes re-encoded copies without metadata, no wider than 1,200 pixels, and a smaller one for wide images', async () => {
    const media = readdirSync(join(first.outDir, 'media'));
    const kept = report.filter((entry) => entry.outcome === 'kept');
    assert.deepEqual(media.sort(), kept.flatMap((entry) => entry.files!).sort());
    for (const entry of kept) {
      const source = GOOD_IMAGES[new URL(entry.url).pathname]!;
      const sizes = [];
      for (const file of entry.files!) {
        const meta = await sharp(readFileSync(join(first.outDir, 'media', file))).metadata();
        assert.equal(meta.format, source.format, file);
        assert.equal(meta.exif, undefined, `${file} keeps EXIF`);
        assert.ok(meta.width <= 1200, `${file}: ${meta.width}`);
        sizes.push(meta.width);
      }
      assert.deepEqual(sizes.sort((a, b) => a - b), source.width > 600 ? [600, Math.min(1200, source.width)] : [source.width], entry.url);
    }
    const gif = kept.find((entry) => entry.url.endsWith('.gif'))!;
    assert.equal((await sharp(readFileSync(join(first.outDir, 'media', gif.files![0]))).metadata()).pages, 2, 'the animated GIF keeps its frames');
  });

  it('points every page image at the site’s copy with its size, and a refused one at its original, caption kept', () => {
    const pages = listFiles(first.outDir).filter((file) => file.startsWith('articles/') && file.endsWith('index.html'));
    assert.equal(pages.length, 3);
    let local = 0;
    let missing = 0;
    for (const page of pages) {
      const $ = load(readText(join(first.outDir, page)));
      assert.match($('meta[http-equiv="Content-Security-Policy"]').attr('content')!, /img-src 'self';/);
      $('article img').each((_, img) => {
        local++;
        assert.match(img.attribs.src, /^\/news\/media\/[0-9a-f]{24}\.(?:jpg|png|gif|webp)$/, page);
        assert.match(img.attribs.width ?? '', /^\d+$/);
        assert.match(img.attribs.height ?? '', /^\d+$/);
        if (img.attribs.srcset) assert.match(img.attribs.srcset, /^\/news\/media\/\S+ 600w, \/news\/media\/\S+ \d+w$/);
      });
      $('article .missing-image').each((_, link) => {
        missing++;
        const href = link.attribs.href;
        assert.ok(href?.startsWith(images.origin) || href?.startsWith(other.origin), `${page}: ${href}`);
        assert.match($(link).text(), /^图片：\S/);
        assert.ok($(link).closest('figure').find('figcaption').text().length > 0, 'the caption stays');
      });
    }
    assert.equal(missing, 11);
    assert.equal(local, 7);
  });

  it('gives feeds the copies’ absolute URLs', () => {
    const feed = readText(join(first.outDir, 'rss.xml'));
    const content = [...feed.matchAll(/<content:encoded>([\s\S]*?)<\/content:encoded>/g)].map((match) => match[1].replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
    assert.equal(content.length, 3);
    const sources = content.flatMap((html) => [...html.matchAll(/<img [^>]*?src="([^"]+)"/g)].map((match) => match[1]));
    assert.equal(sources.length, 7);
    for (const src of sources) assert.match(src, /^https:\/\/example\.org\/news\/media\/[0-9a-f]{24}\.\w+$/);
  });

  it('loads every image of every page from the site’s own origin in Chromium', async () => {
    const server = await serveStatic(first.outDir, '/news/');
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const refused = recordPolicyViolations(page);
      const imageRequests: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'image') imageRequests.push(request.url());
      });
      const pages = listFiles(first.outDir).filter((file) => file.endsWith('index.html'));
      let shown = 0;
      for (const file of pages) {
        await page.goto(`${server.url}${file.replace(/index\.html$/, '')}`);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await page.waitForFunction(() => [...document.images].every((img) => img.complete));
        const states = await page.$$eval('img', (all) => all.map((img) => ({ src: img.currentSrc, loaded: img.naturalWidth > 0 })));
        for (const state of states) assert.ok(state.loaded, `${file}: ${state.src} did not load`);
        shown += states.length;
      }
      assert.equal(shown, 7);
      assert.ok(imageRequests.length >= 7);
      for (const url of imageRequests) assert.equal(new URL(url).origin, server.origin, url);
      assert.deepEqual(refused, []);
      // The articles' pages, with their copies and their links to images not kept, pass axe-core in light and dark.
      const articles = pages.filter((file) => file.startsWith('articles/')).map((file) => `${server.url}${file.replace(/index\.html$/, '')}`);
      assert.ok(articles.length >= 3, String(articles));
      assert.deepEqual(await axeOverPages(browser, articles, { tabs: 1 }), []);
    } finally {
      await browser.close();
      await server.close();
    }
  });

  it('asks for nothing on a second build, and publishes the same copies', () => {
    assert.equal(requestsAfterSecond, 0);
    assert.match(second.log, /images: 15 used by 3 articles: 4 kept \(0 downloaded now, 4 from the cache\), 11 not kept \(0 refused now, 11 remembered\); 0 requested/);
    assert.match(second.log, /image not kept: .*\/bad\/missing\.jpg .*HTTP 404 \(remembered from an earlier build/);
    assert.deepEqual(readdirSync(join(second.outDir, 'media')).sort(), readdirSync(join(first.outDir, 'media')).sort());
  });

  it('keeps media/ in a kept output folder to exactly the copies the build uses', () => {
    assert.match(retried.log, /output folder kept from the last build/);
    assert.deepEqual(readdirSync(join(retried.outDir, 'media')).sort(), readdirSync(join(first.outDir, 'media')).sort());
  });

  it('asks again for the refused images only once the retry delay has passed', () => {
    const askedAgain = retriedPaths.filter((path) => path.startsWith('/img/'));
    assert.deepEqual(askedAgain, []);
    for (const path of ['/bad/missing.jpg', '/bad/page.jpg', '/bad/huge.png']) assert.ok(retriedPaths.includes(path), `${path} not asked again`);
  });
});
