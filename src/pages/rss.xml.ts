import type { APIRoute } from 'astro';
import { getCatalog } from '../data/catalog.ts';
import { feedResponse } from '../data/feed-response.ts';
import { archiveFeedPages } from '../lib/feeds.ts';
import { feedPath } from '../lib/paths.ts';
import { SITE } from '../site.config.ts';

/** The site feed: the newest articles in full, and a link back into the archive documents. */
export const GET: APIRoute = async ({ site }) => {
  const { articles } = await getCatalog();
  const { pages } = archiveFeedPages(articles.toReversed(), SITE.feedSize);
  return feedResponse({
    site: site!,
    title: SITE.title,
    description: SITE.description,
    pagePath: '',
    links: { self: feedPath.site(), ...(pages.length ? { prevArchive: feedPath.archive(pages.length) } : {}) },
    articles: articles.slice(0, SITE.feedSize),
    fullContent: true,
  });
};
