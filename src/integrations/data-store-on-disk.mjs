// @ts-check
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The module id under which Astro serves the content store to pages (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';

/** Where the article loader leaves its load for the rest of the build (LOAD_REPORT_KEY in src/loader/article-loader.ts). */
const LOAD_KEY = 'news-site.load-report';

/**
 * The code of the content store module: the collections the loader left in memory when it ran in
 * this process (a Map, which Astro takes as it is: ImmutableDataStore.fromModule), else the store
 * file. `astro build` loads the content and renders the pages in one process, so the pages share
 * the loader's entries instead of reading back what Astro just wrote: at archive scale that read
 * and parse took seconds of every build, and held a second copy of every entry.
 * @param {string} storeFile
 */
export function dataStoreModuleCode(storeFile) {
  return [
    `import { readFileSync } from 'node:fs';`,
    `const loaded = globalThis[Symbol.for(${JSON.stringify(LOAD_KEY)})]?.collections?.();`,
    `export default loaded ?? JSON.parse(readFileSync(${JSON.stringify(storeFile)}, 'utf8'));`,
  ].join('\n');
}

/**
 * Serves the content store to the build's pages (see dataStoreModuleCode) instead of inlining it
 * into the bundle. Astro's default inlines the whole store as one string literal: the bundler then
 * scans it, Node compiles it, and both copies stay in memory, a cost that grows with every article
 * even when none changed. Only `astro build` is affected; `astro dev` keeps Astro's own module and
 * its reloads.
 * @returns {import('astro').AstroIntegration}
 */
export function dataStoreOnDisk() {
  return {
    name: 'news-data-store-on-disk',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        const storeFile = fileURLToPath(new URL('data-store.json', config.cacheDir));
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'news-data-store-on-disk',
                enforce: 'pre',
                // Runs before Astro's own loader, which would read the file and quote it as a string literal.
                load: {
                  order: 'pre',
                  filter: { id: /^\0astro:data-layer-content$/ },
                  handler(id) {
                    if (id !== DATA_STORE_MODULE || !existsSync(storeFile)) return null;
                    return {
                      code: dataStoreModuleCode(storeFile),
                      map: { mappings: '' },
                      // As Astro marks it: content data, left out of the page code hashes of the incremental build.
                      meta: { astroIncremental: { kind: 'content-data' } },
                    };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
