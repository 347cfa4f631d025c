import { resolve } from 'node:path';
import { assertTimeZone } from './lib/dates.ts';

/**
 * Site settings. Operators set them through the environment (see README); everything
 * else reads them from here, never from process.env directly.
 */

const env = process.env;

function positiveInteger(name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new Error(`${name} "${raw}" is not a positive whole number`);
  return Number(raw);
}

const timeZone = env.NEWS_TIMEZONE?.trim() || 'Asia/Shanghai';
assertTimeZone(timeZone);

export const SITE = {
  /** Site name, used in <title>, the header and feeds. */
  title: env.NEWS_SITE_TITLE?.trim() || '新闻存档',
  /** One line about the site, for the home page and feeds. */
  description: env.NEWS_SITE_DESCRIPTION?.trim() || '全文新闻订阅源的静态存档：按日期、来源与主题浏览，并可通过 RSS 订阅。',
  /** Language of the site's own interface text. */
  locale: 'zh-CN',
  /** IANA zone for day pages and displayed times, never the build machine's. */
  timeZone,
  /** Articles on the home page. */
  homeArticleCount: 60,
  /** Articles per page on day, topic and outlet pages. */
  pageSize: positiveInteger('NEWS_PAGE_SIZE') ?? 30,
  /** Items in /rss.xml (full content), and in each archive feed document (summaries). */
  feedSize: positiveInteger('NEWS_FEED_SIZE') ?? 50,
  /** Items in each topic's and outlet's feed (full content). */
  listingFeedSize: positiveInteger('NEWS_TOPIC_FEED_SIZE') ?? 20,
  /** Articles a subject needs to become a topic; by default 2 for small sites, 3 from 100 articles. */
  minSubjectArticles: positiveInteger('NEWS_SUBJECT_MIN_ARTICLES'),
  /** The folder of capture files, relative to the project root unless absolute. */
  contentDir: resolve(env.NEWS_CONTENT_DIR?.trim() || 'content'),
  /** Body characters indexed for search per article (the opening); see DEFAULT_SEARCH_CHARS. */
  searchChars: positiveInteger('NEWS_SEARCH_CHARS'),
  /** Build the search index (NEWS_SEARCH_INDEX=off skips it: a quicker preview, with a search page that says the index is missing). */
  searchIndex: env.NEWS_SEARCH_INDEX?.trim().toLowerCase() !== 'off',
  /** Any bad file fails the build instead of being skipped and reported. */
  strict: env.NEWS_STRICT === '1' || env.NEWS_STRICT === 'true',
} as const;
