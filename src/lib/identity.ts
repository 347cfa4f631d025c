import { createHash } from 'node:crypto';

/**
 * An article is known by its original URL, never by its file name: the same story captured
 * twice, or captured again with campaign parameters, gets the same id and permalink.
 */

/** Query parameters that only track a click; dropped from the canonical URL. */
export const TRACKING_PARAMS: readonly string[] = [
  'fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', 'spm',
  'ocid', 'cmpid', 'xtor', '_ga', 'ref_src',
];

const TRACKING_PREFIXES = ['utm_', 'at_', 'pk_', 'mtm_'];

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Rewrites percent-escapes to one form: escapes of unreserved characters are decoded
 * (RFC 3986 section 6.2.2.2) and every other escape gets upper-case hex.
 */
export function normalizePercentEncoding(component: string): string {
  return component.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.includes(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * The canonical form of an original URL: scheme and host lower-cased (by the URL parser),
 * default port dropped, percent-encoding normalised, repeated slashes in the path folded,
 * tracking parameters and the fragment removed. The input must already be a valid http(s) URL.
 */
export function canonicalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.pathname = normalizePercentEncoding(parsed.pathname.replace(/\/{2,}/g, '/'));
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeParamName(pair)));
  parsed.search = kept.length ? `?${kept.map(normalizePercentEncoding).join('&')}` : '';
  return parsed.href;
}

function decodeParamName(pair: string): string {
  const name = pair.split('=', 1)[0];
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * The article id: 16 hex digits of the SHA-256 of the canonical URL, with http and https
 * counted as one (outlets move between them; the story is the same). Safe as a path segment.
 */
export function articleIdFromUrl(canonicalUrl: string): string {
  const key = canonicalUrl.replace(/^http:/, 'https:');
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}
