/**
 * The practical floor for scripts/bench.ts: one plain Node process doing the same parsing,
 * cleaning, subject tagging and story features as the site (src/lib), then writing one page per
 * article, one per day and one per topic, and one RSS feed, from template strings.
 *   node scripts/bench-floor.ts CONTENT_DIR OUT_DIR
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildArchive } from '../src/lib/archive.ts';
import { sortNewestFirst } from '../src/lib/article-data.ts';
import { toArticleEntry, type ArticleEntry } from '../src/lib/article.ts';
import { escapeXml } from '../src/lib/feeds.ts';
import { listingSettings } from '../src/lib/listing-settings.ts';
import { buildTopics } from '../src/lib/topics.ts';

const [contentDir, outDir] = process.argv.slice(2);

console.log('floor: reading');
const newest = new Map<string, ArticleEntry>();
for (const file of readdirSync(contentDir, { recursive: true }).map(String).filter((name) => name.endsWith('.txt'))) {
  const result = toArticleEntry(readFileSync(join(contentDir, file)), { now: Date.now() });
  if (!result.ok) continue;
  const known = newest.get(result.entry.id);
  if (!known || known.data.capturedAt < result.entry.data.capturedAt) newest.set(result.entry.id, result.entry);
}
const articles = sortNewestFirst([...newest.values()]);

console.log('floor: writing');
rmSync(outDir, { recursive: true, force: true });
let pages = 0;
const page = (path: string, title: string, body: string) => {
  mkdirSync(join(outDir, path), { recursive: true });
  writeFileSync(join(outDir, path, 'index.html'), `<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>${escapeXml(title)}</title><body><main>${body}</main></body></html>`);
  pages++;
};
const list = (ids: string[]) => `<ul>${ids.map((id) => `<li><a href="/articles/${id}/">${escapeXml(newest.get(id)!.data.title)}</a></li>`).join('')}</ul>`;
for (const article of articles) page(`articles/${article.id}`, article.data.title, `<h1>${escapeXml(article.data.title)}</h1>${article.html}`);
for (const day of buildArchive(articles, 'Asia/Shanghai').days) page(`archive/${day.key.replaceAll('-', '/')}`, day.key, list(day.articleIds));
for (const topic of buildTopics(articles, listingSettings(articles.length)).topics) page(`topics/${topic.slug}`, topic.name, list(topic.articleIds));
const items = articles.slice(0, 50).map((a) => `<item><title>${escapeXml(a.data.title)}</title><link>/articles/${a.id}/</link><description>${escapeXml(a.html)}</description></item>`);
writeFileSync(join(outDir, 'rss.xml'), `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>floor</title>${items.join('')}</channel></rss>`);
console.log(`pages: ${pages}`);
