/**
 * Screenshots of the sample site for the README, taken in the system Chromium:
 *   npm run screenshots                        builds content/ and writes docs/screenshots/*.png
 *   npm run screenshots -- DIST [BASE_PATH] [OUT] shoots a site already built (into OUT, default docs/screenshots)
 * The home page, an article, a topic page and the statistics page, each on a desk and a phone, in
 * light and dark: <page>-<desk|phone>-<light|dark>.png, the window as a reader first sees it.
 * Requests that leave the site (article images on the outlets' servers) are refused, so a shot
 * never waits on the network; such an image shows its alt text, as it would to a reader offline.
 */
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'cheerio';
import { launchBrowser } from '../tests/support/browser.ts';
import { buildSite, readText } from '../tests/support/build.ts';
import { PROJECT_ROOT } from '../tests/support/corpus.ts';
import { serveStatic } from '../tests/support/static-server.ts';

const DEVICES = { desk: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }, phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 } } as const;

let [outDir, base = '/', shotsDir = join(PROJECT_ROOT, 'docs/screenshots')] = process.argv.slice(2);
if (!outDir) {
  const build = await buildSite({ NEWS_SEARCH_INDEX: 'off' });
  if (build.status !== 0) {
    console.error(build.log);
    process.exit(1);
  }
  outDir = build.outDir;
}

/** The pages shot, as paths under the base: an article and a topic are the first the home page and the topics index link. */
function pagesOf(dir: string): Record<string, string> {
  const firstLink = (file: string, selector: string) => {
    const href = load(readText(join(dir, file)))(selector).first().attr('href');
    if (!href?.startsWith(base)) throw new Error(`${file} has no link for ${selector}`);
    return href.slice(base.length);
  };
  return { home: '', article: firstLink('index.html', '.article-card .card-title a'), topic: firstLink('topics/index.html', '.topic-cloud a'), about: 'about/' };
}

const pages = pagesOf(outDir);
const server = await serveStatic(outDir, base);
const browser = await launchBrowser();
mkdirSync(shotsDir, { recursive: true });
try {
  for (const [device, options] of Object.entries(DEVICES)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ ...options, colorScheme });
      await context.route((url) => !url.href.startsWith(server.origin), (route) => route.abort());
      const page = await context.newPage();
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(new URL(path, server.url).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        const file = join(shotsDir, `${name}-${device}-${colorScheme}.png`);
        await page.screenshot({ path: file });
        console.log(relative(PROJECT_ROOT, file));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
