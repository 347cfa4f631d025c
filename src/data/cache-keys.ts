import { createHash } from 'node:crypto';
import { SITE } from '../site.config.ts';
import type { Article } from './catalog.ts';
import { imagesStampOf } from './mirrored-images.ts';

/**
 * Keys for Astro's incremental build: a page whose key and code are unchanged since the last
 * build is copied, not rendered again. A key must name everything the page shows. An article
 * is named by its store digest, which changes with its capture file and with the cleaning code;
 * settings read from the environment are part of every key (the config hash does not see them).
 */

const SETTINGS = JSON.stringify([SITE.title, SITE.description, SITE.timeZone, SITE.locale, SITE.pageSize, SITE.homeArticleCount, SITE.feedSize, SITE.listingFeedSize, SITE.images]);

/** What identifies an article's rendering: its id and digest, and with mirrored images what became of each (see mirrored-images.ts). */
export function articleStamp(article: Article): string {
  const images = imagesStampOf(article.id);
  return `${article.id}:${article.digest ?? ''}${images ? `:${images}` : ''}`;
}

export function cacheKey(...parts: unknown[]): string {
  return createHash('sha1').update(SETTINGS).update(JSON.stringify(parts)).digest('base64url');
}
