import { cleanArticleHtml, type LeadImage } from './clean.ts';
import { articleIdFromUrl, canonicalizeUrl } from './identity.ts';
import { boilerplateForUrl, outletForUrl, stripOutletSuffix, type Outlet } from './outlets.ts';
import { hasVisibleText, parseCaptureBytes, type ParseOptions } from './parse.ts';
import { sanitizePlainText } from './sanitize.ts';
import { sectionOf } from './sections.ts';
import { encodeFeatures, storyFeatures } from './stories.ts';
import { extractSubjects } from './subjects.ts';
import { detectLanguage, readingMinutes, summarize } from './text.ts';

/** Everything a page or feed needs to know about an article, besides its body HTML. */
export interface ArticleData {
  title: string;
  /** Canonical original URL: the permalink's identity and the "read the original" link. */
  url: string;
  capturedAt: Date;
  outlet: Outlet;
  lang: string;
  readingMinutes: number;
  /** Plain-text summary for listings and feed descriptions. */
  summary: string;
  /** Characters of body text (CJK characters count one each). */
  textLength: number;
  dateline?: string;
  author?: string;
  leadImage?: LeadImage;
  /** Shared section name (see sections.ts), when the outlet files the article somewhere. */
  section?: string;
  /** Subject candidates, most salient first; which become topics is decided across the corpus. */
  subjects: string[];
  /** Hashed shingles for finding other articles of the same story, encoded (see stories.ts). */
  storyFeatures: string;
  /** The capture file this article was built from, relative to the content folder. */
  sourceFile: string;
}

export interface ArticleEntry {
  id: string;
  data: ArticleData;
  /** Sanitized body HTML. */
  html: string;
}

export type ArticleResult = { ok: true; entry: ArticleEntry } | { ok: false; reason: string };

/** Parses and cleans one capture file into an article entry, or says why it cannot be one. */
export function toArticleEntry(bytes: Uint8Array, sourceFile: string, options: ParseOptions): ArticleResult {
  const parsed = parseCaptureBytes(bytes, options);
  if (!parsed.ok) return parsed;
  const { url, capturedAt, bodyHtml } = parsed.value;
  const canonical = canonicalizeUrl(url);
  const title = stripOutletSuffix(parsed.value.title, canonical);
  const cleaned = cleanArticleHtml(bodyHtml, { baseUrl: canonical, outletRules: boilerplateForUrl(canonical) });
  if (!hasVisibleText(cleaned.text) && !cleaned.leadImage && !/<img\b/.test(cleaned.html)) {
    return { ok: false, reason: 'the body has no readable content once cleaned' };
  }
  const lang = detectLanguage(`${title}\n${cleaned.text}`);
  const subjects = extractSubjects(title, cleaned.text, lang);
  // Sections may be read from the title as captured (RTI's [國際], RFI's " - 要闻分析").
  const section = sectionOf(canonical, parsed.value.title);
  // The cleaner reads these from the untrusted HTML before the allow-list runs.
  const dateline = sanitizePlainText(cleaned.dateline ?? '');
  const author = sanitizePlainText(cleaned.author ?? '');
  const leadImage = cleaned.leadImage && { src: cleaned.leadImage.src, alt: sanitizePlainText(cleaned.leadImage.alt) };
  const data: ArticleData = {
    title,
    url: canonical,
    capturedAt,
    outlet: outletForUrl(canonical),
    lang,
    readingMinutes: readingMinutes(cleaned.text),
    summary: summarize(cleaned.lead || cleaned.text),
    textLength: cleaned.text.length,
    subjects,
    storyFeatures: encodeFeatures(storyFeatures(title, cleaned.text, lang, subjects)),
    sourceFile,
    ...(section ? { section } : {}),
    ...(dateline ? { dateline } : {}),
    ...(author ? { author } : {}),
    ...(leadImage ? { leadImage } : {}),
  };
  return { ok: true, entry: { id: articleIdFromUrl(canonical), data, html: cleaned.html } };
}

/** Newest first; ties broken by id so the order never depends on file-system order. */
export function sortNewestFirst<T extends { id: string; data: { capturedAt: Date } }>(articles: readonly T[]): T[] {
  return articles.toSorted((a, b) => b.data.capturedAt.getTime() - a.data.capturedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
