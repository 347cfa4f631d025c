/**
 * Lighthouse scores of the sample site (not a test; tests/e2e/lighthouse.test.ts holds the targets):
 *   npm run lighthouse                   builds the samples under /news/ and measures them
 *   npm run lighthouse -- DIST BASE_PATH measures a site already built
 * Prints one row per page (home, an article, a day, a topic) and one column per category, on
 * Lighthouse's mobile preset with simulated throttling. Requests that leave the test host
 * (article images on the outlets' servers) are blocked.
 */
import { buildSite, listFiles } from '../tests/support/build.ts';
import { formatScoreTable, launchLighthouseBrowser, lighthousePageUrls, runLighthouse, type LighthouseReport } from '../tests/support/lighthouse.ts';
import { BASE_PATH_SETTINGS } from '../tests/support/settings.ts';
import { serveStatic } from '../tests/support/static-server.ts';

let [outDir, base = '/'] = process.argv.slice(2);
if (!outDir) {
  const build = await buildSite(BASE_PATH_SETTINGS);
  if (build.status !== 0) {
    console.error(build.log);
    process.exit(1);
  }
  [outDir, base] = [build.outDir, BASE_PATH_SETTINGS.BASE_PATH];
}
const server = await serveStatic(outDir, base);
const chromium = await launchLighthouseBrowser();
const rows: { page: string; scores: LighthouseReport['scores'] }[] = [];
try {
  for (const [kind, url] of lighthousePageUrls(listFiles(outDir), server.url)) {
    const report = await runLighthouse(url, chromium.port);
    rows.push({ page: `${kind} (\`${decodeURI(url.slice(server.origin.length))}\`)`, scores: report.scores });
    for (const lines of Object.values(report.failing)) for (const line of lines) console.error(`${kind}: ${line}`);
  }
} finally {
  await chromium.close();
  await server.close();
}
console.log(formatScoreTable(rows));
