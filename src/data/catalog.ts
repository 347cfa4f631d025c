import { getCollection, type CollectionEntry } from 'astro:content';
import { buildArchive, type Archive } from '../lib/archive.ts';
import { sortNewestFirst } from '../lib/article.ts';
import { decodeFeatures, findStoryPairs, groupStories, relatedById } from '../lib/stories.ts';
import { buildTopics, defaultMinSubjectArticles, type Topic, type TopicRef } from '../lib/topics.ts';
import { SITE } from '../site.config.ts';

/**
 * Everything the index pages share, computed once per build from the collection: every page
 * module imports this, and the promise is cached at module level.
 */

export type Article = CollectionEntry<'articles'>;

export interface OutletIndex {
  slug: string;
  name: string;
  articleIds: string[];
}

export interface Story {
  /** Newest first. */
  articleIds: string[];
  outlets: string[];
  /** The newest capture time of the story. */
  latest: Date;
}

export interface Catalog {
  /** Newest first. */
  articles: Article[];
  byId: Map<string, Article>;
  archive: Archive;
  topics: Topic[];
  topicsByArticle: Map<string, TopicRef[]>;
  outlets: OutletIndex[];
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
  const { topics, byArticle } = buildTopics(articles, { minSubjectArticles: SITE.minSubjectArticles ?? defaultMinSubjectArticles(articles.length) });

  const outletMap = new Map<string, OutletIndex>();
  for (const article of articles) {
    const { slug, name } = article.data.outlet;
    const outlet = outletMap.get(slug) ?? { slug, name, articleIds: [] };
    outlet.articleIds.push(article.id);
    outletMap.set(slug, outlet);
  }
  const outlets = [...outletMap.values()].sort((a, b) => b.articleIds.length - a.articleIds.length || (a.slug < b.slug ? -1 : 1));

  const pairs = findStoryPairs(articles.map((article) => ({
    id: article.id,
    time: article.data.capturedAt.getTime(),
    features: decodeFeatures(article.data.storyFeatures),
  })));
  const position = new Map(articles.map((article, index) => [article.id, index]));
  const stories = groupStories(pairs)
    .map((ids) => {
      const sorted = ids.sort((a, b) => position.get(a)! - position.get(b)!);
      return {
        articleIds: sorted,
        outlets: [...new Set(sorted.map((id) => byId.get(id)!.data.outlet.name))],
        latest: byId.get(sorted[0])!.data.capturedAt,
      };
    })
    .sort((a, b) => b.latest.getTime() - a.latest.getTime());

  return {
    articles,
    byId,
    archive: buildArchive(articles, SITE.timeZone),
    topics,
    topicsByArticle: byArticle,
    outlets,
    related: relatedById(pairs),
    stories,
  };
}
