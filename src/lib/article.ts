// astro/zod is zod itself, the copy Astro validates collections with; nothing else of Astro is used here.
import { z } from 'astro/zod';
import { cleanArticleHtml } from './clean.ts';
import { articleIdFromUrl, canonicalizeUrl } from './identity.ts';
import { boilerplateForUrl, outletForArticle, stripOutletSuffix } from './outlets.ts';
import { hasVisibleText, parseCaptureBytes, type ParseOptions } from './parse.ts';
import { sanitizePlainText } from './sanitize.ts';
import { sectionOf } from './sections.ts';
import { encodeFeatures, storyFeatures } from './story-features.ts';
import { extractSubjects } from './subjects.ts';
import { detectLanguage, readingMinutes, summarize } from './text.ts';

/**
 * Everything a page or feed needs to know about an article, besides its body HTML. The content
 * collection validates every stored entry against this schema; ArticleData is its type.
 */
export const articleSchema = z.object({
  title: z.string().min(1),
  /** Canonical original URL: the permalink's identity and the "read the original" link. */
  url: z.url(),
  capturedAt: z.date(),
  outlet: z.object({ slug: z.string().min(1), name: z.string().min(1) }),
  lang: z.string(),
  readingMinutes: z.number().int().positive(),
  /** Plain-text summary for listings and feed descriptions. */
  summary: z.string(),
  /** Characters of body text (CJK characters count one each). */
  textLength: z.number().int().nonnegative(),
  dateline: z.string().optional(),
  author: z.string().optional(),
  leadImage: z
    .object({ src: z.url(), alt: z.string(), caption: z.string().optional(), width: z.number().int().positive().optional(), height: z.number().int().positive().optional() })
    .optional(),
  /** Shared section name (see sections.ts), when the outlet files the article somewhere. */
  section: z.string().optional(),
  /** Subject candidates, most salient first; which become topics is decided across the corpus. */
  subjects: z.array(z.string()),
});

export type ArticleData = z.infer<typeof articleSchema>;

export interface ArticleEntry {
  id: string;
  data: ArticleData;
  /** Sanitized body HTML. */
  html: string;
  /**
   * Hashed shingles for finding other articles of the same story, encoded (see story-features.ts). Kept
   * beside the body rather than in the content store: only the story pairs read them.
   */
  storyFeatures: string;
}

/** A failure names the original URL when the file's line 2 could be read (see ParseResult). */
export type ArticleResult = { ok: true; entry: ArticleEntry } | { ok: false; reason: string; url?: string };

/** Parses and cleans one capture file into an article entry, or says why it cannot be one. */
export function toArticleEntry(bytes: Uint8Array, options: ParseOptions): ArticleResult {
  const parsed = parseCaptureBytes(bytes, options);
  if (!parsed.ok) return parsed;
  const { url, capturedAt, bodyHtml } = parsed.value;
  const canonical = canonicalizeUrl(url);
  const title = stripOutletSuffix(parsed.value.title, canonical);
  const cleaned = cleanArticleHtml(bodyHtml, { baseUrl: canonical, outletRules: boilerplateForUrl(canonical) });
  if (cleaned.refusal) return { ok: false, reason: `the body cannot be read: ${cleaned.refusal}`, url: canonical };
  if (!hasVisibleText(cleaned.text) && !cleaned.leadImage && !/<img\b/.test(cleaned.html)) {
    return { ok: false, reason: 'the body has no readable content once cleaned', url: canonical };
  }
  const lang = detectLanguage(`${title}\n${cleaned.text}`);
  const subjects = extractSubjects(title, cleaned.text, lang);
  // Sections may be read from the title as captured (RTI's [國際], RFI's " - 要闻分析").
  const section = sectionOf(canonical, parsed.value.title);
  // The cleaner reads these from the untrusted HTML before the allow-list runs.
  const dateline = sanitizePlainText(cleaned.dateline ?? '');
  const author = sanitizePlainText(cleaned.author ?? '');
  const leadImage = cleaned.leadImage && { ...cleaned.leadImage, alt: sanitizePlainText(cleaned.leadImage.alt), ...(cleaned.leadImage.caption ? { caption: sanitizePlainText(cleaned.leadImage.caption) } : {}) };
  const data: ArticleData = {
    title,
    url: canonical,
    capturedAt,
    outlet: outletForArticle(canonical, () => [...cleaned.html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((link) => link[1].replaceAll('&amp;', '&'))),
    lang,
    readingMinutes: readingMinutes(cleaned.text),
    summary: summarize(cleaned.lead || cleaned.text),
    textLength: cleaned.text.length,
    subjects,
    ...(section ? { section } : {}),
    ...(dateline ? { dateline } : {}),
    ...(author ? { author } : {}),
    ...(leadImage ? { leadImage } : {}),
  };
  return { ok: true, entry: { id: articleIdFromUrl(canonical), data, html: cleaned.html, storyFeatures: encodeFeatures(storyFeatures(title, cleaned.text, lang, subjects)) } };
}

/** Newest first; ties broken by id so the order never depends on file-system order. */
export function sortNewestFirst<T extends { id: string; data: { capturedAt: Date } }>(articles: readonly T[]): T[] {
  return articles.toSorted((a, b) => b.data.capturedAt.getTime() - a.data.capturedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
