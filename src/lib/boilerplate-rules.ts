/**
 * Boilerplate rules, kept as data: generic ones here, outlet ones in outlets.ts; clean.ts applies
 * them. Apart from the cleaning code, so that what reads the outlet table (the build report, on
 * the main thread) does not load the HTML libraries.
 */
export interface BoilerplateRules {
  /** CSS selectors of elements removed whole. */
  selectors: readonly string[];
  /** A block whose text starts with one of these (after trimming) is removed whole. */
  blockPrefixes: readonly string[];
  /** A block whose text contains one of these is removed, and everything after it. */
  tailMarkers: readonly string[];
  /** A short block (under 400 characters) whose whole text matches one of these is removed. */
  blockPatterns: readonly RegExp[];
  /** Elements of `selector` whose collapsed text matches `pattern` are removed (for non-block or long elements). */
  textPatterns: readonly TextPattern[];
  /** Related-story lists: removed when they hold nothing but links (to `href`) and separators. */
  linkLists: readonly LinkList[];
  /** Elements replaced by their children: the text stays, the link or wrapper goes. */
  unwrap: readonly string[];
  /** [pattern, replacement] run over the raw body before parsing, to repair markup the parser would misread. */
  sourceFixes: readonly SourceFix[];
  /** The outlet's own publication-time text: a leading element whose whole text matches is read as the dateline and removed. */
  datelines: readonly RegExp[];
  /** Share buttons: links to `host/path` prefixes (lower case, after http(s):// and an optional www.), removed. */
  shareLinks: readonly string[];
}

export interface TextPattern {
  selector: string;
  pattern: RegExp;
}

export interface LinkList {
  selector: string;
  href: RegExp;
}

export type SourceFix = readonly [pattern: RegExp, replacement: string];

export const GENERIC_BOILERPLATE: BoilerplateRules = toBoilerplateRules({
  selectors: [
    'script', 'style', 'noscript', 'template', 'link', 'meta', 'base', 'form', 'button', 'input',
    'select', 'textarea', 'progress',
    '[data-selfpromo-newsletter]', '[data-selfpromo-app]', '[data-root-share]', '[hidden]',
    '.feedflare', 'a[href*="feeds.feedburner.com/~ff/"]', 'a[href*="feedads.g.doubleclick.net"]', 'a[href*="feedsportal.com"]',
    'a[href^="https://feedx.net"]', 'a[href^="https://feedx.run"]', 'a[href^="http://feedx.net"]',
    'share-button', '.sharedaddy', '.share-buttons', '.social-share',
    // WordPress oEmbed cards of the site's own posts, the Getty "Embed from" anchor, WordPress.com share/comment links.
    'iframe.wp-embedded-content', 'blockquote.wp-embedded-content', 'a.gie-single', 'a[href*="feeds.wordpress.com/1.0/go"]',
    '.module-crunchbase', 'p:has(> a[title="Flattr"])',
  ],
  blockPrefixes: ['分享 :', '分享：', '分享:'],
  tailMarkers: ['获取更多RSS'],
  blockPatterns: [
    // WordPress feeds end with "The post <title> appeared first on <site>." (some say "first appeared on").
    /^The post .{1,300} (?:appeared first on|first appeared on) .{1,80}$/,
    // hnrss items: the body is the links plus these counters.
    /^(?:Points: \d+|# Comments: \d+)$/,
  ],
  // Date forms several outlets open with (BBC, VOA, Reuters); an outlet's own form is in its entry in outlets.ts.
  datelines: [
    /^\d{4}年\d{1,2}月\d{1,2}日(?:\s*(?:星期.|周.))?(?:\s*\d{1,2}:\d{2})?$/,
    /^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$/,
    // The feed item's own date line (RFC 822), as VOA's items open: Tue, 17 Nov 2020 23:35:36 GMT.
    /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UTC|[+-]\d{4})$/,
  ],
  // Share services, whichever outlet links them; an outlet's own short links are in its entry in outlets.ts.
  shareLinks: [
    'facebook.com/sharer', 'twitter.com/intent', 'twitter.com/share', 'x.com/intent', 'api.whatsapp.com/send', 'wa.me/',
    'service.weibo.com/share', 'v.t.sina.com.cn/share', 'line.me/r/msg', 'social-plugins.line.me', 't.me/share',
    'telegram.me/share', 'linkedin.com/share', 'reddit.com/submit', 'pinterest.com/pin/create', 'connect.qq.com',
    'sns.qzone.qq.com',
  ],
});

/** Any set of rules with the kinds it leaves out empty: how the generic set, outlet entries and tests write rules. */
export function toBoilerplateRules(partial: Partial<BoilerplateRules>): BoilerplateRules {
  return {
    selectors: [], blockPrefixes: [], tailMarkers: [], blockPatterns: [], textPatterns: [], linkLists: [], unwrap: [],
    sourceFixes: [], datelines: [], shareLinks: [], ...partial,
  };
}
