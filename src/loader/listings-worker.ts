import { parentPort, workerData } from 'node:worker_threads';
import { computeListingData, type ListingSettings, type ListingSource } from '../lib/listing-data.ts';

/** The listing data of the loaded articles, on a thread of its own (see listings-ahead.ts). */
const { articles, settings } = workerData as { articles: ListingSource[]; settings: ListingSettings };
const started = performance.now();
try {
  const listings = computeListingData(articles, settings);
  parentPort!.postMessage({ listings, seconds: (performance.now() - started) / 1000 });
} catch (error) {
  parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
}
