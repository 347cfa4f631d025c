import { pagePosition, pagesFromOldest, type PagePosition } from '../lib/paging.ts';
import { TOPIC_KIND_LABELS } from '../lib/topic-index.ts';
import { feedPath, outletPath, topicPath } from '../lib/paths.ts';
import { SITE } from '../site.config.ts';
import { articleStamp, cacheKey } from './cache-keys.ts';
import { getCatalog, type Article } from './catalog.ts';
import { feedResponse } from './feed-response.ts';

/**
 * Topics and outlets each have paginated pages of their articles and a feed beside them. A listing
 * is one topic or outlet with the words and paths its pages and feed show, so that both kinds of
 * route share the code below and differ only in the kind they name.
 */

export type ListingKind = 'topic' | 'outlet';

export interface Listing {
  slug: string;
  name: string;
  /** Newest first. */
  articleIds: string[];
  /** What kind of list it is, shown above its name: 栏目, 人物, 地点, 机构, 话题 or 来源. */
  kicker: string;
  /** Other spellings of the name, shown under it (又作 川普). */
  variants: string[];
  /** The pages' description. */
  description: string;
  /** The index the listing belongs to, for the breadcrumbs. */
  parent: { label: string; path: string };
  /** Base-relative paths of page 1 and of the feed. */
  firstPath: string;
  feedPath: string;
  feedTitle: string;
  feedDescription: string;
}

export interface ListingPageProps {
  listing: Listing;
  /** The articles of this page, newest first. */
  articles: Article[];
  position: PagePosition;
}

async function getListings(kind: ListingKind): Promise<Listing[]> {
  const { topics, outlets } = await getCatalog();
  if (kind === 'topic') {
    return topics.map(({ slug, name, articleIds, kinds, variants }) => ({
      slug, name, articleIds, variants,
      kicker: TOPIC_KIND_LABELS[kinds[0]],
      description: `关于“${name}”的 ${articleIds.length} 篇文章。`,
      parent: { label: '话题', path: 'topics/' },
      firstPath: topicPath(slug),
      feedPath: feedPath.topic(slug),
      feedTitle: `${name} | ${SITE.title}`,
      feedDescription: `关于“${name}”的最新文章。`,
    }));
  }
  return outlets.map(({ slug, name, articleIds }) => ({
    slug, name, articleIds, variants: [],
    kicker: '来源',
    description: `${name}的 ${articleIds.length} 篇文章。`,
    parent: { label: '来源', path: 'sources/' },
    firstPath: outletPath(slug),
    feedPath: feedPath.outlet(slug),
    feedTitle: `${name} | ${SITE.title}`,
    feedDescription: `${name}的最新文章。`,
  }));
}

/** getStaticPaths of a kind's listing pages: each listing's front page and its full pages numbered from the oldest. */
export async function listingPagePaths(kind: ListingKind) {
  const { byId } = await getCatalog();
  return (await getListings(kind)).flatMap((listing) =>
    pagesFromOldest(listing.articleIds, SITE.pageSize).map((page) => {
      const position = pagePosition(page);
      // A numbered page's key leaves out the listing's size: new articles elsewhere in it do not change the page.
      const size = page.number === undefined ? listing.articleIds.length : undefined;
      return {
        params: { slug: listing.slug, page: page.number === undefined ? undefined : String(page.number) },
        props: { listing, articles: page.items.map((id) => byId.get(id)!), position } satisfies ListingPageProps,
        cacheKey: cacheKey(listing.slug, listing.name, listing.kicker, listing.variants, size, page.items.map((id) => articleStamp(byId.get(id)!)), position),
      };
    }),
  );
}

/** getStaticPaths of a kind's feeds: one per listing. */
export async function listingFeedPaths(kind: ListingKind) {
  const { byId, topicsByArticle } = await getCatalog();
  return (await getListings(kind)).map((listing) => {
    const shown = listing.articleIds.slice(0, SITE.listingFeedSize);
    return { params: { slug: listing.slug }, props: { listing }, cacheKey: cacheKey(listing.name, shown.map((id) => [articleStamp(byId.get(id)!), topicsByArticle.get(id)])) };
  });
}

/** A listing's feed: its newest SITE.listingFeedSize articles in full. */
export async function listingFeed(site: URL, listing: Listing): Promise<Response> {
  const { byId } = await getCatalog();
  return feedResponse({
    site,
    title: listing.feedTitle,
    description: listing.feedDescription,
    pagePath: listing.firstPath,
    links: { self: listing.feedPath },
    articles: listing.articleIds.slice(0, SITE.listingFeedSize).map((id) => byId.get(id)!),
    fullContent: true,
  });
}

/** getStaticPaths entries of topic URLs that no topic has now (see topic-redirects.ts): a page that sends the reader on. */
export async function topicRedirectPaths() {
  const { topicRedirects } = await getCatalog();
  return topicRedirects.map((redirect) => ({
    params: { slug: redirect.slug, page: undefined },
    props: { redirect },
    cacheKey: cacheKey('redirect', redirect.slug, redirect.name, redirect.to?.slug ?? '', redirect.to?.name ?? ''),
  }));
}

/** A feed subscribed to under another spelling of a topic's name keeps coming: it is the topic's feed. */
export async function topicRedirectFeedPaths() {
  const { topicRedirects } = await getCatalog();
  const listings = new Map((await getListings('topic')).map((listing) => [listing.slug, listing]));
  const feeds = await listingFeedPaths('topic');
  const keys = new Map(feeds.map((feed) => [feed.params.slug, feed.cacheKey]));
  return topicRedirects.flatMap((redirect) => {
    const listing = redirect.to && listings.get(redirect.to.slug);
    return listing ? [{ params: { slug: redirect.slug }, props: { listing }, cacheKey: cacheKey('redirect', keys.get(listing.slug)) }] : [];
  });
}
