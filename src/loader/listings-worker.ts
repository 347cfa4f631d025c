import { parentPort, workerData } from 'node:worker_threads';
import { writeCachedListings } from '../data/catalog-cache.ts';
import { computeListingData } from '../lib/listing-data.ts';
import { tag } from '../lib/segmenter.ts';
import { decodeFeatures } from '../lib/story-features.ts';
import { BodyFiles, storyFeaturesOf } from './body-files.ts';
import { packWorthKeeping, readFeaturesPack, writeFeaturesPack } from './features-pack.ts';
import { keepListingMemo, listingMemoSize, listingMemoVersion, restoreListingMemo } from './listing-memo.ts';
import type { ArticleOfThread, ListingsJob, ListingsKeep } from './listings-ahead.ts';

/**
 * The listing data of the loaded articles, on a thread of their own (see listings-ahead.ts).
 * While the main thread loads the articles, this one loads its code (above), the segmenter's
 * dictionary, the story features pack and what the last build's listing data remembered
 * (listing-memo.ts); then it waits for the articles.
 */
const { bodiesFolder } = workerData as { bodiesFolder?: string };
// Without a folder (a store that holds the bodies), the features are in the store entries and there is no pack.
const bodies = new BodyFiles(bodiesFolder ?? '');
// The subject kinds ask the dictionary; its first use loads it.
tag('新闻', false);
const lastPack = bodiesFolder ? readFeaturesPack(bodies.featuresPack) : undefined;
// A memo that cannot be read or dated only means computing its results again.
const memo = bodiesFolder
  ? listingMemoVersion()
      .then((version) => {
        restoreListingMemo(bodies.listingMemo, version);
        return { version, restored: listingMemoSize() };
      })
      .catch(() => undefined)
  : Promise.resolve(undefined);

// The job is taken once the memo is read (one sent sooner waits in the port's queue), and then
// handled without a pause: the pages' message that follows it must find its listener in place.
void memo.then((restored) => parentPort!.once('message', (job: ListingsJob) => computeAndKeep(job, restored)));

function computeAndKeep(job: ListingsJob, restored: { version: string; restored: number } | undefined): void {
  if ('stop' in job) {
    parentPort!.close();
    return;
  }
  const started = performance.now();
  try {
    const { articles, settings } = job;
    const pack = lastPack && packWorthKeeping(lastPack, articles.map((article) => String(article.digest)));
    // With a pack, the features as their numbers in its numbering (new articles' numbered now); without, as they are.
    const featuresOf = (article: ArticleOfThread) => {
      const features = decodeFeatures(storyFeaturesOf(article, bodies));
      return pack ? pack.numbering.numbersOf(features) : features;
    };
    const features = articles.map((article) => (typeof article.digest === 'string' && pack?.numbers.get(article.digest)) || featuresOf(article));
    const numbered = pack && { distinct: pack.numbering.size };
    const listings = computeListingData(articles.map((article, index) => ({ ...article, storyFeatures: features[index] })), settings, numbered);
    // As JSON text: the pages parse it (no slower than a structured copy), and this thread caches it as it is.
    const json = JSON.stringify(listings);
    parentPort!.postMessage({ json, seconds: (performance.now() - started) / 1000 });
    // After the result is sent, off the pages' way: the pack of these articles, unless it is the one read.
    if (pack && (articles.length !== pack.numbers.size || articles.some((article) => !pack.numbers.has(String(article.digest))))) {
      writeFeaturesPack(bodies.featuresPack, { numbers: new Map(articles.map((article, index) => [String(article.digest), features[index]])), numbering: pack.numbering });
    }
    if (restored && listingMemoSize() > restored.restored) {
      try {
        keepListingMemo(bodies.listingMemo, restored.version);
      } catch (error) {
        // Computed again by the next build.
        console.warn(`[topics] what the listing data remembers could not be kept: ${(error as Error).message}`);
      }
    }
    // Once the pages take the result (their message may be waiting already), the cache; a build that never takes it caches nothing.
    parentPort!.once('message', ({ keep }: ListingsKeep) => {
      try {
        writeCachedListings(keep.key, keep.inputs, json, keep.file);
      } catch (error) {
        // Computed again by the next build.
        console.warn(`[topics] the listing data could not be cached: ${(error as Error).message}`);
      }
      parentPort!.close();
    });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
    parentPort!.close();
  }
}
