// @ts-check
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SitemapAndIndexStream, SitemapStream } from 'sitemap';

/** Entries per sitemap file; the protocol allows at most 50,000. */
const ENTRIES_PER_FILE = 45_000;

/**
 * Writes sitemap-index.xml and sitemap-N.xml for every page the build wrote (the same file
 * names and format as @astrojs/sitemap). That integration sorts its URLs with a
 * `localeCompare` call that builds a new collator per comparison, a cost that grows faster than
 * the archive. Here the order is plain code-unit order.
 * @param {{ exclude?: (pathname: string) => boolean }} options pages left out (the 404 page)
 * @returns {import('astro').AstroIntegration}
 */
export function sitemap({ exclude = () => false } = {}) {
  /** @type {URL} */
  let siteRoot;
  return {
    name: 'news-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (!config.site) throw new Error('the sitemap needs the site URL (SITE_URL)');
        siteRoot = new URL(config.base.endsWith('/') ? config.base : `${config.base}/`, config.site);
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        const urls = pages
          .map(({ pathname }) => pathname.replace(/^\//, ''))
          .filter((pathname) => !exclude(pathname))
          .map((pathname) => new URL(pathname, siteRoot).href)
          .sort();
        const outDir = fileURLToPath(dir);
        const files = new SitemapAndIndexStream({
          limit: ENTRIES_PER_FILE,
          getSitemapStream: (index) => {
            const name = `sitemap-${index}.xml`;
            const stream = new SitemapStream({ hostname: siteRoot.href });
            const written = stream.pipe(createWriteStream(`${outDir}/${name}`));
            return [new URL(name, siteRoot).href, stream, written];
          },
        });
        await pipeline(Readable.from(urls.map((url) => ({ url }))), files, createWriteStream(`${outDir}/sitemap-index.xml`));
        logger.info(`sitemap-index.xml lists ${urls.length} pages in ${Math.ceil(urls.length / ENTRIES_PER_FILE)} file(s)`);
      },
    },
  };
}
