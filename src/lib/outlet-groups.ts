import type { Outlet } from './outlets.ts';

/** An outlet and its articles: what the outlet index and each outlet's pages and feed list. */
export interface OutletGroup extends Outlet {
  /** Newest first, as the input was. */
  articleIds: string[];
}

/**
 * Articles (newest first) grouped by outlet slug, named as the newest article names its outlet.
 * Outlets with more articles come first; ties by slug, so the order never depends on the input's.
 */
export function groupByOutlet(articles: readonly { id: string; data: { outlet: Outlet } }[]): OutletGroup[] {
  const groups = new Map<string, OutletGroup>();
  for (const article of articles) {
    const { slug, name } = article.data.outlet;
    const group = groups.get(slug) ?? { slug, name, articleIds: [] };
    group.articleIds.push(article.id);
    groups.set(slug, group);
  }
  return [...groups.values()].sort((a, b) => b.articleIds.length - a.articleIds.length || (a.slug < b.slug ? -1 : 1));
}
