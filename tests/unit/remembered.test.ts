import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Remembered } from '../../src/lib/remembered.ts';

describe('Remembered', () => {
  it('computes each argument once, up to its bound, and computes the rest every time', () => {
    const calls: string[] = [];
    const lengths = new Remembered((text) => (calls.push(text), text.length), 2);
    assert.deepEqual([lengths.get('a'), lengths.get('bb'), lengths.get('a'), lengths.get('ccc'), lengths.get('ccc')], [1, 2, 1, 3, 3]);
    assert.deepEqual(calls, ['a', 'bb', 'ccc', 'ccc']);
    assert.deepEqual(lengths.entries(), [['a', 1], ['bb', 2]]);
    assert.equal(lengths.size, 2);
  });
  it('takes results kept from an earlier run as they are, within its bound', () => {
    const calls: string[] = [];
    const lengths = new Remembered((text) => (calls.push(text), text.length), 2);
    lengths.remember([['kept', 40], ['also kept', 9], ['past the bound', 1]]);
    assert.deepEqual([lengths.get('kept'), lengths.get('also kept'), lengths.get('past the bound')], [40, 9, 14]);
    assert.deepEqual(calls, ['past the bound']);
  });
});
