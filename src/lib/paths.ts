/**
 * Site-internal URLs. Every link goes through withBase so the site works under a subpath
 * (BASE_PATH); path segments such as Chinese topic names are percent-encoded here.
 */

/** Joins the site base ('/' or '/news/') and a path relative to it ('articles/x/'). */
export function withBase(base: string, path = ''): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}${path.replace(/^\/+/, '')}`;
}

/** Path of an article page, relative to the base. */
export function articlePath(id: string): string {
  return `articles/${encodeURIComponent(id)}/`;
}

/** Path of a topic's first page (section or subject), relative to the base; pagePath gives the others. */
export function topicPath(slug: string): string {
  return `topics/${encodeURIComponent(slug)}/`;
}

/** Path of an outlet's first page, relative to the base (under /sources/); pagePath gives the others. */
export function outletPath(slug: string): string {
  return `sources/${encodeURIComponent(slug)}/`;
}

/** Paths of the feeds, relative to the base. */
export const feedPath = {
  site: () => 'rss.xml',
  topic: (slug: string) => `${topicPath(slug)}rss.xml`,
  outlet: (slug: string) => `${outletPath(slug)}rss.xml`,
  archive: (page: number) => `feeds/archive/${page}.xml`,
};

/** A listing's front page (`page` undefined) or its numbered page `page`, counted from the oldest (see paging.ts). */
export function pagePath(firstPath: string, page: number | undefined): string {
  return page === undefined ? firstPath : `${firstPath}${page}/`;
}

/** An absolute URL for a base-relative path on the deployed site. */
export function absoluteUrl(site: string | URL, base: string, path = ''): string {
  return new URL(withBase(base, path), site).href;
}

/** A URL as a reader would type it: percent-escapes of non-ASCII text decoded, cut to `maxLength`. Text only. */
export function displayUrl(url: string, maxLength = 80): string {
  let shown = url.replace(/^https?:\/\//, '');
  try {
    shown = decodeURI(shown);
  } catch {
    // Malformed escapes: show the URL as it is.
  }
  return shown.length > maxLength ? `${shown.slice(0, maxLength - 1)}…` : shown;
}

/**
 * A link's address as the URL standard (RFC 3986) writes it: characters browsers accept in a
 * path, query or fragment but the standard does not (` [ ] { } | ^ \ and the like) are
 * percent-encoded. The address leads to the same place.
 */
export function conformingHref(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const encode = (part: string) => part.replace(/[`[\]{}|^\\"<> ]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `${parsed.protocol}//${parsed.host}${encode(parsed.pathname)}${encode(parsed.search)}${encode(parsed.hash)}`;
}
