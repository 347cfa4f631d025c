import { parentPort, workerData } from 'node:worker_threads';
import { computeListingData, type ListingSettings } from '../lib/listing-data.ts';
import { BodyFiles, storyFeaturesOf } from './body-files.ts';
import type { ArticleOfThread } from './listings-ahead.ts';

/** The listing data of the loaded articles, on a thread of their own (see listings-ahead.ts). */
const { articles, settings, bodiesFolder } = workerData as { articles: ArticleOfThread[]; settings: ListingSettings; bodiesFolder?: string };
const started = performance.now();
try {
  const bodies = new BodyFiles(bodiesFolder ?? '');
  const listings = computeListingData(articles.map((article) => ({ ...article, storyFeatures: storyFeaturesOf(article, bodies) })), settings);
  parentPort!.postMessage({ listings, seconds: (performance.now() - started) / 1000 });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
}
