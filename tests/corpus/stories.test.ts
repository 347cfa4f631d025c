import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findStoryPairs, toStoryCandidate } from '../../src/lib/stories.ts';
import { loadReal, type LoadedArticle } from '../support/articles.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';

const candidates = (articles: LoadedArticle[]) => articles.map(toStoryCandidate);

describe('findStoryPairs on the real captures', () => {
  const real = loadReal();
  const labels = readFileSync(`${PROJECT_ROOT}tests/corpus/story-pairs.tsv`, 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('first\t'))
    .map((line) => line.split('\t'))
    .map(([first, second, label]) => ({ files: [first, second].sort().join(' '), same: label === 'same' }));
  const byId = new Map(real.map((article) => [article.id, article.file]));
  const found = findStoryPairs(candidates(real)).map((pair) => [byId.get(pair.a)!, byId.get(pair.b)!].sort().join(' '));

  it('reports only pairs that are labelled, and is precise on them', () => {
    const labelled = new Map(labels.map((label) => [label.files, label.same]));
    for (const pair of found) assert.ok(labelled.has(pair), `unlabelled pair found: ${pair} (label it in tests/corpus/story-pairs.tsv)`);
    const correct = found.filter((pair) => labelled.get(pair)).length;
    assert.ok(found.length >= 2, `only ${found.length} pairs found`);
    assert.ok(correct / found.length >= 0.8, `precision ${correct}/${found.length}`);
  });
});
