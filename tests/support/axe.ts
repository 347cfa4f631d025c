import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

/** axe-core (Deque's accessibility engine) in a page, with the rule sets the site is held to. */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// wcag22aa brings the 24-pixel touch target rule.
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now. The engine is evaluated, not injected as a script, so the page policy stays as deployed. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target: target.map(String), failureSummary })) }));
  }, AXE_TAGS);
}

export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help}: ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`).join('\n');

export interface AxeWalkOptions {
  /** Pages checked at once, each in a tab of one browser context. */
  tabs?: number;
  viewport?: { width: number; height: number };
  /** Waits for what a page shows once its script has run, before it is checked. */
  ready?: (page: Page, url: string) => Promise<void>;
}

/**
 * axe on every URL, in the light and the dark colour scheme (switched in the loaded page), a few
 * tabs at a time. Returns one line per element that violates a rule: page, scheme, rule, element.
 */
export async function axeOverPages(browser: Browser, urls: string[], options: AxeWalkOptions = {}): Promise<string[]> {
  const { tabs = 4, viewport = { width: 390, height: 844 }, ready } = options;
  const context = await browser.newContext({ viewport });
  const queue = [...urls];
  const found: string[] = [];
  try {
    await Promise.all(
      Array.from({ length: tabs }, async () => {
        const page = await context.newPage();
        for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
          await page.goto(url);
          await ready?.(page, url);
          for (const colorScheme of ['light', 'dark'] as const) {
            await page.emulateMedia({ colorScheme });
            for (const violation of await axeViolations(page)) {
              for (const node of violation.nodes) found.push(`${url} (${colorScheme}): ${violation.id}: ${node.target.join(' ')}`);
            }
          }
        }
        await page.close();
      }),
    );
  } finally {
    await context.close();
  }
  return found;
}
