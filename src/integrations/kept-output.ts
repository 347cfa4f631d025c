import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration, IntegrationResolvedRoute } from 'astro';
import { PAGE_PLAN_KEY } from '../data/pages-to-render.ts';
import { canKeepOutput, isRewrittenEveryBuild, outputPaths, type OutputRecord, staleOutputs } from '../lib/kept-output.ts';
import { outputFileOf, PagePlan, pathOfPageFile } from '../lib/page-plan.ts';
import { codeVersion } from '../loader/pipeline-version.ts';
import { readTextFileSync } from '../loader/text-files.ts';

/**
 * Keeps the output folder between builds (src/lib/kept-output.ts) and plans which pages to render
 * (src/lib/page-plan.ts): a page whose cache key is the one the last build recorded stays in the
 * folder as that build wrote it, and the pages' getStaticPaths (src/data/pages-to-render.ts) do
 * not give it to Astro at all. The folder is emptied, as Astro would, when it was not written by
 * the last build of this cache with the same settings, or that build failed; no page is left in
 * place when the pages' code changed since. Needs `vite.build.emptyOutDir: false`.
 */
export function keptOutput(options: { settings: string }): AstroIntegration & { pagesLeftInPlace(): string[] } {
  let outDir = '';
  let cacheDir = '';
  let root = '';
  let recordPath = '';
  let previous: string[] = [];
  let plan: PagePlan | undefined;
  let code = '';
  const routes = new Map<string, IntegrationResolvedRoute>();
  let leftPages: string[] = [];
  return {
    name: 'news-kept-output',
    /** The paths of the pages (not feeds) left in place by the build that just ended, for the sitemap. */
    pagesLeftInPlace: () => leftPages,
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        cacheDir = fileURLToPath(config.cacheDir);
        root = fileURLToPath(config.root);
        recordPath = join(cacheDir, 'output-files.json');
      },
      'astro:routes:resolved': ({ routes: resolved }) => {
        routes.clear();
        for (const route of resolved) routes.set(route.pattern, route);
      },
      'astro:build:start': async ({ logger }) => {
        const record = readRecord(recordPath);
        // Until this build ends well, its folder is not one to keep.
        rmSync(recordPath, { force: true });
        removeAstroPageCache(cacheDir, outDir);
        const keep = canKeepOutput(record, outDir, options.settings);
        previous = keep ? record.files : [];
        code = await pagesCodeVersion(root);
        plan = new PagePlan(keep && record.code === code ? record.pages : undefined, (file) => existsSync(join(outDir, file)));
        (globalThis as Record<symbol, unknown>)[PAGE_PLAN_KEY] = plan;
        leftPages = [];
        if (!existsSync(outDir)) return;
        for (const name of readdirSync(outDir)) {
          if (name === '.git' || (keep && !isRewrittenEveryBuild(name))) continue;
          rmSync(join(outDir, name), { recursive: true, force: true, maxRetries: 3 });
        }
        if (keep) logger.info(`output folder kept from the last build (${previous.length} pages and feeds)${record.code === code ? ': unchanged ones stay in place' : ', the pages\' code changed since: every page is rendered'}`);
      },
      'astro:build:done': ({ assets, logger }) => {
        (globalThis as Record<symbol, unknown>)[PAGE_PLAN_KEY] = undefined;
        const written = outputPaths([...assets.values()].flat(), outDir);
        const writtenSet = new Set(written);
        const routeOf = (pattern: string) => {
          const route = routes.get(pattern);
          if (!route) throw new Error(`the page plan names a route the site does not have: ${pattern}`);
          return route;
        };
        // Each page rendered now must be where its route says, or the next build would not find it.
        const pages = plan!.record((page) => {
          const route = routeOf(page.route);
          const file = outputFileOf(route.generate(page.params), route.type === 'endpoint');
          if (!writtenSet.has(file)) throw new Error(`the page ${page.route} ${JSON.stringify(page.params)} was expected at ${file}, which the build did not write`);
          return file;
        });
        const left = plan!.leftInPlace;
        leftPages = left.filter((page) => routeOf(page.route).type === 'page').map((page) => pathOfPageFile(page.file));
        const current = [...written, ...left.map((page) => page.file)];
        const stale = staleOutputs(previous, current);
        for (const file of stale) {
          rmSync(join(outDir, file), { force: true });
          removeEmptyFolders(dirname(join(outDir, file)), outDir);
        }
        logger.info(`${written.length} pages and feeds written, ${left.length} left in place as the last build wrote them`);
        if (plan!.missing) logger.info(`${plan!.missing} unchanged pages and feeds were missing from the output folder and were written again`);
        if (stale.length) logger.info(`removed ${stale.length} pages and feeds of the last build that this one no longer makes`);
        writeFileSync(recordPath, JSON.stringify({ outDir, settings: options.settings, files: current, code, pages } satisfies OutputRecord));
      },
    },
  };
}

/**
 * A digest of what renders the pages (codeVersion, as for the cleaning code): every file of the
 * site's code (src/, all of it: a page may show what any module makes), its configuration, the
 * versions of the libraries it depends on and the lockfile (their own libraries). Any change
 * renders every page again. `projectRoot` is a folder path ending in a slash.
 */
export function pagesCodeVersion(projectRoot: string): Promise<string> {
  const files = readdirSync(join(projectRoot, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(projectRoot.length));
  const lockfile = existsSync(join(projectRoot, 'package-lock.json')) ? ['package-lock.json'] : [];
  const { dependencies = {} } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return codeVersion([...files, 'astro.config.mjs', ...lockfile], Object.keys(dependencies), pathToFileURL(projectRoot));
}

/**
 * Removes the copies of the pages that Astro's own incremental build kept in the cache (an earlier
 * version of this site used it): its record, and the folder it names, unless that is the output.
 */
export function removeAstroPageCache(cacheDir: string, outDir: string): void {
  const record = join(cacheDir, 'incremental-build.json');
  if (!existsSync(record)) return;
  const copies = join(cacheDir, 'dist');
  if (copies.replace(/\/+$/, '') !== outDir.replace(/\/+$/, '')) rmSync(copies, { recursive: true, force: true });
  rmSync(record, { force: true });
}

function readRecord(path: string): OutputRecord | undefined {
  try {
    return JSON.parse(readTextFileSync(path)) as OutputRecord;
  } catch {
    return undefined;
  }
}

/** Removes a folder left empty, and its parents up to (not including) the output folder. */
function removeEmptyFolders(folder: string, root: string): void {
  for (let current = folder; current.startsWith(`${root}/`) && existsSync(current) && readdirSync(current).length === 0; current = dirname(current)) rmdirSync(current);
}
