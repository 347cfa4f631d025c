import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRssFeed } from 'feedsmith';
import { listFiles } from './build.ts';
import { tempDir } from './temp.ts';

/** Feed checks with real parsers and readers: feedsmith (npm), xmllint, Python's feedparser and newsboat (Debian). */

/** The parts of a parsed RSS feed the tests read. */
export interface ParsedFeed {
  title?: string;
  link?: string;
  language?: string;
  atom?: { links?: { href?: string; rel?: string }[] };
  items?: {
    title?: string;
    link?: string;
    pubDate?: string;
    description?: string;
    guid?: { value?: string };
    content?: { encoded?: string };
    categories?: { name?: string }[];
  }[];
}

export function parseFeed(xml: string): ParsedFeed {
  return parseRssFeed(xml) as ParsedFeed;
}

/** xmllint's verdict on well-formedness: '' when well-formed, else its complaint. */
export function xmllintErrors(paths: string[]): string {
  const result = spawnSync('xmllint', ['--noout', ...paths], { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.status === 0 ? '' : result.stderr || `xmllint exited ${result.status}`;
}

const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export interface ReaderItem {
  title: string;
  link: string;
  date: string;
  content: string;
  guid: string;
}

const run = promisify(execFile);

/**
 * What Python's feedparser reads from a feed URL: its bozo flag (malformed) and the items.
 * Readers run asynchronously: the feed is served by this same process.
 */
export async function readWithFeedparser(url: string): Promise<{ bozo: string; items: ReaderItem[] }> {
  const script = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
items = [{"title": e.get("title", ""), "link": e.get("link", ""), "date": e.get("published", ""),
          "content": (e.get("content") or [{}])[0].get("value", ""), "guid": e.get("id", "")} for e in d.entries]
print(json.dumps({"bozo": str(d.get("bozo_exception", "")) if d.bozo else "", "items": items}))
`;
  const { stdout } = await run(PYTHON, ['-c', script, url], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return JSON.parse(stdout);
}

/** What newsboat stores after `newsboat -x reload` of the given feed URLs, read back from its cache. */
export async function readWithNewsboat(urls: string[]): Promise<{ status: number | null; log: string; items: ReaderItem[] }> {
  const home = tempDir('newsboat');
  writeFileSync(join(home, 'urls'), `${urls.join('\n')}\n`);
  writeFileSync(join(home, 'config'), 'download-timeout 20\nreload-threads 1\n');
  const cache = join(home, 'cache.db');
  const reload = await run('newsboat', ['-x', 'reload', '-u', join(home, 'urls'), '-c', cache, '-C', join(home, 'config')], {
    encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 120_000,
  }).then(({ stdout, stderr }) => ({ status: 0, log: `${stdout}${stderr}` }), (error) => ({ status: error.code ?? 1, log: String(error) }));
  const query = `
import sqlite3, json, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("select title, url, pubDate, content, guid from rss_item order by pubDate desc").fetchall()
print(json.dumps([{"title": r[0], "link": r[1], "date": str(r[2]), "content": r[3], "guid": r[4]} for r in rows]))
`;
  const read = spawnSync(PYTHON, ['-c', query, cache], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (read.status !== 0) throw new Error(`reading the newsboat cache failed: ${read.stderr}`);
  return { ...reload, items: JSON.parse(read.stdout) };
}

/** The feeds of a built site: every XML file but the sitemap's. */
export function feedsIn(outDir: string): string[] {
  return listFiles(outDir).filter((file) => file.endsWith('.xml') && !file.startsWith('sitemap'));
}
