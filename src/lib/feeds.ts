import type { ArticleData } from './article-data.ts';
import { localImageTag, missingImageHtml, rewriteImages, type LocalImage } from './image-refs.ts';
import type { TopicRef } from './topics.ts';

/**
 * RSS 2.0 items and channel extras for @astrojs/rss. Everything that goes into XML passes
 * through xmlText first: feed text is untrusted, and one character XML 1.0 forbids (a stray
 * U+0008 in a title) makes strict readers reject the whole feed.
 */

export const NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  fh: 'http://purl.org/syndication/history/1.0',
};

/** Characters outside XML 1.0's Char production (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
const XML_FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe to put in an XML document (escaping is still the serializer's job). */
export function xmlText(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

/** Text escaped for an XML element or attribute we write ourselves. */
export function escapeXml(text: string): string {
  return xmlText(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Plain text as HTML text: markup-looking text stays text in readers that render it. */
export function escapeHtmlText(text: string): string {
  return xmlText(text).replace(/[&<>]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[char]!);
}

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  content?: string;
  categories: string[];
  source?: { title: string; url: string };
  customData: string;
}

export interface FeedItemInput {
  id: string;
  data: ArticleData;
  /** Sanitized body HTML (its URLs are already absolute, resolved against the original). */
  html?: string;
  /**
   * With mirrored images (NEWS_IMAGES=mirror): the site's copy of each image, as an absolute URL,
   * or undefined for one that could not be kept (it becomes a link to the original).
   */
  images?: (url: string) => LocalImage | undefined;
}

/**
 * One feed item: the article's permalink, a plain-text summary, the full body when `html` is
 * given, its topics as categories, the outlet as <source>, and the author as dc:creator (RSS
 * <author> must be an e-mail address). The guid is the canonical original URL: it names the
 * article whatever the site's address, and never changes across re-captures.
 */
export function feedItem(article: FeedItemInput, link: string, topics: readonly TopicRef[]): FeedItem {
  const { data } = article;
  const creator = data.author ? `<dc:creator>${escapeXml(data.author)}</dc:creator>` : '';
  return {
    title: xmlText(data.title),
    link,
    pubDate: data.capturedAt,
    // Readers render <description> as HTML: the plain-text summary is escaped into it.
    description: escapeHtmlText(data.summary || data.title),
    ...(article.html === undefined ? {} : { content: xmlText(leadImageHtml(data, article.images) + (article.images ? rewriteImages(article.html, article.images) : article.html)) }),
    categories: [data.outlet.name, ...topics.map((topic) => topic.name)].map(xmlText),
    source: { title: xmlText(data.outlet.name), url: new URL(data.url).origin + '/' },
    customData: `<guid isPermaLink="false">${escapeXml(data.url)}</guid>${creator}`,
  };
}

/** The lead image is shown apart from the body on article pages; feed readers get it at the top of the content. */
function leadImageHtml(data: ArticleData, images?: (url: string) => LocalImage | undefined): string {
  if (!data.leadImage) return '';
  const { src, alt, caption = alt, width, height } = data.leadImage;
  if (images) {
    const local = images(src);
    const image = local ? localImageTag(local, alt) : missingImageHtml(src, alt, false);
    return `<figure>${image}${caption ? `<figcaption>${escapeXml(caption)}</figcaption>` : ''}</figure>`;
  }
  const size = width && height ? ` width="${width}" height="${height}"` : '';
  return `<figure><img src="${escapeXml(src)}" alt="${escapeXml(alt)}"${size} referrerpolicy="no-referrer"/>${caption ? `<figcaption>${escapeXml(caption)}</figcaption>` : ''}</figure>`;
}

export interface ChannelLinks {
  /** Absolute URL of this feed document. */
  self: string;
  /** RFC 5005: the subscription feed, from an archive document. */
  current?: string;
  /** RFC 5005: the next older archive document. */
  prevArchive?: string;
  /** RFC 5005: the next newer archive document. */
  nextArchive?: string;
  /** Marks an archive document (RFC 5005 fh:archive): its items never change. */
  archive?: boolean;
}

/** Channel elements @astrojs/rss has no option for: language, lastBuildDate, atom:link rel=self and the RFC 5005 links. */
export function channelExtras(links: ChannelLinks, language: string, lastBuildDate: Date): string {
  const atomLink = (rel: string, href: string) => `<atom:link rel="${rel}" type="application/rss+xml" href="${escapeXml(href)}"/>`;
  return [
    `<language>${escapeXml(language)}</language>`,
    `<lastBuildDate>${lastBuildDate.toUTCString()}</lastBuildDate>`,
    atomLink('self', links.self),
    links.current ? atomLink('current', links.current) : '',
    links.prevArchive ? atomLink('prev-archive', links.prevArchive) : '',
    links.nextArchive ? atomLink('next-archive', links.nextArchive) : '',
    links.archive ? '<fh:archive/>' : '',
  ].join('');
}

/**
 * Archive documents (RFC 5005 §4): articles oldest first, cut into full pages of `pageSize`.
 * Page 1 holds the oldest articles; a page is written only once full, so it never changes as
 * newer articles arrive. The newest `remainder` articles (fewer than a page) are only in the
 * subscription feed, which always holds at least a page's worth of the newest articles.
 */
export function archiveFeedPages<T>(oldestFirst: readonly T[], pageSize: number): { pages: T[][]; remainder: T[] } {
  const full = Math.floor(oldestFirst.length / pageSize);
  const pages: T[][] = [];
  for (let page = 0; page < full; page++) pages.push(oldestFirst.slice(page * pageSize, (page + 1) * pageSize));
  return { pages, remainder: oldestFirst.slice(full * pageSize) };
}
