import type { LocalImage } from './image-refs.ts';

/**
 * What the image mirror remembers between builds and hands to the pages, and the decisions made
 * on it: whether a remembered image is used as is, fetched again, or still counted as failed;
 * which sizes are written. Pure: the downloads, sharp and the files are src/integrations/image-mirror.ts.
 */

/** Widest copy published; wider images are scaled down. */
export const MAX_IMAGE_WIDTH = 1200;
/** The smaller copy offered in srcset, for phones. */
export const SMALL_IMAGE_WIDTH = 600;

/** One written copy: its file name under media/ (named by a digest of its bytes) and its size. */
export interface ImageVariant {
  file: string;
  width: number;
  height: number;
  bytes: number;
}

/** What the cache remembers of one URL. */
export type ImageRecord =
  | { url: string; ok: true; variants: ImageVariant[]; at: number }
  | { url: string; ok: false; reason: string; at: number };

/** What this build does with a URL given its record. */
export type ImagePlan = 'fetch' | 'cached' | 'failed-before';

/**
 * A kept image is used as long as its files are there; a failure is remembered for `retryMs`
 * (a day by default) and then tried again, so a host that was down is asked again later but not
 * on every build.
 */
export function planImage(record: ImageRecord | undefined, now: number, retryMs: number, hasFile: (file: string) => boolean): ImagePlan {
  if (!record) return 'fetch';
  if (record.ok) return record.variants.length && record.variants.every((variant) => hasFile(variant.file)) ? 'cached' : 'fetch';
  return now - record.at < retryMs ? 'failed-before' : 'fetch';
}

/** The widths written for an image `width` pixels wide: the small one when the image is wider, and the image itself capped at MAX_IMAGE_WIDTH. */
export function variantWidths(width: number): number[] {
  const capped = Math.min(width, MAX_IMAGE_WIDTH);
  return capped > SMALL_IMAGE_WIDTH ? [SMALL_IMAGE_WIDTH, capped] : [capped];
}

/** The image URLs an article uses: its lead image, then its body's. */
export function articleImageUrls(leadImage: { src: string } | undefined, bodyUrls: readonly string[]): string[] {
  return [...new Set([...(leadImage ? [leadImage.src] : []), ...bodyUrls])];
}

/** How pages name a kept image: the largest copy as src, every copy in srcset. `urlOf` turns a file name into the page's or feed's URL. */
export function toLocalImage(variants: readonly ImageVariant[], urlOf: (file: string) => string): LocalImage | undefined {
  if (!variants.length) return undefined;
  const sorted = variants.toSorted((a, b) => a.width - b.width);
  const largest = sorted.at(-1)!;
  return {
    src: urlOf(largest.file),
    ...(sorted.length > 1 ? { srcset: sorted.map((variant) => `${urlOf(variant.file)} ${variant.width}w`).join(', ') } : {}),
    width: largest.width,
    height: largest.height,
  };
}

/** Where the mirror leaves every image's outcome for the build report (src/integrations/build-report.ts). */
export const IMAGE_REPORT_KEY = Symbol.for('news-site.image-mirror');

/** One image URL in the build report. */
export interface ImageReportEntry {
  url: string;
  /** The articles that use it. */
  articles: string[];
  outcome: 'kept' | 'failed';
  reason?: string;
  /** Asked for by this build (rather than reused from the cache, kept or failed). */
  fetched: boolean;
  files?: string[];
}

/** What the pages of one build read: each URL's copies, or why it has none; and per article a stamp that changes when any of its images does. */
export interface PublishedImages {
  images: Record<string, { variants: ImageVariant[] } | { reason: string }>;
  stamps: Record<string, string>;
}

/** A short text naming what each of an article's images became, for its pages' cache keys. */
export function imagesStamp(urls: readonly string[], images: PublishedImages['images']): string {
  return urls.map((url) => {
    const image = images[url];
    return !image ? '?' : 'reason' in image ? '-' : image.variants.map((variant) => variant.file).join('+');
  }).join(' ');
}
