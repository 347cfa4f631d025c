/**
 * Build benchmark (not a test):
 *   npm run bench -- [--count 10000 | --corpus DIR] [--batch 300] [--dir /dev/shm/news-bench] [--keep]
 *
 * Generates N articles with ../shared/corpus/generate.mjs (or copies the captures of DIR), holds
 * back the newest `--batch` + 2 of them (by capture time), then measures on the same machine in
 * one run: a cold build of the rest, a rebuild after adding the two oldest held-back articles, one
 * after editing an article in the middle of the archive (same URL, new text), one after adding the
 * other held-back ones (a day's captures, say), and a floor
 * (scripts/bench-floor.ts: the same parsing and cleaning, pages from template strings), and
 * Astro alone (scripts/bench-astro-floor.ts: the same articles in a minimal Astro project), and
 * Astro writing the site's own pages (scripts/bench-astro-pages.ts: every page and feed of the
 * last build, byte for byte, from a minimal project).
 * Each line gives wall seconds, the CPU seconds of the build and every process it started (and
 * so how many cores were kept busy; Pagefind's own share apart), peak memory (the OS's maximum
 * resident set of the build process), pages written and time per phase; the last lines give the
 * ratios to the floor. Astro alone's lines give its CPU seconds too.
 * The search index is part of the build (its phase is timed); after the builds, a few queries
 * run in Chromium on the built site (scripts/bench-query.ts: time to first results, bytes).
 * Peak memory is given twice: the build process alone (/usr/bin/time), and the build with the
 * processes it starts (the search indexer), summed.
 * Output goes to a tmpfs when there is one: on a disk, deleting and creating thousands of
 * files costs kernel time that grows from run to run.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { CHROMIUM_PATH } from '../tests/support/browser.ts';
import { astroFloor, floorLine } from './bench-astro-floor.ts';
import { astroPages, pagesLine } from './bench-astro-pages.ts';
import { trackTree } from './process-tree.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const GENERATOR = resolve(ROOT, '../shared/corpus/generate.mjs');

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : (process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
}

const count = Number(argument('count', '10000'));
const corpus = process.argv.some((arg) => arg.startsWith('--corpus')) ? resolve(argument('corpus', '')) : undefined;
const batch = Number(argument('batch', '300'));
const workDir = resolve(argument('dir', existsSync('/dev/shm') ? '/dev/shm/news-bench' : join(ROOT, '.bench')));
const keep = process.argv.includes('--keep');
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive whole number');
if (!Number.isInteger(batch) || batch < 1) throw new Error('--batch must be a positive whole number');
if (corpus !== undefined && !existsSync(corpus)) throw new Error(`--corpus ${corpus}: no such folder`);

/** A capture's time, from its first line (<!--ms-->); files without one sort first. */
function captureTime(path: string): number {
  const first = readFileSync(path, 'utf8').slice(0, 40);
  return Number(/^<!--(\d+)-->/.exec(first)?.[1] ?? 0);
}

interface Run {
  name: string;
  wall: number;
  /** Seconds of CPU, user and system, of the command and every process it started (Pagefind's): beside the wall time, how busy the cores were. */
  cpu: number;
  /** Of which the search indexer's processes (Pagefind's own program, not the build's thread that feeds it). */
  indexerCpu: number;
  peakMB: number;
  /** The build and the processes it started, together. */
  treePeakMB: number;
  /** Pages and feeds the site has: written by this build, and left in place as the last one wrote them. */
  pages: number;
  written: number;
  kept: number;
  phases: Record<string, number>;
  summary: string;
}

/** Log lines that open a phase, in the order Astro prints them; a phase lasts until the next one starts. */
const PHASE_MARKERS: [phase: string, marker: RegExp][] = [
  ['startup', /^/],
  ['content sync', /\[content\] Syncing content/],
  ['bundling', /Building static entrypoints/],
  ['pages (render + write)', /generating static routes/],
  // "✓ Completed in 17.05s." or, past a minute, "✓ Completed in 1m 51s."
  ['post-processing', /✓ Completed in (?:\d+m )?[\d.]+m?s\.\s*$/],
  // The search index builds alongside bundling and pages; what is left of it after them.
  ['search index (rest)', /\[news-load-summary\]/],
];

/** Runs a command under /usr/bin/time (peak memory from the OS) and times the phases its log announces. */
function measure(name: string, command: string[], env: Record<string, string>, markers = PHASE_MARKERS, cwd = ROOT): Promise<Run> {
  return new Promise((done, fail) => {
    const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'PEAK_KB=%M', ...command] : command;
    const started = performance.now();
    const child = spawn(timed[0], timed.slice(1), { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env } });
    const tree = trackTree(child.pid!);
    const marks: [string, number][] = [['startup', started]];
    let log = '';
    let pending = '';
    // One decoder per stream: a chunk may end inside a character.
    const onData = (decoder: StringDecoder) => (chunk: Buffer) => {
      const text = decoder.write(chunk);
      log += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      // Colour codes are taken out of whole lines: a chunk may end inside one.
      for (const line of lines.map(stripVTControlCharacters)) {
        const next = markers[marks.length];
        if (next && next[1].test(line)) marks.push([next[0], performance.now()]);
        if (/articles: \d+ published|parsed \d+\/\d+|\[build\] \d+ page|\[topics\]|search: |^query: /.test(line)) console.log(`    ${line.trim()}`);
      }
    };
    child.stdout.on('data', onData(new StringDecoder('utf8')));
    child.stderr.on('data', onData(new StringDecoder('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      const ended = performance.now();
      const { peakMB: treePeakMB, cpuSeconds: cpu, indexerSeconds: indexerCpu } = tree.stop();
      log = stripVTControlCharacters(log);
      // Each run's whole log is kept beside the output, to read what a figure came from.
      mkdirSync(join(workDir, 'logs'), { recursive: true });
      writeFileSync(join(workDir, 'logs', `${name.replace(/[^\w+-]+/g, '-')}.log`), log);
      if (code !== 0) return fail(new Error(`${name} failed (exit ${code}):\n${log.slice(-3000)}`));
      marks.push(['end', ended]);
      const phases: Record<string, number> = {};
      for (let i = 0; i < marks.length - 1; i++) phases[marks[i][0]] = (marks[i + 1][1] - marks[i][1]) / 1000;
      const peak = Number(/PEAK_KB=(\d+)/.exec(log)?.[1] ?? NaN);
      const summary = /articles: [^\n]*/.exec(log)?.[0] ?? '';
      // Pages and feeds written, and those left in place as the last build wrote them (src/integrations/kept-output.ts).
      const [written, kept] = /(\d+) pages and feeds written, (\d+) left in place/.exec(log)?.slice(1).map(Number) ?? [NaN, NaN];
      done({ name, wall: (ended - started) / 1000, cpu, indexerCpu, peakMB: peak / 1024, treePeakMB, pages: written + kept, written, kept, phases, summary });
    });
  });
}

const line = (run: Run) =>
  `${run.name.padEnd(22)} ${run.wall.toFixed(1).padStart(6)} s (CPU ${run.cpu.toFixed(0).padStart(4)} s, ${(run.cpu / run.wall).toFixed(1)} cores${run.indexerCpu >= 0.5 ? `; Pagefind ${run.indexerCpu.toFixed(0)} s` : ''})  ${run.peakMB.toFixed(0).padStart(5)} MB (all processes ${run.treePeakMB.toFixed(0).padStart(5)} MB)  ` +
  // The search queries build no pages.
  (Number.isNaN(run.pages) ? '' : `${String(run.pages).padStart(6)} pages (${String(run.written).padStart(6)} written, ${String(run.kept).padStart(6)} left in place)  `) +
  Object.entries(run.phases).map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`).join(', ');

async function main() {
  rmSync(workDir, { recursive: true, force: true });
  const content = join(workDir, 'content');
  const cache = join(workDir, 'cache');
  const dist = join(workDir, 'dist');
  mkdirSync(workDir, { recursive: true });
  if (corpus) {
    console.log(`copying the captures of ${corpus} to ${content}`);
    cpSync(corpus, content, { recursive: true, filter: (source) => statSync(source).isDirectory() || source.endsWith('.txt') });
  } else {
    console.log(`generating ${count} articles in ${content}`);
    await new Promise<void>((done, fail) => {
      const child = spawn(process.execPath, [GENERATOR, '--count', String(count), '--out', content, '--quiet'], { stdio: 'inherit' });
      child.on('close', (code) => (code === 0 ? done() : fail(new Error(`generate.mjs exited ${code}`))));
    });
  }
  // The newest captures wait outside the folder, to be added back as new ones.
  const held = join(workDir, 'held');
  mkdirSync(held, { recursive: true });
  const byTime = readdirSync(content, { recursive: true }).map(String).filter((file) => file.endsWith('.txt'))
    .map((file) => ({ file, at: captureTime(join(content, file)) }))
    .sort((a, b) => a.at - b.at || (a.file < b.file ? -1 : 1));
  const newest = byTime.slice(-(batch + 2)).map(({ file }) => file);
  for (const file of newest) {
    cpSync(join(content, file), join(held, file.replaceAll('/', '__')));
    rmSync(join(content, file));
  }
  const addBack = (files: string[]) => {
    for (const file of files) cpSync(join(held, file.replaceAll('/', '__')), join(content, file));
  };

  // The build runs in a copy of the project beside the output: Astro moves files from the
  // project's .astro/ into the output folder with rename(), which cannot cross file systems.
  const project = join(workDir, 'project');
  for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'public']) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'));
  const astro = [process.execPath, join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist];
  const env = { NEWS_CONTENT_DIR: content, NEWS_CACHE_DIR: cache, SITE_URL: 'https://news.example.org' };
  const runs: Run[] = [];

  console.log('cold build');
  runs.push(await measure('cold build', astro, env, PHASE_MARKERS, project));

  // Two new articles (the oldest held back).
  addBack(newest.slice(0, 2));
  console.log('rebuild after adding two articles');
  runs.push(await measure('add two', astro, env, PHASE_MARKERS, project));

  // One edited article in the middle of the archive (same URL, new text): its search shard is indexed again whole.
  const files = readdirSync(content, { recursive: true }).map(String).filter((file) => file.endsWith('.txt')).sort();
  const edited = join(content, files[Math.floor(files.length / 2)]);
  writeFileSync(edited, readFileSync(edited, 'utf8').replace(/<\/p>/, '（更新）</p>'));
  console.log('rebuild after editing one article');
  runs.push(await measure('edit one', astro, env, PHASE_MARKERS, project));

  addBack(newest.slice(2));
  console.log(`rebuild after adding ${batch} articles, the newest`);
  runs.push(await measure(`add ${batch}`, astro, env, PHASE_MARKERS, project));

  console.log('cold build without the search index (NEWS_SEARCH_INDEX=off), for its cost');
  const noSearch = await measure('cold, no search index', [...astro.slice(0, -1), join(workDir, 'dist-no-search')], { ...env, NEWS_CACHE_DIR: join(workDir, 'cache-no-search'), NEWS_SEARCH_INDEX: 'off' }, PHASE_MARKERS, project);
  runs.push(noSearch);

  console.log('floor: the same parsing and cleaning, pages from template strings');
  const floor = await measure('floor', [process.execPath, join(ROOT, 'scripts/bench-floor.ts'), content, join(workDir, 'floor')], {}, [
    ['startup', /^/], ['parse + clean', /^floor: reading/], ['pages + feed', /^floor: writing/],
  ]);
  runs.push(floor);

  console.log('Astro alone: the same articles in a minimal project, with none of this project\'s work (scripts/bench-astro-floor.ts)');
  const astroRuns = await astroFloor(join(cache, 'data-store.json'), join(workDir, 'astro-floor'), batch);
  console.log('Astro writing the site\'s own pages: those of the last build, byte for byte, in a minimal project (scripts/bench-astro-pages.ts)');
  const sitePages = await astroPages(dist, cache, join(workDir, 'astro-pages'));

  if (existsSync(CHROMIUM_PATH)) {
    console.log('search queries in Chromium on 127.0.0.1');
    // A common word, a name, a Traditional spelling and an alias, and an English word.
    runs.push(await measure('search queries', [process.execPath, join(ROOT, 'scripts/bench-query.ts'), dist, '美国', '斯托尔滕贝格', '臺灣', '川普', 'NATO'], {}, [['queries', /^/]]));
  } else console.log(`search queries not measured: no Chromium at ${CHROMIUM_PATH}`);

  console.log(`\n${corpus ? `the captures of ${corpus}` : `${count} generated articles`}, output on ${workDir}`);
  for (const run of runs) console.log(line(run));
  for (const run of astroRuns) console.log(floorLine(run));
  console.log(pagesLine(sitePages));
  console.log(`${runs[0].summary}`);
  const percentOfCold = (run: Run) => `${(run.wall / runs[0].wall * 100).toFixed(0)}%`;
  console.log(`ratio to floor: cold ${(runs[0].wall / floor.wall).toFixed(1)}x; rebuilds / cold: +2 ${percentOfCold(runs[1])}, edit ${percentOfCold(runs[2])}, +${batch} ${percentOfCold(runs[3])}`);
  console.log(`pages: the cold build's ${runs[0].phases['pages (render + write)'].toFixed(1)} s (beside the search indexer), Astro writing the same pages and feeds ${sitePages.pagesSeconds.toFixed(1)} s (alone)`);
  console.log(`ratio to Astro alone: cold ${(runs[0].wall / astroRuns[0].wall).toFixed(1)}x, +2 ${(runs[1].wall / astroRuns[2].wall).toFixed(1)}x (Astro alone: +1), +${batch} ${(runs[3].wall / astroRuns[4].wall).toFixed(1)}x`);
  const searchFiles = readdirSync(join(dist, 'pagefind'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const searchBytes = searchFiles.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
  console.log(`search index: ${searchFiles.length} files, ${(searchBytes / 1e6).toFixed(1)} MB; the cold build takes ${((runs[0].wall / noSearch.wall - 1) * 100).toFixed(0)}% longer with it than without (${noSearch.wall.toFixed(1)} s)`);
  const distFiles = readdirSync(dist, { recursive: true }).length;
  const bodyFiles = existsSync(join(cache, 'bodies')) ? readdirSync(join(cache, 'bodies'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()) : [];
  const bodyBytes = bodyFiles.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
  console.log(`dist holds ${distFiles} entries; data store ${(statSync(join(cache, 'data-store.json')).size / 1e6).toFixed(0)} MB, bodies ${bodyFiles.length} files, ${(bodyBytes / 1e6).toFixed(0)} MB`);
  if (!keep) rmSync(workDir, { recursive: true, force: true });
}

await main();
