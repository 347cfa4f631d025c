import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeFeatures, encodeFeatures, storyFeatures } from '../../src/lib/story-features.ts';
import { DEFAULT_STORY_OPTIONS, findStoryPairs, groupStories, relatedById, toStories, toStoryCandidate } from '../../src/lib/stories.ts';
import { FeatureNumbering, keepOnlyUsed } from '../../src/lib/feature-numbers.ts';
import { loadSeeds, type LoadedArticle } from '../support/articles.ts';

const candidates = (articles: readonly LoadedArticle[]) => articles.map(toStoryCandidate);

const seeds = loadSeeds();

describe('story features', () => {
  it('survive the compact encoding', () => {
    const features = storyFeatures('日本向特朗普传递信息', '北约秘书长斯托尔滕贝格淡化担忧', 'zh-Hans', ['特朗普']);
    assert.ok(features.length > 10);
    assert.deepEqual([...decodeFeatures(encodeFeatures(features))], features);
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

  it('finds the pairs that comparing every article with every other finds, with the same similarity', () => {
    // 400 articles over 20 days, features from a small vocabulary in which a few are common:
    // many pairs fall inside the window, some features are too common to count.
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const articles = Array.from({ length: 400 }, (_, index) => {
      const features = new Set<number>();
      const story = Math.floor(random() * 60);
      while (features.size < 12) features.add(1000 + story * 20 + Math.floor(random() * 20));
      while (features.size < 24) features.add(Math.floor(random() ** 3 * 300));
      return { id: `a${index}`, time: Date.UTC(2024, 0, 1) + Math.floor(random() * 20 * 86_400_000), features: [...features] };
    });
    const options = { windowDays: 3, minSimilarity: 0.2, minSharedFeatures: 6, maxDocumentFrequency: 40 };
    const frequency = new Map<number, number>();
    for (const article of articles) for (const feature of article.features) frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
    const weight = (feature: number) => Math.log(1 + (articles.length + 200) / frequency.get(feature)!) ** 2;
    const norm = (features: number[]) => Math.sqrt(features.reduce((sum, feature) => sum + weight(feature), 0));
    const expected = new Map<string, number>();
    for (const x of articles) {
      for (const y of articles) {
        if (x === y || Math.abs(x.time - y.time) > options.windowDays * 86_400_000) continue;
        const shared = x.features.filter((feature) => y.features.includes(feature) && frequency.get(feature)! <= options.maxDocumentFrequency);
        const similarity = shared.reduce((sum, feature) => sum + weight(feature), 0) / (norm(x.features) * norm(y.features));
        if (shared.length >= options.minSharedFeatures && similarity >= options.minSimilarity) expected.set([x.id, y.id].sort().join(' '), similarity);
      }
    }
    const found = findStoryPairs(articles, options);
    assert.ok(expected.size > 20, `the table should hold pairs (${expected.size})`);
    assert.equal(found.length, expected.size);
    for (const pair of found) {
      const similarity = expected.get([pair.a, pair.b].sort().join(' '));
      assert.ok(similarity !== undefined, `${pair.a} ${pair.b} should not be a pair`);
      assert.ok(Math.abs(pair.similarity - Math.min(1, similarity)) < 1e-9);
    }
    // The same features as numbers kept from build to build: numbered in two builds, newest
    // articles first, with numbers no article has any more between them; the very same pairs.
    const numbering = new FeatureNumbering();
    const later = articles.slice(200).map((article) => ({ ...article, features: numbering.numbersOf(article.features) }));
    numbering.numbersOf([7_000_001, 7_000_002, 7_000_003]);
    const earlier = articles.slice(0, 200).map((article) => ({ ...article, features: numbering.numbersOf(article.features) }));
    const numbered = [...earlier, ...later];
    assert.ok(numbering.size > new Set(articles.flatMap((article) => article.features)).size);
    assert.deepEqual(findStoryPairs(numbered, options, { distinct: numbering.size }), found);
    const used = keepOnlyUsed(numbering, numbered.map((article) => article.features));
    assert.deepEqual(findStoryPairs(numbered.map((article, index) => ({ ...article, features: used.articles[index] })), options, { distinct: used.numbering.size }), found);
  });
});

describe('findStoryPairs at archive scale', () => {
  it('tells features apart however many there are and however their low bits collide', () => {
    // 3,000 articles in 300 stories of 10 over 60 days: each article has its story's 40 features
    // and 88 of its own, some 276,000 distinct features in all.
    let seed = 5;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const cores = Array.from({ length: 300 }, () => Array.from({ length: 40 }, random));
    const articles = Array.from({ length: 3000 }, (_, index) => {
      const story = index % 300;
      const own = Array.from({ length: 88 }, random);
      return { id: `s${story}-${index}`, time: Date.UTC(2020, 0, 1) + story * 4 * 3_600_000 + (index % 7) * 3_600_000, features: [...cores[story], ...own] };
    });
    const found = findStoryPairs(articles);
    const pairKeys = (pairs: { a: string; b: string }[]) => pairs.map(({ a, b }) => [a, b].sort().join(' ')).sort();
    const expected = articles.flatMap((x, i) => articles.slice(i + 1).filter((y) => y.id.split('-')[0] === x.id.split('-')[0]).map((y) => [x.id, y.id].sort().join(' '))).sort();
    assert.equal(expected.length, 300 * 45);
    assert.deepEqual(pairKeys(found), expected);
    // The same features under other names give the same pairs: swapping halves makes features
    // that differ only in their high bits share their low ones, and so their first slot.
    const renamings = [(f: number) => (f ^ 0x5bd1e995) >>> 0, (f: number) => Math.imul(f, 0x9e3779b1) >>> 0, (f: number) => ((f << 16) | (f >>> 16)) >>> 0];
    for (const rename of renamings) {
      assert.deepEqual(findStoryPairs(articles.map((article) => ({ ...article, features: article.features.map(rename) }))), found);
    }
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

describe('toStories', () => {
  const at = (day: number) => new Date(Date.UTC(2024, 1, day));
  const article = (id: string, day: number, outlet: string) => ({ id, data: { capturedAt: at(day), outlet: { name: outlet } } });
  // Newest first, as the catalog holds them.
  const articles = [article('e', 9, 'RFI 法广'), article('d', 8, 'BBC 中文'), article('c', 7, 'RFI 法广'), article('b', 6, 'RFI 法广'), article('a', 5, '美国之音')];
  const cases = [
    { name: 'a story’s articles newest first, whatever order the group has', groups: [['c', 'e']], stories: [{ articleIds: ['e', 'c'], outletNames: ['RFI 法广'], latest: at(9) }] },
    { name: 'each outlet named once, in the order of its articles', groups: [['a', 'b', 'c', 'd']], stories: [{ articleIds: ['d', 'c', 'b', 'a'], outletNames: ['BBC 中文', 'RFI 法广', '美国之音'], latest: at(8) }] },
    {
      name: 'the story with the newest article first',
      groups: [['a', 'b'], ['d', 'e']],
      stories: [{ articleIds: ['e', 'd'], outletNames: ['RFI 法广', 'BBC 中文'], latest: at(9) }, { articleIds: ['b', 'a'], outletNames: ['RFI 法广', '美国之音'], latest: at(6) }],
    },
  ];
  for (const { name, groups, stories } of cases) it(name, () => assert.deepEqual(toStories(groups, articles), stories));
  it('tells the two samples as one story', () => {
    const seeds = loadSeeds().toSorted((x, y) => y.data.capturedAt.getTime() - x.data.capturedAt.getTime());
    const [story] = toStories(groupStories(findStoryPairs(candidates(seeds))), seeds);
    assert.deepEqual(story.articleIds, seeds.map((seed) => seed.id));
    assert.deepEqual(story.outletNames, ['RFI 法广']);
  });
});
