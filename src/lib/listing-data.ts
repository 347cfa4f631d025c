import { DEFAULT_STORY_OPTIONS, findStoryPairs, toStoryCandidate, type RelatedPair } from './stories.ts';
import type { ListingSettings } from './listing-settings.ts';
import { buildTopics, type Topic, type TopicRef, type TopicSource } from './topics.ts';

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

/** What the listing data reads of an article: its stored data, and its story features (kept beside the store; encoded, or decoded already). */
export type ListingSource = TopicSource & { digest?: string | number; data: { capturedAt: Date }; storyFeatures: string | Uint32Array };

/** `articles` newest first, as the pages list them; `numbered` when their story features are numbers already (see findStoryPairs). */
export function computeListingData(articles: readonly ListingSource[], settings: ListingSettings, numbered?: { distinct: number }): ListingData {
  const { topics, byArticle } = buildTopics(articles, settings);
  return { topics, topicsByArticle: [...byArticle], pairs: findStoryPairs(articles.map(toStoryCandidate), DEFAULT_STORY_OPTIONS, numbered) };
}
