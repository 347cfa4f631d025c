import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rewriteImages, type LocalImage } from '../lib/image-refs.ts';
import { toLocalImage, type PublishedImages } from '../lib/image-records.ts';
import { absoluteUrl, withBase } from '../lib/paths.ts';
import { BUILD, SITE } from '../site.config.ts';

/**
 * What the image mirror (src/integrations/image-mirror.ts) made of each image URL for this build,
 * as pages and feeds use it. With NEWS_IMAGES=link (the default) nothing is read and bodies are
 * left as the content store holds them.
 */

export const MIRROR_IMAGES = SITE.images === 'mirror';
const PUBLISHED_FILE = resolve(BUILD.cacheDir, 'images', 'published.json');

let published: PublishedImages | undefined;

function readPublished(): PublishedImages {
  if (published) return published;
  if (!existsSync(PUBLISHED_FILE)) throw new Error(`NEWS_IMAGES=mirror, but the image mirror wrote no ${PUBLISHED_FILE}`);
  published = JSON.parse(readFileSync(PUBLISHED_FILE, 'utf8')) as PublishedImages;
  return published;
}

/** Part of an article's cache stamp: changes when any of its images is kept or lost. Empty in link mode. */
export function imagesStampOf(id: string): string {
  return MIRROR_IMAGES ? readPublished().stamps[id] ?? '' : '';
}

/** Finds the local copy of an image URL, named for a page (`/news/media/…`) or, with `site`, absolutely for a feed. */
export function localImageLookup(base: string, site?: URL | string): (url: string) => LocalImage | undefined {
  const { images } = readPublished();
  const urlOf = (file: string) => (site ? absoluteUrl(site, base, `media/${file}`) : withBase(base, `media/${file}`));
  return (url) => {
    const image = images[url];
    return image && 'variants' in image ? toLocalImage(image.variants, urlOf) : undefined;
  };
}

/** A body with its images pointing at the local copies (unchanged in link mode). */
export function mirroredBody(html: string, base: string, site?: URL | string): string {
  return MIRROR_IMAGES ? rewriteImages(html, localImageLookup(base, site)) : html;
}
