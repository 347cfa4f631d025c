// @ts-check
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeXml } from '../lib/feeds.ts';

/** Entries per sitemap file; the protocol allows at most 50,000. */
const ENTRIES_PER_FILE = 45_000;

const SITEMAP_NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * Writes sitemap-index.xml and sitemap-N.xml for every page the build wrote (the same file
 * names as @astrojs/sitemap), URLs in plain code-unit order. The files are written as whole
 * strings: a sitemap holds nothing but each page's address, and passing each URL through the
 * `sitemap` package's streams of objects made this hook take 0.8 s per build of a large archive
 * (70,000 pages), against a quarter of a second now, much of it making the URLs absolute.
 * @param {{ exclude?: (pathname: string) => boolean, alsoPages?: () => readonly string[] }} options pages left out (the 404
 *   page), and the paths of pages the build left in place, which Astro does not list (src/lib/page-plan.ts)
 * @returns {import('astro').AstroIntegration}
 */
export function sitemap({ exclude = () => false, alsoPages = () => [] } = {}) {
  /** @type {URL} */
  let siteRoot;
  return {
    name: 'news-sitemap',
    hooks: {
      'astro:config:done': ({ config }) => {
        if (!config.site) throw new Error('the sitemap needs the site URL (SITE_URL)');
        siteRoot = new URL(config.base.endsWith('/') ? config.base : `${config.base}/`, config.site);
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        const urls = [...pages.map(({ pathname }) => pathname), ...alsoPages()]
          .map((pathname) => pathname.replace(/^\//, ''))
          .filter((pathname) => !exclude(pathname))
          .map((pathname) => new URL(pathname, siteRoot).href)
          .sort();
        const outDir = fileURLToPath(dir);
        /** @type {string[]} */
        const files = [];
        for (let start = 0; start < urls.length || files.length === 0; start += ENTRIES_PER_FILE) {
          const name = `sitemap-${files.length}.xml`;
          writeFileSync(join(outDir, name), xmlList('urlset', 'url', urls.slice(start, start + ENTRIES_PER_FILE)));
          files.push(new URL(name, siteRoot).href);
        }
        writeFileSync(join(outDir, 'sitemap-index.xml'), xmlList('sitemapindex', 'sitemap', files));
        logger.info(`sitemap-index.xml lists ${urls.length} pages in ${files.length} file(s)`);
      },
    },
  };
}

/**
 * A sitemap document: each URL in a `<loc>` of its own element.
 * @param {string} root
 * @param {string} element
 * @param {readonly string[]} urls
 */
function xmlList(root, element, urls) {
  const entries = urls.map((url) => `<${element}><loc>${escapeXml(url)}</loc></${element}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${SITEMAP_NAMESPACE}">${entries}</${root}>`;
}
