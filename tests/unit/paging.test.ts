import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pagePosition, pagesFromOldest, shownPageNumbers } from '../../src/lib/paging.ts';

/** Items named by age: 1 is the oldest; listings come newest first. */
const newestFirst = (count: number) => Array.from({ length: count }, (_, index) => count - index);

describe('pagesFromOldest: full pages numbered from the oldest, the newest on the front page', () => {
  const cases: { count: number; size: number; pages: [number | undefined, number[], number | undefined, number | 'front' | undefined][] }[] = [
    { count: 0, size: 3, pages: [[undefined, [], undefined, undefined]] },
    { count: 3, size: 3, pages: [[undefined, [3, 2, 1], undefined, undefined]] },
    // One more than a page: page 1 fills, and the front page overlaps it.
    { count: 4, size: 3, pages: [[undefined, [4, 3, 2], 1, undefined], [1, [3, 2, 1], undefined, 'front']] },
    { count: 7, size: 3, pages: [[undefined, [7, 6, 5], 2, undefined], [1, [3, 2, 1], undefined, 2], [2, [6, 5, 4], 1, 'front']] },
    // A multiple of the size: the front page is the newest full page, and leads to the one before it.
    { count: 9, size: 3, pages: [[undefined, [9, 8, 7], 2, undefined], [1, [3, 2, 1], undefined, 2], [2, [6, 5, 4], 1, 3], [3, [9, 8, 7], 2, 'front']] },
  ];
  for (const { count, size, pages } of cases) {
    it(`${count} items, ${size} a page`, () => {
      assert.deepEqual(pagesFromOldest(newestFirst(count), size).map((page) => [page.number, page.items, page.older, page.newer]), pages);
    });
  }
  it('never changes a full page when newer items come, but for its link to a newer page', () => {
    const before = pagesFromOldest(newestFirst(100), 7);
    const after = pagesFromOldest(newestFirst(113), 7);
    for (const page of before.slice(1)) {
      const same = after.find((other) => other.number === page.number)!;
      assert.deepEqual(same.items, page.items);
      assert.equal(same.older, page.older);
    }
    assert.equal(after.length - before.length, 2);
  });
  it('rejects a page size that is not a positive whole number', () => {
    assert.throws(() => pagesFromOldest([1], 0), RangeError);
    assert.throws(() => pagesFromOldest([1], 2.5), RangeError);
  });
});

describe('shownPageNumbers: highest first, around the current page, and page 1', () => {
  const position = (count: number, number: number | undefined) => pagePosition(pagesFromOldest(newestFirst(count), 1).find((page) => page.number === number)!);
  const cases: [number, number | undefined, (number | undefined)[]][] = [
    [20, undefined, [20, 19, undefined, 1]],
    [20, 10, [11, 10, 9, 8, undefined, 1]],
    [20, 2, [3, 2, 1]],
    [3, undefined, [3, 2, 1]],
  ];
  for (const [count, current, shown] of cases) it(`${count} pages, on ${current ?? 'the front page'}`, () => assert.deepEqual(shownPageNumbers(position(count, current)), shown));
});
