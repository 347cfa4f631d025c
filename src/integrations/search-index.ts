import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { dayKey } from '../lib/dates.ts';
import { searchRecord, type SearchRecord } from '../lib/search-records.ts';

/** Where the article loader leaves its report, with a reader of the content store. */
const LOAD_REPORT_KEY = Symbol.for('news-site.load-report');
/** Changes when what this file writes changes, so that old shards are not reused. */
const INDEX_FORMAT = '1';
/** Records handed to the indexer at a time: enough to keep it busy, few enough to bound memory. */
const BATCH = 500;

interface StoredArticle {
  id: string;
  digest?: string;
  data: { title: string; outlet: { name: string }; capturedAt: Date };
  rendered?: { html: string };
}

/**
 * Writes the search index: one Pagefind bundle per capture year under pagefind/<year>/, and
 * pagefind/shards.json naming them newest first (the search page merges them in the browser).
 * A year's bundle is kept in the cache folder under a digest of its articles and settings; a
 * rebuild re-indexes only the years whose articles changed and copies the others.
 */
export function searchIndex(options: { timeZone: string }): AstroIntegration {
  let cacheDir = '';
  let base = '/';
  return {
    name: 'news-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'search');
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const report = (globalThis as Record<symbol, unknown>)[LOAD_REPORT_KEY] as { entries?: () => Iterable<StoredArticle> } | undefined;
        if (!report?.entries) throw new Error('the search index needs the article loader’s store, and the loader did not run');
        const started = performance.now();
        const byYear = new Map<string, StoredArticle[]>();
        for (const article of report.entries()) {
          const year = dayKey(article.data.capturedAt, options.timeZone).slice(0, 4);
          const articles = byYear.get(year);
          if (articles) articles.push(article);
          else byYear.set(year, [article]);
        }
        const outDir = join(fileURLToPath(dir), 'pagefind');
        rmSync(outDir, { recursive: true, force: true });
        mkdirSync(outDir, { recursive: true });
        const years = [...byYear.keys()].sort().reverse();
        let indexed = 0;
        for (const year of years) {
          const articles = byYear.get(year)!.sort((a, b) => (a.id < b.id ? -1 : 1));
          const digest = createHash('sha1')
            .update(`${INDEX_FORMAT}\0${base}\0${options.timeZone}\0`)
            .update(articles.map((article) => `${article.id} ${article.digest}`).join('\n'))
            .digest('base64url');
          const cached = join(cacheDir, year, digest);
          if (!existsSync(join(cached, 'pagefind-entry.json'))) {
            for (const old of existsSync(join(cacheDir, year)) ? readdirSync(join(cacheDir, year)) : []) rmSync(join(cacheDir, year, old), { recursive: true, force: true });
            await writeYear(articles.map((article) => searchRecord(sourceOf(article), options.timeZone)), cached);
            indexed += articles.length;
          }
          // The search page runs its own code: Pagefind's ready-made interfaces are not published.
          cpSync(cached, join(outDir, year), { recursive: true, filter: (source) => !/pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$|wasm\.unknown\.pagefind$/.test(source) });
        }
        writeFileSync(join(outDir, 'shards.json'), `${JSON.stringify({ years })}\n`);
        await pagefind.close();
        const total = years.reduce((sum, year) => sum + byYear.get(year)!.length, 0);
        logger.info(`search: ${total} articles in ${years.length} yearly indexes, ${indexed} indexed now, the rest reused, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };

  function sourceOf(article: StoredArticle) {
    return { id: article.id, title: article.data.title, outletName: article.data.outlet.name, capturedAt: article.data.capturedAt, html: article.rendered?.html ?? '' };
  }

  async function writeYear(records: SearchRecord[], outputPath: string): Promise<void> {
    // The words are split by src/lib/search-text.ts on both sides; told "English", Pagefind splits at spaces only.
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (let start = 0; start < records.length; start += BATCH) {
      const added = await Promise.all(
        records.slice(start, start + BATCH).map((record) =>
          index.addCustomRecord({ url: `${base}${record.path}`, content: record.content, language: 'en', meta: record.meta, filters: record.filters, sort: record.sort }),
        ),
      );
      const failed = added.flatMap((result) => result.errors);
      if (failed.length) throw new Error(`search index: ${failed.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`search index: ${written.errors.join('; ')}`);
    await index.deleteIndex();
  }
}
