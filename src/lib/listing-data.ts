import { createHash } from 'node:crypto';
import { DEFAULT_STORY_OPTIONS, findStoryPairs, toStoryCandidate, type RelatedPair } from './stories.ts';
import { buildTopics, defaultMinSubjectArticles, defaultMinTitles, type Topic, type TopicRef, type TopicSource } from './topics.ts';

/**
 * The listing data computed over the whole collection: topics, each article's topics, and the
 * pairs of articles that tell one story. The rest of the index pages' data (archive, outlets)
 * is arranged from these and the articles.
 */

export interface ListingData {
  topics: Topic[];
  topicsByArticle: [string, TopicRef[]][];
  pairs: RelatedPair[];
}

export interface ListingSettings {
  minSubjectArticles: number;
  minTitles: number;
}

/** What the listing data reads of an article: its stored data, and its story features (kept beside the store; encoded, or decoded already). */
export type ListingSource = TopicSource & { digest?: string | number; data: { capturedAt: Date }; storyFeatures: string | Uint32Array };

/** The thresholds for a collection of `articleCount` articles; `minSubjectArticles` overrides its default. */
export function listingSettings(articleCount: number, minSubjectArticles?: number): ListingSettings {
  return { minSubjectArticles: minSubjectArticles ?? defaultMinSubjectArticles(articleCount), minTitles: defaultMinTitles(articleCount) };
}

/** `articles` newest first, as the pages list them; `numbered` when their story features are numbers already (see findStoryPairs). */
export function computeListingData(articles: readonly ListingSource[], settings: ListingSettings, numbered?: { distinct: number }): ListingData {
  const { topics, byArticle } = buildTopics(articles, settings);
  return { topics, topicsByArticle: [...byArticle], pairs: findStoryPairs(articles.map(toStoryCandidate), DEFAULT_STORY_OPTIONS, numbered) };
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
