/**
 * Checks a built site too big for the test suite (say 10,000 generated articles):
 *   node scripts/check-site.ts DIST [BASE_PATH]
 * Every internal link resolves; every article is reachable from the day pages and from its
 * outlet's pages; archive counts add up; every feed is well-formed (xmllint) and parses
 * (feedsmith); the RFC 5005 archive chain holds every article exactly once; and two real
 * readers (Python's feedparser, newsboat) read the site feed and the biggest topic's feed
 * over HTTP with every item intact. Exits non-zero on the first failure.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { listFiles, readText } from '../tests/support/build.ts';
import { parseFeed, readWithFeedparser, readWithNewsboat, xmllintErrors } from '../tests/support/feeds.ts';
import { articlePageIds, articlesLinkedUnder, assertArchiveCountsAddUp, assertLinksResolve } from '../tests/support/site-checks.ts';
import { serveStatic } from '../tests/support/static-server.ts';

const [outDir, base = '/'] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node scripts/check-site.ts DIST [BASE_PATH]');
  process.exit(2);
}
const started = performance.now();
const articles = articlePageIds(outDir);
const links = assertLinksResolve(outDir, base);
console.log(`links: ${links} internal hrefs and srcs resolve`);
assert.deepEqual(articlesLinkedUnder(outDir, 'archive/'), articles, 'not every article is on a day page');
assert.deepEqual(articlesLinkedUnder(outDir, 'sources/'), articles, 'not every article is on an outlet page');
console.log(`reachability: all ${articles.size} articles are on day pages and outlet pages`);
assert.equal(assertArchiveCountsAddUp(outDir), articles.size);
console.log(`archive: year, month and day counts add up to ${articles.size}`);
const feeds = listFiles(outDir).filter((file) => file.endsWith('.xml'));
for (let start = 0; start < feeds.length; start += 200) {
  assert.equal(xmllintErrors(feeds.slice(start, start + 200).map((file) => join(outDir, file))), '');
}
const articleOf = (link: string) => /\/articles\/([0-9a-f]{16})\/$/.exec(link)![1];
let items = 0;
for (const file of feeds.filter((name) => !name.startsWith('sitemap'))) {
  const feed = parseFeed(readText(join(outDir, file)));
  for (const item of feed.items ?? []) {
    assert.ok(item.title && item.link && item.pubDate && item.guid?.value, `${file}: incomplete item`);
    if (!file.startsWith('feeds/archive/')) assert.ok((item.content?.encoded ?? '').length > 0, `${file}: no content`);
    items++;
  }
}
console.log(`feeds: ${feeds.length} XML files well-formed (xmllint); ${items} items complete (feedsmith)`);
const site = parseFeed(readText(join(outDir, 'rss.xml')));
const archived = new Map<string, number>();
let link = site.atom?.links?.find((l) => l.rel === 'prev-archive')?.href;
let documents = 0;
while (link) {
  const doc = parseFeed(readText(join(outDir, new URL(link).pathname.slice(base.length))));
  documents++;
  for (const item of doc.items ?? []) archived.set(articleOf(item.link!), (archived.get(articleOf(item.link!)) ?? 0) + 1);
  link = doc.atom?.links?.find((l) => l.rel === 'prev-archive')?.href;
}
assert.ok([...archived.values()].every((n) => n === 1), 'an article is in two archive documents');
const inSiteFeed = new Set((site.items ?? []).map((item) => articleOf(item.link!)));
for (const id of articles) assert.ok(archived.has(id) || inSiteFeed.has(id), `${id} is in no feed document`);
console.log(`archive chain: ${documents} documents hold ${archived.size} articles once each; the other ${articles.size - archived.size} are in rss.xml`);

const topicFeed = feeds
  .filter((file) => /^topics\/[^/]+\/rss\.xml$/.test(file))
  .map((file) => ({ file, size: parseFeed(readText(join(outDir, file))).items?.length ?? 0 }))
  .sort((a, b) => b.size - a.size)[0]?.file;
const server = await serveStatic(outDir, base);
try {
  for (const path of ['rss.xml', topicFeed].filter(Boolean) as string[]) {
    const url = `${server.url}${encodeURI(path)}`;
    const expected = parseFeed(readText(join(outDir, path))).items!.length;
    const read = await readWithFeedparser(url);
    assert.equal(read.bozo, '', `${path}: feedparser says ${read.bozo}`);
    assert.equal(read.items.filter((item) => item.title && item.link && item.date && item.content).length, expected, `${path}: feedparser`);
    const newsboat = await readWithNewsboat([url]);
    assert.equal(newsboat.status, 0, newsboat.log);
    assert.equal(newsboat.items.filter((item) => item.title && item.link && Number(item.date) > 0 && item.content).length, expected, `${path}: newsboat`);
    console.log(`readers: feedparser and newsboat read all ${expected} items of ${decodeURI(path)}`);
    if (path === 'rss.xml') {
      console.log('newsboat’s view of the site feed (first 8 items):');
      for (const item of newsboat.items.slice(0, 8)) console.log(`  ${new Date(Number(item.date) * 1000).toISOString().slice(0, 16).replace('T', ' ')}  ${item.title}`);
    }
  }
} finally {
  await server.close();
}
console.log(`checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
