import { Worker } from 'node:worker_threads';
import { cachedListingsInputs, LISTINGS_AHEAD_KEY, type CachedAs, type ListingsAhead } from '../data/catalog-cache.ts';
import { sortNewestFirst } from '../lib/article-data.ts';
import type { ListingData, ListingSource } from '../lib/listing-data.ts';
import { listingInputsDigest, listingSettings, type ListingSettings } from '../lib/listing-settings.ts';
import type { StoredArticle } from './article-loader.ts';
import type { BodyFiles, BodyInStore } from './body-files.ts';

/** An article as the thread gets it: without its story features, which it reads (storyFeaturesOf). */
export type ArticleOfThread = Omit<ListingSource, 'storyFeatures'> & BodyInStore;

/** What the thread is told once the articles are loaded. */
export type ListingsJob = { articles: ArticleOfThread[]; settings: ListingSettings } | { stop: true };

/** What it is told once the pages take its result: where to cache it (catalog-cache.ts). */
export type ListingsKeep = { keep: CachedAs & { inputs: string } };

export interface ListingsThread {
  /** Computes the listing data of the loaded articles, unless the last build's is for the same articles and settings. */
  compute(entries: Iterable<StoredArticle>, minSubjectArticles?: number): void;
  /** Ends the thread unused (the load failed). */
  stop(): void;
}

/**
 * A thread that computes the listing data (topics and story pairs: src/lib/listing-data.ts) for
 * the pages to take (src/data/catalog.ts). It starts with the load and gets ready meanwhile (its
 * code, the segmenter's dictionary, the last build's story features: listings-worker.ts), while
 * the main thread lists and reads the capture files; it is given the articles once they are
 * loaded. Astro then writes the whole content store and bundles the pages on the main thread,
 * seconds at archive scale during which the other core would be idle; computed there when the
 * pages ask for it, the listing data would take as long again. The thread stops unused when the
 * last build's listing data was computed from the same articles and settings
 * (src/data/catalog-cache.ts): the pages read it back, or compute it themselves when the code
 * that asks for it changed since.
 */
export function startListingsThread(bodies?: BodyFiles): ListingsThread {
  const worker = new Worker(new URL('./listings-worker.ts', import.meta.url), { workerData: { bodiesFolder: bodies?.folder } });
  let settled = false;
  const result = new Promise<{ json: string; seconds: number }>((resolve, reject) => {
    worker.once('message', (message: { json: string; seconds: number } | { error: string }) => ('error' in message ? reject(new Error(message.error)) : resolve(message)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the thread stopped (exit code ${code}) before it was done`)));
  }).finally(() => {
    settled = true;
  });
  // Until the pages ask for the result, the thread does not keep the process alive (astro sync loads
  // the articles too). After the listeners: listening for messages refs the thread again.
  worker.unref();
  // Reported when taken.
  result.catch(() => {});
  const stop = () => worker.postMessage({ stop: true } satisfies ListingsJob);
  return {
    stop,
    compute(entries, minSubjectArticles) {
      const articles: ArticleOfThread[] = sortNewestFirst([...entries]).map(({ id, digest, data, rendered }) => ({
        id,
        digest,
        // Only what the listing data reads: the thread gets a copy.
        data: { title: data.title, lang: data.lang, summary: data.summary, outlet: { slug: data.outlet.slug }, section: data.section, subjects: data.subjects, capturedAt: data.capturedAt },
        // The story features are read from their files by the thread, unless the store holds them.
        ...(rendered ? { rendered: { html: '', metadata: rendered.metadata } } : {}),
      }));
      const settings = listingSettings(articles.length, minSubjectArticles);
      const inputs = listingInputsDigest(settings, articles);
      if (inputs === cachedListingsInputs()) {
        stop();
        (globalThis as Record<symbol, unknown>)[LISTINGS_AHEAD_KEY] = undefined;
        return;
      }
      worker.postMessage({ articles, settings } satisfies ListingsJob);
      const ahead: ListingsAhead = {
        inputs,
        take: async (cacheAs) => {
          worker.ref();
          worker.postMessage({ keep: { ...cacheAs, inputs } } satisfies ListingsKeep);
          if (!settled) runWhileListingsWait();
          const { json, seconds } = await result;
          return { listings: JSON.parse(json) as ListingData, seconds };
        },
      };
      (globalThis as Record<symbol, unknown>)[LISTINGS_AHEAD_KEY] = ahead;
    },
  };
}

const WHILE_LISTINGS_WAIT_KEY = Symbol.for('news-site.while-listings-wait');

/**
 * Work of this build that the main thread may do early, while the pages wait for the listing
 * thread: it would be idle then, and the same work done after the pages would lengthen the
 * build. Done at most once, and only if the pages do wait; whoever hands it in does it itself
 * otherwise (the work keeps its own outcome, error included, and must not throw). Handing in
 * under the same name again replaces the work not yet done. Returns the function that withdraws it.
 */
export function whileListingsWait(name: string, work: () => void): () => void {
  const queue = ((globalThis as Record<symbol, unknown>)[WHILE_LISTINGS_WAIT_KEY] ??= new Map()) as Map<string, () => void>;
  queue.set(name, work);
  return () => {
    if (queue.get(name) === work) queue.delete(name);
  };
}

function runWhileListingsWait(): void {
  const queue = (globalThis as Record<symbol, unknown>)[WHILE_LISTINGS_WAIT_KEY] as Map<string, () => void> | undefined;
  if (!queue) return;
  const works = [...queue.values()];
  queue.clear();
  for (const work of works) work();
}
