// @ts-check
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The module id under which Astro serves the content store to pages (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';

/**
 * Serves the content store to the build's pages by reading data-store.json when the pages are
 * generated, instead of inlining it into the bundle. Astro's default inlines the whole store as
 * one string literal: the bundler then scans it, Node compiles it, and both copies stay in
 * memory, a cost that grows with every article even when none changed.
 * Only `astro build` is affected; `astro dev` keeps Astro's own module and its reloads.
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
                      code: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(storeFile)}, 'utf8'));`,
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
