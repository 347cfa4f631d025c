import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, recordFailedResponses, recordPolicyViolations } from '../support/browser.ts';
import { buildSite } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { GOLDEN_DIR } from '../support/golden.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';

/**
 * Images that never load (tests/fixtures/articles/unreachable-images: every image is on a host
 * that does not resolve), read in Chromium on a phone: each keeps its alt text and its caption on
 * screen, keeps the width and height the source gave when they were valid (and loses invalid
 * ones), and nothing pushes the page wider than the screen.
 */

const CASE_DIR = join(GOLDEN_DIR, 'unreachable-images');
const PHONE = { width: 390, height: 844 };
/** The page as laid out lands here for a person to look at (ignored by git). */
const SHOTS = join(PROJECT_ROOT, 'test-results');

interface ImageBox {
  alt: string;
  width: string | null;
  height: string | null;
  loaded: boolean;
  box: { width: number; height: number; right: number };
  caption: { text: string; height: number; visible: boolean } | null;
}

/** Every image of the article as laid out, once each has failed (or loaded). */
async function readImages(page: Page): Promise<ImageBox[]> {
  // Scrolled to the end, so that lazy images are asked for too.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => [...document.querySelectorAll('article img')].every((img) => (img as HTMLImageElement).complete));
  return page.$$eval('article img', (images) =>
    images.map((img) => {
      const image = img as HTMLImageElement;
      const rect = image.getBoundingClientRect();
      const caption = image.closest('figure')?.querySelector('figcaption') ?? null;
      const captionRect = caption?.getBoundingClientRect();
      return {
        alt: image.alt,
        width: image.getAttribute('width'),
        height: image.getAttribute('height'),
        loaded: image.naturalWidth > 0,
        box: { width: rect.width, height: rect.height, right: rect.right },
        caption: caption && { text: caption.textContent ?? '', height: captionRect!.height, visible: getComputedStyle(caption).visibility === 'visible' && captionRect!.width > 0 },
      };
    }),
  );
}

describe('images that fail to load, on a phone', () => {
  const building = buildSite({ ...BASE_PATH_SETTINGS, NEWS_CONTENT_DIR: CASE_DIR, NEWS_SEARCH_INDEX: 'off' });
  let browser: Browser;
  let server: StaticServer;
  let images: ImageBox[];
  let overflow: { scrollWidth: number; innerWidth: number };
  let refused: string[];
  let failedOwn: string[];
  before(async () => {
    const build = await building;
    assert.equal(build.status, 0, build.log);
    server = await serveStatic(build.outDir, '/news/');
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    refused = recordPolicyViolations(page);
    failedOwn = recordFailedResponses(page, server.origin);
    await page.goto(server.url);
    await page.locator('.article-card .card-title a').first().click();
    await page.waitForURL(/\/news\/articles\/[0-9a-f]{16}\/$/);
    images = await readImages(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'failed-images-phone.png'), fullPage: true });
    overflow = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
    await context.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fails every image on the network, none on the page policy', () => {
    assert.equal(images.length, 4);
    assert.deepEqual(images.filter((image) => image.loaded).map((image) => image.alt), []);
    assert.deepEqual(refused, []);
    assert.deepEqual(failedOwn, []);
  });

  it('shows each image as a box holding its alt text, within the screen', () => {
    for (const image of images) {
      assert.ok(image.alt.length > 0, 'every image of the fixture has alt text');
      // A broken image with alt text is drawn as a box with the text in it; with none, as nothing.
      assert.ok(image.box.height >= 16 && image.box.width >= 16, `${image.alt}: ${JSON.stringify(image.box)}`);
      assert.ok(image.box.right <= PHONE.width, `${image.alt} reaches ${image.box.right}px`);
    }
  });

  it('keeps each caption visible under its image', () => {
    const captions = images.map((image) => image.caption && image.caption.visible && image.caption.height > 0 ? image.caption.text : null);
    assert.deepEqual(captions, ['摄影：本报记者', '旧码头的木栈桥，摄于上世纪八十年代。', '改建后的码头平面图。', null]);
  });

  it('keeps valid width and height, and the box keeps their proportions; invalid ones are gone', () => {
    assert.deepEqual(images.map(({ width, height }) => [width, height]), [['1200', '800'], ['640', '427'], [null, null], ['2400', '400']]);
    for (const image of images.filter((image) => image.width && image.height)) {
      const ratio = Number(image.width) / Number(image.height);
      assert.ok(Math.abs(image.box.width / image.box.height - ratio) < 0.05 * ratio, `${image.alt}: ${JSON.stringify(image.box)} for ${image.width}×${image.height}`);
    }
  });

  it('makes the page no wider than the screen', () => {
    assert.ok(overflow.scrollWidth <= overflow.innerWidth, JSON.stringify(overflow));
  });
});
