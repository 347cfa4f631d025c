/**
 * What Astro itself costs at a site's scale, with none of this project's work: a benchmark (not a
 * test) of the lower bound under a build and a rebuild of the site.
 *   node scripts/bench-astro-floor.ts STORE [--dir DIR] [--keep] [--batch N]
 *
 * STORE is the content store of a build of the site (NEWS_CACHE_DIR/data-store.json). Its
 * articles, with the same data, become the entries of a minimal Astro project written into DIR:
 * a loader that only sets entries whose digest changed (as the site's does once a file is known),
 * one page per article and one per day of capture, each with a cache key (Astro's incremental
 * build), the output folder kept between builds, the content store served to pages from disk
 * and the page log reduced to a count, as the site's build does. No parsing, no bodies, no
 * topics, related stories, feeds, search index or report: those are the site's own work.
 * It is built five times, timed: cold, again with nothing changed, after one new article, and
 * without its newest N articles (a day's, 300 by default) then with them back: a daily rebuild.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { parse } from 'devalue';
import { trackTree } from './process-tree.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface StoredEntry {
  id: string;
  digest: string;
  data: Record<string, unknown> & { title: string; capturedAt: Date };
}

export interface FloorRun {
  name: string;
  wall: number;
  /** Seconds of CPU of the build's process, user and system. */
  cpu: number;
  peakMB: number;
  pages: number;
}

const url = (path: string) => JSON.stringify(pathToFileURL(join(ROOT, path)).href);
const FILES: Record<string, string> = {
  'package.json': '{ "type": "module" }\n',
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
import { dataStoreOnDisk } from ${url('src/integrations/data-store-on-disk.mjs')};
export default defineConfig({
  cacheDir: './cache',
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 16 },
  integrations: [dataStoreOnDisk()],
  vite: { build: { emptyOutDir: false } },
  logger: { entrypoint: ${url('src/integrations/progress-logger.mjs')} },
  experimental: { incrementalBuild: true },
});
`,
  'src/content.config.ts': `import { readFileSync } from 'node:fs';
import { defineCollection } from 'astro:content';

const articles = defineCollection({
  loader: {
    name: 'floor-loader',
    async load({ store, meta, parseData }) {
      // As the site's loader does: no store write while the entries are set.
      meta.set('floor', 'loading');
      const hold = setInterval(() => meta.set('floor', 'loading'), 200);
      const entries = JSON.parse(readFileSync(new URL('../entries.json', import.meta.url), 'utf8'));
      const ids = new Set();
      for (const { id, digest, data } of entries) {
        ids.add(id);
        if (store.get(id)?.digest === digest) continue;
        store.set({ id, digest, data: await parseData({ id, data: { ...data, capturedAt: new Date(data.capturedAt) } }) });
      }
      for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
      clearInterval(hold);
    },
  },
});
export const collections = { articles };
`,
  'src/pages/articles/[id].astro': `---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('articles')).map((entry) => ({ params: { id: entry.id }, props: { entry }, cacheKey: entry.digest }));
}
const { entry } = Astro.props;
---
<html lang="zh"><head><meta charset="utf-8"><title>{entry.data.title}</title></head>
<body><h1>{entry.data.title}</h1><p>{String(entry.data.summary ?? '')}</p></body></html>
`,
  'src/pages/archive/[day].astro': `---
import { getCollection } from 'astro:content';
export async function getStaticPaths() {
  const days = new Map();
  for (const entry of await getCollection('articles')) {
    const day = entry.data.capturedAt.toISOString().slice(0, 10);
    if (days.has(day)) days.get(day).push(entry);
    else days.set(day, [entry]);
  }
  return [...days].map(([day, entries]) => ({ params: { day }, props: { entries }, cacheKey: entries.map((entry) => entry.digest).join(' ') }));
}
const { entries } = Astro.props;
---
<html lang="zh"><head><meta charset="utf-8"><title>{entries.length}</title></head>
<body><ul>{entries.map((entry) => <li><a href={\`/articles/\${entry.id}/\`}>{entry.data.title}</a></li>)}</ul></body></html>
`,
};

/** Builds the minimal project of STORE's articles in `workDir` five times (see above) and returns the runs. */
export async function astroFloor(storeFile: string, workDir: string, batch = 300): Promise<FloorRun[]> {
  const store = parse(readFileSync(storeFile, 'utf8')) as Map<string, Map<string, StoredEntry>>;
  const articles = [...(store.get('articles')?.values() ?? [])].map(({ id, digest, data }) => ({ id, digest, data }));
  if (!articles.length) throw new Error(`${storeFile} holds no articles`);
  rmSync(workDir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(workDir, path, '..'), { recursive: true });
    writeFileSync(join(workDir, path), text);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
  const writeEntries = (list: typeof articles) => writeFileSync(join(workDir, 'entries.json'), JSON.stringify(list));
  const newest = articles.reduce((a, b) => (a.data.capturedAt > b.data.capturedAt ? a : b));
  const added = { id: `${newest.id.slice(0, -4)}ffff`, digest: `${newest.digest}+`, data: { ...newest.data, title: `${newest.data.title}（更新）` } };
  writeEntries(articles);
  const runs = [await build(workDir, 'Astro alone, cold')];
  runs.push(await build(workDir, 'Astro alone, again'));
  writeEntries([...articles, added]);
  runs.push(await build(workDir, 'Astro alone, +1'));
  const newestFirst = articles.toSorted((a, b) => +new Date(b.data.capturedAt) - +new Date(a.data.capturedAt) || (a.id < b.id ? -1 : 1));
  writeEntries(newestFirst.slice(batch));
  runs.push(await build(workDir, `Astro alone, -${batch}`));
  writeEntries(articles);
  runs.push(await build(workDir, `Astro alone, +${batch}`));
  return runs;
}

/** One build of the minimal project: its wall time, peak memory and pages. */
async function build(workDir: string, name: string): Promise<FloorRun> {
  const { log, ...run } = await buildProject(workDir, name);
  return { ...run, pages: Number(/(\d+) page\(s\) built/.exec(log)?.[1] ?? NaN) };
}

/** `astro build` in a minimal project's folder: its wall and CPU time, peak memory and log. */
export function buildProject(workDir: string, name: string): Promise<Omit<FloorRun, 'pages'> & { log: string }> {
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'PEAK_KB=%M', process.execPath, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: workDir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1' } });
    const tree = trackTree(child.pid!);
    let log = '';
    child.stdout.on('data', (chunk) => (log += chunk));
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const { cpuSeconds: cpu } = tree.stop();
      log = stripVTControlCharacters(log);
      if (code !== 0) return reject(new Error(`${name}: the build failed (${code}):\n${log.slice(-3000)}`));
      const peakMB = Number(/PEAK_KB=(\d+)/.exec(log)?.[1] ?? 0) / 1024;
      resolveRun({ name, wall: (performance.now() - started) / 1000, cpu, peakMB, log });
    });
  });
}

export const floorLine = (run: FloorRun) => `${run.name.padEnd(22)} ${run.wall.toFixed(1).padStart(6)} s (CPU ${run.cpu.toFixed(0).padStart(4)} s)  ${run.peakMB.toFixed(0).padStart(5)} MB  ${String(run.pages).padStart(6)} pages`;

if (import.meta.main) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, keep: { type: 'boolean' }, batch: { type: 'string', default: '300' } } });
  const storeFile = positionals[0];
  const batch = Number(values.batch);
  if (positionals.length !== 1 || !existsSync(storeFile) || !(batch >= 1)) throw new Error('usage: node scripts/bench-astro-floor.ts STORE [--dir DIR] [--keep] [--batch N] (STORE: a built site’s data-store.json)');
  const workDir = resolve(values.dir ?? (existsSync('/dev/shm') ? '/dev/shm/news-astro-floor' : join(ROOT, '.bench-astro-floor')));
  console.log(`Astro alone, the articles of ${storeFile}, in ${workDir}`);
  for (const run of await astroFloor(storeFile, workDir, batch)) console.log(floorLine(run));
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
}
