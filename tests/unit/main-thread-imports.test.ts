import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runWithin } from '../support/bounded.ts';

/**
 * The libraries that clean and tag articles. Only the parsing threads, the listing thread and the
 * pages' bundle need them; loaded by the configuration or the content config, they would hold up
 * the start of every build on its one busy thread (some 0.3 s, compromise's lexicon the most).
 */
const PARSING_LIBRARIES = ['cheerio', 'sanitize-html', 'parse5', 'htmlparser2', 'css-select', 'compromise', '@node-rs/jieba'];

/** The packages among the modules `entries` load, found by a resolve hook; astro:content is stood in for, as outside Astro it cannot load. */
function packagesLoadedBy(entries: string[]): { packages: string[]; modules: string[] } {
  const urls = JSON.parse(
    runWithin(
      60,
      `
      import { registerHooks } from 'node:module';
      const urls = [];
      registerHooks({
        resolve(specifier, context, next) {
          if (specifier === 'astro:content') return { url: 'data:text/javascript,export const defineCollection = (collection) => collection;', shortCircuit: true };
          const resolved = next(specifier, context);
          urls.push(resolved.url);
          return resolved;
        },
      });
      for (const entry of ${JSON.stringify(entries)}) await import(entry);
      process.stdout.write(JSON.stringify(urls));
    `,
    ),
  ) as string[];
  const packages = new Set(urls.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? []));
  return { packages: [...packages], modules: urls };
}

describe("the build's main thread", () => {
  it('loads no cleaning or tagging library with the configuration and the content config', () => {
    const { packages, modules } = packagesLoadedBy(['./astro.config.mjs', './src/content.config.ts']);
    // The hook saw the loader and its schema: the check below is over the real graph.
    assert.ok(modules.some((url) => url.endsWith('/src/loader/article-loader.ts')));
    assert.ok(modules.some((url) => url.endsWith('/src/lib/article-data.ts')));
    assert.deepEqual(packages.filter((name) => PARSING_LIBRARIES.includes(name)), []);
  });

  it('leaves them to the parsing code, which loads them all', () => {
    const { packages } = packagesLoadedBy(['./src/loader/parse-capture.ts']);
    assert.deepEqual(PARSING_LIBRARIES.filter((name) => !packages.includes(name)), []);
  });
});
