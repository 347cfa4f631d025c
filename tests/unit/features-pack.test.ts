import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FeatureNumbering } from '../../src/lib/feature-numbers.ts';
import { decodeFeatures } from '../../src/lib/story-features.ts';
import { packWorthKeeping, readFeaturesPack, writeFeaturesPack, type FeaturesPack } from '../../src/loader/features-pack.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';
import { tempDir } from '../support/temp.ts';

// The story features of real articles (the seeds and the outlet fixtures), by a digest-like name.
const features = new Map([...loadSeeds(), ...loadFixtureArticles()].map((article, index) => [`digest-${index}_${article.id.slice(0, 6)}`, decodeFeatures(article.storyFeatures)]));

/** A pack of `features`, numbered in one numbering. */
function packOf(features: ReadonlyMap<string, Uint32Array>): FeaturesPack {
  const numbering = new FeatureNumbering();
  return { numbers: new Map([...features].map(([digest, words]) => [digest, numbering.numbersOf(words)])), numbering };
}

/** Each article's features, read back through the pack's numbering. */
const featuresOf = (pack: FeaturesPack) => new Map([...pack.numbers].map(([digest, numbers]) => [digest, [...numbers].map((number) => pack.numbering.kept().keys[number])]));

describe('story features pack', () => {
  it('reads back every article’s features, in order, from one file, as numbers in the numbering kept with them', () => {
    const path = join(tempDir('news-pack'), 'story-features.pack');
    const pack = packOf(features);
    writeFeaturesPack(path, pack);
    const read = readFeaturesPack(path);
    assert.deepEqual([...read.numbers.keys()], [...features.keys()]);
    assert.deepEqual(featuresOf(read), new Map([...features].map(([digest, words]) => [digest, [...words]])));
    assert.deepEqual(read.numbers, pack.numbers, 'the same numbers: nothing to drop');
    assert.equal(read.numbering.size, new Set([...features.values()].flatMap((words) => [...words])).size);
    assert.ok([...features.values()].every((words) => words.length > 0), 'every fixture should have features');
    assert.deepEqual(readdirSync(join(path, '..')), ['story-features.pack'], 'no temporary file is left');
  });
  it('keeps only the features its articles have: those of removed articles are dropped', () => {
    const path = join(tempDir('news-pack'), 'story-features.pack');
    const pack = packOf(features);
    // An article with a feature of its own.
    const removed = [...features.keys()].find((digest) => features.get(digest)!.some((feature) => ![...features].some(([other, words]) => other !== digest && words.includes(feature))))!;
    pack.numbers.delete(removed);
    writeFeaturesPack(path, pack);
    const read = readFeaturesPack(path);
    const left = [...features].filter(([digest]) => digest !== removed);
    assert.equal(read.numbering.size, new Set(left.flatMap(([, words]) => [...words])).size);
    assert.ok(read.numbering.size < pack.numbering.size, 'the removed article should have features of its own');
    assert.deepEqual(featuresOf(read), new Map(left.map(([digest, words]) => [digest, [...words]])));
  });
  it('is kept for a build that has at least half its articles, and started afresh for one that has fewer (an upgrade changes every digest)', () => {
    const pack = packOf(features);
    const digests = [...features.keys()];
    const half = Math.ceil(digests.length / 2);
    assert.equal(packWorthKeeping(pack, [...digests.slice(0, half), ...digests.slice(0, half).map((digest) => `${digest}-new`)]), pack);
    assert.equal(packWorthKeeping(pack, ['one-new', ...digests.slice(0, 1)]), pack);
    const fresh = packWorthKeeping(pack, [...digests.slice(0, half - 1), ...digests.slice(0, half).map((digest) => `${digest}-new`)]);
    assert.deepEqual([fresh.numbers.size, fresh.numbering.size], [0, 0]);
    assert.equal(packWorthKeeping(pack, []), pack);
  });
  it('holds articles without features and an empty collection', () => {
    const path = join(tempDir('news-pack'), 'story-features.pack');
    writeFeaturesPack(path, packOf(new Map([['a', new Uint32Array()], ['b', new Uint32Array([7, 4_294_967_295])]])));
    assert.deepEqual([...featuresOf(readFeaturesPack(path))], [['a', []], ['b', [7, 4_294_967_295]]]);
    writeFeaturesPack(path, packOf(new Map()));
    assert.equal(readFeaturesPack(path).numbers.size, 0);
  });
  it('is empty when the file is missing, cut short, damaged, of the earlier layout, or numbers features it does not hold', () => {
    const folder = tempDir('news-pack');
    const path = join(folder, 'story-features.pack');
    const isEmpty = () => {
      const read = readFeaturesPack(path);
      return read.numbers.size === 0 && read.numbering.size === 0;
    };
    assert.ok(isEmpty());
    writeFeaturesPack(path, packOf(features));
    const whole = readFileSync(path);
    const withWord = (at: number, word: number) => {
      const copy = Buffer.from(whole);
      copy.writeUInt32LE(word, at);
      return copy;
    };
    const wordsAt = (12 + whole.readUInt32LE(4) + 3) & ~3;
    const distinct = whole.readUInt32LE(8);
    const damaged = [
      whole.subarray(0, whole.length - 4),
      whole.subarray(0, 20),
      Buffer.concat([Buffer.from('NSF1'), whole.subarray(4)]),
      Buffer.concat([whole.subarray(0, 12), Buffer.from('!'), whole.subarray(13)]),
      // An article's first feature numbered past the numbering.
      withWord(wordsAt, distinct),
      // The numbering's first two features swapped in its order.
      withWord(whole.length - 4 * distinct, whole.readUInt32LE(whole.length - 4 * distinct + 4)),
    ];
    for (const bytes of damaged) {
      writeFileSync(path, bytes);
      assert.ok(isEmpty());
    }
  });
});
