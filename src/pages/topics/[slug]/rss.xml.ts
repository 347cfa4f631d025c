import type { APIRoute, GetStaticPaths } from 'astro';
import { articleStamp, cacheKey } from '../../../data/cache-keys.ts';
import { getCatalog } from '../../../data/catalog.ts';
import { feedResponse } from '../../../data/feeds.ts';
import type { Topic } from '../../../lib/topics.ts';
import { feedPath, topicPath } from '../../../lib/paths.ts';
import { SITE } from '../../../site.config.ts';

export const getStaticPaths = (async () => {
  const { topics, byId, topicsByArticle } = await getCatalog();
  return topics.map((topic) => {
    const shown = topic.articleIds.slice(0, SITE.topicFeedSize);
    return { params: { slug: topic.slug }, props: { topic }, cacheKey: cacheKey(topic.name, shown.map((id) => [articleStamp(byId.get(id)!), topicsByArticle.get(id)])) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ topic: Topic }> = async ({ site, props }) => {
  const { topic } = props;
  const { byId } = await getCatalog();
  return feedResponse({
    site: site!,
    title: `${topic.name} | ${SITE.title}`,
    description: `关于“${topic.name}”的最新文章。`,
    pagePath: topicPath(topic.slug),
    links: { self: feedPath.topic(topic.slug) },
    articles: topic.articleIds.slice(0, SITE.topicFeedSize).map((id) => byId.get(id)!),
    fullContent: true,
  });
};
