import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { deferStoreWrites } from '../../src/loader/defer-store-write.ts';

/** Astro's rule (mutable-data-store.js): the store is written 500 ms after the last change to it. */
function debouncedStore(delayMs = 500) {
  const writes: number[] = [];
  let timer: NodeJS.Timeout | undefined;
  const change = () => {
    clearTimeout(timer);
    timer = setTimeout(() => writes.push(performance.now()), delayMs);
  };
  return { writes, change, meta: { set: (_key: string, _value: string) => change() } };
}

/** Holds the thread, as parsing a large file synchronously does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('deferStoreWrites', () => {
  it('holds off the write a change began until the load stops it, through stretches of synchronous work', async () => {
    const store = debouncedStore();
    // Astro's own bookkeeping at the start of a sync; the loader starts a little later.
    store.change();
    await sleep(400);
    const stop = deferStoreWrites(store.meta, 'records', 'capture-records.json');
    try {
      for (let round = 0; round < 6; round++) {
        busy(350);
        await sleep(50);
      }
      assert.deepEqual(store.writes, [], 'no write while the load runs');
    } finally {
      stop();
    }
    const stopped = performance.now();
    await sleep(800);
    assert.equal(store.writes.length, 1, 'one write once it is done');
    assert.ok(store.writes[0] >= stopped);
  });
  it('does nothing with nothing stored yet', async () => {
    const store = debouncedStore(50);
    const stop = deferStoreWrites(store.meta, 'files', undefined);
    await sleep(100);
    stop();
    assert.deepEqual(store.writes, []);
  });
});
