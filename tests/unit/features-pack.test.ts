import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeFeatures } from '../../src/lib/stories.ts';
import { readFeaturesPack, writeFeaturesPack } from '../../src/loader/features-pack.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';
import { tempDir } from '../support/temp.ts';

// The story features of real articles (the seeds and the outlet fixtures), by a digest-like name.
const features = new Map([...loadSeeds(), ...loadFixtureArticles()].map((article, index) => [`digest-${index}_${article.id.slice(0, 6)}`, decodeFeatures(article.storyFeatures)]));

describe('story features pack', () => {
  it('reads back every article’s features, in order, from one file', () => {
    const path = join(tempDir('news-pack'), 'story-features.pack');
    writeFeaturesPack(path, features);
    const read = readFeaturesPack(path);
    assert.deepEqual([...read.keys()], [...features.keys()]);
    for (const [digest, words] of features) assert.deepEqual([...read.get(digest)!], [...words], digest);
    assert.ok([...features.values()].every((words) => words.length > 0), 'every fixture should have features');
    assert.deepEqual(readdirSync(join(path, '..')), ['story-features.pack'], 'no temporary file is left');
  });
  it('holds articles without features and an empty collection', () => {
    const path = join(tempDir('news-pack'), 'story-features.pack');
    writeFeaturesPack(path, new Map([['a', new Uint32Array()], ['b', new Uint32Array([7, 4_294_967_295])]]));
    assert.deepEqual([...readFeaturesPack(path)].map(([digest, words]) => [digest, [...words]]), [['a', []], ['b', [7, 4_294_967_295]]]);
    writeFeaturesPack(path, new Map());
    assert.equal(readFeaturesPack(path).size, 0);
  });
  it('is empty when the file is missing, cut short, or not a pack', () => {
    const folder = tempDir('news-pack');
    const path = join(folder, 'story-features.pack');
    assert.equal(readFeaturesPack(path).size, 0);
    writeFeaturesPack(path, features);
    const whole = readFileSync(path);
    for (const damaged of [whole.subarray(0, whole.length - 4), whole.subarray(0, 20), Buffer.concat([Buffer.from('NSF0'), whole.subarray(4)]), Buffer.concat([whole.subarray(0, 8), Buffer.from('!'), whole.subarray(9)])]) {
      writeFileSync(path, damaged);
      assert.equal(readFeaturesPack(path).size, 0);
    }
  });
});
