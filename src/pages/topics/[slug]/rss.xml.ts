import type { APIRoute, GetStaticPaths } from 'astro';
import { pagesToRender } from '../../../data/pages-to-render.ts';
import { listingFeed, listingFeedPaths, topicRedirectFeedPaths, type Listing } from '../../../data/listings.ts';

export const getStaticPaths = (async () => pagesToRender('/topics/[slug]/rss.xml', [...(await listingFeedPaths('topic')), ...(await topicRedirectFeedPaths())])) satisfies GetStaticPaths;

export const GET: APIRoute<{ listing: Listing }> = ({ site, props }) => listingFeed(site!, props.listing);
