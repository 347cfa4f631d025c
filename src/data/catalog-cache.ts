import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListingData } from '../lib/listing-data.ts';
import { BUILD } from '../site.config.ts';
import { readTextFileSync } from '../loader/text-files.ts';

/**
 * The listing data that takes a large archive tens of seconds to compute (topics, each article's
 * topics, story pairs), kept beside the content store under a digest of everything it was
 * computed from: the articles in order and the settings (listingInputsDigest; the store
 * digests change with the code that parses an article: pipeline-version.ts), and the code that
 * computes it (the bundled module that asks for it, below). A build whose collection and code
 * did not change reads it back.
 */

export const CATALOG_CACHE_FILE = resolve(BUILD.cacheDir, 'catalog.json');

/**
 * `code` names the module that asks for the data: the digest of its file, which in a build is a
 * bundled chunk that holds the topic and story code or names, by their content hashes, the
 * chunks that do. `inputs` is listingInputsDigest of its articles and settings.
 */
export function listingsKey(code: string, inputs: string): string {
  return createHash('sha1').update(readFileSync(fileURLToPath(code))).update(inputs).digest('base64url');
}

/** The cached listing data when it was computed from `inputs` by the same code (`key`). */
export function readCachedListings(key: string, inputs: string, file = CATALOG_CACHE_FILE): ListingData | undefined {
  // Other inputs are told by the file's head: a rebuild with a new article does not read and parse the rest (10 MB at archive scale).
  if (cachedListingsInputs(file) !== inputs) return undefined;
  try {
    const cached = JSON.parse(readTextFileSync(file)) as { key: string; listings: ListingData };
    return cached.key === key ? cached.listings : undefined;
  } catch {
    // A file cut short (an interrupted build) is computed again.
    return undefined;
  }
}

/**
 * `json` is the listing data as JSON text. `inputs` (listingInputsDigest) goes first, where
 * cachedListingsInputs finds it without reading the rest.
 */
export function writeCachedListings(key: string, inputs: string, json: string, file = CATALOG_CACHE_FILE): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ inputs, key }).slice(0, -1)},"listings":${json}}`);
}

/** The inputs the cached listing data was computed from, read from the head of the file. */
export function cachedListingsInputs(path = CATALOG_CACHE_FILE): string | undefined {
  if (!existsSync(path)) return undefined;
  const head = Buffer.alloc(128);
  const file = openSync(path, 'r');
  try {
    const length = readSync(file, head, 0, head.length, 0);
    return /^\{"inputs":"([\w-]+)"/.exec(head.toString('latin1', 0, length))?.[1];
  } finally {
    closeSync(file);
  }
}

/**
 * Listing data the loader started computing on a thread of its own as soon as the articles were
 * loaded (src/loader/listings-ahead.ts), while Astro writes the content store and bundles the
 * pages: `inputs` names what it is computed from, so that the pages take it only for the
 * articles and settings they see themselves.
 */
export interface ListingsAhead {
  inputs: string;
  /**
   * The result, once the thread is done; the thread keeps the process alive only once this is
   * asked for. The thread then writes it to the cache itself (as writeCachedListings), off the
   * pages' thread: seconds at archive scale, before the first page could render.
   */
  take(cacheAs: CachedAs): Promise<ListingsTaken>;
}

/** Where and under which code key listing data is cached (see listingsKey). */
export interface CachedAs {
  key: string;
  file: string;
}

/** The listing data as the thread sent it, and how long it took there. */
export interface ListingsTaken {
  listings: ListingData;
  seconds: number;
}

export const LISTINGS_AHEAD_KEY = Symbol.for('news-site.listings-ahead');

/**
 * The listing data computed ahead for these inputs, once it is done, cached as `cacheAs` says by
 * the thread; undefined when none was started for them or it failed.
 */
export async function listingsComputedAhead(inputs: string, cacheAs: CachedAs): Promise<ListingsTaken | undefined> {
  const ahead = (globalThis as Record<symbol, unknown>)[LISTINGS_AHEAD_KEY] as ListingsAhead | undefined;
  if (ahead?.inputs !== inputs) return undefined;
  try {
    return await ahead.take(cacheAs);
  } catch (error) {
    // Computed again on this thread, where the same failure, if it recurs, fails the build with its own trace.
    console.warn(`[topics] the thread computing them ahead failed (${(error as Error).message}); computing them again`);
    return undefined;
  }
}
