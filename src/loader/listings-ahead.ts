import { Worker } from 'node:worker_threads';
import { cachedListingsInputs, LISTINGS_AHEAD_KEY, type ListingsAhead } from '../data/catalog-cache.ts';
import { sortNewestFirst } from '../lib/article.ts';
import { listingInputsDigest, listingSettings, type ListingData, type ListingSource } from '../lib/listing-data.ts';
import type { StoredArticle } from './article-loader.ts';
import type { BodyFiles, BodyInStore } from './body-files.ts';

/** An article as the thread gets it: without its story features, which it reads (storyFeaturesOf). */
export type ArticleOfThread = Omit<ListingSource, 'storyFeatures'> & BodyInStore;

/**
 * Starts computing the listing data (topics and story pairs: src/lib/listing-data.ts) of the
 * loaded articles on a thread of its own, for the pages to take (src/data/catalog.ts). After the
 * loader, Astro writes the whole content store and bundles the pages on the main thread, seconds
 * at archive scale during which the other core is idle; the listing data takes as long again on
 * the main thread when the pages ask for it. Not started when the last build's listing data
 * was computed from the same articles and settings (src/data/catalog-cache.ts): the pages read it
 * back, or compute it themselves when the code that asks for it changed since.
 */
export function startListingsAhead(entries: Iterable<StoredArticle>, minSubjectArticles?: number, bodies?: BodyFiles): void {
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
    (globalThis as Record<symbol, unknown>)[LISTINGS_AHEAD_KEY] = undefined;
    return;
  }
  const worker = new Worker(new URL('./listings-worker.ts', import.meta.url), { workerData: { articles, settings, bodiesFolder: bodies?.folder } });
  // Until the pages ask for the result, the thread does not keep the process alive (astro sync loads the articles too).
  worker.unref();
  const result = new Promise<{ listings: ListingData; seconds: number }>((resolve, reject) => {
    worker.once('message', (message: { listings: ListingData; seconds: number } | { error: string }) => ('error' in message ? reject(new Error(message.error)) : resolve(message)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the thread stopped (exit code ${code}) before it was done`)));
  });
  // Reported when taken.
  result.catch(() => {});
  const ahead: ListingsAhead = {
    inputs,
    take: () => {
      worker.ref();
      return result;
    },
  };
  (globalThis as Record<symbol, unknown>)[LISTINGS_AHEAD_KEY] = ahead;
}
