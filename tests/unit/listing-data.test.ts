import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listingsComputedAhead, readCachedListings } from '../../src/data/catalog-cache.ts';
import { join } from 'node:path';
import { sortNewestFirst } from '../../src/lib/article-data.ts';
import { computeListingData } from '../../src/lib/listing-data.ts';
import { listingInputsDigest, listingSettings } from '../../src/lib/listing-settings.ts';
import { startListingsThread, whileListingsWait } from '../../src/loader/listings-ahead.ts';
import { captureDigest } from '../../src/lib/capture-files.ts';
import { BodyFiles } from '../../src/loader/body-files.ts';
import { readFeaturesPack, writeFeaturesPack } from '../../src/loader/features-pack.ts';
import { decodeFeatures } from '../../src/lib/story-features.ts';
import { FeatureNumbering } from '../../src/lib/feature-numbers.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';
import { tempDir } from '../support/temp.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { toSimplified } from '../../src/lib/chinese.ts';
import { listingMemoVersion } from '../../src/loader/listing-memo.ts';

// Stored articles as the loader hands them over: each with its store digest, its body and story features in files.
const articles = [...loadSeeds(), ...loadFixtureArticles()].map((article, index) => ({ ...article, id: `${article.id}-${index}`, digest: captureDigest(new TextEncoder().encode(article.file), `${index}`) }));
const bodies = new BodyFiles(tempDir('news-bodies'));
for (const article of articles) bodies.write(article.digest, article.html, article.storyFeatures);
const stored = articles.map(({ id, digest, data }) => ({ id, digest, data }));
const newestFirst = sortNewestFirst(articles);
const settings = listingSettings(stored.length, 2);
/** Where the thread caches what the pages take. */
const cacheAs = () => ({ key: 'code-key', file: join(tempDir('news-catalog'), 'catalog.json') });

describe('listing data', () => {
  it('computed ahead on a thread of its own, is what computing it on this thread gives, and the thread caches it', async () => {
    startListingsThread(bodies).compute(stored, 2);
    const inputs = listingInputsDigest(settings, newestFirst);
    const cache = cacheAs();
    const ahead = await listingsComputedAhead(inputs, cache);
    assert.ok(ahead, 'the listing data computed ahead was not found under its inputs');
    const here = computeListingData(newestFirst, settings);
    assert.ok(here.topics.length > 0 && here.pairs.length > 0, 'the fixtures should make topics and story pairs');
    assert.deepEqual(ahead.listings, here);
    // Written by the thread once taken, as the next build reads it back: under the inputs and the code's key.
    assert.deepEqual(await waitFor(() => readCachedListings(cache.key, inputs, cache.file)), here);
    assert.equal(readCachedListings('other-code', inputs, cache.file), undefined);
  });
  it('computed ahead, is not taken for other articles or other settings', async () => {
    startListingsThread(bodies).compute(stored, 2);
    assert.equal(await listingsComputedAhead(listingInputsDigest(settings, newestFirst.slice(1)), cacheAs()), undefined);
    assert.equal(await listingsComputedAhead(listingInputsDigest(listingSettings(stored.length, 3), newestFirst), cacheAs()), undefined);
    assert.ok(await listingsComputedAhead(listingInputsDigest(settings, newestFirst), cacheAs()));
  });
  it('gives the main thread the work handed in for the wait, once, while the pages wait for the thread; not when its result is there already', async () => {
    startListingsThread(bodies).compute(stored, 2);
    const inputs = listingInputsDigest(settings, newestFirst);
    const done: string[] = [];
    whileListingsWait('first', () => done.push('first, replaced'));
    whileListingsWait('first', () => done.push('first'));
    whileListingsWait('second', () => done.push('second'));
    // Just handed its job, the thread cannot have sent its result yet.
    const ahead = await listingsComputedAhead(inputs, cacheAs());
    assert.ok(ahead);
    assert.deepEqual(done, ['first', 'second']);
    // Taken again, now that the result is there: no wait, and the work handed in stays undone.
    const withdraw = whileListingsWait('third', () => done.push('third'));
    assert.deepEqual(await listingsComputedAhead(inputs, cacheAs()), ahead);
    assert.deepEqual(done, ['first', 'second']);
    // Withdrawn, it is not done in a later wait either.
    withdraw();
    startListingsThread(bodies).compute(stored, 2);
    assert.ok(await listingsComputedAhead(inputs, cacheAs()));
    assert.deepEqual(done, ['first', 'second']);
  });
  it('the thread keeps every article’s story features in one pack, and reads them from it in the next build', async () => {
    // The first test's thread wrote the pack once its result was sent.
    const packed = await waitFor(() => {
      const pack = readFeaturesPack(bodies.featuresPack);
      return pack.numbers.size ? pack : undefined;
    });
    assert.deepEqual(new Set(packed.numbers.keys()), new Set(articles.map((article) => article.digest)));
    const { keys } = packed.numbering.kept();
    for (const article of articles) assert.deepEqual([...packed.numbers.get(article.digest)!].map((number) => keys[number]), [...decodeFeatures(article.storyFeatures)], article.id);
    // Features never change under a digest, so the pack is read before the files: with every
    // article's features emptied there, no two articles share a story.
    const folder = tempDir('news-bodies');
    const emptied = new BodyFiles(folder);
    for (const article of articles) emptied.write(article.digest, article.html, article.storyFeatures);
    writeFeaturesPack(emptied.featuresPack, { numbers: new Map(articles.map((article) => [article.digest, new Uint32Array()])), numbering: new FeatureNumbering() });
    startListingsThread(emptied).compute(stored, 2);
    const ahead = await listingsComputedAhead(listingInputsDigest(settings, newestFirst), cacheAs());
    assert.deepEqual(ahead?.listings.pairs, []);
    assert.deepEqual(ahead?.listings.topics, computeListingData(newestFirst, settings).topics);
  });
  it('numbers the features of articles the pack lacks after those it holds, with the same result; the next pack holds only the articles of this build', async () => {
    const partial = new BodyFiles(tempDir('news-bodies'));
    for (const article of articles) partial.write(article.digest, article.html, article.storyFeatures);
    // The pack of an earlier build: all the articles but two, and one removed since.
    const numbering = new FeatureNumbering();
    const earlier = articles.slice(2).map((article) => [article.digest, numbering.numbersOf(decodeFeatures(article.storyFeatures))] as const);
    writeFeaturesPack(partial.featuresPack, { numbers: new Map([['removed', numbering.numbersOf([1, 2, 3])], ...earlier]), numbering });
    startListingsThread(partial).compute(stored, 2);
    const ahead = await listingsComputedAhead(listingInputsDigest(settings, newestFirst), cacheAs());
    assert.deepEqual(ahead?.listings, computeListingData(newestFirst, settings));
    const repacked = await waitFor(() => {
      const pack = readFeaturesPack(partial.featuresPack);
      return pack.numbers.size === articles.length ? pack : undefined;
    });
    assert.deepEqual(new Set(repacked.numbers.keys()), new Set(articles.map((article) => article.digest)));
    assert.equal(repacked.numbering.size, new Set(articles.flatMap((article) => [...decodeFeatures(article.storyFeatures)])).size);
  });
  it('the thread keeps the kinds of Latin names and the Simplified spellings it computed, and takes them back in the next build, of the same code only', async () => {
    // The first test's thread kept them once its result was sent.
    const kept = await waitFor(() => (existsSync(bodies.listingMemo) ? JSON.parse(readFileSync(bodies.listingMemo, 'utf8')) : undefined));
    assert.equal(kept.version, await listingMemoVersion());
    const traditional = articles.filter((article) => article.data.lang === 'zh-Hant');
    assert.ok(traditional.length > 0 && articles.some((article) => article.data.subjects.includes('Nora Blake')), 'the fixtures should hold Traditional articles and English names');
    const simplified = new Map(kept.simplifiedTexts as [string, string][]);
    for (const { data } of traditional) assert.equal(simplified.get(data.title), toSimplified(data.title), data.title);
    assert.equal(new Map(kept.latinNameKinds as [string, string][]).get('Nora Blake'), 'person');
    // A memo is trusted as it is: one that spells the Traditional titles and summaries that name 港府
    // without it leaves 港府 in one article only, no longer a topic. Under another version it is not read.
    const hongKong = traditional.filter(({ data }) => toSimplified(`${data.title}${data.summary}`).includes('港府'));
    assert.ok(hongKong.length > 0 && computeListingData(newestFirst, settings).topics.some((topic) => topic.name === '港府'));
    const planted = hongKong.flatMap(({ data }) => [[data.title, '某地'], [data.summary, '某地']]);
    for (const [version, expected] of [[kept.version, false], ['another version', true]] as const) {
      const folder = new BodyFiles(tempDir('news-bodies'));
      for (const article of articles) folder.write(article.digest, article.html, article.storyFeatures);
      writeFileSync(folder.listingMemo, JSON.stringify({ version, latinNameKinds: [], simplifiedTexts: planted }));
      startListingsThread(folder).compute(stored, 2);
      const ahead = await listingsComputedAhead(listingInputsDigest(settings, newestFirst), cacheAs());
      assert.equal(ahead?.listings.topics.some((topic) => topic.name === '港府'), expected, version);
    }
  });
  it('is keyed by the articles in order, their digests and the settings', () => {
    const digest = listingInputsDigest(settings, newestFirst);
    assert.equal(listingInputsDigest({ ...settings }, [...newestFirst]), digest);
    assert.notEqual(listingInputsDigest(settings, newestFirst.toReversed()), digest);
    assert.notEqual(listingInputsDigest(settings, newestFirst.map((article, index) => (index ? article : { ...article, digest: 'changed' }))), digest);
    assert.notEqual(listingInputsDigest({ ...settings, minTitles: settings.minTitles + 1 }, newestFirst), digest);
  });
});

/** Polls until `probe` gives a value (the thread writes the pack after it sends its result). */
async function waitFor<T>(probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
