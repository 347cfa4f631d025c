import type { APIRoute, GetStaticPaths } from 'astro';
import { getCatalog, type OutletIndex } from '../../../data/catalog.ts';
import { feedResponse } from '../../../data/feeds.ts';
import { feedPath, sourcePath } from '../../../lib/paths.ts';
import { SITE } from '../../../site.config.ts';

export const getStaticPaths = (async () => {
  const { outlets } = await getCatalog();
  return outlets.map((outlet) => ({ params: { slug: outlet.slug }, props: { outlet } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ outlet: OutletIndex }> = async ({ site, props }) => {
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
