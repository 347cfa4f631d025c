import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { realCorpusDir } from '../support/corpus.ts';
import { digestOf, readDigests, renderCapture } from '../support/golden.ts';

describe('pinned real captures clean exactly as reviewed (npm run fixtures:update rewrites the digests)', () => {
  const corpus = realCorpusDir();
  const pinned = readDigests();
  it('has pinned captures', () => assert.ok(pinned.length >= 20, `${pinned.length} pinned`));
  for (const { file, digest, about } of pinned) {
    it(`${about}: ${file}`, () => assert.equal(digestOf(renderCapture(join(corpus, file), file)), digest));
  }
});
