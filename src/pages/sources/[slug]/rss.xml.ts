import type { APIRoute, GetStaticPaths } from 'astro';
import { listingFeed, listingFeedPaths, type Listing } from '../../../data/listings.ts';
import { pagesToRender } from '../../../data/pages-to-render.ts';

export const getStaticPaths = (async () => pagesToRender('/sources/[slug]/rss.xml', await listingFeedPaths('outlet'))) satisfies GetStaticPaths;

export const GET: APIRoute<{ listing: Listing }> = ({ site, props }) => listingFeed(site!, props.listing);
