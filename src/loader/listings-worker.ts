import { parentPort, workerData } from 'node:worker_threads';
import { computeListingData } from '../lib/listing-data.ts';
import { tag } from '../lib/segmenter.ts';
import { decodeFeatures } from '../lib/stories.ts';
import { BodyFiles, storyFeaturesOf } from './body-files.ts';
import { readFeaturesPack, writeFeaturesPack } from './features-pack.ts';
import type { ArticleOfThread, ListingsJob } from './listings-ahead.ts';

/**
 * The listing data of the loaded articles, on a thread of their own (see listings-ahead.ts).
 * While the main thread loads the articles, this one loads its code (above), the segmenter's
 * dictionary and the story features pack; then it waits for the articles.
 */
const { bodiesFolder } = workerData as { bodiesFolder?: string };
// Without a folder (a store that holds the bodies), the features are in the store entries and there is no pack.
const bodies = new BodyFiles(bodiesFolder ?? '');
// The subject kinds ask the dictionary; its first use loads it.
tag('新闻', false);
const pack = bodiesFolder ? readFeaturesPack(bodies.featuresPack) : new Map<string, Uint32Array>();

parentPort!.once('message', (job: ListingsJob) => {
  if ('stop' in job) {
    parentPort!.close();
    return;
  }
  const started = performance.now();
  try {
    const { articles, settings } = job;
    const features = articles.map((article) => featuresOf(article));
    const listings = computeListingData(articles.map((article, index) => ({ ...article, storyFeatures: features[index] })), settings);
    // As JSON text: the pages parse it (no slower than a structured copy) and write it to the cache as it is, not serialise it again.
    parentPort!.postMessage({ json: JSON.stringify(listings), seconds: (performance.now() - started) / 1000 });
    // After the result is sent, off the pages' way: the pack of these articles, unless it is the one read.
    if (bodiesFolder && (articles.length !== pack.size || articles.some((article) => !pack.has(String(article.digest))))) {
      writeFeaturesPack(bodies.featuresPack, new Map(articles.map((article, index) => [String(article.digest), features[index]])));
    }
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
  parentPort!.close();
});

function featuresOf(article: ArticleOfThread): Uint32Array {
  const packed = typeof article.digest === 'string' ? pack.get(article.digest) : undefined;
  return packed ?? decodeFeatures(storyFeaturesOf(article, bodies));
}
