import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeFeatures, DEFAULT_STORY_OPTIONS, encodeFeatures, findStoryPairs, groupStories, relatedById, storyFeatures,
} from '../../src/lib/stories.ts';
import { loadSeeds, type LoadedArticle } from '../support/articles.ts';

const candidates = (articles: LoadedArticle[]) =>
  articles.map((article) => ({ id: article.id, time: article.data.capturedAt.getTime(), features: decodeFeatures(article.data.storyFeatures) }));

const seeds = loadSeeds();

describe('story features', () => {
  it('survive the compact encoding', () => {
    const features = storyFeatures('日本向特朗普传递信息', '北约秘书长斯托尔滕贝格淡化担忧', 'zh-Hans', ['特朗普']);
    assert.ok(features.length > 10);
    assert.deepEqual(decodeFeatures(encodeFeatures(features)), features);
  });
  it('do not depend on the script: Traditional text matches Simplified', () => {
    assert.deepEqual(storyFeatures('美國總統選舉', '', 'zh-Hant'), storyFeatures('美国总统选举', '', 'zh-Hans'));
  });
  it('ignore URLs', () => {
    assert.deepEqual(storyFeatures('Points', 'Article URL: https://example.com/one', 'en'), storyFeatures('Points', 'Article URL: https://other.example.org/two', 'en'));
  });
});

describe('findStoryPairs', () => {
  it('links the two samples as one story', () => {
    const pairs = findStoryPairs(candidates(seeds));
    assert.equal(pairs.length, 1);
    assert.deepEqual(new Set([pairs[0].a, pairs[0].b]), new Set(seeds.map((seed) => seed.id)));
  });
  it('never links articles further apart than the window', () => {
    const [first, second] = candidates(seeds);
    const apart = { ...second, time: first.time + (DEFAULT_STORY_OPTIONS.windowDays + 1) * 86_400_000 };
    assert.deepEqual(findStoryPairs([first, apart]), []);
  });
});

describe('relatedById and groupStories', () => {
  const pairs = [
    { a: 'a', b: 'b', similarity: 0.9 },
    { a: 'b', b: 'c', similarity: 0.5 },
    { a: 'c', b: 'd', similarity: 0.4 },
    { a: 'x', b: 'y', similarity: 0.3 },
  ];
  it('lists each article’s story mates, most similar first', () => {
    const related = relatedById(pairs);
    assert.deepEqual(related.get('b')!.map((r) => r.id), ['a', 'c']);
    assert.deepEqual(related.get('y')!.map((r) => r.id), ['x']);
    assert.equal(related.get('z'), undefined);
  });
  it('groups connected pairs, strongest first, and caps a group’s size', () => {
    const sort = (groups: string[][]) => groups.map((g) => g.sort().join('')).sort();
    assert.deepEqual(sort(groupStories(pairs)), ['abcd', 'xy']);
    assert.deepEqual(sort(groupStories(pairs, 3)), ['abc', 'xy']);
  });
});
