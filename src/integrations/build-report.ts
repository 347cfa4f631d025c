import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { bodyEdges, edgeKeys, edgeLineKey, type BodyEdges, type Edge } from '../lib/boilerplate-suspects.ts';
import { buildReport, formatSuspect, topSuspects, toReportJson } from '../lib/build-report.ts';
import { formatLoadSummary, formatSkippedAgain } from '../lib/capture-files.ts';
import { articleBody } from '../data/article-bodies.ts';
import { loadedArticles, type StoredArticle } from '../loader/article-loader.ts';
import { IMAGE_REPORT_KEY, type ImageReportEntry } from '../lib/image-records.ts';
import { whileListingsWait } from '../loader/listings-ahead.ts';
import { readTextFileSync } from '../loader/text-files.ts';

interface MadeReport {
  load: ReturnType<typeof loadedArticles>;
  report: ReturnType<typeof buildReport>;
  /** Spent making it (and writing it, once written). */
  seconds: number;
}

/** Suspected boilerplate lines printed at the end of a build; the report holds them all. */
const SUSPECTS_SHOWN = 10;


/**
 * The edges of each body (src/lib/boilerplate-suspects.ts) by its store digest, as line keys
 * (edgeKeys): taken by the parsing threads for the bodies this build parsed, and kept between
 * builds for the others, so that no body is read back for them and the cache holds a few bytes a
 * line. The text of a suspect's line is found again in its example article's body.
 */
class EdgeCache {
  private readonly path: string;
  private readonly previous: Record<string, BodyEdges>;
  private readonly parsed: ReadonlyMap<string, BodyEdges>;
  private readonly current: Record<string, BodyEdges> = {};
  /** The text of the keys of the bodies this build read. */
  private readonly lines = new Map<string, string>();

  constructor(path: string, parsed: ReadonlyMap<string, BodyEdges>) {
    this.path = path;
    this.parsed = parsed;
    try {
      this.previous = JSON.parse(readTextFileSync(path)) as Record<string, BodyEdges>;
    } catch {
      this.previous = {};
    }
  }

  /** An article's edges as keys. */
  of(entry: StoredArticle): BodyEdges {
    const key = typeof entry.digest === 'string' ? entry.digest : undefined;
    const edges = (key && (this.parsed.get(key) ?? this.previous[key])) || this.read(entry);
    if (key) this.current[key] = edges;
    return edges;
  }

  /** The text of a line key at an edge of this article's body. */
  textOf(key: string, edge: Edge, entry: StoredArticle): string {
    if (!this.lines.has(key)) this.read(entry);
    const text = this.lines.get(key);
    if (text === undefined) throw new Error(`the body of article ${entry.id} no longer has the line its edges named at the ${edge}`);
    return text;
  }

  private read(entry: StoredArticle): BodyEdges {
    const edges = bodyEdges(articleBody(entry));
    for (const line of [...edges.start, ...edges.end]) this.lines.set(edgeLineKey(line), line);
    return edgeKeys(edges);
  }

  /** Keeps the edges of this build's bodies only. */
  save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, JSON.stringify(this.current));
  }
}

/**
 * Once the pages are written: writes the build report (src/lib/build-report.ts) to `path` as JSON;
 * at the end of the build, prints what an operator looks for: the skipped files (those refused
 * again unchanged counted in one line), the top suspected leftover boilerplate and the loader's
 * summary. The report is made from the loader's outcomes and the content store, so it is written
 * for a rebuild that parsed nothing as well. `path` must lie outside the output folder: the
 * report names the content folder's files, which are not the site's to publish.
 */
export function buildReportIntegration(options: { path: string; site: string; base: string }): AstroIntegration {
  let outDir = '';
  let cacheDir = '';
  let early: { made: MadeReport } | { error: unknown } | undefined;
  let written: (MadeReport & { early: boolean }) | undefined;
  let withdrawEarly: (() => void) | undefined;
  return {
    name: 'news-build-report',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        cacheDir = fileURLToPath(config.cacheDir);
        const inside = relative(outDir, options.path);
        if (!inside.startsWith('..') && !isAbsolute(inside)) {
          throw new Error(`NEWS_REPORT ${options.path} is inside the output folder ${outDir}: the build report is not to be published; name a file elsewhere`);
        }
      },
      // Made while the pages wait for the listing thread, when they do (the main thread would be
      // idle then), else once they are written, while the search index may still be working on
      // its own thread (the build waits for it in 'astro:build:done'); written once the pages
      // are, and printed at the very end.
      'astro:build:start': () => {
        early = undefined;
        withdrawEarly = whileListingsWait('the build report', () => {
          try {
            early = { made: makeReport() };
          } catch (error) {
            early = { error };
          }
        });
      },
      'astro:build:generated': () => {
        withdrawEarly?.();
        const ahead = early;
        early = undefined;
        if (ahead && 'error' in ahead) throw ahead.error;
        written = { ...writeReport(ahead?.made ?? makeReport()), early: ahead !== undefined };
      },
      'astro:build:done': ({ logger }) => {
        const { load, report, seconds, early: madeEarly } = written ?? { ...writeReport(makeReport()), early: false };
        written = undefined;
        const again = load.skipped.filter((skipped) => skipped.unchanged);
        for (const { file, reason } of load.skipped.filter((skipped) => !skipped.unchanged)) logger.warn(`skipped ${file}: ${reason}`);
        if (again.length) logger.warn(formatSkippedAgain(again.length));
        const suspects = topSuspects(report, SUSPECTS_SHOWN);
        if (suspects.length) {
          const total = report.outlets.reduce((sum, outlet) => sum + outlet.boilerplateSuspects.length, 0);
          logger.info(`suspected leftover boilerplate, ${suspects.length} of ${total} (lines that open or close many of an outlet's articles):`);
          for (const suspect of suspects) logger.info(`  ${formatSuspect(suspect)}`);
        }
        logger.info(`report: ${options.path} (${seconds.toFixed(1)} s${madeEarly ? ', made while the pages waited for the topics' : ''})`);
        logger.info(formatLoadSummary(load));
      },
    },
  };

  /** Makes the report from the loader's outcomes and the content store. */
  function makeReport(): MadeReport {
    const load = loadedArticles('the build report');
    const started = performance.now();
    // Kept as text by earlier builds: 70 MB at archive scale.
    rmSync(join(cacheDir, 'body-edges.json'), { force: true });
    const edges = new EdgeCache(join(cacheDir, 'body-edge-keys.json'), load.bodyEdges);
    const entries = [...load.entries()];
    const articles = entries.map((entry) => ({
      id: entry.id,
      outlet: entry.data.outlet,
      textLength: entry.data.textLength,
      hasLeadImage: entry.data.leadImage !== undefined,
      edges: edges.of(entry),
    }));
    edges.save();
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    const lineText = (key: string, edge: Edge, example: string) => edges.textOf(key, edge, byId.get(example)!);
    const report = buildReport({ files: load.files, articles, ignored: load.ignored, hidden: load.hidden, lineText });
    return { load, report, seconds: (performance.now() - started) / 1000 };
  }

  /** Writes the report, with what became of each image when they are mirrored. */
  function writeReport(made: MadeReport): MadeReport {
    const started = performance.now();
    mkdirSync(dirname(options.path), { recursive: true });
    // With NEWS_IMAGES=mirror, every image URL with what became of it (kept as which files, or why not).
    const images = (globalThis as Record<symbol, unknown>)[IMAGE_REPORT_KEY] as ImageReportEntry[] | undefined;
    const written = { format: 1, builtAt: new Date().toISOString(), site: options.site, base: options.base, outDir, ...made.report, ...(images ? { images } : {}) };
    writeFileSync(options.path, toReportJson(written));
    return { ...made, seconds: made.seconds + (performance.now() - started) / 1000 };
  }
}
