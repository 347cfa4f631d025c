import type { LoaderContext } from 'astro/loaders';

/** How often the loader's record is set again while a load runs: well inside Astro's write delay. */
const REFRESH_MS = 200;

/**
 * Keeps Astro from writing the content store while a long load is still reading files. Astro writes
 * the whole store a short while after any change to it (its own bookkeeping at the start of a sync
 * included); on a large archive that is a long write of unchanged data, made again at the end.
 * Setting one meta value to what it already holds restarts that delay. Returns the function that
 * stops it; with nothing stored yet (`value` undefined) there is nothing to defer.
 */
export function deferStoreWrites(meta: Pick<LoaderContext['meta'], 'set'>, key: string, value: string | undefined): () => void {
  if (value === undefined) return () => {};
  // Set once now as well: the delay Astro started at the beginning of the sync may be nearly over.
  meta.set(key, value);
  const timer = setInterval(() => meta.set(key, value), REFRESH_MS);
  return () => clearInterval(timer);
}
