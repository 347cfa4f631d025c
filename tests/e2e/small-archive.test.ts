import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { axeOverPages } from '../support/axe.ts';
import { recordFailedResponses } from '../support/browser.ts';
import { buildSite, escapeRegExp, listFiles, readText } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { checkBuiltPages, describeMessage } from '../support/html-checker.ts';
import { assertLinksResolve } from '../support/site-checks.ts';
import { SMALL_ARCHIVE_DIR } from '../support/small-archive.ts';
import { servedInChromium } from '../support/served.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The small archive (tests/fixtures/small-archive) built under /news/ with the report sent where
 * NEWS_REPORT says: the report and the build's closing lines, and the statistics page with its
 * charts, read with cheerio, the Nu Html Checker and axe-core in Chromium.
 */

describe('the small archive: build report and statistics page', () => {
  const reportDir = tempDir('news-report');
  const reportPath = join(reportDir, 'reports', 'small.json');
  const building = buildSite({ NEWS_CONTENT_DIR: SMALL_ARCHIVE_DIR, BASE_PATH: '/news/', SITE_URL: 'https://news.example.org', NEWS_SEARCH_INDEX: 'off', NEWS_REPORT: reportPath });
  const site = servedInChromium(building, '/news/');
  const about = () => load(readText(join(site.build.outDir, 'about/index.html')));

  it('writes the report where NEWS_REPORT says, and nowhere else', () => {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    assert.equal(report.base, '/news/');
    assert.deepEqual(report.totals, { files: 14, published: 11, skipped: 2, superseded: 1, ignored: 1, hidden: 0 });
    assert.ok(!existsSync(join(site.build.cacheDir, 'build-report.json')));
    assert.deepEqual(listFiles(site.build.outDir).filter((file) => /report|\.json$/.test(file)), []);
  });

  it('ends the build log with the suspects, the report and the summary', () => {
    const tail = site.build.log.slice(site.build.log.indexOf('suspected leftover boilerplate'));
    const lines = tail.split('\n').map((line) => line.replace(/^\S+ \[news-build-report\] /, ''));
    assert.deepEqual(lines.slice(0, 5), [
      "suspected leftover boilerplate, 2 of 2 (lines that open or close many of an outlet's articles):",
      `  harbour-times.example: "港湾时报版权所有，未经许可请勿转载。" closes 5 of 6 articles (83%), e.g. article ${lines[1].split(' ').at(-1)}`,
      `  harbour-times.example: "【港湾时报讯】" opens 4 of 6 articles (67%), e.g. article ${lines[2].split(' ').at(-1)}`,
      `report: ${reportPath} (${/\((\d+\.\d) s\)/.exec(lines[3])?.[1]} s)`,
      'articles: 11 published, 2 skipped, 1 duplicates merged (14 parsed, 0 unchanged, 0 removed)',
    ]);
    assert.match(site.build.log, new RegExp(`${escapeRegExp(join(SMALL_ARCHIVE_DIR, 'harbour-05.txt'))} superseded by ${escapeRegExp(join(SMALL_ARCHIVE_DIR, 'harbour-05-update.txt'))}, the newer capture of https://harbour-times\\.example/port/2024/04/03/cold-store\\n`));
  });

  it('links the statistics page from the footer of every page', () => {
    const pages = listFiles(site.build.outDir).filter((file) => file.endsWith('.html'));
    const without = pages.filter((file) => load(readText(join(site.build.outDir, file)))('footer a[href="/news/about/"]').length !== 1);
    assert.deepEqual(without, []);
  });

  it('says what the site is, its time zone and its counts', () => {
    const $ = about();
    assert.equal($('h1').text(), '关于本站');
    assert.match($('main').text(), /Asia\/Shanghai 时区/);
    const stats = Object.fromEntries($('.stats > div').map((_, el) => [[$(el).find('dt').text(), $(el).find('dd').text()]]).get());
    assert.deepEqual(stats, { 文章: '11 篇', 来源: '3 个', 话题: `${listFiles(site.build.outDir).filter((f) => /^topics\/[^/]+\/index\.html$/.test(f)).length} 个`, 有文章的日子: '11 天', 收录时间: '2024-01-08 至 2024-05-20' });
  });

  it('draws three charts as inline SVG, each named by its caption and a sentence, with its numbers as a table', () => {
    const $ = about();
    const charts = $('figure.chart');
    assert.equal(charts.length, 3);
    charts.each((_, figure) => {
      const svg = $(figure).find('svg');
      assert.equal(svg.attr('role'), 'img');
      const names = svg.attr('aria-labelledby')!.split(' ').map((id) => $(`#${id}`).text());
      assert.equal(names.length, 2);
      assert.ok(names.every((name) => name.length > 3), names.join(' | '));
      assert.equal(svg.find('rect.chart-bar').length, $(figure).find('tbody tr').length, $(figure).find('figcaption').text());
    });
    const rows = (id: string) => $(`#${id}-title`).closest('figure').find('tbody tr').map((_, tr) => `${$(tr).find('th').text()} ${$(tr).find('td').text()}`).get();
    // March has no article and still has its column, at zero.
    assert.deepEqual(rows('chart-months'), ['2024年1月 3', '2024年2月 3', '2024年3月 0', '2024年4月 2', '2024年5月 3']);
    assert.deepEqual(rows('chart-outlets'), ['harbour-times.example 6', 'valley-post.example 4', 'lakeside-ledger.example 1']);
    assert.match($('#chart-months-summary').text(), /2024年1月至2024年5月共 11 篇，最多的是2024年1月（3 篇），有 1 个月没有文章。/);
    const march = $('#chart-months-title').closest('figure').find('rect.chart-bar').eq(2);
    assert.equal(march.attr('height'), '0');
  });

  it('draws with no script, no inline style and no colour of its own: the stylesheet gives light and dark', () => {
    const html = readText(join(site.build.outDir, 'about/index.html'));
    const $ = load(html);
    assert.deepEqual($('script').map((_, el) => $(el).attr('src')?.replace(/[^/]+$/, '')).get(), ['/news/_astro/']);
    assert.equal($('[style]').length + $('style').length, 0);
    assert.equal($('svg [fill], svg [stroke]').length, 0);
  });

  it('links only to pages that exist under /news/', () => {
    assert.ok(assertLinksResolve(site.build.outDir, '/news/') > 100);
  });

  it('has no error from the Nu Html Checker on any page', async () => {
    const report = await checkBuiltPages(site.build.outDir, '/news/');
    assert.deepEqual(report.errors.map(describeMessage), []);
  });

  for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desk', { width: 1280, height: 900 }]] as const) {
    it(`has no axe-core violation, light and dark, and fits the screen of a ${device}`, async () => {
      const url = `${site.server.url}about/`;
      assert.deepEqual(await axeOverPages(site.browser, [url], { tabs: 1, viewport }), []);
      const context = await site.browser.newContext({ viewport });
      const page = await context.newPage();
      const failed = recordFailedResponses(page, site.server.origin);
      await page.goto(url);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      assert.ok(scrollWidth <= clientWidth, `${scrollWidth} > ${clientWidth}`);
      // Chart text keeps a reading size: at least 11 CSS pixels.
      const sizes = await page.locator('.chart-text').evaluateAll((texts) => texts.map((text) => text.getBoundingClientRect().height));
      assert.ok(sizes.length > 10 && Math.min(...sizes) >= 11, sizes.join(' '));
      assert.deepEqual(failed, []);
      await context.close();
    });
  }

  it('is served by npm run preview under the base path it was built for, read from the report', async () => {
    // BASE_PATH is not set here: the base comes from the build report.
    const env = { ...process.env, NEWS_REPORT: reportPath, BASE_PATH: '' };
    const preview = spawn(process.execPath, ['scripts/preview.ts', '--port', '0', '--host', '127.0.0.1', '--ignore-lock'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise((resolve) => preview.on('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const read = (chunk: Buffer) => {
          output += chunk;
          const found = /http:\/\/127\.0\.0\.1:\d+\/news\//.exec(output);
          if (found) resolve(found[0]);
        };
        preview.stdout.on('data', read);
        preview.stderr.on('data', read);
        preview.on('exit', () => reject(new Error(`preview stopped: ${output}`)));
      });
      assert.match(output, new RegExp(`serving ${escapeRegExp(site.build.outDir)}/? under /news/`));
      const page = await fetch(`${url}about/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<h1>关于本站<\/h1>/);
      const style = /href="(\/news\/_astro\/[^"]+\.css)"/.exec(readText(join(site.build.outDir, 'index.html')))![1];
      assert.equal((await fetch(new URL(style, url))).status, 200);
      const miss = await fetch(`${url}no-such-page/`);
      assert.equal(miss.status, 404);
      assert.match(await miss.text(), /找不到页面/);
    } finally {
      preview.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses a report inside the output folder, before reading any file', async () => {
    const outDir = tempDir('news-dist');
    const refused = await buildSite({ NEWS_CONTENT_DIR: SMALL_ARCHIVE_DIR, NEWS_REPORT: join(outDir, 'build-report.json') }, { outDir });
    assert.notEqual(refused.status, 0);
    assert.match(refused.log, /NEWS_REPORT .*build-report\.json is inside the output folder/);
    assert.doesNotMatch(refused.log, /articles: \d+ published/);
    assert.deepEqual(listFiles(outDir), []);
  });
});
