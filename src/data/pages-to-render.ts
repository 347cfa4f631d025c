import type { PagePlan, PlannedPage } from '../lib/page-plan.ts';

/** Where the build's page plan is while the pages are listed (set by src/integrations/kept-output.ts). */
export const PAGE_PLAN_KEY = Symbol.for('news-site.page-plan');

/**
 * A route's pages that this build renders (see src/lib/page-plan.ts): `route` is its pattern as the
 * build tool names it (/articles/[id]). Without a plan (the dev server, a first build, an output
 * folder started afresh) every page is rendered.
 */
export function pagesToRender<T extends PlannedPage>(route: string, pages: T[]): T[] {
  const plan = (globalThis as Record<symbol, unknown>)[PAGE_PLAN_KEY] as PagePlan | undefined;
  return plan ? plan.choose(route, pages) : pages;
}
