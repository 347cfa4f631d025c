import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { toArticleEntry, type ArticleResult } from '../../src/lib/article.ts';
import { launchBrowser, recordPolicyViolations } from '../support/browser.ts';
import { buildSite, escapeRegExp, listFiles, readReport, readText, summaryOf, type BuildResult } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { checkBuiltPages, describeMessage } from '../support/html-checker.ts';
import { scanHtml, scanXml } from '../support/output-scan.ts';
import { serveStatic, type StaticServer } from '../support/static-server.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The hostile corpus (tests/fixtures/hostile, see its README) built together with the two
 * sample articles, then read twice in Chromium: once as published, under the page's
 * Content-Security-Policy, and once with the policy bypassed, so that the sanitizer is
 * proven on its own too. One build serves every assertion here.
 */

const HOSTILE_DIR = join(PROJECT_ROOT, 'tests/fixtures/hostile');
const SEED_DIR = join(PROJECT_ROOT, 'content');
const TRIPWIRE_HOST = 'tripwire.invalid';
const EXPECTED_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src https: 'self'; media-src https:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; upgrade-insecure-requests";
/** The search page alone may compile the search engine's WebAssembly and run it in a worker. */
const SEARCH_POLICY =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src https: 'self'; media-src https:; font-src 'self'; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'self'; upgrade-insecure-requests";

interface CaseFile {
  /** Path relative to the content folder, as the build log names it. */
  file: string;
  result: ArticleResult;
}

/** What a browser pass saw, each entry naming the page it happened on. */
interface Observed {
  tripwires: string[];
  dialogs: string[];
  popups: string[];
  navigations: string[];
  frames: string[];
  foreignRequests: { page: string; url: string; type: string }[];
  violations: string[];
  layout: string[];
}

describe('hostile corpus: nothing runs, nothing is lost', () => {
  const contentDir = tempDir('news-hostile');
  const now = Date.now();
  let build: BuildResult;
  let outputs: string[];
  let browser: Browser;
  let server: StaticServer;

  cpSync(HOSTILE_DIR, join(contentDir, 'hostile'), { recursive: true, filter: (source) => !source.endsWith('.md') });
  for (const name of readdirSync(SEED_DIR).filter((n) => n.endsWith('.txt'))) cpSync(join(SEED_DIR, name), join(contentDir, name));
  const cases: CaseFile[] = listFiles(join(contentDir, 'hostile'))
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ file: `hostile/${file}`, result: toArticleEntry(readFileSync(join(contentDir, 'hostile', file)), { now }) }));
  // Started when the file loads, so that it builds while other files' tests run.
  const building = buildSite({ NEWS_CONTENT_DIR: contentDir, SITE_URL: 'https://news.example.org' });

  before(async () => {
    build = await building;
    assert.equal(build.status, 0, build.log);
    outputs = listFiles(build.outDir).sort();
    server = await serveStatic(build.outDir);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    for (const dir of [contentDir, build?.outDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has at least 130 cases, spread over the families', () => {
    assert.ok(cases.length >= 130, `${cases.length} cases`);
    const families = new Set(cases.map(({ file }) => file.split('/')[1]));
    assert.ok(families.size >= 12, [...families].join(', '));
  });

  it('publishes every case or names it in the build log with a reason', () => {
    const problems: string[] = [];
    for (const { file, result } of cases) {
      const named = new RegExp(`skipped (?:\\S*/)?${escapeRegExp(file)}: (.+)`).exec(build.log);
      if (result.ok) {
        const page = join(build.outDir, 'articles', result.entry.id, 'index.html');
        if (!existsSync(page)) {
          problems.push(`${file}: neither published nor named`);
          continue;
        }
        if (named) problems.push(`${file}: published, but also named as skipped`);
        const $ = load(readText(page));
        if ($('article > h1').text() !== result.entry.data.title) problems.push(`${file}: the page heading is not the title`);
        if (/[\u202a-\u202e\u2066-\u2069]/.test(result.entry.data.title)) problems.push(`${file}: the title keeps a direction override`);
        if (!/[^\s\p{Cf}\p{M}\u115f\u1160\u2800\u3164\uffa0]/u.test(result.entry.data.title)) problems.push(`${file}: the title shows nothing`);
      } else if (!named || !named[1].includes(result.reason.slice(0, 40))) {
        problems.push(`${file}: skipped (${result.reason}) without being named in the log`);
      }
    }
    assert.deepEqual(problems, []);
    const published = cases.filter(({ result }) => result.ok).length;
    assert.ok(published > cases.length / 2, `only ${published} of ${cases.length} published: the browser would check little`);
    assert.deepEqual(summaryOf(build.log)?.slice(0, 2), [published + 2, cases.length - published]);
  });

  it('names every case in the build report: the article it became, or why it was skipped', () => {
    const outcomes = new Map(readReport(build).files.map((file) => [file.file, file]));
    const problems: string[] = [];
    for (const { file, result } of cases) {
      const outcome = outcomes.get(file);
      const expected = result.ok ? { file, outcome: 'published', id: result.entry.id } : { file, outcome: 'skipped', reason: result.reason };
      const { url, ...seen } = (outcome ?? {}) as { url?: string };
      if (JSON.stringify(seen) !== JSON.stringify(expected)) problems.push(`${file}: ${JSON.stringify(outcome)}`);
      if (!result.ok && url !== result.url) problems.push(`${file}: URL ${url} reported, ${result.url} read`);
    }
    assert.deepEqual(problems, []);
    assert.equal(outcomes.size, cases.length + 2);
  });

  it('writes conforming HTML whatever the input: no error from the Nu Html Checker on any page', async () => {
    const report = await checkBuiltPages(build.outDir);
    assert.ok(report.pages > 130, `${report.pages} pages`);
    assert.deepEqual(report.errors.map(describeMessage), []);
  });

  it('writes no handler, script URL, frame, plugin, form, foreign script or loading style into any page or feed', () => {
    const problems: string[] = [];
    const scanned = outputs.filter((file) => file.endsWith('.html') || file.endsWith('.xml'));
    for (const file of scanned) {
      const text = readText(join(build.outDir, file));
      problems.push(...(file.endsWith('.html') ? scanHtml(text, file) : scanXml(text, file)));
    }
    assert.deepEqual(problems, []);
    assert.ok(scanned.length >= cases.filter(({ result }) => result.ok).length + 2);
  });

  it('puts the policy first in the head of every page', () => {
    for (const file of outputs.filter((f) => f.endsWith('.html'))) {
      const $ = load(readText(join(build.outDir, file)));
      const first = $('head').children().eq(1);
      assert.equal(first.attr('http-equiv'), 'Content-Security-Policy', file);
      assert.equal(first.attr('content'), file === 'search/index.html' ? SEARCH_POLICY : EXPECTED_POLICY, file);
      assert.equal($('style').length, 0, `${file}: an inline stylesheet, which the policy would refuse`);
    }
  });

  it('keeps every XML output well-formed', async () => {
    const feeds = outputs.filter((file) => file.endsWith('.xml'));
    const page = await browser.newPage();
    for (const file of feeds) {
      const error = await page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      }, readText(join(build.outDir, file)));
      assert.equal(error, null, `${file} is not well-formed XML`);
    }
    await page.close();
  });

  /** Tabs per reading: pages load while others run their checks. */
  const TABS = 3;

  /** Opens every page in one context (a few tabs at a time) and records everything a payload could do. */
  async function readEveryPage(options: { bypassCSP: boolean }): Promise<Observed> {
    const seen: Observed = { tripwires: [], dialogs: [], popups: [], navigations: [], frames: [], foreignRequests: [], violations: [], layout: [] };
    const context: BrowserContext = await browser.newContext({ bypassCSP: options.bypassCSP, viewport: { width: 1000, height: 800 } });
    // Each tab reads one page at a time; whatever a tab reports is filed under the page it holds.
    const reading = new Map<Page, string>();
    const at = (page: Page | null | undefined) => (page && reading.get(page)) || '(unknown page)';
    await context.exposeBinding('__tripwire', (source, id: unknown) => void seen.tripwires.push(`${at(source.page)}: ${String(id)}`));
    await context.exposeBinding('__reportViolation', (source, what: unknown) => void seen.violations.push(`${at(source.page)}: ${String(what)}`));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __reportViolation(what: string): void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await context.route('**/*', (route) => {
      const request = route.request();
      if (request.url().startsWith(`${server.origin}/`)) return route.continue();
      let page: Page | undefined;
      try {
        page = request.frame().page();
      } catch {
        // A service worker's request has no frame.
      }
      seen.foreignRequests.push({ page: at(page), url: request.url(), type: request.resourceType() });
      return route.abort();
    });
    // The tabs are opened before listening for new pages: any page after them is a popup.
    const tabs = await Promise.all(Array.from({ length: TABS }, () => context.newPage()));
    context.on('page', (popup) => {
      void popup.opener().then((opener) => seen.popups.push(`${at(opener)}: ${popup.url()}`));
      void popup.close();
    });

    const paths = outputs.filter((file) => file.endsWith('.html')).map((file) => (file.endsWith('index.html') ? file.slice(0, -'index.html'.length) : file));
    const queue = [...paths];
    const refused: string[][] = [];
    async function readInTab(page: Page): Promise<void> {
      reading.set(page, 'about:blank');
      page.on('dialog', (dialog) => {
        seen.dialogs.push(`${at(page)}: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      refused.push(recordPolicyViolations(page, () => `${at(page)}: `));
      page.on('frameattached', (frame) => seen.frames.push(`${at(page)}: ${frame.url()}`));
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && frame.url() !== at(page)) seen.navigations.push(`${at(page)} -> ${frame.url()}`);
      });
      for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
        // As the browser writes it: Chinese topic paths percent-encoded.
        const url = new URL(encodeURI(path), server.url).href;
        reading.set(page, url);
        await page.goto(url, { waitUntil: 'load' });
        if (options.bypassCSP) {
          // Give handlers that wait for a hover, a focus or a refresh their chance.
          await page.mouse.move(20, 20);
          await page.mouse.move(500, 400);
          await page.keyboard.press('Tab');
          await page.waitForTimeout(20);
        } else {
          seen.layout.push(...(await page.evaluate(checkLayout)).map((problem) => `${path}: ${problem}`));
        }
      }
      await page.waitForTimeout(200);
    }
    await Promise.all(tabs.map(readInTab));
    await context.close();
    seen.violations.push(...refused.flat());
    return seen;
  }

  it('runs nothing, opens nothing and leaves nothing, under the page policy and with it bypassed', async () => {
    // Both readings at once (each reads its pages in order): the bypassed one proves the sanitizer holds alone.
    const [policy, bypassed] = await Promise.all([readEveryPage({ bypassCSP: false }), readEveryPage({ bypassCSP: true })]);
    // Everything either reading saw, in one report, so that a failure shows every hole at once.
    const findings: Record<string, unknown[]> = {};
    for (const [name, seen] of [['policy', policy], ['bypassed', bypassed]] as const) {
      const foreign = seen.foreignRequests.filter(({ url, type }) => new URL(url).hostname === TRIPWIRE_HOST || type !== 'image');
      const all = { tripwires: seen.tripwires, dialogs: seen.dialogs, popups: seen.popups, navigations: seen.navigations, frames: seen.frames, foreign };
      for (const [kind, list] of Object.entries(all)) if (list.length) findings[`${kind} (${name})`] = list;
    }
    if (policy.violations.length) findings['policy violations: the site must work under its own policy'] = policy.violations;
    if (policy.layout.length) findings['page layout'] = policy.layout;
    assert.deepEqual(findings, {});
    assert.ok(policy.foreignRequests.length > 0, 'article images were requested: the reading saw the pages whole');
  });

  it('lists every hostile article as a search result, titles and passages as text, and runs nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const seen: string[] = [];
    await context.exposeBinding('__tripwire', (_source, id: unknown) => void seen.push(`tripwire ${String(id)}`));
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(`${server.origin}/`)) return route.continue();
      seen.push(`request ${route.request().url()}`);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      seen.push(`dialog ${dialog.message()}`);
      void dialog.dismiss();
    });
    const refused = recordPolicyViolations(page);
    // Every case's title starts with "Hostile": one query shows them all, page after page.
    await page.goto(`${server.url}search/?q=hostile`);
    await page.waitForFunction(() => /找到/.test(document.querySelector('.search-status')?.textContent ?? ''));
    const total = Number(/找到 (\d+) 篇/.exec((await page.locator('.search-status').textContent())!)![1]);
    while (await page.locator('.search-more').isVisible()) {
      const before = await page.locator('.search-result').count();
      await page.locator('.search-more').click();
      await page.waitForFunction((n) => document.querySelectorAll('.search-result').length > n, before);
    }
    const published = cases.filter(({ result }) => result.ok).length;
    assert.equal(total, published);
    assert.equal(await page.locator('.search-result').count(), published);
    await page.waitForTimeout(200);
    // Results hold only what the page writes: a heading link, two spans, a passage with marks.
    const foreign = await page.locator('.search-results *:not(li, h2, h2 > a, p, p > span, p > mark)').count();
    assert.equal(foreign, 0);
    assert.deepEqual([...seen, ...refused], []);
    await context.close();
  });

  it("applies the site's own stylesheet under the policy", async () => {
    const page = await browser.newPage();
    const violations = recordPolicyViolations(page);
    const article = cases.find(({ result }) => result.ok)!.result as Extract<ArticleResult, { ok: true }>;
    for (const path of ['', `articles/${article.entry.id}/`]) {
      await page.goto(`${server.url}${path}`);
      const style = await page.evaluate(() => {
        const header = getComputedStyle(document.querySelector('.site-header')!);
        return { display: header.display, bodyMargin: getComputedStyle(document.body).margin, boxSizing: getComputedStyle(document.body).boxSizing };
      });
      assert.deepEqual(style, { display: 'flex', bodyMargin: '0px', boxSizing: 'border-box' }, path);
    }
    assert.deepEqual(violations, []);
    await page.close();
  });
});

/**
 * Runs in the page: the layout the site writes must survive whatever an article body holds
 * (no body markup may close, reopen or wrap the page's own structure).
 */
function checkLayout(): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''}`;
  const bodyChildren = [...document.body.children].map(describe);
  if (bodyChildren.join(' ') !== 'a.skip-link header.site-header main.site-main footer.site-footer script') problems.push(`body holds ${bodyChildren.join(' ')}`);
  const script = document.body.lastElementChild as HTMLScriptElement | null;
  if (script?.tagName === 'SCRIPT' && (new URL(script.src, location.href).origin !== location.origin || script.textContent !== '')) problems.push("the page script is not the site's own");
  const footer = document.querySelector('body > footer.site-footer');
  // The footer is a line of text and a link to the statistics page, on the site itself.
  const footerShape = footer && [...footer.children].map((el) => `${el.tagName}(${[...el.children].map((child) => child.tagName).join(',')})`).join(' ');
  if (footer && footerShape !== 'P() P(A)') problems.push(`the footer was changed: ${footerShape}`);
  if (footer && [...footer.querySelectorAll('a')].some((a) => new URL(a.href).origin !== location.origin)) problems.push('the footer links elsewhere');
  const header = document.querySelector('body > header.site-header');
  if (header && [...header.querySelectorAll('a')].some((a) => new URL(a.href).origin !== location.origin)) problems.push('the header links elsewhere');
  const article = document.querySelector('main.site-main > article.article');
  if (location.pathname.includes('/articles/')) {
    if (!article) return [...problems, 'no article in main'];
    const children = [...article.children].map(describe);
    const expected = ['h1', 'div.meta', 'div.article-body', 'p.original-link'];
    // The lead image and the topic links are there only when the article has them.
    const actual = children.filter((name) => name !== 'figure.lead-image' && name !== 'nav.topic-links');
    if (actual.join(' ') !== expected.join(' ')) problems.push(`article holds ${children.join(' ')}`);
    const original = article.querySelector(':scope > p.original-link');
    if (original && (original.children.length !== 1 || original.children[0].tagName !== 'A' || original.children[0].children.length !== 0)) problems.push('the original link was wrapped or changed');
    const mainChildren = [...document.querySelector('main.site-main')!.children].map(describe);
    const mainExpected = 'article.article nav.prev-next';
    if (mainChildren.filter((name) => name !== 'section.related').join(' ') !== mainExpected) problems.push(`main holds ${mainChildren.join(' ')}`);
    const overlay = [...article.querySelectorAll('.article-body *')].some((el) => ['fixed', 'absolute', 'sticky'].includes(getComputedStyle(el).position));
    if (overlay) problems.push('the body positions an element over the page');
  }
  return problems;
}
