import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shardGroups } from '../../src/lib/search-shards.ts';

describe('shardGroups', () => {
  const cases: [string, number[], number, number[][]][] = [
    ['no shards', [], 10, []],
    ['one shard', [4], 10, [[0]]],
    ['small shards fill a group up to the limit', [3, 3, 3, 3], 10, [[0, 1, 2], [3]]],
    ['a group exactly at the limit', [5, 5, 5], 10, [[0, 1], [2]]],
    ['a shard larger than the limit is a group of its own', [12, 2, 15, 1, 1], 10, [[0], [1], [2], [3, 4]]],
    ['the newest shard answers first even when small', [1, 9, 9], 10, [[0, 1], [2]]],
    ['empty shards join their neighbours', [0, 0, 10, 0], 10, [[0, 1, 2, 3]]],
  ];
  for (const [name, sizes, limit, expected] of cases) {
    it(name, () => assert.deepEqual(shardGroups(sizes, limit), expected));
  }
  it('keeps every shard once, in order', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => (i * 7919) % 3000);
    assert.deepEqual(shardGroups(sizes, 5000).flat(), sizes.map((_, i) => i));
  });
});
