import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureNumbering, keepOnlyUsed } from '../../src/lib/feature-numbers.ts';
import { decodeFeatures } from '../../src/lib/story-features.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';

// The story features of real articles: the seeds and the outlet fixtures.
const features = [...loadSeeds(), ...loadFixtureArticles()].map((article) => decodeFeatures(article.storyFeatures));
const featureOf = (numbering: FeatureNumbering, numbers: Uint32Array) => [...numbers].map((number) => numbering.kept().keys[number]);

describe('FeatureNumbering', () => {
  it('gives each feature one number, below the count of features, the same however often and in whatever order it is asked', () => {
    const numbering = new FeatureNumbering();
    const first = features.map((words) => numbering.numbersOf(words));
    const distinct = new Set(features.flatMap((words) => [...words]));
    assert.equal(numbering.size, distinct.size);
    assert.deepEqual(new Set(first.flatMap((numbers) => [...numbers])), new Set(Array.from({ length: distinct.size }, (_, number) => number)));
    features.forEach((words, index) => assert.deepEqual(featureOf(numbering, first[index]), [...words]));
    const again = features.toReversed().map((words) => numbering.numbersOf(words)).toReversed();
    assert.deepEqual(again, first);
    assert.equal(numbering.size, distinct.size);
  });
  it('keeps its numbers through what it keeps, and numbers new features after them', () => {
    const half = Math.floor(features.length / 2);
    const numbering = new FeatureNumbering();
    const early = features.slice(0, half).map((words) => numbering.numbersOf(words));
    const kept = numbering.kept();
    assert.ok(kept.order.every((number, at) => at === 0 || kept.keys[kept.order[at - 1]] < kept.keys[number]), 'the numbers in the order of their features');
    const next = new FeatureNumbering({ keys: kept.keys.slice(), order: kept.order.slice() });
    assert.deepEqual(features.slice(0, half).map((words) => next.numbersOf(words)), early);
    const size = next.size;
    const late = features.slice(half).map((words) => next.numbersOf(words));
    const fresh = new Set(features.slice(half).flatMap((words) => [...words]).filter((feature) => !features.slice(0, half).some((words) => words.includes(feature))));
    assert.equal(next.size, size + fresh.size);
    features.slice(half).forEach((words, index) => assert.deepEqual(featureOf(next, late[index]), [...words]));
    // Kept once more with the new ones merged in: still in order, every number once.
    const merged = next.kept();
    assert.ok(merged.order.every((number, at) => at === 0 || merged.keys[merged.order[at - 1]] < merged.keys[number]));
    assert.deepEqual([...merged.order].sort((a, b) => a - b), Array.from({ length: next.size }, (_, number) => number));
  });
  it('refuses what was not kept by one: numbers out of the order of their features', () => {
    assert.throws(() => new FeatureNumbering({ keys: new Uint32Array([5, 3]), order: new Uint32Array([0, 1]) }), /not in ascending order/);
    assert.throws(() => new FeatureNumbering({ keys: new Uint32Array([5, 3]), order: new Uint32Array([1]) }), /1 numbers in order for 2 features/);
  });
});

describe('keepOnlyUsed', () => {
  it('drops the features no article has, and numbers the rest anew, in order, each article keeping its features', () => {
    const numbering = new FeatureNumbering();
    const numbers = features.map((words) => numbering.numbersOf(words));
    const kept = numbers.filter((_, index) => index % 3 !== 0);
    const used = keepOnlyUsed(numbering, kept);
    const distinct = new Set(features.filter((_, index) => index % 3 !== 0).flatMap((words) => [...words]));
    assert.ok(distinct.size < numbering.size, 'the dropped articles should have features of their own');
    assert.equal(used.numbering.size, distinct.size);
    used.articles.forEach((renumbered, index) => assert.deepEqual(featureOf(used.numbering, renumbered), featureOf(numbering, kept[index])));
    assert.ok(used.articles.every((renumbered) => renumbered.every((number) => number < distinct.size)));
    // Nothing to drop: the same numbering.
    assert.equal(keepOnlyUsed(used.numbering, used.articles).numbering, used.numbering);
  });
});
