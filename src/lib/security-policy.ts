/**
 * The site's security policy, in the two places it is stated: each page's Content-Security-Policy
 * meta tag, and the headers a host that can send them adds (nginx, a `_headers` file). Both are
 * enforced together, so a page is held to what both allow: the header is the loosest page policy
 * (the search page's) plus what a meta tag cannot carry (frame-ancestors), and each page's meta
 * tag narrows it to what that page needs.
 */

export interface PagePolicyOptions {
  /** The search page: it compiles the search engine's WebAssembly and runs it in a worker. */
  search: boolean;
  /** Ask for http images over https (on a site deployed over https: the browser upgrades the site's own files too). */
  upgradeInsecureRequests: boolean;
  /** Every image is the site's own copy (NEWS_IMAGES=mirror): images load from the site's origin only. */
  localImages?: boolean;
}

/**
 * A page's policy. Only the site's own scripts, styles and fonts load; images may come from any
 * https host (article images live on the outlets' servers; with mirrored images, only from the
 * site itself), media too; nothing else, no <base>, and
 * forms (the search box) only to the site itself. Requests from the page reach only the site's
 * own origin: the search page fetches its index there, and a checker that reads the host's
 * robots.txt from within the page (Lighthouse does) is refused under `default-src 'none'` alone.
 */
export function pagePolicy({ search, upgradeInsecureRequests, localImages = false }: PagePolicyOptions): string {
  return [
    "default-src 'none'",
    search ? "script-src 'self' 'wasm-unsafe-eval'" : "script-src 'self'",
    "style-src 'self'",
    localImages ? "img-src 'self'" : "img-src https: 'self'",
    'media-src https:',
    "font-src 'self'",
    "connect-src 'self'",
    ...(search ? ["worker-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'self'",
    // Older captures link images over http: asked for over https instead, which most outlets serve.
    ...(upgradeInsecureRequests ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** The policy a host sends as a header on every response: the search page's, and no page of the site may be framed. */
export function hostPolicy(): string {
  return `${pagePolicy({ search: true, upgradeInsecureRequests: false })}; frame-ancestors 'none'`;
}

/** Every header a host should send with every response, by name. */
export const HOST_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': hostPolicy(),
  'X-Content-Type-Options': 'nosniff',
  // The same as each page's referrer meta tag: other sites learn the origin, never the page.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** Cache-Control for files whose names change with their content (Astro's `_astro/` assets). */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/**
 * The `_headers` file that Netlify and Cloudflare Pages read from the site's root: the headers
 * above on every path under the base, and long-lived caching for `_astro/` only.
 */
export function toHeadersFile(base: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const lines = [`${root}*`, ...Object.entries(HOST_HEADERS).map(([name, value]) => `  ${name}: ${value}`), `${root}_astro/*`, `  Cache-Control: ${IMMUTABLE_CACHE}`];
  return `${lines.join('\n')}\n`;
}
