import { formatDateTime } from './dates.ts';
import { articlePath } from './paths.ts';
import { searchWords } from './search-text.ts';

/**
 * What the search index holds for one article: the words of its title, outlet and the opening
 * of its body (as src/lib/search-text.ts splits them), and what a result shows. Built from the
 * content store while the pages render, never from the built pages.
 */

export interface SearchSource {
  id: string;
  title: string;
  outletName: string;
  capturedAt: Date;
  /** The cleaned body, as stored. */
  html: string;
}

export interface SearchRecord {
  /** Relative to the site base: articles/<id>/. */
  path: string;
  /** Capture year in the site's zone (the year filter). */
  year: string;
  /** Space-separated words for the indexer (which is told the text is English, so it splits at spaces only). */
  content: string;
  meta: { title: string; outlet: string; date: string; text: string };
  /** `shard` lets the search page ask one shard at a time, for a newest-first order across shards. */
  filters: { outlet: string[]; year: string[]; shard: string[] };
  sort: { date: string };
}

/**
 * Body characters indexed per article by default: the opening, as long as the build's budgets
 * allow (the README gives the measurements). NEWS_SEARCH_CHARS sets another length; no length
 * goes past SEARCH_TEXT_LIMIT, a bound on one hostile file.
 */
export const DEFAULT_SEARCH_CHARS = 200;
export const SEARCH_TEXT_LIMIT = 30_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Text of the cleaned body: blocks and breaks become line ends. The body is the sanitizer's own
 * serialized markup (well-formed, every `<` of text escaped), so stripping tags is exact, and
 * it spares the indexer a parse per article.
 */
export function plainTextOfHtml(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/div|\/li|\/h[1-6]|\/blockquote|\/figcaption|\/tr)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (entity, decimal: string, hex: string, name: string) => {
      if (decimal || hex) {
        const code = decimal ? Number(decimal) : Number.parseInt(hex, 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** `shard` is the article's index shard (src/lib/search-shards.ts), which starts with its year. */
export function searchRecord(article: SearchSource, shard: string, timeZone: string, textLength = DEFAULT_SEARCH_CHARS): SearchRecord {
  const text = plainTextOfHtml(article.html).slice(0, Math.min(textLength, SEARCH_TEXT_LIMIT));
  const year = shard.slice(0, 4);
  return {
    path: articlePath(article.id),
    year,
    content: searchWords(`${article.title}\n${article.outletName}\n${text}`).join(' '),
    meta: { title: article.title, outlet: article.outletName, date: formatDateTime(article.capturedAt, timeZone), text },
    filters: { outlet: [article.outletName], year: [year], shard: [shard] },
    sort: { date: article.capturedAt.toISOString() },
  };
}
