/**
 * What Astro costs to write a built site's own pages, with none of the site's work: a benchmark
 * (not a test) of the lower bound under the pages phase of a build.
 *   node scripts/bench-astro-pages.ts OUTPUT CACHE [--dir DIR] [--keep]
 *
 * OUTPUT is a build's output folder and CACHE its cache (NEWS_CACHE_DIR), whose output-files.json
 * names the pages and feeds that build wrote. A minimal Astro project written into DIR gives Astro
 * each of them as it is, read from OUTPUT while it renders: the pages through an .astro page
 * (`set:html`), the feeds and other files through an endpoint. Built once, cold, with the site's
 * build settings (folders, trailing slash, 16 pages in flight, the count-and-rate log), and the
 * written files compared byte for byte with OUTPUT's. No content store, no data for the pages, no
 * templates, no feeds built: the difference from the site's pages phase is what the site's own
 * page making costs (its templates and components through Astro's renderer, the feeds' XML, the
 * bodies read, the garbage all that leaves).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildProject, type FloorRun } from './bench-astro-floor.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

const FILES: Record<string, string> = {
  'package.json': '{ "type": "module" }\n',
  'astro.config.mjs': `import { defineConfig } from 'astro/config';
export default defineConfig({
  trailingSlash: 'always',
  build: { format: 'directory', concurrency: 16 },
  logger: { entrypoint: ${JSON.stringify(pathToFileURL(join(ROOT, 'src/integrations/progress-logger.mjs')).href)} },
});
`,
  'src/files.ts': `import { readFileSync } from 'node:fs';
import { join } from 'node:path';
const { output, files } = JSON.parse(readFileSync(FILES_JSON, 'utf8')) as { output: string; files: string[] };
const isPage = (file: string) => file === 'index.html' || file.endsWith('/index.html');
/** A page's folder, or an endpoint's folder and file name, for each file the site's build wrote. */
export const pages = files.filter(isPage).map((file) => file.slice(0, -'index.html'.length).replace(/\\/$/, ''));
export const endpoints = files.filter((file) => !isPage(file)).map((file) => {
  const slash = file.lastIndexOf('/');
  return { dir: slash < 0 ? undefined : file.slice(0, slash), name: file.slice(slash + 1) };
});
export const read = (file: string) => readFileSync(join(output, file), 'utf8');
`,
  'src/pages/[...path].astro': `---
import { pages, read } from '../files.ts';
export function getStaticPaths() {
  return pages.map((path) => ({ params: { path: path || undefined } }));
}
const { path } = Astro.params;
const html = read(path ? \`\${path}/index.html\` : 'index.html');
---
<Fragment set:html={html} />
`,
  'src/pages/[...dir]/[name].ts': `import { endpoints, read } from '../../files.ts';
export function getStaticPaths() {
  return endpoints.map((params) => ({ params }));
}
export function GET({ params }: { params: { dir?: string; name: string } }) {
  return new Response(read(params.dir ? \`\${params.dir}/\${params.name}\` : params.name));
}
`,
};

/** Builds the minimal project over OUTPUT's pages and feeds in `workDir`, checks what it wrote, and returns the run. */
export async function astroPages(output: string, cacheDir: string, workDir: string): Promise<FloorRun & { files: number; pagesSeconds: number }> {
  const record = join(cacheDir, 'output-files.json');
  if (!existsSync(record)) throw new Error(`${record}: no record of a build's pages (the cache of a build that ended well)`);
  const { files } = JSON.parse(readFileSync(record, 'utf8')) as { files: string[] };
  rmSync(workDir, { recursive: true, force: true });
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(workDir, path, '..'), { recursive: true });
    // The list's path is written in: the built pages run from another folder.
    writeFileSync(join(workDir, path), text.replace('FILES_JSON', JSON.stringify(join(workDir, 'files.json'))));
  }
  writeFileSync(join(workDir, 'files.json'), JSON.stringify({ output: resolve(output), files }));
  symlinkSync(join(ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
  const run = await build(workDir, 'Astro, the site\'s pages');
  const differing = files.filter((file) => !readFileSync(join(workDir, 'dist', file)).equals(readFileSync(join(output, file))));
  if (differing.length) throw new Error(`${differing.length} of ${files.length} files differ from ${output}'s, as ${differing[0]}`);
  return { ...run, files: files.length };
}

/** The minimal project built: its run, and how many pages and how long they took, as the count-and-rate log's last line says. */
async function build(workDir: string, name: string): Promise<FloorRun & { pagesSeconds: number }> {
  const { log, ...run } = await buildProject(workDir, name);
  const last = log.split('\n').filter((line) => line.includes('[pages]')).pop() ?? '';
  const [pages, pagesSeconds] = /\[pages\] (\d+) pages and feeds rendered in ([\d.]+) s/.exec(last)?.slice(1).map(Number) ?? [NaN, NaN];
  return { ...run, pages, pagesSeconds };
}

export const pagesLine = (run: FloorRun & { files: number; pagesSeconds: number }) =>
  `${run.name}: ${run.wall.toFixed(1)} s (CPU ${run.cpu.toFixed(0)} s), ${run.peakMB.toFixed(0)} MB; ${run.pages} pages and feeds rendered in ${run.pagesSeconds.toFixed(1)} s, the same bytes as the site's ${run.files}`;

if (import.meta.main) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { dir: { type: 'string' }, keep: { type: 'boolean' } } });
  if (positionals.length !== 2) throw new Error('usage: node scripts/bench-astro-pages.ts OUTPUT CACHE [--dir DIR] [--keep] (a build\'s output folder and its NEWS_CACHE_DIR)');
  const [output, cacheDir] = positionals;
  const workDir = resolve(values.dir ?? (existsSync('/dev/shm') ? '/dev/shm/news-astro-pages' : join(ROOT, '.bench-astro-pages')));
  console.log(`Astro writing the pages and feeds of ${output}, in ${workDir}`);
  const run = await astroPages(output, cacheDir, workDir);
  console.log(pagesLine(run));
  if (!values.keep) rmSync(workDir, { recursive: true, force: true });
}
