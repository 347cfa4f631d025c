import sanitizeHtml from 'sanitize-html';
import { conformingHtml } from './conform.ts';
import { stripControlCharacters } from './parse.ts';

/**
 * The allow-list every article body passes through last. Anything not named here is
 * dropped: scripts, styles, frames, plugins, forms, base/meta/link, event handlers, style
 * attributes and every URL scheme but http(s) (and mailto for links).
 */

const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'kbd', 'samp',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup',
  'small', 'mark', 'abbr', 'cite', 'q', 'span', 'div', 'a', 'img', 'figure', 'figcaption',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
];

/** Elements whose text is never content (raw-text and hidden elements, plugin fallbacks). */
const DISCARDED_WITH_TEXT = [
  'script', 'style', 'textarea', 'option', 'select', 'noscript', 'template', 'title', 'iframe',
  'frame', 'frameset', 'noframes', 'noembed', 'object', 'embed', 'applet', 'xmp', 'plaintext',
  'button', 'svg', 'math', 'head', 'form',
];

/** Deeper elements are flattened (their text kept): the page layout and the parser stay safe. */
export const NESTING_LIMIT = 64;

const LINK_REL = 'noopener noreferrer nofollow';

/**
 * Resolves a URL attribute against the article's original URL; relative and protocol-relative
 * links would otherwise point at this site. Returns '' for a value that is no URL at all.
 */
export function resolveUrl(value: string | undefined, baseUrl: string): string {
  if (!value) return '';
  try {
    return new URL(value.trim(), baseUrl).href;
  } catch {
    return '';
  }
}

const BASE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'referrerpolicy'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    ol: ['start', 'reversed'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  nonTextTags: DISCARDED_WITH_TEXT,
  nestingLimit: NESTING_LIMIT,
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** The allow-list with URL resolution and the attributes every link and image gets. */
export function sanitizeOptionsFor(baseUrl: string): sanitizeHtml.IOptions {
  return {
    ...BASE_OPTIONS,
    transformTags: {
      h1: 'h2',
      a: (tagName, attribs) => {
        const resolved: Record<string, string> = { ...attribs, rel: LINK_REL };
        if (attribs.href !== undefined) resolved.href = resolveUrl(attribs.href, baseUrl);
        return { tagName, attribs: resolved };
      },
      img: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...attribs,
          src: resolveUrl(attribs.src, baseUrl),
          alt: attribs.alt ?? '',
          loading: 'lazy',
          decoding: 'async',
          referrerpolicy: 'no-referrer',
        },
      }),
    },
  };
}

/**
 * Runs the allow-list over HTML. This is the security boundary: whatever cleaned the
 * structure before it, only what this returns may be rendered.
 */
export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  // Entities decode to any character: `&#1;` or `&#xFFFE;` would put a control or non-character
  // (forbidden in XML, meaningless on a page) into text and attributes. Removing one from the
  // serialised output cannot form markup: every `<`, `>` and `&` in it is already escaped.
  // The allowed markup is then rebuilt as conforming HTML (src/lib/conform.ts), which only moves,
  // unwraps and drops: it cannot bring back what the allow-list refused.
  return conformingHtml(stripControlCharacters(sanitizeHtml(html, sanitizeOptionsFor(baseUrl))));
}

/** Plain text read from untrusted HTML (an author, a caption) without controls or non-characters. */
export function sanitizePlainText(text: string): string {
  return stripControlCharacters(text).trim();
}

