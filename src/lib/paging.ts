/**
 * Pages of a listing (a day, a topic, an outlet), numbered from the oldest: page 1 holds the
 * oldest articles, and a page is numbered once it is full, so that new articles never move an
 * article from one numbered page to another. Readers arrive at the front page, unnumbered, which
 * shows the newest articles; from there they go back through the numbered pages. A full page's
 * articles never change again (only its link to a newer page does, once, when that page fills),
 * so a rebuild after a day's captures re-renders the front pages and the pages that just filled,
 * and an old page's URL keeps its articles for good, which also suits caching at a CDN.
 */

/** A page of a listing: the front page (`number` undefined) or numbered page `number`. */
export interface ListingPage<T> {
  number: number | undefined;
  /** Newest first. */
  items: T[];
  /** The next page back in time, if any. */
  older: number | undefined;
  /** The next page forward: a numbered page, or the front page ('front'); undefined on the front page. */
  newer: number | 'front' | undefined;
  /** The highest page number this page links to (for the list of page numbers). */
  highest: number;
}

/**
 * Splits a listing (newest first) into its front page and its full numbered pages. The front
 * page shows the newest `size` items; numbered pages exist once there is more than a front
 * page's worth, and only full ones. The newest items not yet on a full page are on the front
 * page only; the front page's older link goes to the page holding the item just before its own.
 */
export function pagesFromOldest<T>(newestFirst: readonly T[], size: number): ListingPage<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer, got ${size}`);
  const count = newestFirst.length;
  const full = count > size ? Math.floor(count / size) : 0;
  // Oldest-first index i is newestFirst[count - 1 - i]; page k holds oldest-first [(k - 1) * size, k * size).
  const oldestFirst = (from: number, to: number) => newestFirst.slice(count - to, count - from);
  const frontOlder = count > size ? Math.floor((count - size - 1) / size) + 1 : undefined;
  const front: ListingPage<T> = { number: undefined, items: newestFirst.slice(0, size), older: frontOlder, newer: undefined, highest: full };
  const numbered = Array.from({ length: full }, (_, index): ListingPage<T> => {
    const number = index + 1;
    return {
      number,
      items: oldestFirst(index * size, number * size),
      older: number > 1 ? number - 1 : undefined,
      newer: number < full ? number + 1 : 'front',
      highest: Math.min(full, number + 1),
    };
  });
  return [front, ...numbered];
}

/** Where a page sits among its listing's pages: what its navigation needs. */
export type PagePosition = Omit<ListingPage<unknown>, 'items'>;

export function pagePosition({ number, older, newer, highest }: ListingPage<unknown>): PagePosition {
  return { number, older, newer, highest };
}

/**
 * Page numbers to list on a page, highest first: the highest, the neighbours of the current one
 * and page 1, with `undefined` where numbers are left out.
 */
export function shownPageNumbers(position: PagePosition): (number | undefined)[] {
  const { highest } = position;
  const current = position.number ?? highest + 1;
  const wanted = [...new Set([highest, current + 2, current + 1, current, current - 1, current - 2, 1])]
    .filter((page) => page >= 1 && page <= highest)
    .sort((a, b) => b - a);
  return wanted.flatMap((page, index) => (index > 0 && wanted[index - 1] - page > 1 ? [undefined, page] : [page]));
}
