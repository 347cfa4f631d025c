import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listFiles, sharedBuild } from '../support/build.ts';
import { describeShortfalls, launchLighthouseBrowser, LIGHTHOUSE_PAGES, lighthousePageUrls, runLighthouseAtBest, type LighthouseBrowser } from '../support/lighthouse.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/**
 * Lighthouse on the sample build under /news/, mobile preset with simulated throttling:
 * accessibility, best practices and SEO 100, performance at least 95 (the best of up to three
 * runs: see runLighthouseAtBest), on the home page, an article, a day and a topic. A shortfall
 * names the audits that failed.
 */

describe('Lighthouse scores (samples, under /news/, mobile)', () => {
  const building = sharedBuild(BASE_PATH_SETTINGS);
  let server: StaticServer;
  let chromium: LighthouseBrowser;
  let urls = new Map<string, string>();
  before(async () => {
    const build = await building;
    assert.equal(build.status, 0, build.log);
    server = await serveStatic(build.outDir, '/news/');
    chromium = await launchLighthouseBrowser();
    urls = new Map(lighthousePageUrls(listFiles(build.outDir), server.url));
  });
  after(async () => {
    await chromium?.close();
    await server?.close();
  });

  for (const [kind] of LIGHTHOUSE_PAGES) {
    it(`${kind}: accessibility, best practices and SEO 100, performance at least 95`, async () => {
      const report = await runLighthouseAtBest(urls.get(kind)!, chromium.port);
      assert.deepEqual(describeShortfalls(report), []);
    });
  }
});
