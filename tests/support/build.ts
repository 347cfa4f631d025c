import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './corpus.ts';
import { tempDir } from './temp.ts';

export interface BuildResult {
  status: number | null;
  log: string;
  outDir: string;
}

/** Runs `astro build` into a fresh folder (or `outDir`) with the given settings; each build gets its own content store unless one is passed. */
export function buildSite(env: Record<string, string>, options: { cacheDir?: string; outDir?: string } = {}): BuildResult {
  const outDir = options.outDir ?? tempDir('news-dist');
  const cacheDir = options.cacheDir ?? tempDir('news-cache');
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NEWS_CACHE_DIR: cacheDir, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, log: `${result.stdout}\n${result.stderr}`, outDir };
}

/** Every file below `dir`, relative, with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

export const readText = (path: string) => readFileSync(path, 'utf8');
