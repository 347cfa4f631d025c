import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { buildSite, listFiles, readText, type BuildResult } from '../support/build.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { feedsIn, parseFeed, readWithFeedparser, readWithNewsboat, xmllintErrors } from '../support/feeds.ts';
import { articlePageIds } from '../support/site-checks.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { tempDir } from '../support/temp.ts';

const SITE = 'https://example.org';

/** A capture whose title and body try to break the feed's XML. */
const TRICKY = [
  `<!--${Date.UTC(2024, 1, 4, 8)}-->`,
  '[Title with ]]> and <b>markup</b> & a \u0008 backspace](https://example.com/news/tricky?a=1&b=2)',
  '------',
  '',
  '<p>Body with ]]> and <![CDATA[ nested ]]> text, a \u000b tab and an emoji 🙂.</p><p>Second paragraph.</p>',
].join('\n');

describe('feeds of the samples plus a tricky capture, under BASE_PATH=/news/', () => {
  const folder = tempDir('news-feed-content');
  cpSync(SEEDS_DIR, folder, { recursive: true });
  writeFileSync(join(folder, 'tricky.txt'), TRICKY);
  // Two items per feed, so that three articles need one archive document.
  const building = buildSite({ NEWS_CONTENT_DIR: folder, SITE_URL: SITE, BASE_PATH: '/news/', NEWS_FEED_SIZE: '2' });
  let build: BuildResult;
  let out: string;
  before(async () => {
    build = await building;
    out = build.outDir;
  });

  it('writes a site feed, an archive document, and a feed beside every topic and outlet page', () => {
    assert.equal(build.status, 0, build.log);
    const feeds = feedsIn(out);
    assert.ok(feeds.includes('rss.xml') && feeds.includes('feeds/archive/1.xml'), String(feeds));
    for (const page of listFiles(out).filter((file) => /^(?:topics|sources)\/[^/]+\/index\.html$/.test(file))) {
      assert.ok(feeds.includes(page.replace('index.html', 'rss.xml')), `${page} has no feed`);
    }
  });
  it('is well-formed XML everywhere (xmllint), sitemap included', () => {
    assert.equal(xmllintErrors(listFiles(out).filter((file) => file.endsWith('.xml')).map((file) => join(out, file))), '');
  });
  it('parses with feedsmith: every item complete, absolute and unique', () => {
    for (const file of feedsIn(out)) {
      const feed = parseFeed(readText(join(out, file)));
      assert.ok(feed.title && feed.link?.startsWith(`${SITE}/news/`), file);
      assert.equal(feed.language, 'zh-CN');
      assert.ok(feed.atom?.links?.some((link) => link.rel === 'self' && link.href === `${SITE}/news/${encodeURI(file)}`), `${file}: self link`);
      const guids = new Set<string>();
      for (const item of feed.items ?? []) {
        assert.ok(item.title, file);
        assert.match(item.link ?? '', /^https:\/\/example\.org\/news\/articles\/[0-9a-f]{16}\/$/);
        assert.ok(item.pubDate && !Number.isNaN(Date.parse(item.pubDate)), file);
        assert.ok(item.description, file);
        assert.ok(item.guid?.value && !guids.has(item.guid.value), `${file}: guid`);
        guids.add(item.guid!.value!);
        if (!file.startsWith('feeds/archive/')) {
          const content = item.content?.encoded ?? '';
          assert.ok(content.length > 20, `${file}: no content`);
          for (const [, url] of content.matchAll(/(?:href|src)="([^"]*)"/g)) assert.match(url, /^(?:https?:|mailto:)/, `${file}: relative URL ${url}`);
        }
        assert.ok(item.categories?.length, `${file}: categories`);
      }
    }
  });
  it('keeps the tricky title as plain text and its body intact', () => {
    const feed = parseFeed(readText(join(out, 'rss.xml')));
    const tricky = feed.items!.find((item) => item.title?.startsWith('Title with'))!;
    assert.equal(tricky.title, 'Title with ]]> and <b>markup</b> & a backspace');
    assert.match(tricky.content!.encoded!, /Body with \]\]&gt; and/);
    assert.match(tricky.content!.encoded!, /Second paragraph/);
  });
  it('announces the site feed on every page, and topic and outlet feeds on their pages', () => {
    for (const page of listFiles(out).filter((file) => file.endsWith('.html'))) {
      const $ = load(readText(join(out, page)));
      const feeds = $('link[rel=alternate][type="application/rss+xml"]').map((_, el) => $(el).attr('href')).get();
      assert.ok(feeds.includes('/news/rss.xml'), page);
      if (/^(?:topics|sources)\/[^/]+\/index\.html$/.test(page)) assert.ok(feeds.includes(`/news/${encodeURI(page.replace('index.html', 'rss.xml'))}`), page);
    }
  });
  it('writes robots.txt pointing at the sitemap, which lists every article', () => {
    assert.match(readText(join(out, 'robots.txt')), /^Sitemap: https:\/\/example\.org\/news\/sitemap-index\.xml$/m);
    const sitemap = listFiles(out).filter((file) => /^sitemap-\d+\.xml$/.test(file)).map((file) => readText(join(out, file))).join('');
    for (const id of articlePageIds(out)) assert.ok(sitemap.includes(`<loc>${SITE}/news/articles/${id}/</loc>`), id);
  });

  describe('read by real feed readers over HTTP', () => {
    let server: StaticServer;
    before(async () => {
      server = await serveStatic(out, '/news/');
    });
    after(() => server?.close());
    const topicFeed = () => encodeURI('topics/北约/rss.xml');

    it('Python feedparser reads the site feed and a topic feed with every item intact', async () => {
      for (const path of ['rss.xml', topicFeed()]) {
        const { bozo, items } = await readWithFeedparser(`${server.url}${path}`);
        assert.equal(bozo, '', path);
        const expected = parseFeed(readText(join(out, decodeURI(path)))).items!.length;
        assert.equal(items.length, expected, path);
        for (const item of items) {
          assert.ok(item.title && item.link.startsWith(`${SITE}/news/articles/`) && item.date && item.content.length > 20, JSON.stringify(item).slice(0, 200));
        }
        assert.equal(new Set(items.map((item) => item.guid)).size, items.length);
      }
    });
    it('newsboat reloads the site feed and a topic feed and stores every item', async () => {
      const { status, log, items } = await readWithNewsboat([`${server.url}rss.xml`, `${server.url}${topicFeed()}`]);
      assert.equal(status, 0, log);
      const site = parseFeed(readText(join(out, 'rss.xml'))).items!;
      for (const item of site) {
        const stored = items.find((candidate) => candidate.link === item.link);
        assert.ok(stored, `newsboat lacks ${item.title}`);
        assert.equal(stored.title, item.title);
        assert.ok(Number(stored.date) > 0 && stored.content.length > 20);
      }
      assert.ok(items.some((item) => item.title.startsWith('Title with ]]>')));
    });
  });
});
