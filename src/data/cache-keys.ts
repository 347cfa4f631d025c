import { createHash } from 'node:crypto';
import { SITE } from '../site.config.ts';
import type { Article } from './catalog.ts';
import { imagesStampOf } from './mirrored-images.ts';

/**
 * The pages' cache keys: a page whose key is the one the last build recorded is left in the
 * output folder as it is, not rendered again (src/lib/page-plan.ts; a change to the site's code
 * renders every page). A key must name everything the page shows. An article is named by its
 * store digest, which changes with its capture file and with the cleaning code; settings read
 * from the environment are part of every key.
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
