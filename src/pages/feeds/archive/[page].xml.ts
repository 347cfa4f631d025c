import type { APIRoute, GetStaticPaths } from 'astro';
import { articleStamp, cacheKey } from '../../../data/cache-keys.ts';
import { getCatalog, type Article } from '../../../data/catalog.ts';
import { pagesToRender } from '../../../data/pages-to-render.ts';
import { feedResponse } from '../../../data/feed-response.ts';
import { archiveFeedPages } from '../../../lib/feeds.ts';
import { feedPath } from '../../../lib/paths.ts';
import { SITE } from '../../../site.config.ts';

/** RFC 5005 archive documents: full pages of the oldest articles, page 1 the oldest; each never changes once written. */
export const getStaticPaths = (async () => {
  const { articles, topicsByArticle } = await getCatalog();
  const { pages } = archiveFeedPages(articles.toReversed(), SITE.feedSize);
  return pagesToRender('/feeds/archive/[page].xml', pages.map((items, index) => ({
    params: { page: String(index + 1) },
    props: { items: items.toReversed(), number: index + 1, last: pages.length },
    // The newest archive document links to the next one, which a later build may add.
    cacheKey: cacheKey(items.map((item) => [articleStamp(item), topicsByArticle.get(item.id)]), index, index + 1 < pages.length),
  })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ items: Article[]; number: number; last: number }> = ({ site, props }) => {
  const { items, number, last } = props;
  return feedResponse({
    site: site!,
    title: `${SITE.title}（存档 ${number}）`,
    description: SITE.description,
    pagePath: 'archive/',
    links: {
      self: feedPath.archive(number),
      current: feedPath.site(),
      archive: true,
      ...(number > 1 ? { prevArchive: feedPath.archive(number - 1) } : {}),
      ...(number < last ? { nextArchive: feedPath.archive(number + 1) } : {}),
    },
    articles: items,
    fullContent: false,
  });
};
