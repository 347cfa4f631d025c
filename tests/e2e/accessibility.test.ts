import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, describeViolations } from '../support/axe.ts';
import { launchBrowser, recordFailedResponses } from '../support/browser.ts';
import { listFiles, sharedBuild } from '../support/build.ts';
import { checkBuiltPages, describeMessage } from '../support/html-checker.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/**
 * Standards and accessibility of the sample build under /news/: the Nu Html Checker on every
 * page, and axe-core in Chromium on every kind of page, in light and dark, on a phone and a desk.
 */

/** One page of each kind, found in the build by its path. */
const PAGE_KINDS: [kind: string, path: RegExp][] = [
  ['home', /^index\.html$/],
  ['article', /^articles\/[^/]+\/index\.html$/],
  ['day', /^archive\/\d{4}\/\d{2}\/\d{2}\/index\.html$/],
  ['month', /^archive\/\d{4}\/\d{2}\/index\.html$/],
  ['year', /^archive\/\d{4}\/index\.html$/],
  ['archive', /^archive\/index\.html$/],
  ['topic', /^topics\/[^/]+\/index\.html$/],
  ['topics', /^topics\/index\.html$/],
  ['outlet', /^sources\/[^/]+\/index\.html$/],
  ['outlets', /^sources\/index\.html$/],
  ['search', /^search\/index\.html$/],
  ['about', /^about\/index\.html$/],
  ['404', /^404\.html$/],
];

describe('standards and accessibility (samples, under /news/)', () => {
  const building = sharedBuild(BASE_PATH_SETTINGS);
  let browser: Browser;
  let server: StaticServer;
  let pages: [kind: string, url: string][] = [];
  before(async () => {
    const build = await building;
    assert.equal(build.status, 0, build.log);
    server = await serveStatic(build.outDir, '/news/');
    browser = await launchBrowser();
    const files = listFiles(build.outDir);
    pages = PAGE_KINDS.map(([kind, path]) => {
      const file = files.find((name) => path.test(name));
      assert.ok(file, `no ${kind} page in the build`);
      return [kind, new URL(file.replace(/(^|\/)index\.html$/, '$1').replace(/^404\.html$/, 'no-such-page/'), server.url).href];
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has no error from the Nu Html Checker on any page', async () => {
    const build = await building;
    const report = await checkBuiltPages(build.outDir, '/news/');
    assert.ok(report.pages >= 20, `${report.pages} pages`);
    assert.deepEqual(report.errors.map(describeMessage), []);
    if (report.warnings.length) console.log(`checker warnings:\n${report.warnings.map(describeMessage).join('\n')}`);
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desk', { width: 1280, height: 900 }]] as const) {
      it(`has no axe-core violation on any kind of page, ${scheme}, on a ${device}`, async () => {
        const context = await browser.newContext({ colorScheme: scheme, viewport });
        const page = await context.newPage();
        const failed = recordFailedResponses(page, server.origin);
        const found: string[] = [];
        for (const [kind, url] of pages) {
          await page.goto(url);
          if (kind === 'search') await page.waitForSelector('.search-options:not([hidden])');
          const violations = await axeViolations(page);
          if (violations.length) found.push(`${kind} (${url}):\n${describeViolations(violations)}`);
        }
        await context.close();
        assert.deepEqual(found, []);
        // The 404 page is the one miss expected.
        assert.deepEqual(failed.filter((url) => !url.includes('/no-such-page/')), []);
      });
    }
  }
});
