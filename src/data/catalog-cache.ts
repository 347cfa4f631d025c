import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RelatedPair } from '../lib/stories.ts';
import type { Topic, TopicRef } from '../lib/topics.ts';
import { BUILD } from '../site.config.ts';

/**
 * The listing data that takes a large archive tens of seconds to compute (topics, each article's
 * topics, story pairs), kept beside the content store under a digest of everything it was
 * computed from: the articles in order (ids and store digests, which change with src/lib, where
 * topics and stories are computed, and with the libraries it uses: pipeline-version.ts), the
 * settings that shape it, and the code that calls it. A build whose collection did not change
 * reads it back.
 */

export const CATALOG_CACHE_FILE = resolve(BUILD.cacheDir, 'catalog.json');

export interface ComputedListings {
  topics: Topic[];
  topicsByArticle: [string, TopicRef[]][];
  pairs: RelatedPair[];
}

/**
 * `code` names the module that asks for the data: the digest of its file, which in a build is a
 * bundled chunk that holds the topic and story code or names, by their content hashes, the
 * chunks that do.
 */
export function listingsKey(code: string, settings: unknown, articles: readonly { id: string; digest?: string | number }[]): string {
  const hash = createHash('sha1').update(readFileSync(fileURLToPath(code))).update(JSON.stringify(settings));
  for (const article of articles) hash.update(`${article.id} ${article.digest ?? ''}\n`);
  return hash.digest('base64url');
}

export function readCachedListings(key: string): ComputedListings | undefined {
  if (!existsSync(CATALOG_CACHE_FILE)) return undefined;
  try {
    const cached = JSON.parse(readFileSync(CATALOG_CACHE_FILE, 'utf8')) as { key: string; listings: ComputedListings };
    return cached.key === key ? cached.listings : undefined;
  } catch {
    // A file cut short (an interrupted build) is computed again.
    return undefined;
  }
}

export function writeCachedListings(key: string, listings: ComputedListings): void {
  mkdirSync(dirname(CATALOG_CACHE_FILE), { recursive: true });
  writeFileSync(CATALOG_CACHE_FILE, JSON.stringify({ key, listings }));
}
