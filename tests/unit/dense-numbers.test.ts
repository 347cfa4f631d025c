import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DenseNumbers } from '../../src/lib/dense-numbers.ts';

describe('DenseNumbers', () => {
  it('numbers keys in order of first sight, as a Map of key to its number would, across many doublings', () => {
    // 300,000 draws with repeats: keys differing only in their high bits, only in their low bits, and at both ends of the range.
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const keys = Array.from({ length: 300_000 }, (_, index) => {
      const draw = random() % 100_000;
      return index % 3 === 0 ? draw * 2 ** 32 : index % 3 === 1 ? draw : (draw % 50) * 65_536 + (draw % 7);
    });
    keys.push(0, 2 ** 53 - 1, 2 ** 32, 2 ** 32 - 1, 0);
    const numbers = new DenseNumbers();
    const reference = new Map<number, number>();
    for (const key of keys) {
      if (!reference.has(key)) reference.set(key, reference.size);
      assert.equal(numbers.numberOf(key), reference.get(key), `key ${key}`);
    }
    assert.equal(numbers.size, reference.size);
    assert.ok(numbers.size > 100_000, `should need many doublings (${numbers.size} keys)`);
    for (const [key, number] of reference) assert.equal(numbers.keyOf(number), key);
  });
  it('gives a key seen before its number again, and a new key the next number', () => {
    const numbers = new DenseNumbers(2);
    assert.deepEqual([7, 9, 7, 11, 9, 13, 15].map((key) => numbers.numberOf(key)), [0, 1, 0, 2, 1, 3, 4]);
    assert.equal(numbers.size, 5);
  });
});
