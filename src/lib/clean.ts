import { load, type Cheerio, type CheerioAPI, type CheerioOptions } from 'cheerio/slim';
import { compile, selectAll } from 'css-select';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { flattenBeyond, nestsDeeperThan } from './nesting.ts';
import { NESTING_LIMIT, resolveUrl, sanitizeArticleHtml } from './sanitize.ts';
import { collapseWhitespace } from './text.ts';
import { GENERIC_BOILERPLATE, type BoilerplateRules } from './boilerplate-rules.ts';

/**
 * Turns an item's untrusted HTML into a clean reader body: reads the structure (dateline,
 * lead image, lead paragraph, author) with cheerio, removes boilerplate, then hands the
 * rest to the sanitize-html allow-list. cheerio runs on htmlparser2, the parser
 * sanitize-html uses too, so both read the markup the same way.
 */

/** A link that shares the page rather than says something: `mailto:?…` (no address), or one of `prefixes`. */
function isShareLink(href: string, prefixes: readonly string[]): boolean {
  if (/^mailto:\?/i.test(href)) return true;
  const scheme = /^https?:\/\/(?:www\.)?/i.exec(href);
  if (!scheme) return false;
  const rest = href.slice(scheme[0].length).toLowerCase();
  return prefixes.some((prefix) => rest.startsWith(prefix));
}

const AUTHOR_LABEL = /^(?:作者|文|记者|撰稿|撰文|By)\s*[:：]?\s*$/i;
const AUTHOR_LINE = /^(?:作者|撰稿|撰文)\s*[:：]\s*(.{1,60})$/;
/** Text with more characters other than whitespace than either author pattern matches (80). */
const TOO_LONG_FOR_AUTHOR = /^\s*(?:\S\s*){81}/;

export interface LeadImage {
  src: string;
  /** The image's text alternative: its alt, or else its caption. */
  alt: string;
  /** The figure's caption, when it says something the alt does not (a credit, say). */
  caption?: string;
  /** The source's width and height, both whole numbers, or neither: they reserve the image's box before it loads. */
  width?: number;
  height?: number;
}

export interface CleanedArticle {
  /** Sanitized body HTML, safe to render. */
  html: string;
  /** Plain text of the body, for reading time, summaries and language detection. */
  text: string;
  /** The first paragraph's text. */
  lead: string;
  /** Why the body cannot be read at all; html and text are then empty. */
  refusal?: string;
  dateline?: string;
  author?: string;
  leadImage?: LeadImage;
}

export interface CleanOptions {
  /** The original URL: relative links and images resolve against it. */
  baseUrl: string;
  /** Outlet rules, applied on top of GENERIC_BOILERPLATE. */
  outletRules?: BoilerplateRules;
}

/**
 * Cleans one item body. Never throws on input. Elements nested deeper than the allow-list keeps
 * are flattened first (their tags dropped, their text kept), since deep markup costs the parsers
 * and the cleaning time by the square of its depth; a body that still nests too deep once
 * flattened (only markup made to defeat the flattening does) is refused, with the reason.
 */
export function cleanArticleHtml(html: string, options: CleanOptions): CleanedArticle {
  const rules = options.outletRules ? combineRules(GENERIC_BOILERPLATE, options.outletRules) : GENERIC_BOILERPLATE;
  html = unescapeEscapedMarkup(html);
  for (const [pattern, replacement] of rules.sourceFixes) html = html.replace(pattern, replacement);
  if (nestsDeeperThan(html, NESTING_LIMIT)) {
    html = flattenBeyond(html, NESTING_LIMIT - 1);
    if (nestsDeeperThan(html, NESTING_LIMIT)) return { html: '', text: '', lead: '', refusal: `its markup nests more than ${NESTING_LIMIT} elements deep, in a way that cannot be flattened` };
  }
  return cleanStructured(html, options.baseUrl, rules);
}

/** Generic and outlet rules as one set, so that each pass over the tree runs once. */
function combineRules(a: BoilerplateRules, b: BoilerplateRules): BoilerplateRules {
  return {
    selectors: [...a.selectors, ...b.selectors],
    blockPrefixes: [...a.blockPrefixes, ...b.blockPrefixes],
    tailMarkers: [...a.tailMarkers, ...b.tailMarkers],
    blockPatterns: [...a.blockPatterns, ...b.blockPatterns],
    textPatterns: [...a.textPatterns, ...b.textPatterns],
    linkLists: [...a.linkLists, ...b.linkLists],
    unwrap: [...a.unwrap, ...b.unwrap],
    sourceFixes: [...a.sourceFixes, ...b.sourceFixes],
    datelines: [...a.datelines, ...b.datelines],
    shareLinks: [...a.shareLinks, ...b.shareLinks],
  };
}

/**
 * Some feeds (Reddit's Atom) escape the item HTML twice, so the body arrives as text showing
 * the tags. When the body holds no tag at all but starts with an escaped one, decode it once.
 */
function unescapeEscapedMarkup(html: string): string {
  if (html.includes('<') || !/^\s*&lt;[!a-zA-Z]/.test(html)) return html;
  return load(html, { xml: false }, false).text();
}

/** dom-serializer's option (passed through by cheerio, missing from its types): escape only & < > " and keep UTF-8. */
const UTF8_OUTPUT = { encodeEntities: 'utf8' } as unknown as CheerioOptions;

const compiledSelectors = new Map<string, ReturnType<typeof compile<AnyNode, Element>>>();

/**
 * `$(selector)` over the whole document, with the selector compiled once per process: cheerio
 * parses and compiles a selector string on every call, which cost more than the matching.
 */
function query($: CheerioAPI, selector: string): Cheerio<Element> {
  let compiled = compiledSelectors.get(selector);
  if (!compiled) compiledSelectors.set(selector, (compiled = compile<AnyNode, Element>(selector)));
  return $(selectAll<AnyNode, Element>(compiled, $.root().toArray()));
}

function cleanStructured(html: string, baseUrl: string, rules: BoilerplateRules): CleanedArticle {
  const $ = load(html, { xml: false }, false);
  // Lazy-loading pages put the real <img> in <noscript>: keep it (the allow-list still filters it).
  query($, 'noscript').each((_, el) => {
    if ($(el).find('img').length) $(el).replaceWith($(el).contents());
  });
  removeBoilerplate($, rules);
  dateRelativeTimes($);
  const dateline = takeDateline($, rules.datelines);
  const author = takeAuthor($);
  const leadImage = takeLeadImage($, baseUrl);
  fixLazyImages($);
  replaceEmbedsWithLinks($, baseUrl);
  removeTrackingPixels($);
  removeEmptyBlocks($);
  // UTF-8 out: cheerio's default writes every CJK character as an entity, which sanitize-html would then decode again.
  const safe = sanitizeArticleHtml($.html(UTF8_OUTPUT), baseUrl);
  const clean = load(safe, { xml: false }, false);
  const firstParagraph = query(clean, 'p').toArray().find(holdsText);
  const lead = firstParagraph ? collapseWhitespace(textOf(firstParagraph)) : '';
  return {
    html: safe.trim(),
    text: blockText(clean),
    lead,
    ...(dateline ? { dateline } : {}),
    ...(author ? { author } : {}),
    ...(leadImage ? { leadImage } : {}),
  };
}

const TEXT_BLOCKS = 'div, p, section, aside, footer, span, li, ul';
const TEXT_BLOCK_TAGS = new Set(TEXT_BLOCKS.split(', '));

function removeBoilerplate($: CheerioAPI, rules: BoilerplateRules): void {
  if (rules.selectors.length) removeAll(query($, rules.selectors.join(',')).toArray());
  query($, 'a[href]').each((_, a) => {
    if (isShareLink(a.attribs.href ?? '', rules.shareLinks)) $(a).remove();
  });
  for (const { selector, href } of rules.linkLists) {
    query($, selector).each((_, el) => {
      if (el.type === 'tag' && isLinkList(el, href)) $(el).remove();
    });
  }
  const { blockPrefixes, blockPatterns, textPatterns } = rules;
  if (blockPrefixes.length || blockPatterns.length || textPatterns.length) {
    // One walk: each element's text is collapsed once and tried against every text rule.
    const selector = [TEXT_BLOCKS, ...textPatterns.map((rule) => rule.selector)].join(', ');
    query($, selector).each((_, el) => {
      if (el.type !== 'tag') return;
      const text = collapseWhitespace(textOf(el));
      const block = TEXT_BLOCK_TAGS.has(el.tagName);
      if (block && blockPrefixes.some((prefix) => text.startsWith(prefix) && text.length < prefix.length + 60)) $(el).remove();
      else if (block && text.length < 400 && blockPatterns.some((pattern) => pattern.test(text))) $(el).remove();
      else if (textPatterns.some((rule) => rule.pattern.test(text) && $(el).is(rule.selector))) $(el).remove();
    });
  }
  for (const marker of rules.tailMarkers) cutFromMarker($, marker);
  if (rules.unwrap.length) {
    query($, rules.unwrap.join(',')).each((_, el) => {
      $(el).replaceWith($(el).contents());
    });
  }
}

const LIST_SEPARATORS = /[\s\u00a0\u3000/|·,、•]+/g;
const MEDIA_TAGS = new Set(['img', 'picture', 'video', 'audio', 'iframe', 'object', 'embed', 'svg']);

/** True when `el` has links, all to `href`, and no text or media outside them but separators. */
function isLinkList(el: Element, href: RegExp): boolean {
  let links = 0;
  let outside = '';
  let disqualified = false; // a link elsewhere, or media
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') outside += node.data;
      else if (node.type === 'tag') {
        if (node.tagName === 'a') {
          links++;
          if (!href.test(node.attribs.href ?? '')) disqualified = true;
        } else if (MEDIA_TAGS.has(node.tagName)) disqualified = true;
        else walk(node.children);
      }
      if (disqualified) return;
    }
  };
  walk(el.children);
  return links > 0 && !disqualified && outside.replace(LIST_SEPARATORS, '') === '';
}

/** Relative time text ("24 分钟前", "3 hours ago"): stale once captured. */
const RELATIVE_TIME = /^(?:\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週)前|\d+\s*(?:seconds?|minutes?|mins?|hours?|days?|weeks?)\s+ago)$/i;

/** A `<time datetime>` showing relative text gets its absolute date instead; other text is left alone. */
function dateRelativeTimes($: CheerioAPI): void {
  query($, 'time[datetime]').each((_, el) => {
    const datetime = el.attribs.datetime.trim();
    if (datetime && RELATIVE_TIME.test(collapseWhitespace($(el).text()))) $(el).text(datetime);
  });
}

/** Removes the innermost block holding `marker`, the rules and breaks just before it, and all that follows. */
function cutFromMarker($: CheerioAPI, marker: string): void {
  // The innermost block that opens with the marker (after at most a "© 2020年"): a story that merely mentions it is kept.
  const holder = query($, 'div, p, section, footer, aside')
    .filter((_, el) => collapseWhitespace(textOf(el)).slice(0, marker.length + 12).includes(marker) && !$(el).children().toArray().some((c) => isBlock(c) && textOf(c).includes(marker)))
    .first();
  if (!holder.length) return;
  let node: AnyNode | null = holder[0];
  while (node) {
    for (let next = node.next; next; ) {
      const after: AnyNode | null = next.next;
      $(next).remove();
      next = after;
    }
    const parent: AnyNode | null = node.parent;
    if (parent === null || parent.type === 'root') break;
    node = parent;
  }
  let previous = holder[0].prev;
  holder.remove();
  while (previous && (isElementNamed(previous, 'hr') || isElementNamed(previous, 'br') || isBlankText(previous))) {
    const before: AnyNode | null = previous.prev;
    $(previous).remove();
    previous = before;
  }
}

function takeDateline($: CheerioAPI, patterns: readonly RegExp[]): string | undefined {
  for (const el of leadingElements($, 3, { throughWrapper: true })) {
    const text = collapseWhitespace(textOf(el));
    if (patterns.some((pattern) => pattern.test(text))) {
      $(el).remove();
      return text;
    }
  }
  return undefined;
}

function takeAuthor($: CheerioAPI): string | undefined {
  let found: string | undefined;
  query($, 'span, strong, b, em, div, p').each((_, el) => {
    if (found) return false;
    const text = textOf(el);
    if (TOO_LONG_FOR_AUTHOR.test(text)) return undefined;
    const own = collapseWhitespace(text);
    let name: string | undefined;
    if (AUTHOR_LABEL.test(own)) {
      // `<span>作者：</span><a>肖曼</a>`: the name is the rest of the parent block.
      const block = $(el).parent();
      name = collapseWhitespace(block.text()).slice(own.length).trim();
      if (name && name.length <= 60) {
        found = name;
        removeWrappers($, block[0]);
      }
    } else if ((name = AUTHOR_LINE.exec(own)?.[1]) && $(el).children('p, div').length === 0) {
      found = name.trim();
      removeWrappers($, el);
    }
    return undefined;
  });
  return found;
}

/** Removes an element and the ancestors that held nothing else. */
function removeWrappers($: CheerioAPI, el: AnyNode): void {
  let target = el;
  while (target.parent && target.parent.type !== 'root' && collapseWhitespace(textOf(target.parent)) === collapseWhitespace(textOf(target))) {
    target = target.parent;
  }
  $(target).remove();
}

function takeLeadImage($: CheerioAPI, baseUrl: string): LeadImage | undefined {
  for (const el of leadingElements($, 2)) {
    const holder = $(el);
    const img = el.tagName === 'img' ? holder : holder.find('img').first();
    if (!img.length) continue;
    // Captions are not "other text"; they are measured on a copy so that a story wrapped in one element keeps its captions.
    const hasOtherText = collapseWhitespace(holder.clone().find('figcaption').remove().end().text()) !== '';
    if (hasOtherText && el.tagName !== 'figure') return undefined;
    const src = resolveUrl(imageSource(img[0]), baseUrl);
    if (!/^https?:/i.test(src)) return undefined;
    const caption = collapseWhitespace($(el).find('figcaption').text());
    const alt = collapseWhitespace(img.attr('alt') ?? '') || caption;
    const [width, height] = [img.attr('width'), img.attr('height')].map((value) => (/^\s*[1-9]\d{0,4}\s*$/.test(value ?? '') ? Number(value) : undefined));
    holder.remove();
    return { src, alt, ...(caption && caption !== alt ? { caption } : {}), ...(width && height ? { width, height } : {}) };
  }
  return undefined;
}

function fixLazyImages($: CheerioAPI): void {
  query($, 'img').each((_, img) => {
    const src = imageSource(img);
    if (src) img.attribs.src = src;
    if (!img.attribs.alt) {
      const caption = collapseWhitespace($(img).closest('figure').find('figcaption').first().text());
      img.attribs.alt = caption;
    }
  });
}

function imageSource(img: Element): string {
  const { src = '', 'data-src': dataSrc, 'data-original': original, 'data-lazy-src': lazy } = img.attribs;
  const real = dataSrc || original || lazy;
  return real && (!src || src.startsWith('data:')) ? real : src;
}

/** An iframe, video or plugin becomes a plain link to what it embedded. */
function replaceEmbedsWithLinks($: CheerioAPI, baseUrl: string): void {
  // RFI wraps YouTube in a custom element that names the video in `source`.
  query($, 'iframe, video, audio, embed, object, youtube-player').each((_, el) => {
    const source = el.attribs.src || el.attribs.data || el.attribs.source || $(el).find('source[src]').first().attr('src');
    const href = resolveUrl(source, baseUrl);
    if (/^https?:/i.test(href)) {
      const label = el.tagName === 'audio' ? '音频' : '视频';
      const link = $('<a></a>').attr('href', href).text(`${label}：${new URL(href).hostname}`);
      $(el).replaceWith($('<p class="embed"></p>').append(link));
    } else {
      $(el).remove();
    }
  });
}

function removeTrackingPixels($: CheerioAPI): void {
  query($, 'img').each((_, img) => {
    const { width, height, src = '' } = img.attribs;
    const tiny = (width === '1' || width === '0') && (height === '1' || height === '0');
    if (tiny || /feeds\.feedburner\.com\/~r\/|\/~ff\/|pixel\.wp\.com|stats\.wordpress\.com|feedsportal\.com/i.test(src)) $(img).remove();
  });
}

/** Spacer paragraphs and the wrappers emptied by the removals above. */
function removeEmptyBlocks($: CheerioAPI): void {
  // A block removed here holds no text and none of those elements, so no other block's verdict depends on it.
  const blocks = query($, 'p, div, span, section, figure, li, ul, ol, blockquote, strong, b, em').toArray();
  removeAll(blocks.filter((el) => !holdsText(el) && $(el).find('img, hr, br, table').length === 0));
}

function leadingElements($: CheerioAPI, count: number, { throughWrapper = false } = {}): Element[] {
  const found: Element[] = [];
  let nodes = $.root().contents().toArray();
  // A body wrapped whole in one block (<div><div>date</div><p>…</p></div>) opens inside it.
  if (throughWrapper) for (let only = soleElement(nodes); only && WRAPPERS.has(only.tagName); only = soleElement(nodes)) nodes = only.children;
  for (const node of nodes) {
    if (found.length === count) break;
    if (node.type === 'tag') found.push(node);
    else if (node.type === 'text' && collapseWhitespace(node.data) !== '') break;
  }
  return found;
}

/** Elements that may wrap a whole body without meaning anything of their own. */
const WRAPPERS = new Set(['div', 'section', 'article', 'main']);

/** The one element among `nodes` when no text stands beside it. */
function soleElement(nodes: AnyNode[]): Element | undefined {
  const elements = nodes.filter((node): node is Element => node.type === 'tag');
  return elements.length === 1 && nodes.every((node) => node.type !== 'text' || collapseWhitespace(node.data) === '') ? elements[0] : undefined;
}

const BLOCK_TAGS = new Set(['p', 'div', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figcaption', 'tr', 'br', 'hr', 'table']);

/** Text with a line break between blocks, so that words of adjacent paragraphs stay apart. */
function blockText($: CheerioAPI): string {
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') parts.push(node.data);
      else if (node.type === 'tag') {
        walk(node.children);
        if (BLOCK_TAGS.has(node.tagName)) parts.push('\n');
      }
    }
  };
  walk($.root().contents().toArray());
  return parts.join('').replace(/[ \t\u00a0]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}

/**
 * The text within a node, as cheerio's `.text()` reads it, joined once: `.text()` joins at every
 * level, so reading each of a deep tree's elements cost the depth squared times the text.
 */
function textOf(node: AnyNode): string {
  const parts: string[] = [];
  const walk = (current: AnyNode): void => {
    if (current.type === 'text') parts.push(current.data);
    else if (current.type !== 'comment' && 'children' in current) for (const child of current.children) walk(child);
  };
  walk(node);
  return parts.join('');
}

/**
 * Removes nodes as cheerio's `remove()` does, each parent's children rewritten once: `remove()`
 * finds and splices out each node in turn, the square of their number when thousands are siblings.
 */
function removeAll(nodes: readonly AnyNode[]): void {
  const removed = new Set(nodes);
  const parents = new Set<ParentNode>();
  for (const node of removed) if (node.parent) parents.add(node.parent);
  for (const { children } of parents) {
    let kept = 0;
    for (const child of children) if (!removed.has(child)) children[kept++] = child;
    children.length = kept;
    children.forEach((child, index) => {
      child.prev = children[index - 1] ?? null;
      child.next = children[index + 1] ?? null;
    });
  }
  for (const node of removed) node.parent = node.prev = node.next = null;
}

/** Whether any text other than whitespace lies within; stops at the first. */
function holdsText(node: AnyNode): boolean {
  if (node.type === 'text') return /\S/.test(node.data);
  return node.type !== 'comment' && 'children' in node && node.children.some(holdsText);
}

function isBlock(node: AnyNode): boolean {
  return node.type === 'tag' && ['div', 'p', 'section', 'footer', 'aside'].includes(node.tagName);
}

function isElementNamed(node: AnyNode, name: string): boolean {
  return node.type === 'tag' && node.tagName === name;
}

function isBlankText(node: AnyNode): boolean {
  return node.type === 'text' && collapseWhitespace(node.data) === '';
}
