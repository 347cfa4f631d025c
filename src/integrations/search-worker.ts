import { parentPort } from 'node:worker_threads';
import * as pagefind from 'pagefind';
import { searchRecord, type SearchSource } from '../lib/search-records.ts';

/**
 * Builds search shards off the main thread, while Astro renders pages: splitting words here
 * and indexing in Pagefind's own process use the cores that page rendering leaves idle.
 * Messages in: { shard, outputPath, base, timeZone, textLength, articles } one at a time, then { done: true }.
 * Messages out: { shard, error? } per shard.
 */

interface ShardJob {
  shard: string;
  outputPath: string;
  base: string;
  timeZone: string;
  textLength: number;
  articles: SearchSource[];
}

/** Records handed to the indexer at a time: enough to keep it busy, few enough to bound memory. */
const BATCH = 200;

async function writeShard(job: ShardJob): Promise<void> {
  // The words are split by src/lib/search-text.ts on both sides; told "English", Pagefind splits at spaces only.
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', writePlayground: false });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  for (let start = 0; start < job.articles.length; start += BATCH) {
    const added = await Promise.all(
      job.articles.slice(start, start + BATCH).map((article) => {
        const record = searchRecord(article, job.shard, job.timeZone, job.textLength);
        return index.addCustomRecord({ url: `${job.base}${record.path}`, content: record.content, language: 'en', meta: record.meta, filters: record.filters, sort: record.sort });
      }),
    );
    const failed = added.flatMap((result) => result.errors);
    if (failed.length) throw new Error(failed.join('; '));
  }
  const written = await index.writeFiles({ outputPath: job.outputPath });
  if (written.errors.length) throw new Error(written.errors.join('; '));
  await index.deleteIndex();
}

let queue = Promise.resolve();
parentPort!.on('message', (message: ShardJob | { done: true }) => {
  queue = queue.then(async () => {
    if ('done' in message) {
      await pagefind.close();
      parentPort!.close();
      return;
    }
    try {
      await writeShard(message);
      parentPort!.postMessage({ shard: message.shard });
    } catch (error) {
      parentPort!.postMessage({ shard: message.shard, error: String((error as Error).stack ?? error) });
    }
  });
});
