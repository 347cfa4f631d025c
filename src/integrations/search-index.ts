import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { DEFAULT_SEARCH_CHARS } from '../lib/search-records.ts';
import { pageListFile, searchShards, withPageListPreload } from '../lib/search-shards.ts';
import { articleBody } from '../data/article-bodies.ts';
import { loadedArticles, type StoredArticle } from '../loader/article-loader.ts';
import { FilePublisher } from './file-publisher.ts';
import { largestFirst, runShardJobs, type ShardJobs } from './shard-jobs.ts';
/** Changes when what the indexer writes changes, so that old shards are not reused. */
const INDEX_FORMAT = '3';


/**
 * Writes the search index: one Pagefind bundle per shard (a quarter of capture, or a part of a
 * busy one: src/lib/search-shards.ts) under pagefind/<shard>/.
 * The search page names them itself (src/lib/search-shards.ts, from the same articles) and asks
 * them in groups, newest first. Indexing starts once the content is loaded and runs on a worker
 * thread while the pages render; the build waits for it at the end. A shard's bundle is kept in the cache folder
 * under a digest of its articles and settings: a rebuild re-indexes only the shards whose
 * articles changed, and memory stays bounded by the largest shard.
 */
export function searchIndex(options: { timeZone: string; textLength?: number; shardArticles?: number }): AstroIntegration {
  let cacheDir = '';
  let base = '/';
  const textLength = options.textLength ?? DEFAULT_SEARCH_CHARS;
  let indexing: Promise<{ shards: string[]; total: number; indexed: number; seconds: number }> | undefined;
  /** The shards being indexed, while they are. */
  let running: ShardJobs | undefined;
  /** Puts the shards' files into the output. */
  const files = new FilePublisher();
  return {
    name: 'news-search-index',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = join(fileURLToPath(config.cacheDir), 'search');
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:start': ({ logger }) => {
        indexing = startIndexing(logger);
        // Reported when the build waits for it; never left unhandled meanwhile.
        indexing.catch(() => {});
      },
      // The pages are done: shards still waiting are indexed two at a time, while the other
      // integrations finish (the build waits for the index in 'astro:build:done').
      'astro:build:generated': () => {
        running?.widen();
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!indexing) throw new Error('the search index was not started');
        const { shards, total, indexed, seconds } = await indexing;
        const outDir = join(fileURLToPath(dir), 'pagefind');
        mkdirSync(outDir, { recursive: true });
        const wanted = new Map(shards.map((shard) => [shard.split('/')[0], shard]));
        for (const name of readdirSync(outDir)) if (!wanted.has(name)) rmSync(join(outDir, name), { recursive: true, force: true });
        let copied = 0;
        for (const [name, shard] of wanted) {
          // A shard the output folder holds already, from the last build, stays (src/integrations/kept-output.ts).
          if (sameShard(shardPath(shard), join(outDir, name))) continue;
          rmSync(join(outDir, name), { recursive: true, force: true });
          // Hard links where the cache and the output share a file system: Pagefind never rewrites a
          // finished shard's files (a changed shard is indexed into a new folder).
          files.publish(shardPath(shard), join(outDir, name), filesUnder(shardPath(shard)).filter(isPublished));
          copied++;
        }
        const searchPage = join(fileURLToPath(dir), 'search', 'index.html');
        const newest = shards[0]?.split('/')[0];
        if (newest && existsSync(searchPage)) {
          const entry = JSON.parse(readFileSync(join(outDir, newest, 'pagefind-entry.json'), 'utf8'));
          writeFileSync(searchPage, withPageListPreload(readFileSync(searchPage, 'utf8'), `${base}pagefind/${newest}/${pageListFile(entry)}`));
        }
        const widened = running?.widened ?? 0;
        const second = widened ? ` (${widened} ${widened === 1 ? 'shard' : 'shards'} of them on a second thread, started when the pages were done)` : '';
        logger.info(`search: ${total} articles in ${shards.length} shards, ${indexed} indexed now${second}, the rest reused, in ${seconds.toFixed(1)} s; ${copied} shards ${files.links ? 'linked' : 'copied'} into the output`);
      },
    },
  };

  /** The search page runs its own code: Pagefind's ready-made interfaces are not published. */
  function isPublished(path: string): boolean {
    return !/pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$|wasm\.unknown\.pagefind$/.test(path);
  }

  /**
   * Whether the output holds this shard already: Pagefind names its index, fragment and page
   * list files by their content, and the entry file names the page list, so the same names and
   * the same entry mean the same shard.
   */
  function sameShard(cached: string, published: string): boolean {
    const entry = (folder: string) => readFileSync(join(folder, 'pagefind-entry.json'), 'utf8');
    if (!existsSync(join(published, 'pagefind-entry.json')) || entry(cached) !== entry(published)) return false;
    const names = (folder: string) => filesUnder(folder).filter(isPublished).sort().join('\n');
    return names(cached) === names(published);
  }

  /**
   * The files under a folder, by path relative to it. Folder by folder with their entries' types:
   * a recursive listing looks at each file to learn whether it is a folder, half a second for the
   * archive's shards on every build.
   */
  function filesUnder(folder: string, prefix = '', files: string[] = []): string[] {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) filesUnder(join(folder, entry.name), `${prefix}${entry.name}/`, files);
      else files.push(`${prefix}${entry.name}`);
    }
    return files;
  }

  function shardPath(shardAndDigest: string): string {
    return join(cacheDir, shardAndDigest);
  }

  async function startIndexing(logger: AstroIntegrationLogger) {
    const report = loadedArticles('the search index');
    const started = performance.now();
    const byShard = new Map<string, StoredArticle[]>();
    const all = [...report.entries()];
    const shardNames = searchShards(all.map((article) => article.data.capturedAt), options.timeZone, options.shardArticles);
    for (const [index, article] of all.entries()) {
      const shard = shardNames[index];
      const articles = byShard.get(shard);
      if (articles) articles.push(article);
      else byShard.set(shard, [article]);
    }
    const names = [...byShard.keys()].sort().reverse();
    const shards: string[] = [];
    const jobs: { shard: string; outputPath: string; articles: StoredArticle[] }[] = [];
    /** Bundles of earlier versions of the shards to index: thousands of files each, removed off the main thread meanwhile. */
    const stale: string[] = [];
    for (const shard of names) {
      const articles = byShard.get(shard)!.sort((a, b) => (a.id < b.id ? -1 : 1));
      const digest = createHash('sha1')
        .update(`${INDEX_FORMAT}\0${base}\0${options.timeZone}\0${textLength}\0`)
        .update(articles.map((article) => `${article.id} ${article.digest}`).join('\n'))
        .digest('base64url');
      shards.push(`${shard}/${digest}`);
      if (existsSync(join(shardPath(`${shard}/${digest}`), 'pagefind-entry.json'))) continue;
      for (const old of existsSync(join(cacheDir, shard)) ? readdirSync(join(cacheDir, shard)) : []) stale.push(join(cacheDir, shard, old));
      jobs.push({ shard, outputPath: shardPath(`${shard}/${digest}`), articles });
    }
    // Shards the site no longer has (the newest shard's pieces once a newer period began, a quarter since cut into months).
    for (const gone of existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => !byShard.has(name)) : []) stale.push(join(cacheDir, gone));
    const total = names.reduce((sum, shard) => sum + byShard.get(shard)!.length, 0);
    const indexed = jobs.reduce((sum, job) => sum + job.articles.length, 0);
    logger.info(`search: indexing ${indexed} of ${total} articles (${jobs.length} of ${names.length} shards changed), alongside the pages`);
    const removing = Promise.all(stale.map((folder) => rm(folder, { recursive: true, force: true })));
    await Promise.all([jobs.length ? runJobs(largestFirst(jobs, (job) => job.articles.length)) : undefined, removing]);
    return { shards, total, indexed, seconds: (performance.now() - started) / 1000 };
  }

  /** Shards go to a worker one at a time (src/integrations/shard-jobs.ts); a second joins once the pages are done. */
  function runJobs(jobs: { shard: string; outputPath: string; articles: StoredArticle[] }[]): Promise<void> {
    const run = runShardJobs(
      jobs,
      () => new Worker(new URL('./search-worker.ts', import.meta.url)),
      (job) => ({
        shard: job.shard,
        outputPath: job.outputPath,
        base,
        timeZone: options.timeZone,
        textLength,
        articles: job.articles.map((article) => ({
          id: article.id,
          title: article.data.title,
          outletName: article.data.outlet.name,
          capturedAt: article.data.capturedAt,
          html: articleBody(article),
        })),
      }),
    );
    running = run;
    return run.done;
  }
}
