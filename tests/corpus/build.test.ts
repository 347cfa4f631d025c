import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { listFiles, readReport, readText, sharedBuild, summaryOf, type BuildResult } from '../support/build.ts';
import { plainTextOfHtml } from '../../src/lib/search-records.ts';
import { normalizeForSearch } from '../../src/lib/search-text.ts';
import { loadReal } from '../support/articles.ts';
import { axeOverPages } from '../support/axe.ts';
import { realCorpusDir } from '../support/corpus.ts';
import { checkBuiltPages, describeMessage } from '../support/html-checker.ts';
import { feedsIn, parseFeed, readWithFeedparser, xmllintErrors, type ParsedFeed } from '../support/feeds.ts';
import { articlePageIds, articlesLinkedUnder, assertArchiveCountsAddUp, assertLinksResolve } from '../support/site-checks.ts';
import { servedInChromium } from '../support/served.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

const REAL_DIR = realCorpusDir();
const SITE = 'https://example.org';
// Small page and feed sizes, so that day, topic and outlet pages paginate and the archive feed chain is long.
// The whole of every body indexed for search, so that the search checks can count every article that holds a word.
const building = sharedBuild({ NEWS_CONTENT_DIR: REAL_DIR, SITE_URL: SITE, NEWS_PAGE_SIZE: '7', NEWS_FEED_SIZE: '20', NEWS_TIMEZONE: 'Europe/Paris', NEWS_SEARCH_CHARS: '30000' });
let build: BuildResult;
let out: string;
let articleIds: Set<string>;
let files: string[];
const ready = building.then((result) => {
  build = result;
  out = build.outDir;
  articleIds = build.status === 0 ? articlePageIds(out) : new Set<string>();
  files = build.status === 0 ? listFiles(out) : [];
});

describe('build of the real corpus', () => {
  before(() => ready);
  it('has no error from the Nu Html Checker on any page', async () => {
    const report = await checkBuiltPages(build.outDir);
    assert.ok(report.pages > 500, `${report.pages} pages`);
    assert.deepEqual(report.errors.map(describeMessage), []);
  });

  it('publishes or names every capture', () => {
    assert.equal(build.status, 0, build.log);
    const captures = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt')).length;
    const [published, skipped, merged] = summaryOf(build.log)!;
    assert.equal(published + skipped + merged, captures);
    assert.equal((build.log.match(/skipped \S+\.txt: /g) ?? []).length, skipped * 2);
    assert.equal(articleIds.size, published);
  });
  it('writes a build report that names every capture and lists the leftover boilerplate suspected', () => {
    const report = readReport(build);
    const captures = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt')).sort();
    assert.deepEqual(report.files.map((file) => file.file), captures);
    assert.equal(report.totals.published, articleIds.size);
    assert.equal(report.outlets.reduce((sum, outlet) => sum + outlet.published, 0), articleIds.size);
    const suspects = report.outlets.flatMap((outlet) => outlet.boilerplateSuspects.map((suspect) => ({ ...suspect, outlet })));
    assert.ok(suspects.length > 0, 'no suspect in the real captures');
    for (const { line, articles, share, example, outlet } of suspects) {
      assert.ok(articles >= 3 && share >= 0.2 && Math.abs(share - articles / outlet.published) < 0.001, `${outlet.slug}: ${line}`);
      // The example is one of the outlet's articles, and the line opens or closes its page's body.
      const body = plainTextOfHtml(load(readText(join(out, 'articles', example, 'index.html')))('.article-body').html() ?? '');
      assert.ok(body.includes(line), `${outlet.slug}: "${line}" not in ${example}`);
    }
    // The top suspects are printed at the end of the build, before the summary.
    assert.match(build.log, /suspected leftover boilerplate, \d+ of \d+[^\n]*\n(?:[^\n]*\n){1,10}[^\n]*report: /);
  });
  it('reaches every article from the day pages, and from its outlet page', () => {
    assert.deepEqual(articlesLinkedUnder(out, 'archive/'), articleIds);
    assert.deepEqual(articlesLinkedUnder(out, 'sources/'), articleIds);
    for (const slug of readdirSync(join(out, 'sources'))) {
      const onOutletPages = articlesLinkedUnder(out, `sources/${slug}/`);
      for (const id of onOutletPages) assert.match(readText(join(out, 'articles', id, 'index.html')), new RegExp(`href="/sources/${slug.replace(/\./g, '\\.')}/"`));
    }
  });
  it('answers at another spelling of a topic: a page that sends readers to the topic, and the topic\'s feed', () => {
    const page = readText(join(out, 'topics', '安倍', 'index.html'));
    assert.match(page, /<meta http-equiv="refresh" content="0; url=\/topics\/%E5%AE%89%E5%80%8D%E6%99%8B%E4%B8%89\/">/);
    assert.match(page, /<link rel="canonical" href="https:\/\/example\.org\/topics\/%E5%AE%89%E5%80%8D%E6%99%8B%E4%B8%89\/">/);
    assert.equal(readText(join(out, 'topics', '安倍', 'rss.xml')), readText(join(out, 'topics', '安倍晋三', 'rss.xml')));
    assert.match(readText(join(out, 'topics', '安倍晋三', 'index.html')), /又作 安倍/);
  });
  it('counts add up: archive root, years and months', () => {
    assert.equal(assertArchiveCountsAddUp(out), articleIds.size);
  });
  it('paginates long listings with rel=prev/next, and every link resolves', () => {
    const second = files.filter((file) => /^(?:topics|sources|archive)\/.+\/2\/index\.html$/.test(file));
    assert.ok(second.length > 5, 'nothing paginated');
    const $ = load(readText(join(out, second[0])));
    assert.ok($('head link[rel=prev]').attr('href'));
    assert.ok($('.pagination a[rel=prev]').attr('href'));
    assert.ok(assertLinksResolve(out, '/') > 1000);
  });
});

describe('the RFC 5005 archive chain over the real captures', () => {
  before(() => ready);
  const read = (url: string): ParsedFeed => parseFeed(readText(join(out, new URL(url).pathname)));

  it('reaches every article exactly once, from the site feed back to the oldest archive document', () => {
    assert.equal(build.status, 0, build.log);
    const current = read(`${SITE}/rss.xml`);
    assert.equal(current.items!.length, 20);
    const seen = new Map<string, number>();
    let link = current.atom!.links!.find((l) => l.rel === 'prev-archive')?.href;
    let documents = 0;
    while (link) {
      const doc = read(link);
      documents++;
      assert.ok(doc.atom!.links!.some((l) => l.rel === 'current' && l.href === `${SITE}/rss.xml`), link);
      assert.match(readText(join(out, new URL(link).pathname)), /<fh:archive\/>/);
      assert.equal(doc.items!.length, 20, `${link} is not full`);
      for (const item of doc.items!) {
        const id = /\/articles\/([0-9a-f]{16})\/$/.exec(item.link!)![1];
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      link = doc.atom!.links!.find((l) => l.rel === 'prev-archive')?.href;
    }
    assert.equal(documents, Math.floor(articleIds.size / 20));
    for (const [id, count] of seen) assert.equal(count, 1, `${id} is in ${count} archive documents`);
    const unarchived = [...articleIds].filter((id) => !seen.has(id));
    assert.equal(unarchived.length, articleIds.size % 20);
    const inCurrent = new Set(current.items!.map((item) => /\/articles\/([0-9a-f]{16})\/$/.exec(item.link!)![1]));
    for (const id of unarchived) assert.ok(inCurrent.has(id), `${id} is in no feed document`);
  });
  it('keeps every feed well-formed and its size reasonable', () => {
    const feeds = feedsIn(out);
    assert.equal(xmllintErrors(feeds.map((file) => join(out, file))), '');
    for (const file of feeds) assert.ok(readText(join(out, file)).length < 2_000_000, `${file} is too big`);
    assert.ok(readdirSync(join(out, 'feeds/archive')).length > 10);
  });

  describe('read by a real feed reader over HTTP', () => {
    let server: StaticServer;
    before(async () => {
      server = await serveStatic(out);
    });
    after(() => server?.close());
    it('Python feedparser reads the site feed and every outlet feed with every item intact', async () => {
      const paths = ['rss.xml', ...feedsIn(out).filter((file) => /^sources\/[^/]+\/rss\.xml$/.test(file))];
      assert.ok(paths.length > 10, String(paths));
      for (const path of paths) {
        const { bozo, items } = await readWithFeedparser(`${server.url}${encodeURI(path)}`);
        assert.equal(bozo, '', path);
        assert.equal(items.length, parseFeed(readText(join(out, path))).items!.length, path);
        for (const item of items) assert.ok(item.title && item.link.startsWith(`${SITE}/articles/`) && item.date && item.content.length > 0, `${path}: ${JSON.stringify(item).slice(0, 200)}`);
      }
    });
  });
});

describe('accessibility of every page of the real corpus, in Chromium', () => {
  const served = servedInChromium(ready.then(() => build));

  it('has no axe-core violation on any page, light or dark, on a phone', async () => {
    // A page that sends readers on at once (a topic's other spelling) is read where it leads.
    const pages = files.filter((file) => file.endsWith('.html') && !readText(join(out, file)).includes('http-equiv="refresh"'));
    assert.ok(pages.length > 500, `${pages.length} pages`);
    const urls = pages.map((file) => new URL(encodeURI(file.replace(/(^|\/)index\.html$/, '$1')), served.server.url).href);
    const started = performance.now();
    const found = await axeOverPages(served.browser, urls, {
      ready: async (page, url) => {
        if (url.endsWith('/search/')) await page.waitForSelector('.search-options:not([hidden])');
      },
    });
    console.log(`axe-core: ${urls.length} pages, light and dark, in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    assert.deepEqual(found, []);
  });
});

describe('search over the real captures, in Chromium', () => {
  const served = servedInChromium(ready.then(() => build));

  /** How many real articles hold the query, by the same folding and aliases the index uses. */
  const holding = (() => {
    const texts = loadReal().map((article) => ({ lang: article.data.lang, text: normalizeForSearch(`${article.data.title}\n${article.data.outlet.name}\n${plainTextOfHtml(article.html)}`) }));
    return (query: string) => texts.filter(({ text }) => text.includes(normalizeForSearch(query)));
  })();

  async function count(query: string): Promise<number> {
    const page = await served.browser.newPage();
    await page.goto(`${served.server.url}search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(() => /找到|没有找到/.test(document.querySelector('.search-status')?.textContent ?? ''));
    const status = (await page.locator('.search-status').textContent())!;
    await page.close();
    return Number(/找到 (\d+) 篇/.exec(status)?.[1] ?? 0);
  }

  const pairs = [['美国', '美國'], ['台湾', '臺灣'], ['习近平', '習近平'], ['菅义伟', '菅義偉'], ['特朗普', '川普'], ['蓬佩奥', '蓬佩歐']];
  for (const [simplified, other] of pairs) {
    it(`${simplified} and ${other} find the same articles, every one that holds either`, async () => {
      const expected = holding(simplified);
      assert.ok(expected.length > 0, `no real capture holds ${simplified}`);
      assert.equal(await count(simplified), expected.length);
      assert.equal(await count(other), expected.length);
    });
  }
  it('finds articles of both scripts for one word', () => {
    const languages = new Set(holding('美国').map(({ lang }) => lang));
    assert.ok(languages.has('zh-Hans') && languages.has('zh-Hant'), [...languages].join(' '));
  });
});
