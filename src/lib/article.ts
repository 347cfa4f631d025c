import type { ArticleData } from './article-data.ts';
import { cleanArticleHtml } from './clean.ts';
import { articleIdFromUrl, canonicalizeUrl } from './identity.ts';
import { boilerplateForUrl, outletForArticle, stripOutletSuffix } from './outlets.ts';
import { hasVisibleText, parseCaptureBytes, type ParseOptions } from './parse.ts';
import { sanitizePlainText } from './sanitize.ts';
import { sectionOf } from './sections.ts';
import { encodeFeatures, storyFeatures } from './story-features.ts';
import { extractSubjects } from './subjects.ts';
import { detectLanguage, readingMinutes, summarize } from './text.ts';

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
