// @ts-check
import { defineConfig } from 'astro/config';
import { dataStoreOnDisk } from './src/integrations/data-store-on-disk.mjs';
import { searchIndex } from './src/integrations/search-index.ts';
import { sitemap } from './src/integrations/sitemap.mjs';
import { buildReportIntegration } from './src/integrations/build-report.ts';
import { hostHeaders } from './src/integrations/host-headers.ts';
import { keptOutput } from './src/integrations/kept-output.ts';
import { imageMirror } from './src/integrations/image-mirror.ts';
import { loadAhead } from './src/integrations/load-ahead.ts';
import { articleBodies } from './src/data/article-bodies.ts';
import { redirectedTopicPaths } from './src/data/published-topics.ts';
import { BUILD, IMAGE_MIRROR, SITE } from './src/site.config.ts';

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

// What the output depends on beyond the pages' own cache keys: another setting empties the folder.
const kept = keptOutput({ settings: JSON.stringify({ ...SITE, parseThreads: undefined, strict: undefined, site: BUILD.site, base: BUILD.base }) });

export default defineConfig({
  site: BUILD.site,
  base: BUILD.base,
  trailingSlash: 'always',
  // Stylesheets stay files: the page policy (style-src 'self') refuses inline <style>.
  // Pages render one at a time on one thread, and each waits on its file write: with 16 in flight the thread
  // renders while they wait (the archive's 69,000 pages in 98 s, against 118 s with 4, when each was written twice).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 16 },
  cacheDir: BUILD.cacheDir,
  // The 404 page is not a page to index. The build report comes last: its summary ends the build's log, where an operator looks.
  integrations: [
    // First: the folder survey and the listing thread start while Astro starts, on the other core.
    loadAhead({ directory: SITE.contentDir, bodies: articleBodies, recordsPath: BUILD.captureRecords, parseThreads: SITE.parseThreads }),
    // Which pages are rendered and which stay in the output folder as the last build wrote them.
    kept,
    dataStoreOnDisk(),
    sitemap({ exclude: excludedFromSitemap, alsoPages: () => kept.pagesLeftInPlace() }),
    hostHeaders(),
    // NEWS_IMAGES=mirror: images are downloaded before the pages render, and published under media/.
    ...(SITE.images === 'mirror' ? [imageMirror({ cacheDir: BUILD.cacheDir, ...IMAGE_MIRROR })] : []),
    ...(SITE.searchIndex ? [searchIndex({ timeZone: SITE.timeZone, textLength: SITE.searchChars, shardArticles: SITE.searchShardArticles })] : []),
    buildReportIntegration({ path: BUILD.report, site: BUILD.site, base: BUILD.base }),
  ],
  // Scripts stay files too: the page policy (script-src 'self') refuses inline <script>; Astro inlines those under this size.
  // The output folder is kept between builds (src/integrations/kept-output.ts empties it when it must).
  vite: { build: { assetsInlineLimit: 0, emptyOutDir: false } },
  devToolbar: { enabled: false },
  // A count and rate of pages every few seconds, not a line per page (NEWS_LOG_PAGES=1 for those).
  logger: { entrypoint: './src/integrations/progress-logger.mjs' },
});
