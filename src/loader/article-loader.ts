import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { ArticleEntry } from '../lib/article.ts';
import type { ArticleData } from '../lib/article-data.ts';
import {
  captureDigest, classifyCaptureFiles, countNewByName, formatLoadSummary, formatSkippedAgain, offerCapture, planStoreChanges, reusableRecord, reusableRejection, sameFileStat, toFileOutcomes, toFileRecord,
  type Capture, type FileRecord, type LoadReport, type RejectionRecord,
} from '../lib/capture-files.ts';
import { checkFileSize, refusalDependsOnTime } from '../lib/parse.ts';
import { deferStoreWrites } from './defer-store-write.ts';
import { ArticleFileError, listCaptureFiles, toFileStat, type FolderSurvey } from './folder-survey.ts';
import { takeLoadAhead } from './load-ahead.ts';
import { startListingsThread } from './listings-ahead.ts';
import { createParsePool, inlineParser, type ParsePool } from './parse-pool.ts';
import type { BodyFiles } from './body-files.ts';
import type { LoadRecords, LoadRecordsFile } from './load-records.ts';
import { pipelineVersion } from './pipeline-version.ts';

/**
 * The content-layer loader: the only code that touches the article folder (read only). It reads
 * files, hands them to src/lib (parsing and cleaning, and capture-files.ts for which file becomes
 * which article), and writes the store.
 */

export interface ArticleLoaderOptions {
  /** The folder of capture files (read recursively; only `.txt` files are articles). */
  directory: string;
  /** Fail the build on the first bad file instead of skipping it. */
  strict: boolean;
  /** Build time in ms; injectable for tests. */
  now?: () => number;
  /** Identifies the code that turns a file into an article (see pipeline-version.ts); computed when not given. */
  pipelineVersion?: string;
  /** Threads the loader Astro calls parses on (see createParsePool). */
  parseThreads?: number;
  /** Where loadArticles parses files; by default on the calling thread. */
  pool?: ParsePool;
  /** Where cleaned bodies are kept, one file each (see body-files.ts); without it, the store holds them. */
  bodies?: BodyFiles;
  /** Where the files' records are kept between loads (see load-records.ts); without it, in the collection's meta store. */
  records?: LoadRecordsFile;
  /**
   * When given, a build (not `astro dev`) computes the listing data on a thread of its own, started
   * with the load and given the articles once they are loaded (listings-ahead.ts);
   * `minSubjectArticles` as the site sets it.
   */
  listingsAhead?: { minSubjectArticles?: number };
  /** The folder as surveyed ahead of the load (folder-survey.ts); without it, the load lists it and stats each file itself. */
  survey?: Promise<FolderSurvey>;
  /** Called once the store holds every article and the outcomes are known, before the records are kept for the next load. */
  loaded?: (report: LoadReport) => void;
}

type LoadContext = Pick<LoaderContext, 'store' | 'meta' | 'logger' | 'parseData'>;
/** A parsed capture as the load holds it: without its body once that is in its file (see Load.held). */
interface Parsed {
  data: ArticleData;
  body?: Pick<ArticleEntry, 'html' | 'storyFeatures'>;
}

/** Where each file's record is kept between builds in the collection's meta store, without a records file. */
const META_KEY = 'files';
/** Where the files refused last time are kept, with their digests and reasons. */
const REJECTED_KEY = 'rejected';
/** The pipeline version the records were made by: a file's stat alone vouches for its record only under the same code. */
const VERSION_KEY = 'pipeline';
/** With a records file, the meta store holds only where they are: the value set again to hold off Astro's write (defer-store-write.ts). */
const RECORDS_AT_KEY = 'records';
/** Files read and handed to the parsing threads at a time: enough to keep the threads busy, few enough to bound memory. */
export const BATCH_SIZE = 256;
/** A long load says how far it got this often, rather than staying silent for a minute. */
const PROGRESS_EVERY_MS = 5000;

export { ArticleFileError };

/** Loads every capture file into the store; see ArticleLoaderOptions. */
export async function loadArticles(context: LoadContext, options: ArticleLoaderOptions): Promise<LoadReport> {
  const { meta, logger } = context;
  const { records } = options;
  // From the start, before anything is read: listing a large folder (or reading the records)
  // takes longer than Astro's write delay, and a write begun meanwhile (the whole store, seconds
  // at archive scale) would hold up the load.
  const stopDeferring = records ? deferStoreWrites(meta, RECORDS_AT_KEY, basename(records.path)) : deferStoreWrites(meta, META_KEY, meta.get(META_KEY));
  try {
    // Records kept in the meta store by an earlier version are taken over once.
    const previous = (await records?.read()) ?? recordsInMeta(meta);
    // A survey that failed is done again here, where its error is the load's.
    const surveyed = await options.survey?.catch(() => undefined);
    const { files, ignored, hidden } = surveyed?.listing ?? (await listCaptureFiles(options.directory));
    for (const file of hidden) logger.warn(`ignored hidden file ${join(options.directory, file)}: names starting with "." are not read`);
    const report: LoadReport = { published: 0, skipped: [], files: [], duplicatesMerged: 0, parsed: 0, unchanged: 0, removed: 0, ignored, hidden, bodyEdges: new Map() };
    const sameCode = options.pipelineVersion !== undefined && previous?.pipeline === options.pipelineVersion;
    const load = new Load(context, options, report, previous?.files ?? {}, previous?.rejected ?? {}, sameCode, surveyed);
    load.warmForNewFiles(files);
    await load.readFiles(files);
    load.countSkippedAgain();
    await load.writeStore();
    load.nameOutcomes();
    options.loaded?.(report);
    if (records) {
      records.write({ pipeline: options.pipelineVersion, files: load.records, rejected: load.rejected });
      meta.set(RECORDS_AT_KEY, basename(records.path));
      for (const key of [META_KEY, REJECTED_KEY, VERSION_KEY]) meta.delete(key);
    } else {
      meta.set(META_KEY, JSON.stringify(load.records));
      meta.set(REJECTED_KEY, JSON.stringify(load.rejected));
      if (options.pipelineVersion !== undefined) meta.set(VERSION_KEY, options.pipelineVersion);
    }
    return report;
  } finally {
    stopDeferring();
  }
}

/** The records a load kept in the meta store; undefined when it holds none. */
function recordsInMeta(meta: LoadContext['meta']): LoadRecords | undefined {
  const files = meta.get(META_KEY);
  if (files === undefined) return undefined;
  return { pipeline: meta.get(VERSION_KEY), files: JSON.parse(files), rejected: JSON.parse(meta.get(REJECTED_KEY) ?? '{}') };
}

/** One load: what it read so far, and the captures chosen for each article. */
class Load {
  readonly records: Record<string, FileRecord> = {};
  readonly rejected: Record<string, RejectionRecord> = {};
  private readonly chosen = new Map<string, Capture<Parsed>>();
  private readonly context: LoadContext;
  private readonly options: ArticleLoaderOptions;
  private readonly report: LoadReport;
  /** The records of the last load, by file. */
  private readonly previous: Record<string, FileRecord>;
  /** The files the last load refused, by file. */
  private readonly previousRejected: Record<string, RejectionRecord>;
  private readonly pool: ParsePool;
  private readonly now: number;
  /** Whether the records were made by this code, so that a file's unchanged stat vouches for its record. */
  private readonly sameCode: boolean;
  /** The digests with body files when the load started, each with whether it has both (see storedDigest). */
  private bodyListing: Map<string, boolean> | undefined;
  /** The files parsed by this load: a merge that involves one is news, and named in the log. */
  private readonly parsedFiles = new Set<string>();
  /** The digests whose body files this load wrote as their captures were parsed (see held). */
  private readonly bodiesWritten = new Set<string>();
  /** The folder as surveyed before the load, when it was. */
  private readonly surveyed: FolderSurvey | undefined;

  constructor(context: LoadContext, options: ArticleLoaderOptions, report: LoadReport, previous: Record<string, FileRecord>, previousRejected: Record<string, RejectionRecord>, sameCode: boolean, surveyed?: FolderSurvey) {
    this.sameCode = sameCode;
    this.surveyed = surveyed;
    this.context = context;
    this.options = options;
    this.report = report;
    this.previous = previous;
    this.previousRejected = previousRejected;
    this.pool = options.pool ?? inlineParser();
    this.now = (options.now ?? Date.now)();
  }

  /** Files new by name will be parsed: parsing threads start now and get ready while the known files are read. */
  warmForNewFiles(files: readonly string[]): void {
    const fresh = countNewByName(files, { files: this.previous, rejected: this.previousRejected });
    if (fresh) this.pool.warm(fresh);
  }

  /**
   * Reads and digests files on this thread a batch at a time while the pool parses the changed
   * ones, then takes the results in file order, so skips, merges and strict failures never depend on timing.
   */
  async readFiles(files: string[]): Promise<void> {
    const started = performance.now();
    let lastProgress = started;
    const readBatch = (start: number) => Promise.all(files.slice(start, start + BATCH_SIZE).map((file) => this.read(file)));
    let next = readBatch(0);
    for (let start = 0; start < files.length; start += BATCH_SIZE) {
      const batch = await next;
      // The next batch is read and handed to the threads before this one is taken: at the end of
      // a batch the threads have the next files waiting rather than idling while they are read.
      if (start + BATCH_SIZE < files.length) {
        next = readBatch(start + BATCH_SIZE);
        // Its failure is thrown where it is awaited, after this batch.
        next.catch(() => {});
      }
      for (const read of batch) await this.take(read);
      const done = Math.min(start + BATCH_SIZE, files.length);
      if (performance.now() - lastProgress > PROGRESS_EVERY_MS && done < files.length) {
        lastProgress = performance.now();
        this.context.logger.info(`read ${done}/${files.length} files (${this.report.parsed} parsed) in ${((lastProgress - started) / 1000).toFixed(1)} s`);
      }
    }
  }

  /** A file's bytes, unless its size is refused; parsing starts unless its last record still holds. */
  private async read(file: string) {
    const path = join(this.options.directory, file);
    const fileStat = this.surveyed?.stats.get(file) ?? toFileStat(await stat(path));
    const refused = checkFileSize(fileStat.size);
    if (refused) return { file, refused };
    const isStored = (id: string) => this.storedDigest(id) !== undefined;
    if (this.sameCode) {
      // Same size and modification time under the same code: the record holds without reading the file.
      const previous = this.previous[file];
      if (previous && sameFileStat(previous, fileStat) && isStored(previous.id)) return { file, known: previous };
      const rejected = this.previousRejected[file];
      if (rejected && sameFileStat(rejected, fileStat)) return { file, digest: rejected.digest, fileStat, refused: rejected.reason, url: rejected.url, unchanged: true };
    }
    const bytes = await readFile(path);
    const digest = captureDigest(bytes, this.options.pipelineVersion ?? '');
    const known = reusableRecord(this.previous[file], digest, isStored);
    if (known) return { file, known: { ...known, ...fileStat } };
    // A file refused before, unchanged, is refused again without parsing: same bytes, same code, same reason.
    const refusedBefore = reusableRejection(this.previousRejected[file], digest);
    if (refusedBefore) return { file, digest, fileStat, refused: refusedBefore.reason, url: refusedBefore.url, unchanged: true };
    return { file, digest, fileStat, parsing: this.pool.parse(bytes, file, this.now) };
  }

  /**
   * The digest of an article as stored, when it is stored as this load would store it: an article
   * whose body file was lost from the cache, or whose body is still inside the store, is made again
   * by parsing its capture.
   */
  private storedDigest(id: string): string | undefined {
    const entry = this.context.store.get(id);
    if (!entry?.digest || typeof entry.digest !== 'string') return undefined;
    if (!this.options.bodies) return entry.digest;
    this.bodyListing ??= this.surveyed?.bodies ?? this.options.bodies.listing();
    return entry.rendered === undefined && this.bodyListing.get(entry.digest) === true ? entry.digest : undefined;
  }

  /** The digest the store holds for an article, whatever else it holds: the name of its body file, to remove. */
  private digestInStore(id: string): string | undefined {
    const digest = this.context.store.get(id)?.digest;
    return typeof digest === 'string' ? digest : undefined;
  }

  private async take(read: Awaited<ReturnType<Load['read']>>): Promise<void> {
    const { file } = read;
    if (read.refused) {
      if (read.unchanged) this.report.unchanged++;
      return this.skip(file, read.refused, read.digest ? { digest: read.digest, ...read.fileStat } : undefined, read.url, read.unchanged);
    }
    let capture: Capture<Parsed>;
    if (read.known) {
      capture = { file, record: read.known };
      this.report.unchanged++;
    } else {
      const result = await read.parsing!;
      this.report.parsed++;
      this.parsedFiles.add(file);
      if (!result.ok) return this.skip(file, result.reason, { digest: read.digest!, ...read.fileStat }, result.url);
      capture = { file, record: toFileRecord(read.digest!, result.entry, read.fileStat), entry: this.held(read.digest!, result.entry) };
      this.report.bodyEdges.set(read.digest!, result.edges);
    }
    this.records[file] = capture.record;
    offerCapture(this.chosen, capture);
  }

  /**
   * What the load keeps of a parsed capture until the store is written. With body files, the body
   * goes to its file now, while the threads parse the next files, rather than all at the end (and
   * all in memory until then); a capture that loses to a newer one has its files removed at the end.
   */
  private held(digest: string, entry: ArticleEntry): Parsed {
    const body = { html: entry.html, storyFeatures: entry.storyFeatures };
    if (!this.options.bodies) return { data: entry.data, body };
    this.options.bodies.write(digest, body.html, body.storyFeatures);
    this.bodiesWritten.add(digest);
    return { data: entry.data };
  }

  private skip(file: string, reason: string, seen?: { digest: string; size?: number; mtimeMs?: number }, url?: string, unchanged = false): void {
    // A refusal that time may undo (a capture time in the future) is not remembered.
    if (seen && !refusalDependsOnTime(reason)) this.rejected[file] = { ...seen, reason, ...(url ? { url } : {}) };
    if (this.options.strict) throw new ArticleFileError(`bad article file (NEWS_STRICT=1): ${join(this.options.directory, `${file}: ${reason}`)}`);
    this.report.skipped.push({ file, reason, ...(url ? { url } : {}), ...(unchanged ? { unchanged } : {}) });
    // A file refused again unchanged is counted once for all (countSkippedAgain): at archive scale
    // a line each would bury the files that are news.
    if (!unchanged) this.context.logger.warn(`skipped ${join(this.options.directory, file)}: ${reason}`);
  }

  /** One line for the files refused again, unchanged since the last build refused them. */
  countSkippedAgain(): void {
    const again = this.report.skipped.filter((skipped) => skipped.unchanged).length;
    if (again) this.context.logger.warn(formatSkippedAgain(again));
  }

  /**
   * Every file's outcome into the report, and each capture that lost to a newer one named in the
   * log when this load parsed either of the two: merges that only repeat the last build's are
   * counted in one line.
   */
  nameOutcomes(): void {
    const { store, logger } = this.context;
    this.report.files = toFileOutcomes(this.records, this.chosen, this.report.skipped);
    let again = 0;
    for (const outcome of this.report.files) {
      if (outcome.outcome !== 'superseded') continue;
      this.report.duplicatesMerged++;
      if (!this.parsedFiles.has(outcome.file) && !this.parsedFiles.has(outcome.by)) {
        again++;
        continue;
      }
      const url = (store.get(outcome.id)?.data as { url?: string } | undefined)?.url ?? `article ${outcome.id}`;
      const which = outcome.tie ? `a capture of ${url} from the same time (the later file name wins)` : `the newer capture of ${url}`;
      logger.info(`${join(this.options.directory, outcome.file)} superseded by ${join(this.options.directory, outcome.by)}, ${which}`);
    }
    if (again) logger.info(`${again} ${again === 1 ? 'capture' : 'captures'} superseded by newer captures of their articles, as in the last build (each in the build report)`);
  }

  /** Writes the chosen captures whose articles changed and deletes the articles whose files are gone. */
  async writeStore(): Promise<void> {
    const { store, parseData } = this.context;
    const { bodies } = this.options;
    const { write, remove } = planStoreChanges(this.chosen, (id) => this.storedDigest(id), store.keys());
    for (const capture of write) {
      const { id, digest } = capture.record;
      const parsed = capture.entry ?? (await this.parseAgain(capture.file, digest));
      const data = await parseData({ id, data: parsed.data });
      const replaced = this.digestInStore(id);
      if (bodies) {
        if (parsed.body) bodies.write(digest, parsed.body.html, parsed.body.storyFeatures);
        store.set({ id, data, digest });
        if (replaced && replaced !== digest) bodies.remove(replaced);
      } else store.set({ id, data, digest, rendered: { html: parsed.body!.html, metadata: { storyFeatures: parsed.body!.storyFeatures } } });
    }
    for (const id of remove) {
      const gone = this.digestInStore(id);
      store.delete(id);
      if (bodies && gone) bodies.remove(gone);
    }
    if (bodies) {
      // Files no stored article names: left by a store that was cleared (Astro clears it when the code changes).
      // And those of captures parsed by this load that lost to newer ones.
      const kept = new Set(store.keys().map((id) => this.digestInStore(id)));
      const found = new Set([...(this.bodyListing ?? bodies.listing()).keys(), ...this.bodiesWritten]);
      for (const digest of found) if (!kept.has(digest)) bodies.remove(digest);
    }
    this.report.removed = remove.length;
    this.report.published = this.chosen.size;
  }

  /** An unchanged file that now wins over a capture that was removed: parsed after all. */
  private async parseAgain(file: string, digest: string): Promise<Parsed> {
    const result = await this.pool.parse(await readFile(join(this.options.directory, file)), file, this.now);
    this.report.parsed++;
    this.parsedFiles.add(file);
    if (!result.ok) throw new ArticleFileError(`${file}: ${result.reason}`);
    this.report.bodyEdges.set(digest, result.edges);
    return { data: result.entry.data, body: { html: result.entry.html, storyFeatures: result.entry.storyFeatures } };
  }
}

/** Where the last load's report waits for the build's end (read by astro.config.mjs and the search index). */
export const LOAD_REPORT_KEY = Symbol.for('news-site.load-report');

/** An article as the store holds it (its body in a file: src/loader/body-files.ts). */
export interface StoredArticle {
  id: string;
  digest?: string | number;
  data: ArticleData;
  rendered?: { html: string; metadata?: Record<string, unknown> };
}

/**
 * The last load's report and the store's articles, for the build's integrations (search index,
 * image mirror, build report); throws, naming `reader`, when the loader did not run.
 */
export function loadedArticles(reader: string): LoadReport & { entries: () => Iterable<StoredArticle> } {
  const load = (globalThis as Record<symbol, unknown>)[LOAD_REPORT_KEY] as (LoadReport & { entries?: () => Iterable<StoredArticle> }) | undefined;
  if (!load?.entries) throw new Error(`${reader} needs the article loader’s store, and the loader did not run`);
  return load as LoadReport & { entries: () => Iterable<StoredArticle> };
}

/** The loader Astro calls. In `astro dev` it also reloads when the folder changes. */
export function articleLoader(options: ArticleLoaderOptions): Loader {
  return {
    name: 'article-loader',
    async load(context) {
      const version = options.pipelineVersion ?? (await pipelineVersion());
      const run = async () => {
        // What a build started as it read its configuration (load-ahead.ts), for the first load only.
        const ahead = takeLoadAhead({ directory: options.directory, bodies: options.bodies, recordsPath: options.records?.path, parseThreads: options.parseThreads ?? 1 });
        const pool = ahead?.pool ?? createParsePool(options.parseThreads ?? 1);
        // Started now unless it was then, to get ready while the files are read (listings-ahead.ts).
        const wantsListings = options.listingsAhead && !context.watcher;
        if (!wantsListings) ahead?.listings.stop();
        const listings = wantsListings ? (ahead?.listings ?? startListingsThread(options.bodies)) : undefined;
        // Once loaded, before the records are written: the listing thread waits for its articles.
        const loaded = (report: LoadReport) => {
          // The search index is built from the store while the pages render (src/integrations/search-index.ts).
          const entries = () => context.store.values() as Iterable<StoredArticle>;
          // The pages take the store from here rather than from its file (src/integrations/data-store-on-disk.mjs):
          // this loader's collection is the site's only one (src/content.config.ts).
          const collections = () => new Map([[context.collection, new Map(context.store.entries())]]);
          (globalThis as Record<symbol, unknown>)[LOAD_REPORT_KEY] = { ...report, entries, collections };
          listings?.compute(entries(), options.listingsAhead?.minSubjectArticles);
        };
        const report = await loadArticles(context, { ...options, pipelineVersion: version, pool, survey: ahead?.survey.result, loaded })
          .catch((error) => {
            listings?.stop();
            throw error;
          })
          .finally(() => pool.close());
        if (pool.threads) context.logger.info(`parsed on ${pool.threads} ${pool.threads === 1 ? 'thread' : 'threads'}`);
        if (report.ignored.length) {
          const shown = report.ignored.slice(0, 5).join(', ');
          context.logger.info(`ignored ${report.ignored.length} files that are not .txt captures: ${shown}${report.ignored.length > 5 ? ', …' : ''}`);
        }
        context.logger.info(formatLoadSummary(report));
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
