/**
 * The images an article uses, and its body with each pointing at the site's own copy. Works on
 * cleaned bodies as the cleaner serializes them (src/lib/conform.ts, parse5): every attribute
 * value double-quoted, `"` and `&` escaped inside it. An image with no copy is not hot-linked:
 * it becomes a link to the original named by its alt text, inside whatever figure held it, so
 * that its caption stays and the page loads nothing from the outlet's server.
 */

/** A mirrored image as a page or feed names it: URLs already made for the page (base path) or the feed (absolute). */
export interface LocalImage {
  src: string;
  /** Smaller copies and the capped one, as `url 600w, url 1200w`; absent when there is one size. */
  srcset?: string;
  width: number;
  height: number;
}

/** Chooses the layout width for srcset: the article column (40rem), the whole screen below it. */
export const IMAGE_SIZES = '(max-width: 42rem) 100vw, 40rem';

const LINK_REL = 'noopener noreferrer nofollow';
/** An <img> start tag: quoted values may hold `>`. */
const IMG_TAG = /<img\b(?:[^>"]|"[^"]*")*>/gi;
const ATTRIBUTE = /\s([^\s"'>\/=]+)(?:="([^"]*)")?/g;

/** Decodes what the serializer escapes in attribute values. */
function attributeValue(raw: string): string {
  return raw.replace(/&(amp|quot|nbsp|lt|gt|#\d+|#x[0-9a-f]+);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'nbsp') return '\u00a0';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

export const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An <img> tag's attributes, in order, decoded. */
export function parseImgTag(tag: string): [string, string][] {
  const inner = tag.replace(/^<img\b/i, '').replace(/\/?>$/, '');
  return [...inner.matchAll(ATTRIBUTE)].map((match) => [match[1].toLowerCase(), attributeValue(match[2] ?? '')]);
}

/** The URLs a srcset names (descriptors dropped). */
export function srcsetUrls(srcset: string): string[] {
  return srcset.split(/,(?=\s*\S)/).map((candidate) => candidate.trim().split(/\s+/)[0]).filter(Boolean);
}

/** Every image URL a body uses, in order, once each: each <img>'s src and the URLs of its srcset. */
export function imageUrlsOf(html: string): string[] {
  const urls = new Set<string>();
  for (const [tag] of html.matchAll(IMG_TAG)) {
    const attributes = new Map(parseImgTag(tag));
    const src = attributes.get('src');
    if (src) urls.add(src);
    for (const url of srcsetUrls(attributes.get('srcset') ?? '')) urls.add(url);
  }
  return [...urls];
}

/** An <img> start tag for a local copy, keeping the source's alt and title; the size is the copy's own, so the box is held before it arrives. */
export function localImageTag(image: LocalImage, alt: string, extra: readonly [string, string][] = []): string {
  const attributes: [string, string][] = [['src', image.src]];
  if (image.srcset) attributes.push(['srcset', image.srcset], ['sizes', IMAGE_SIZES]);
  attributes.push(['alt', alt], ['width', String(image.width)], ['height', String(image.height)], ...extra);
  return `<img ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}>`;
}

/**
 * What stands where an image could not be kept: a link to the original named by its alt text
 * (or "图片" without one). Inside a link already (an image linked to its larger copy), the text alone.
 */
export function missingImageHtml(original: string, alt: string, insideLink: boolean): string {
  const text = `图片：${alt.trim() || '（无说明）'}`;
  if (insideLink) return `<span class="missing-image">${escapeText(text)}</span>`;
  return `<a class="missing-image" href="${escapeAttribute(original)}" rel="${LINK_REL}">${escapeText(text)}</a>`;
}

/**
 * The body with every image pointing at its local copy (`lookup` gives it, or `undefined` when
 * the image could not be kept: then it is replaced by missingImageHtml). Other attributes the
 * cleaner set (loading, decoding, title) are kept; the source's width and height give way to the copy's.
 */
export function rewriteImages(html: string, lookup: (url: string) => LocalImage | undefined): string {
  let openLinks = 0;
  // Tracks whether an <img> sits inside <a>…</a>: the cleaned body nests links properly.
  return html.replace(/<\/?a\b(?:[^>"]|"[^"]*")*>|<img\b(?:[^>"]|"[^"]*")*>/gi, (tag) => {
    if (/^<a\b/i.test(tag)) {
      openLinks++;
      return tag;
    }
    if (/^<\/a/i.test(tag)) {
      openLinks = Math.max(0, openLinks - 1);
      return tag;
    }
    const attributes = parseImgTag(tag);
    const byName = new Map(attributes);
    const src = byName.get('src') ?? '';
    const alt = byName.get('alt') ?? '';
    const local = src ? lookup(src) : undefined;
    if (!local) return missingImageHtml(src, alt, openLinks > 0);
    const kept = attributes.filter(([name]) => !['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'referrerpolicy'].includes(name));
    return localImageTag(local, alt, kept);
  });
}
