import type { APIRoute, GetStaticPaths } from 'astro';
import { listingFeed, listingFeedPaths, type Listing } from '../../../data/listings.ts';

export const getStaticPaths = (() => listingFeedPaths('outlet')) satisfies GetStaticPaths;

export const GET: APIRoute<{ listing: Listing }> = ({ site, props }) => listingFeed(site!, props.listing);
