/**
 * Which pages a build renders. A page (or feed) of a route with a cache key (src/data/cache-keys.ts:
 * everything the page shows) is left in the output folder as the last build wrote it when its key
 * is the one that build recorded for it and its file is still there; every other page is rendered.
 * The site decides this itself, before the pages reach the build tool: given a large archive's
 * 72,000 routes, the tool looked at each one (its key, its file, its record) on every build, two
 * seconds of a rebuild that changes a hundred pages, and wrote each page twice, once into a cache
 * of its own.
 */

/** A page as getStaticPaths gives it: its params, and its cache key when it has one. */
export interface PlannedPage {
  params: Record<string, string | undefined>;
  cacheKey?: string;
}

/** Each route's keyed pages, by their params as JSON: the page's cache key and the file it was written to. */
export type PageRecord = Record<string, Record<string, [key: string, file: string]>>;

/** A page rendered by this build: its route and params, to find the file it was written to. */
export interface RenderedPage {
  route: string;
  params: Record<string, string | undefined>;
}

export class PagePlan {
  private readonly previous: PageRecord | undefined;
  private readonly next: PageRecord = {};
  // By route, then by params: a route listed again replaces its pages rather than adding them twice.
  private readonly rendered = new Map<string, Map<string, RenderedPage & { key: string }>>();
  private readonly left = new Map<string, Map<string, string>>();
  // By route: how many unchanged pages were gone from the folder (replaced, like the others, when a route is listed again).
  private readonly missingByRoute = new Map<string, number>();
  private readonly inFolder: (file: string) => boolean;

  /**
   * `previous`: what the last build recorded, when the output folder holds what it wrote and the
   * pages' code is the same; else every page is rendered. `inFolder`: whether a file the last build
   * wrote is still in the output folder (a folder deleted or emptied since must be filled again).
   */
  constructor(previous: PageRecord | undefined, inFolder: (file: string) => boolean) {
    this.previous = previous;
    this.inFolder = inFolder;
  }

  /** A route's pages to render now, in their order; the others are left in place. */
  choose<T extends PlannedPage>(route: string, pages: readonly T[]): T[] {
    const before = this.previous?.[route];
    const record: PageRecord[string] = (this.next[route] = {});
    const rendered = new Map<string, RenderedPage & { key: string }>();
    const left = new Map<string, string>();
    this.rendered.set(route, rendered);
    this.left.set(route, left);
    const render: T[] = [];
    let missing = 0;
    for (const page of pages) {
      if (page.cacheKey === undefined) {
        render.push(page);
        continue;
      }
      const id = JSON.stringify(page.params);
      const last = before?.[id];
      const unchanged = last?.[0] === page.cacheKey;
      if (unchanged && this.inFolder(last[1])) {
        record[id] = last;
        left.set(id, last[1]);
      } else {
        if (unchanged) missing++;
        render.push(page);
        rendered.set(id, { route, params: page.params, key: page.cacheKey });
      }
    }
    this.missingByRoute.set(route, missing);
    return render;
  }

  /** How many pages were unchanged but gone from the folder (deleted since the last build), and so rendered again. */
  get missing(): number {
    let count = 0;
    for (const missing of this.missingByRoute.values()) count += missing;
    return count;
  }

  /** The pages left in place, each as its route and file. */
  get leftInPlace(): { route: string; file: string }[] {
    return [...this.left].flatMap(([route, files]) => [...files.values()].map((file) => ({ route, file })));
  }

  /** What this build leaves for the next: every keyed page's key and file, `fileOf` naming those rendered now. */
  record(fileOf: (page: RenderedPage) => string): PageRecord {
    for (const [route, pages] of this.rendered) for (const [id, page] of pages) this.next[route][id] = [page.key, fileOf(page)];
    return this.next;
  }
}

/**
 * The file a page is written to, relative to the output folder, from its path (as the route makes
 * it from its params, with the site's trailing slash): a page is a folder's index.html, an endpoint
 * (a feed) the file its path names.
 */
export function outputFileOf(pathname: string, endpoint: boolean): string {
  const path = pathname.replace(/^\/+/, '');
  if (endpoint) return path.replace(/\/+$/, '');
  return path === '' ? 'index.html' : `${path.endsWith('/') ? path : `${path}/`}index.html`;
}

/** A page's path as the sitemap lists it, from its file (pages only: index.html files). */
export function pathOfPageFile(file: string): string {
  return file.replace(/(?:^|(?<=\/))index\.html$/, '');
}
