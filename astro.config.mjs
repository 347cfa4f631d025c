// @ts-check
import { defineConfig } from 'astro/config';
import { dataStoreOnDisk } from './src/integrations/data-store-on-disk.mjs';
import { searchIndex } from './src/integrations/search-index.ts';
import { sitemap } from './src/integrations/sitemap.mjs';
import { buildReportIntegration } from './src/integrations/build-report.ts';
import { hostHeaders } from './src/integrations/host-headers.ts';
import { redirectedTopicPaths } from './src/data/published-topics.ts';
import { BUILD, SITE } from './src/site.config.ts';

/** @type {Set<string> | undefined} */
let redirects;
/** The 404 page and topic URLs kept only to send readers on are not pages for crawlers. Read once the pages are written. */
function excludedFromSitemap(/** @type {string} */ pathname) {
  redirects ??= redirectedTopicPaths();
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname);
  } catch {}
  return /^404\/?$/.test(pathname) || redirects.has(decoded.endsWith('/') ? decoded : `${decoded}/`);
}

export default defineConfig({
  site: BUILD.site,
  base: BUILD.base,
  trailingSlash: 'always',
  // Stylesheets stay files: the page policy (style-src 'self') refuses inline <style>.
  // Pages render one at a time on one thread; with four in flight, one renders while others wait on file writes.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  cacheDir: BUILD.cacheDir,
  // The 404 page is not a page to index. The build report comes last: its summary ends the build's log, where an operator looks.
  integrations: [
    dataStoreOnDisk(),
    sitemap({ exclude: excludedFromSitemap }),
    hostHeaders(),
    ...(SITE.searchIndex ? [searchIndex({ timeZone: SITE.timeZone, textLength: SITE.searchChars })] : []),
    buildReportIntegration({ path: BUILD.report, site: BUILD.site, base: BUILD.base }),
  ],
  // Scripts stay files too: the page policy (script-src 'self') refuses inline <script>; Astro inlines those under this size.
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
  // A count and rate of pages every few seconds, not a line per page (NEWS_LOG_PAGES=1 for those).
  logger: { entrypoint: './src/integrations/progress-logger.mjs' },
  // Pages whose cacheKey (src/data/cache-keys.ts) and code are unchanged are copied from the last build.
  experimental: { incrementalBuild: true },
});
