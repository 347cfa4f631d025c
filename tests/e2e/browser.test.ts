import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, recordFailedResponses } from '../support/browser.ts';
import { sharedBuild } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/** Screenshots land here for a person to look at (ignored by git). */
const SHOTS = join(PROJECT_ROOT, 'test-results');

describe('reading the site in Chromium (served under /news/)', () => {
  let browser: Browser;
  let server: StaticServer;
  const building = sharedBuild(BASE_PATH_SETTINGS);
  before(async () => {
    const build = await building;
    assert.equal(build.status, 0, build.log);
    server = await serveStatic(build.outDir, '/news/');
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the home page, follows a link to an article and reads it without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const failed = recordFailedResponses(page, server.origin);
    await page.goto(server.url);
    assert.equal(await page.locator('.article-card').count(), 2);
    const title = (await page.locator('.article-card .card-title a').first().textContent())!.trim();
    await page.locator('.article-card .card-title a').first().click();
    await page.waitForURL(/\/news\/articles\/[0-9a-f]{16}\/$/);
    assert.equal((await page.locator('h1').textContent())!.trim(), title);
    assert.match((await page.locator('.article-body').innerText()), /特朗普/);
    assert.match(await page.locator('article .meta').innerText(), /UTC\+08:00/);
    await page.screenshot({ path: join(SHOTS, 'article-phone.png'), fullPage: false });
    await page.locator('.prev-next a').first().click();
    await page.waitForURL(/\/news\/articles\/[0-9a-f]{16}\/$/);
    assert.notEqual((await page.locator('h1').textContent())!.trim(), title);
    const notFound = await page.goto(`${server.url}no-such-page/`);
    assert.equal(notFound?.status(), 404);
    assert.match(await page.locator('h1').textContent() ?? '', /找不到页面/);
    assert.deepEqual(failed.filter((url) => !url.includes('no-such-page')), []);
    await context.close();
  });

  it('walks home → archive → a day → an article → a topic → a related story', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const failed = recordFailedResponses(page, server.origin);
    await page.goto(server.url);
    await page.locator('.site-nav a', { hasText: '归档' }).click();
    await page.waitForURL(`${server.url}archive/`);
    assert.equal(await page.locator('.site-nav a[aria-current=page]').textContent(), '归档');
    await page.locator('.archive-years h2 a').first().click();
    await page.waitForURL(/\/archive\/2024\/$/);
    await page.locator('.archive-months a').first().click();
    await page.waitForURL(/\/archive\/2024\/02\/$/);
    assert.equal(await page.locator('.archive-days li').count(), 2);
    await page.locator('.archive-days a').first().click();
    await page.waitForURL(/\/archive\/2024\/02\/03\/$/);
    assert.match(await page.locator('h1').innerText(), /2024年2月3日/);
    await page.screenshot({ path: join(SHOTS, 'day.png') });
    await page.locator('.article-card .card-title a').first().click();
    await page.waitForURL(/\/articles\/[0-9a-f]{16}\/$/);
    const articleTitle = (await page.locator('h1').innerText()).trim();
    await page.locator('.topic-links a', { hasText: '北约' }).click();
    await page.waitForURL(/\/topics\/%E5%8C%97%E7%BA%A6\/$/);
    assert.match(await page.locator('h1').innerText(), /北约/);
    assert.equal(await page.locator('.article-card').count(), 2);
    await page.screenshot({ path: join(SHOTS, 'topic.png') });
    await page.locator('.article-card .card-title a', { hasText: articleTitle }).click();
    await page.locator('.related a').first().click();
    await page.waitForURL(/\/articles\/[0-9a-f]{16}\/$/);
    const relatedTitle = (await page.locator('h1').innerText()).trim();
    assert.notEqual(relatedTitle, articleTitle);
    assert.equal((await page.locator('.related a').first().innerText()).trim(), articleTitle);
    assert.deepEqual(failed, []);
    await context.close();
  });
});
