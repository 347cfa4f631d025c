/**
 * Checks a built site too big for the test suite (say 10,000 generated articles):
 *   node scripts/check-site.ts DIST [BASE_PATH]
 * Every internal link resolves; every article is reachable from the day pages and from its
 * outlet's pages; archive counts add up. Exits non-zero on the first failure.
 */
import assert from 'node:assert/strict';
import { articlePageIds, articlesLinkedUnder, assertArchiveCountsAddUp, assertLinksResolve } from '../tests/support/site-checks.ts';

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
console.log(`checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
