import type { APIRoute } from 'astro';
import { absoluteUrl } from '../lib/paths.ts';

/** Everything may be crawled; the sitemap index is written by src/integrations/sitemap.mjs. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(site!, import.meta.env.BASE_URL, 'sitemap-index.xml')}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
