import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { ArticleData } from '../lib/article.ts';
import { checkFileSize } from '../lib/parse.ts';
import { createParsePool, inlineParser, type ParsePool } from './parse-pool.ts';

/**
 * The content-layer loader: the only code that touches the article folder (read only).
 * Every decision about a file is made by src/lib; this adapter lists files, skips the
 * ones whose bytes it has already turned into an article, and writes the store.
 */

export interface ArticleLoaderOptions {
  /** The folder of capture files (read recursively; only `.txt` files are articles). */
  directory: string;
  /** Fail the build on the first bad file instead of skipping it. */
  strict: boolean;
  /** Build time in ms; injectable for tests. */
  now?: () => number;
  /**
   * Identifies the code that turns a file into an article. Part of every file's digest, so a
   * new version of the cleaning rules re-parses every file instead of keeping stale output.
   */
  pipelineVersion?: string;
  /** Where files are parsed; by default on the calling thread. */
  pool?: ParsePool;
}

/** What one load did, for the summary line and for tests. */
export interface LoadReport {
  published: number;
  skipped: { file: string; reason: string }[];
  duplicatesMerged: number;
  parsed: number;
  unchanged: number;
  removed: number;
  ignored: string[];
  /** `.txt` files with a hidden name or folder (a leading `.`): not read, but named in the log. */
  hidden: string[];
}

/** Per file, what its bytes became last time: lets an unchanged file skip parsing. */
interface FileRecord {
  digest: string;
  id: string;
  capturedAt: number;
}

const META_KEY = 'files';
/** Files read and handed to the parsing threads at a time: enough to keep the threads busy, few enough to bound memory. */
const BATCH_SIZE = 256;
/** A long load says how far it got this often, rather than staying silent for a minute. */
const PROGRESS_EVERY_MS = 5000;

export class ArticleFileError extends Error {}

/** Lists capture files below `directory` as paths relative to it, in a stable order. */
export async function listCaptureFiles(directory: string): Promise<{ files: string[]; ignored: string[]; hidden: string[] }> {
  let entries;
  try {
    entries = await readdir(directory, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new ArticleFileError(`cannot read the content folder ${directory}: ${(error as Error).message}`);
  }
  const files: string[] = [];
  const ignored: string[] = [];
  const hidden: string[] = [];
  for (const entry of entries) {
    const path = relative(directory, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (path.split('/').some((part) => part.startsWith('.'))) {
      if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) hidden.push(path);
      continue;
    }
    if (entry.isDirectory()) continue;
    if (entry.isFile() && entry.name.toLowerCase().endsWith('.txt')) files.push(path);
    else ignored.push(path);
  }
  return { files: files.sort(), ignored: ignored.sort(), hidden: hidden.sort() };
}

function digestOf(bytes: Uint8Array, pipelineVersion: string): string {
  return createHash('sha1').update(pipelineVersion).update('\0').update(bytes).digest('base64url');
}

/** Libraries whose output ends up in an article, besides this project's own src/lib. */
const PIPELINE_PACKAGES = ['cheerio', 'sanitize-html', 'jieba-wasm', 'opencc-js', 'htmlparser2'];

/**
 * A digest of src/lib and of the versions of the libraries it uses: what a stored article was
 * made by. Read from the files next to this module; empty when they cannot be read.
 */
export async function pipelineVersion(): Promise<string> {
  const hash = createHash('sha1');
  try {
    const libDir = new URL('../lib/', import.meta.url);
    for (const name of (await readdir(libDir)).filter((file) => file.endsWith('.ts')).sort()) {
      hash.update(name).update(await readFile(new URL(name, libDir)));
    }
    for (const name of PIPELINE_PACKAGES) {
      const manifest = await readFile(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8').catch(() => '{}');
      hash.update(`${name}@${JSON.parse(manifest).version ?? '?'}`);
    }
  } catch {
    return '';
  }
  return hash.digest('base64url');
}

/** Loads every capture file into the store; see ArticleLoaderOptions. */
export async function loadArticles(context: Pick<LoaderContext, 'store' | 'meta' | 'logger' | 'parseData'>, options: ArticleLoaderOptions): Promise<LoadReport> {
  const { meta } = context;
  const { files, ignored, hidden } = await listCaptureFiles(options.directory);
  const previousRecords = meta.get(META_KEY);
  const previous: Record<string, FileRecord> = JSON.parse(previousRecords ?? '{}');
  // Astro writes the whole store 500 ms after any change to it, its own bookkeeping at the start
  // of every sync included. A load that takes longer would have the whole unchanged store (484 MB
  // at 65,000 articles) serialized and written for nothing, then again at the end. Setting our
  // record to its old value every 200 ms (while files are read, threads start or parse) defers
  // that write until the load is done.
  const deferStoreWrite = previousRecords === undefined ? undefined : setInterval(() => meta.set(META_KEY, previousRecords), 200);
  let loaded: { report: LoadReport; records: Record<string, FileRecord> };
  try {
    loaded = await loadInto(context, options, previous, files, ignored, hidden);
  } finally {
    clearInterval(deferStoreWrite);
  }
  meta.set(META_KEY, JSON.stringify(loaded.records));
  return loaded.report;
}

/** The load itself: reads, parses and stores the articles; the caller records what each file became. */
async function loadInto(
  context: Pick<LoaderContext, 'store' | 'logger' | 'parseData'>,
  options: ArticleLoaderOptions,
  previous: Record<string, FileRecord>,
  files: string[],
  ignored: string[],
  hidden: string[],
): Promise<{ report: LoadReport; records: Record<string, FileRecord> }> {
  const { store, logger } = context;
  const now = (options.now ?? Date.now)();
  const records: Record<string, FileRecord> = {};
  const report: LoadReport = { published: 0, skipped: [], duplicatesMerged: 0, parsed: 0, unchanged: 0, removed: 0, ignored, hidden };
  for (const file of hidden) logger.warn(`ignored hidden file ${join(options.directory, file)}: names starting with "." are not read`);
  // The newest capture of each id, and the entry parsed for it when it had to be parsed.
  const winners = new Map<string, { file: string; record: FileRecord; entry?: { data: ArticleData; html: string } }>();

  const skip = (file: string, reason: string) => {
    const message = `${file}: ${reason}`;
    if (options.strict) throw new ArticleFileError(`bad article file (NEWS_STRICT=1): ${join(options.directory, message)}`);
    report.skipped.push({ file, reason });
    logger.warn(`skipped ${join(options.directory, file)}: ${reason}`);
  };

  // Files go in batches: reading and digesting on this thread, parsing on the pool's threads,
  // then the results in file order, so skips, merges and strict failures never depend on timing.
  const pool = options.pool ?? inlineParser();
  const started = performance.now();
  let lastProgress = started;
  for (let start = 0; start < files.length; start += BATCH_SIZE) {
    const batch = await Promise.all(files.slice(start, start + BATCH_SIZE).map(async (file) => {
      const path = join(options.directory, file);
      const refused = checkFileSize((await stat(path)).size);
      if (refused) return { file, refused };
      const bytes = await readFile(path);
      const digest = digestOf(bytes, options.pipelineVersion ?? '');
      const known = previous[file];
      if (known && known.digest === digest && store.get(known.id)) return { file, known };
      return { file, digest, parsing: pool.parse(bytes, file, now) };
    }));
    for (const item of batch) {
      const { file } = item;
      if (item.refused) {
        skip(file, item.refused);
        continue;
      }
      let record: FileRecord;
      let entry: { data: ArticleData; html: string } | undefined;
      if ('known' in item && item.known) {
        record = item.known;
        report.unchanged++;
      } else {
        const result = await item.parsing!;
        report.parsed++;
        if (!result.ok) {
          skip(file, result.reason);
          continue;
        }
        record = { digest: item.digest!, id: result.entry.id, capturedAt: result.entry.data.capturedAt.getTime() };
        entry = { data: result.entry.data, html: result.entry.html };
      }
      records[file] = record;
      const current = winners.get(record.id);
      if (current) report.duplicatesMerged++;
      // Newest capture wins; on a tie the later file name, so the choice never depends on listing order.
      if (!current || record.capturedAt > current.record.capturedAt || (record.capturedAt === current.record.capturedAt && file > current.file)) {
        winners.set(record.id, { file, record, entry });
      }
    }
    const done = Math.min(start + BATCH_SIZE, files.length);
    if (performance.now() - lastProgress > PROGRESS_EVERY_MS && done < files.length) {
      lastProgress = performance.now();
      logger.info(`read ${done}/${files.length} files (${report.parsed} parsed) in ${((lastProgress - started) / 1000).toFixed(1)} s`);
    }
  }

  for (const [id, winner] of winners) {
    const stored = store.get(id);
    if (stored && stored.digest === winner.record.digest) continue;
    let entry = winner.entry;
    if (!entry) {
      // Unchanged file that now wins over a capture that was removed: parse it after all.
      const result = await pool.parse(await readFile(join(options.directory, winner.file)), winner.file, now);
      report.parsed++;
      if (!result.ok) throw new ArticleFileError(`${winner.file}: ${result.reason}`);
      entry = { data: result.entry.data, html: result.entry.html };
    }
    const data = await context.parseData({ id, data: entry.data as unknown as Record<string, unknown> });
    store.set({ id, data, digest: winner.record.digest, rendered: { html: entry.html } });
  }
  for (const id of store.keys()) {
    if (!winners.has(id)) {
      store.delete(id);
      report.removed++;
    }
  }
  report.published = winners.size;
  return { report, records };
}

/** One line for the end of the build log. */
export function formatLoadSummary(report: LoadReport): string {
  return (
    `articles: ${report.published} published, ${report.skipped.length} skipped, ` +
    `${report.duplicatesMerged} duplicates merged (${report.parsed} parsed, ${report.unchanged} unchanged, ${report.removed} removed)`
  );
}

/** Where the last load's report waits for the build's end (read by the integration in astro.config.mjs). */
export const LOAD_REPORT_KEY = Symbol.for('news-site.load-report');

/** The loader Astro calls. In `astro dev` it also reloads when the folder changes. */
export function articleLoader(options: ArticleLoaderOptions): Loader {
  return {
    name: 'article-loader',
    async load(context) {
      const version = options.pipelineVersion ?? (await pipelineVersion());
      const run = async () => {
        const pool = createParsePool();
        const report = await loadArticles(context, { ...options, pipelineVersion: version, pool }).finally(() => pool.close());
        if (pool.threads) context.logger.info(`parsed on ${pool.threads} threads`);
        if (report.ignored.length) {
          const shown = report.ignored.slice(0, 5).join(', ');
          context.logger.info(`ignored ${report.ignored.length} files that are not .txt captures: ${shown}${report.ignored.length > 5 ? ', …' : ''}`);
        }
        context.logger.info(formatLoadSummary(report));
        // The search index is built from the store while the pages render (src/integrations/search-index.ts).
        const entries = () => context.store.values();
        (globalThis as Record<symbol, unknown>)[LOAD_REPORT_KEY] = { ...report, entries };
      };
      await run();
      if (context.watcher) {
        context.watcher.add(options.directory);
        const reload = (path: string) => {
          if (path.startsWith(options.directory)) run().catch((error) => context.logger.error(String(error)));
        };
        for (const event of ['add', 'change', 'unlink'] as const) context.watcher.on(event, reload);
      }
    },
  };
}
