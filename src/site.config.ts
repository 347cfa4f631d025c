import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { assertTimeZone } from './lib/dates.ts';
import { SHARD_ARTICLES } from './lib/search-shards.ts';

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

const locale = 'zh-CN';

/** SITE_URL: the deployed origin. */
function siteOrigin(): string {
  const raw = env.SITE_URL?.trim() || 'http://localhost:4321';
  try {
    return new URL(raw).origin;
  } catch {
    throw new Error(`SITE_URL "${raw}" is not an absolute URL such as https://news.example.org`);
  }
}

/** BASE_PATH: the subpath the site is served under, as /news/ (each segment percent-encoded). */
function basePath(): string {
  const raw = env.BASE_PATH?.trim() || '/';
  return `/${raw.split('/').filter(Boolean).map(encodeURIComponent).join('/')}/`.replace(/\/+$/, '/');
}

/** NEWS_IMAGES: `link` (the outlets' own URLs) or `mirror` (copies kept with the site). */
function imagesMode(): 'link' | 'mirror' {
  const raw = env.NEWS_IMAGES?.trim().toLowerCase() || 'link';
  if (raw !== 'link' && raw !== 'mirror') throw new Error(`NEWS_IMAGES "${raw}" is neither link nor mirror`);
  return raw;
}

/** A number of hours, zero allowed (NEWS_IMAGES_RETRY_HOURS). */
function hours(name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,5}(?:\.\d+)?$/.test(raw)) throw new Error(`${name} "${raw}" is not a number of hours`);
  return Number(raw);
}

/**
 * The language and script of a locale (zh-CN → zh-Hans): pages declare it, because the script is
 * what a browser picks fonts and line breaking by, while dates and feeds use the locale itself.
 */
function languageAndScript(tag: string): string {
  const { language, script } = new Intl.Locale(tag).maximize();
  return script ? `${language}-${script}` : language;
}

export const SITE = {
  /** Site name, used in <title>, the header and feeds. */
  title: env.NEWS_SITE_TITLE?.trim() || '新闻存档',
  /** One line about the site, for the home page and feeds. */
  description: env.NEWS_SITE_DESCRIPTION?.trim() || '全文新闻订阅源的静态存档：按日期、来源与主题浏览，并可通过 RSS 订阅。',
  /** Locale of the site's own interface text: its date formats, and the feeds' language. */
  locale,
  /** The `lang` of every page: the locale's language and script. */
  lang: languageAndScript(locale),
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
  /** Most articles in one search index shard; a busier quarter is cut into months (see SHARD_ARTICLES). */
  searchShardArticles: positiveInteger('NEWS_SEARCH_SHARD_ARTICLES') ?? SHARD_ARTICLES,
  /** Build the search index (NEWS_SEARCH_INDEX=off skips it: a quicker preview, with a search page that says the index is missing). */
  searchIndex: env.NEWS_SEARCH_INDEX?.trim().toLowerCase() !== 'off',
  /** Any bad file fails the build instead of being skipped and reported. */
  strict: env.NEWS_STRICT === '1' || env.NEWS_STRICT === 'true',
  /** Threads that parse and clean capture files; 1 parses on the main thread. */
  parseThreads: positiveInteger('NEWS_PARSE_THREADS') ?? availableParallelism(),
  /** `mirror`: article images are downloaded at build time and published with the site (see README, Images). */
  images: imagesMode(),
} as const;

/** How the build downloads images in mirror mode (read by the image mirror only). */
export const IMAGE_MIRROR = {
  /** `host:port` pairs fetched even though they resolve to private addresses (a local image server); raw, parsed by the mirror. */
  allowHosts: env.NEWS_IMAGES_ALLOW_HOSTS ?? '',
  /** Hours before an image that could not be kept is tried again. */
  retryHours: hours('NEWS_IMAGES_RETRY_HOURS') ?? 24,
  /** Seconds one image's download may take, redirects included. */
  timeoutSeconds: positiveInteger('NEWS_IMAGES_TIMEOUT') ?? 20,
} as const;

const cacheDir = env.NEWS_CACHE_DIR || './node_modules/.astro';

/**
 * Where the site is deployed and where builds keep their cache: read by the build's configuration
 * (astro.config.mjs, content.config.ts), not by pages, which get the first two from Astro (`Astro.site`, `import.meta.env.BASE_URL`).
 */
export const BUILD = {
  /** The deployed origin, for canonical and absolute links. */
  site: siteOrigin(),
  /** The subpath the site is served under. */
  base: basePath(),
  /** Astro's cache folder: the content store between builds, and the search index's shards. */
  cacheDir,
  /** Cleaned article bodies, one file each, beside the content store (src/loader/body-files.ts). */
  bodiesDir: resolve(cacheDir, 'bodies'),
  /** What the loader remembers of each capture file between builds (src/loader/load-records.ts). */
  captureRecords: resolve(cacheDir, 'capture-records.json'),
  /** Where the build report is written (NEWS_REPORT): by default beside the cache, never inside the output folder. */
  report: resolve(env.NEWS_REPORT?.trim() || join(cacheDir, 'build-report.json')),
} as const;
