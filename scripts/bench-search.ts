/**
 * Search index benchmark (not a test), for the planned search feature:
 *   node scripts/bench-search.ts <built site folder> <output folder> [--whole]
 *
 * The plan: Pagefind indexes what a reader searches for (title, summary, outlet, topics) as
 * custom records, one index per year of capture, rather than crawling the full text of every
 * page. Full text costs about 0.9 MB of memory per article to index; records cost a small
 * fraction of that, and a finished year's index never changes, so a rebuild only redoes the
 * current year. `--whole` builds one index over every year instead, for comparison.
 *
 * The records are read back from the built article pages (their h1, description, outlet,
 * topic links and time), so the benchmark measures exactly what the site publishes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

const [siteDir, outputDir] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (!siteDir || !outputDir) throw new Error('usage: node scripts/bench-search.ts <built site folder> <output folder> [--whole]');
const whole = process.argv.includes('--whole');

interface SearchRecord {
  url: string;
  year: string;
  title: string;
  content: string;
  outlet: string;
}

const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
const first = (html: string, pattern: RegExp) => decode(pattern.exec(html)?.[1]?.trim() ?? '');

/** The searchable facts of one built article page: our own markup, read with a few patterns. */
function recordOf(id: string, html: string): SearchRecord {
  const topicList = /<nav class="topic-links"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  const topics = [...topicList.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((match) => decode(match[1]));
  const title = first(html, /<h1>([^<]*)<\/h1>/);
  const outlet = first(html, /class="outlet"[^>]*>([^<]*)</);
  const summary = first(html, /<meta name="description" content="([^"]*)"/);
  return {
    url: `/articles/${id}/`,
    year: first(html, /<time datetime="(\d{4})/) || 'undated',
    title,
    outlet,
    content: [title, summary, outlet, ...topics].join('\n'),
  };
}

async function indexRecords(records: SearchRecord[], bundle: string): Promise<number> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'zh-cn' });
  if (!index) throw new Error('Pagefind could not start');
  // All records in flight at once: one message round trip to the indexer at a time is most of the cost.
  const added = await Promise.all(
    records.map((record) => index.addCustomRecord({ url: record.url, content: record.content, language: 'zh-cn', meta: { title: record.title }, filters: { outlet: [record.outlet] } })),
  );
  const failed = added.flatMap((result) => result.errors);
  if (failed.length) throw new Error(failed.join('\n'));
  const { errors } = await index.writeFiles({ outputPath: join(outputDir, bundle) });
  if (errors.length) throw new Error(errors.join('\n'));
  await index.deleteIndex();
  return records.length;
}

const started = performance.now();
const articlesDir = join(siteDir, 'articles');
const records = readdirSync(articlesDir).map((id) => recordOf(id, readFileSync(join(articlesDir, id, 'index.html'), 'utf8')));
const read = performance.now();
const byYear = Map.groupBy(records, (record) => (whole ? 'all' : record.year));
const perBundle: string[] = [];
for (const [year, yearRecords] of [...byYear].sort()) {
  const bundleStarted = performance.now();
  await indexRecords(yearRecords, `pagefind-${year}`);
  perBundle.push(`${year}: ${yearRecords.length} in ${((performance.now() - bundleStarted) / 1000).toFixed(1)} s`);
}
await pagefind.close();
const ended = performance.now();
console.log(
  `search: pages: ${records.length} indexed in ${byYear.size} ${whole ? 'index' : 'yearly indexes'}; ` +
    `reading pages ${((read - started) / 1000).toFixed(1)} s, indexing ${((ended - read) / 1000).toFixed(1)} s (${perBundle.join(', ')})`,
);
