import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { BuildReport } from '../../src/lib/build-report.ts';
import { PROJECT_ROOT } from './corpus.ts';
import { tempDir } from './temp.ts';

export interface BuildResult {
  status: number | null;
  log: string;
  outDir: string;
  /** The cache folder it used (NEWS_CACHE_DIR): the content store, and the build report unless NEWS_REPORT names another file. */
  cacheDir: string;
  /** Wall time of the build itself, waiting for a turn not counted. */
  seconds: number;
}

/**
 * Builds at once: one. Astro stages a build's server chunks in the project's own .astro/ folder
 * whatever the output and cache folders are, so two builds of one project at once remove each
 * other's chunks. Builds still start when their test file loads and run while tests of files
 * loaded before them do.
 */
const MAX_PARALLEL_BUILDS = 1;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_BUILDS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs `astro build` into a fresh folder (or `outDir`) with the given settings; each build gets its own content store unless one is passed. */
export function buildSite(env: Record<string, string>, options: { cacheDir?: string; outDir?: string } = {}): Promise<BuildResult> {
  const outDir = options.outDir ?? tempDir('news-dist');
  const cacheDir = options.cacheDir ?? tempDir('news-cache');
  return slot(
    () =>
      new Promise<BuildResult>((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', outDir], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NEWS_CACHE_DIR: cacheDir, NEWS_REPORT: '', ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const output: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, log: stripVTControlCharacters(Buffer.concat(output).toString('utf8')), outDir, cacheDir, seconds: (performance.now() - started) / 1000 }));
      }),
  );
}

const shared = new Map<string, Promise<BuildResult>>();

/**
 * A cold build with these settings, made once per test process and shared by every test that
 * asks for the same settings (the test scripts run all files of a suite in one process, so a
 * build asked for when a file loads runs while earlier files' tests do). Its output is
 * read-only: a test that changes files or builds again uses `buildSite`.
 */
export function sharedBuild(env: Record<string, string>): Promise<BuildResult> {
  const key = JSON.stringify(Object.entries(env).sort(([a], [b]) => a.localeCompare(b)));
  let build = shared.get(key);
  if (!build) shared.set(key, (build = buildSite(env)));
  return build;
}

/** Every file below `dir`, relative, with forward slashes. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

export const readText = (path: string) => readFileSync(path, 'utf8');

/** The build report a build wrote beside its cache (see src/lib/build-report.ts). */
export const readReport = (build: BuildResult): BuildReport & { format: number; builtAt: string; base: string; site: string; outDir: string } =>
  JSON.parse(readText(join(build.cacheDir, 'build-report.json')));

/** The build's closing summary: [published, skipped, duplicates merged], or undefined when the log has none. */
export const summaryOf = (log: string) => /articles: (\d+) published, (\d+) skipped, (\d+) duplicates merged/.exec(log)?.slice(1).map(Number);

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
