import { createHash } from 'node:crypto';

/*
 * The settings the listing data (listing-data.ts) is computed with, and the digest of its inputs:
 * apart from the computing code, which loads the segmenter and the English tagger, so that the
 * main thread can tell whether the last build's listing data still holds without loading them.
 */

export interface ListingSettings {
  minSubjectArticles: number;
  minTitles: number;
}

/** Subjects need more articles in a large archive, where chance co-occurrence is common. */
export function defaultMinSubjectArticles(articleCount: number): number {
  return articleCount < 100 ? 2 : 3;
}

/** Titles that must name a subject: none in a small collection, more in a large one. */
export function defaultMinTitles(articleCount: number): number {
  return articleCount < 1000 ? 0 : articleCount < 10_000 ? 3 : 5;
}

/** The thresholds for a collection of `articleCount` articles; `minSubjectArticles` overrides its default. */
export function listingSettings(articleCount: number, minSubjectArticles?: number): ListingSettings {
  return { minSubjectArticles: minSubjectArticles ?? defaultMinSubjectArticles(articleCount), minTitles: defaultMinTitles(articleCount) };
}

/**
 * A digest of everything the listing data is computed from besides the code: the settings and
 * the articles in order, by id and store digest (which changes with the article's file and with
 * the code that parses it).
 */
export function listingInputsDigest(settings: ListingSettings, articles: readonly { id: string; digest?: string | number }[]): string {
  const hash = createHash('sha1').update(JSON.stringify(settings));
  for (const article of articles) hash.update(`${article.id} ${article.digest ?? ''}\n`);
  return hash.digest('base64url');
}
