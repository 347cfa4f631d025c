// astro/zod is zod itself, the copy Astro validates collections with; nothing else of Astro is used here.
import { z } from 'astro/zod';

/*
 * An article as stored and listed, apart from the code that makes one (article.ts): what reads
 * articles (the collection's schema, the pages, the loader on the main thread) does not load the
 * cleaning and tagging libraries, which only the parsing threads need.
 */

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

/** Newest first; ties broken by id so the order never depends on file-system order. */
export function sortNewestFirst<T extends { id: string; data: { capturedAt: Date } }>(articles: readonly T[]): T[] {
  return articles.toSorted((a, b) => b.data.capturedAt.getTime() - a.data.capturedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
