/**
 * Serves the last build as it will be deployed, under the BASE_PATH it was built for:
 *   npm run preview [-- --port N --host ADDRESS …]   (any other `astro preview` flag is passed on)
 * The build report (NEWS_REPORT, by default build-report.json beside NEWS_CACHE_DIR) says which
 * base and output folder the last build had; without a report, dist/ is served under BASE_PATH.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILD } from '../src/site.config.ts';

const flags = process.argv.slice(2);
let base = BUILD.base;
let outDir: string | undefined;
if (existsSync(BUILD.report)) {
  ({ base, outDir } = JSON.parse(readFileSync(BUILD.report, 'utf8')) as { base: string; outDir: string });
  console.log(`serving ${outDir} under ${base}, as the build report ${BUILD.report} says`);
} else {
  console.warn(`no build report at ${BUILD.report}: serving the output folder under BASE_PATH ${base}`);
}
const outDirFlag = outDir && !flags.some((flag) => flag.startsWith('--outDir')) ? ['--outDir', outDir] : [];
const astro = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs', 'preview', ...outDirFlag, ...flags], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
  env: { ...process.env, BASE_PATH: base },
});
// Stopping this script stops the server it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => astro.kill(signal));
astro.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
