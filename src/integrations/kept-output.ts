import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { canKeepOutput, isRewrittenEveryBuild, outputPaths, type OutputRecord, staleOutputs } from '../lib/kept-output.ts';

/**
 * Keeps the output folder between builds (src/lib/kept-output.ts): Astro leaves in place a page
 * whose cache key is unchanged and whose file is there, instead of copying 70,000 pages from its
 * cache on every build of a large archive. The folder is emptied, as Astro would, when it was
 * not written by the last build of this cache with the same settings, or that build failed.
 * Needs `vite.build.emptyOutDir: false`.
 */
export function keptOutput(options: { settings: string }): AstroIntegration {
  let outDir = '';
  let recordPath = '';
  let previous: string[] = [];
  return {
    name: 'news-kept-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        recordPath = join(fileURLToPath(config.cacheDir), 'output-files.json');
      },
      'astro:build:start': ({ logger }) => {
        const record = readRecord(recordPath);
        // Until this build ends well, its folder is not one to keep.
        rmSync(recordPath, { force: true });
        const keep = canKeepOutput(record, outDir, options.settings);
        previous = keep ? record.files : [];
        if (!existsSync(outDir)) return;
        for (const name of readdirSync(outDir)) {
          if (name === '.git' || (keep && !isRewrittenEveryBuild(name))) continue;
          rmSync(join(outDir, name), { recursive: true, force: true, maxRetries: 3 });
        }
        if (keep) logger.info(`output folder kept from the last build (${previous.length} pages and feeds): unchanged ones stay in place`);
      },
      'astro:build:done': ({ assets, logger }) => {
        const current = outputPaths([...assets.values()].flat(), outDir);
        const stale = staleOutputs(previous, current);
        for (const file of stale) {
          rmSync(join(outDir, file), { force: true });
          removeEmptyFolders(dirname(join(outDir, file)), outDir);
        }
        if (stale.length) logger.info(`removed ${stale.length} pages and feeds of the last build that this one no longer makes`);
        writeFileSync(recordPath, JSON.stringify({ outDir, settings: options.settings, files: current } satisfies OutputRecord));
      },
    },
  };
}

function readRecord(path: string): OutputRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as OutputRecord;
  } catch {
    return undefined;
  }
}

/** Removes a folder left empty, and its parents up to (not including) the output folder. */
function removeEmptyFolders(folder: string, root: string): void {
  for (let current = folder; current.startsWith(`${root}/`) && existsSync(current) && readdirSync(current).length === 0; current = dirname(current)) rmdirSync(current);
}
