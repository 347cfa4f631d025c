import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import type { BuildResult } from './build.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export interface ServedSite {
  build: BuildResult;
  server: StaticServer;
  browser: Browser;
}

/**
 * A build served on 127.0.0.1 (under `base`) and a Chromium, for the tests of the describe
 * block that calls this: started before its tests once the build succeeded, closed after them.
 */
export function servedInChromium(building: Promise<BuildResult>, base = '/'): ServedSite {
  const site = {} as ServedSite;
  before(async () => {
    site.build = await building;
    assert.equal(site.build.status, 0, site.build.log);
    site.server = await serveStatic(site.build.outDir, base);
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
