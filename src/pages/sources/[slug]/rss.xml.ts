import type { APIRoute, GetStaticPaths } from 'astro';
import { articleStamp, cacheKey } from '../../../data/cache-keys.ts';
import { getCatalog } from '../../../data/catalog.ts';
import type { OutletGroup } from '../../../lib/outlet-groups.ts';
import { feedResponse } from '../../../data/feeds.ts';
import { feedPath, sourcePath } from '../../../lib/paths.ts';
import { SITE } from '../../../site.config.ts';

export const getStaticPaths = (async () => {
  const { outlets, byId, topicsByArticle } = await getCatalog();
  return outlets.map((outlet) => {
    const shown = outlet.articleIds.slice(0, SITE.topicFeedSize);
    return { params: { slug: outlet.slug }, props: { outlet }, cacheKey: cacheKey(outlet.name, shown.map((id) => [articleStamp(byId.get(id)!), topicsByArticle.get(id)])) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ outlet: OutletGroup }> = async ({ site, props }) => {
  const { outlet } = props;
  const { byId } = await getCatalog();
  return feedResponse({
    site: site!,
    title: `${outlet.name} | ${SITE.title}`,
    description: `${outlet.name}的最新文章。`,
    pagePath: sourcePath(outlet.slug),
    links: { self: feedPath.source(outlet.slug) },
    articles: outlet.articleIds.slice(0, SITE.topicFeedSize).map((id) => byId.get(id)!),
    fullContent: true,
  });
};
