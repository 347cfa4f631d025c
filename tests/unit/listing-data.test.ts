import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { listingsComputedAhead } from '../../src/data/catalog-cache.ts';
import { sortNewestFirst } from '../../src/lib/article.ts';
import { computeListingData, listingInputsDigest, listingSettings } from '../../src/lib/listing-data.ts';
import { startListingsAhead } from '../../src/loader/listings-ahead.ts';
import { captureDigest } from '../../src/lib/capture-files.ts';
import { BodyFiles } from '../../src/loader/body-files.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';
import { tempDir } from '../support/temp.ts';

// Stored articles as the loader hands them over: each with its store digest, its body and story features in files.
const articles = [...loadSeeds(), ...loadFixtureArticles()].map((article, index) => ({ ...article, id: `${article.id}-${index}`, digest: captureDigest(new TextEncoder().encode(article.file), `${index}`) }));
const bodies = new BodyFiles(tempDir('news-bodies'));
for (const article of articles) bodies.write(article.digest, article.html, article.storyFeatures);
const stored = articles.map(({ id, digest, data }) => ({ id, digest, data }));
const newestFirst = sortNewestFirst(articles);
const settings = listingSettings(stored.length, 2);

describe('listing data', () => {
  it('computed ahead on a thread of its own, is what computing it on this thread gives', async () => {
    startListingsAhead(stored, 2, bodies);
    const ahead = await listingsComputedAhead(listingInputsDigest(settings, newestFirst));
    assert.ok(ahead, 'the listing data computed ahead was not found under its inputs');
    const here = computeListingData(newestFirst, settings);
    assert.ok(here.topics.length > 0 && here.pairs.length > 0, 'the fixtures should make topics and story pairs');
    assert.deepEqual(ahead.listings, here);
  });
  it('computed ahead, is not taken for other articles or other settings', async () => {
    startListingsAhead(stored, 2, bodies);
    assert.equal(await listingsComputedAhead(listingInputsDigest(settings, newestFirst.slice(1))), undefined);
    assert.equal(await listingsComputedAhead(listingInputsDigest(listingSettings(stored.length, 3), newestFirst)), undefined);
    assert.ok(await listingsComputedAhead(listingInputsDigest(settings, newestFirst)));
  });
  it('is keyed by the articles in order, their digests and the settings', () => {
    const digest = listingInputsDigest(settings, newestFirst);
    assert.equal(listingInputsDigest({ ...settings }, [...newestFirst]), digest);
    assert.notEqual(listingInputsDigest(settings, newestFirst.toReversed()), digest);
    assert.notEqual(listingInputsDigest(settings, newestFirst.map((article, index) => (index ? article : { ...article, digest: 'changed' }))), digest);
    assert.notEqual(listingInputsDigest({ ...settings, minTitles: settings.minTitles + 1 }, newestFirst), digest);
  });
});
