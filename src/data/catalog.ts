import { getCollection, type CollectionEntry } from 'astro:content';
import { buildArchive, type Archive } from '../lib/archive.ts';
import { sortNewestFirst } from '../lib/article-data.ts';
import { groupByOutlet, type OutletGroup } from '../lib/outlet-groups.ts';
import { computeListingData, type ListingData } from '../lib/listing-data.ts';
import { listingInputsDigest, listingSettings } from '../lib/listing-settings.ts';
import { groupStories, relatedById, toStories, type Story } from '../lib/stories.ts';
import { topicRedirects, type TopicRedirect } from '../lib/topic-redirects.ts';
import type { Topic, TopicRef } from '../lib/topics.ts';
import { SITE } from '../site.config.ts';
import { articleStoryFeatures } from './article-bodies.ts';
import { CATALOG_CACHE_FILE, listingsComputedAhead, listingsKey, readCachedListings, writeCachedListings } from './catalog-cache.ts';
import { readPublishedTopics, writePublishedTopics } from './published-topics.ts';

/**
 * Everything the index pages share, computed once per build from the collection: every page
 * module imports this, and the promise is cached at module level.
 */

export type Article = CollectionEntry<'articles'>;

export interface Catalog {
  /** Newest first. */
  articles: Article[];
  byId: Map<string, Article>;
  archive: Archive;
  topics: Topic[];
  topicsByArticle: Map<string, TopicRef[]>;
  /** Topic URLs that no topic has now but that must keep working. */
  topicRedirects: TopicRedirect[];
  outlets: OutletGroup[];
  related: Map<string, { id: string; similarity: number }[]>;
  /** Stories told by two or more articles, newest first. */
  stories: Story[];
}

let catalog: Promise<Catalog> | undefined;

export function getCatalog(): Promise<Catalog> {
  catalog ??= buildCatalog();
  return catalog;
}

async function buildCatalog(): Promise<Catalog> {
  const articles = sortNewestFirst(await getCollection('articles'));
  const byId = new Map(articles.map((article) => [article.id, article]));
  // Before the listing data, which the pages may wait for.
  const archive = buildArchive(articles, SITE.timeZone);
  const outlets = groupByOutlet(articles);
  const { topics, topicsByArticle, pairs } = await computeListings(articles);

  const published = readPublishedTopics();
  const redirects = topicRedirects(topics, published);
  writePublishedTopics(published, topics, redirects.map((redirect) => redirect.slug));

  return {
    articles,
    byId,
    archive,
    topics,
    topicsByArticle: new Map(topicsByArticle),
    topicRedirects: redirects,
    outlets,
    related: relatedById(pairs),
    stories: toStories(groupStories(pairs), articles),
  };
}

/**
 * Topics and story pairs: read back from the last build when nothing they depend on changed
 * (catalog-cache.ts), else taken from the loader's thread that computed them ahead, else computed here.
 */
async function computeListings(articles: Article[]): Promise<ListingData> {
  const started = performance.now();
  const settings = listingSettings(articles.length, SITE.minSubjectArticles);
  const inputs = listingInputsDigest(settings, articles);
  const key = listingsKey(import.meta.url, inputs);
  const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;
  const topicCount = (topics: Topic[]) => `${topics.length} topics (${topics.filter((topic) => topic.kinds[0] !== 'section').length} subjects) from ${articles.length} articles`;
  const cached = readCachedListings(key, inputs);
  if (cached) {
    console.log(`[topics] ${topicCount(cached.topics)}, as the last build found them (nothing they depend on changed), read in ${seconds(started)}`);
    return cached;
  }
  const ahead = await listingsComputedAhead(inputs, { key, file: CATALOG_CACHE_FILE });
  let listings: ListingData;
  if (ahead) {
    listings = ahead.listings;
    console.log(`[topics] ${topicCount(listings.topics)} in ${ahead.seconds.toFixed(1)} s, on a thread of their own while the content store was written; waited ${seconds(started)}`);
  } else {
    listings = computeListingData(articles.map((article) => ({ ...article, storyFeatures: articleStoryFeatures(article) })), settings);
    console.log(`[topics] ${topicCount(listings.topics)} in ${seconds(started)}`);
    writeCachedListings(key, inputs, JSON.stringify(listings));
  }
  return listings;
}
