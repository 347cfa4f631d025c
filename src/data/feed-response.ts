import rss from '@astrojs/rss';
import { channelExtras, feedItem, NAMESPACES, xmlText, type ChannelLinks } from '../lib/feeds.ts';
import { absoluteUrl, articlePath } from '../lib/paths.ts';
import { SITE } from '../site.config.ts';
import { articleBody } from './article-bodies.ts';
import { getCatalog, type Article } from './catalog.ts';
import { localImageLookup, MIRROR_IMAGES } from './mirrored-images.ts';

/** Builds an RSS response for a list of articles; pages call this with what to list and where the feed lives. */
export async function feedResponse(options: {
  site: URL;
  title: string;
  description: string;
  /** Base-relative path of the HTML page the feed mirrors. */
  pagePath: string;
  /** Base-relative path of the feed itself and its RFC 5005 neighbours. */
  links: { self: string } & Partial<Record<'current' | 'prevArchive' | 'nextArchive', string>> & { archive?: boolean };
  articles: readonly Article[];
  /** Full bodies in content:encoded; archive documents carry summaries only, to stay small. */
  fullContent: boolean;
}): Promise<Response> {
  const base = import.meta.env.BASE_URL;
  const { topicsByArticle, articles: all } = await getCatalog();
  const absolute = (path: string) => absoluteUrl(options.site, base, path);
  const links: ChannelLinks = { self: absolute(options.links.self), archive: options.links.archive };
  for (const key of ['current', 'prevArchive', 'nextArchive'] as const) {
    const path = options.links[key];
    if (path) links[key] = absolute(path);
  }
  const newest = all[0]?.data.capturedAt ?? new Date(0);
  // Feeds name the site's copies by absolute URL: a reader fetches them from outside the site.
  const images = MIRROR_IMAGES && options.fullContent ? localImageLookup(base, options.site) : undefined;
  return rss({
    title: xmlText(options.title),
    description: xmlText(options.description),
    site: absolute(options.pagePath),
    xmlns: NAMESPACES,
    customData: channelExtras(links, SITE.locale, newest),
    items: options.articles.map((article) =>
      feedItem(
        { id: article.id, data: article.data, html: options.fullContent ? articleBody(article) : undefined, images },
        absolute(articlePath(article.id)),
        topicsByArticle.get(article.id) ?? [],
      ),
    ),
  });
}
