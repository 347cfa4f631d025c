import { toBoilerplateRules, type BoilerplateRules } from './boilerplate-rules.ts';

/**
 * The outlets this generator knows by name, one entry each: its hosts, the boilerplate it adds
 * to its items, the dateline and share-link forms of its own, where it says an article's section,
 * and the name it appends to titles. Every lookup goes through the same host match, so a
 * sub-domain gets all of its outlet's rules. An unknown host still works: it becomes an outlet
 * named after the host, with only the generic rules applied.
 */

export interface Outlet {
  /** URL-safe, stable: used in /sources/<slug>/. */
  slug: string;
  /** Readable name shown to readers. */
  name: string;
}

/**
 * The section an outlet files an article under, in the outlet's own words: read from the original
 * URL's path segments (percent-decoded) or from the title as captured; undefined when it says none.
 * sections.ts maps it onto the shared vocabulary.
 */
export type SectionReader = (path: readonly string[], title: string) => string | undefined;

interface OutletDefinition extends Outlet {
  /** Hosts of the original URLs (a leading `www.` is ignored; sub-domains match too). */
  hosts: readonly string[];
  /** Cleaning rules, applied on top of the generic ones (clean.ts). */
  boilerplate?: BoilerplateRules;
  section?: SectionReader;
  /** The outlet's own name appended to titles ("… – 法国国际广播电台 - RFI"): noise on a page that already names the outlet. */
  titleSuffix?: RegExp;
}

/** A column named at the end of a title: "… - 要闻分析". */
const TITLE_SECTION = /\s[-–]\s([^-–\s]{2,8})$/;

/** /<section>/<yyyy>/…: The Economist and The Guardian. */
const sectionBeforeYear: SectionReader = (path) => (/^\d{4}$/.test(path[1] ?? '') ? path[0] : undefined);

export const OUTLETS: readonly OutletDefinition[] = [
  {
    slug: 'rfi', name: 'RFI 法广', hosts: ['rfi.fr'],
    titleSuffix: /\s+[–-]\s+法国国际广播电台\s+-\s+RFI$/,
    // /cn/<section>/<date-slug> or /cn/专栏检索/<column>/<date-slug>; else the column the title ends with.
    section: ([lang, first, second, third], title) => {
      const fromTitle = TITLE_SECTION.exec(title)?.[1];
      if (lang !== 'cn') return fromTitle;
      if (first === '专栏检索') return third ? second : fromTitle;
      return second ? first : fromTitle;
    },
    boilerplate: toBoilerplateRules({
      selectors: [
        '.o-self-promo', '.m-interstitial', '.m-block-ad', '.m-block-ad__content', '[data-tms-ad-type]',
        '[data-readmore-unlocker]', '.m-interstitial__unlock-btn', '.m-main-media-btn', 'p.t-copyright',
        'img[src*="static.rfi.fr/meta_og_twcards/"]', 'img[src^="data:image/gif"][data-lazyloaded]',
        '[data-root-audio-player-button]', 'play-media',
      ],
      // "其它 / …" paragraphs of links to other RFI stories.
      linkLists: [{ selector: 'p', href: /rfi\.fr\// }],
      // The archive lost the newline in `<div\nclass="m-block-ad"`, which the parser reads as a tag named `divclass="…`.
      sourceFixes: [[/<div(?=class=")/g, '<div ']],
      datelines: [/^\d{1,2}\/\d{1,2}\/\d{4}\s*-\s*\d{1,2}:\d{2}$/], // 02/02/2024 - 21:52
      // RFI's short links, in its share bar.
      shareLinks: ['rfi.my/'],
    }),
  },
  {
    slug: 'bbc', name: 'BBC 中文', hosts: ['bbc.com', 'bbc.co.uk'],
    // /zhongwen/simp/<section>-<number>
    section: (path) => /^(?:zhongwen\/(?:simp|trad)\/)([a-z-]+?)-\d+$/.exec(path.join('/'))?.[1],
    boilerplate: toBoilerplateRules({
      selectors: [
        'section[data-e2e="advertisement"]', '.dotcom-ad', '.bbccom_slot', '.mpu-ad', 'h1#content',
        'strong[aria-hidden="true"]', '.off-screen', '[class*="VisuallyHiddenText"]', 'img[alt="Presentational grey line"]',
        // Divider images.
        'figure:has(img[alt="Presentational grey line"])', 'figure:has(img[alt="line break"])',
        'figure:has(img[alt="Transparent line"])', 'figure:has(img[alt="line"])',
      ],
      // Related-story bullet lists inserted mid-article.
      linkLists: [{ selector: 'ul', href: /bbc\.com\/(?:zhongwen|ukchina)\// }],
      textPatterns: [
        { selector: 'h2', pattern: /^本周其他的重要故事[：:]?$/ },
        { selector: 'p', pattern: /^\*?关注.{0,30}的 ?Twitter ?[:：]?$|^@\w+$/ },
        { selector: 'p', pattern: /^本《记者来鸿》来自|^《记者来鸿》（From Our Own Correspondent）为您带来/ },
      ],
    }),
  },
  {
    slug: 'dw', name: '德国之声', hosts: ['dw.com'],
    // /zh/<section>/<slug>/a-<number>
    section: (path) => (path[0] === 'zh' && path.length >= 4 ? path[1] : undefined),
    boilerplate: toBoilerplateRules({
      tailMarkers: ['德国之声版权声明'],
      blockPrefixes: ['德国之声致力于为您提供客观中立的新闻报道'],
      // Related articles link to DW's JSON API, not to pages: drop the lists, keep the text of inline ones.
      linkLists: [{ selector: 'p', href: /api\.dw\.com\/api\/detail\/article\// }],
      unwrap: ['a[rel="ArticleRef"]'],
      datelines: [/^\d{1,2}\.\d{1,2}\.\d{4}(?:\s*\d{1,2}:\d{2})?$/], // 02.02.2024
    }),
  },
  {
    slug: 'voa', name: '美国之音', hosts: ['voachinese.com', 'voanews.com'],
    // /a/<section>/<slug>/<number>.html
    section: (path) => (path[0] === 'a' && path.length >= 4 ? path[1] : undefined),
    // An item's empty <video src=""> goes with the generic rules once its feed date line is read as the dateline.
    boilerplate: toBoilerplateRules({
      textPatterns: [{ selector: 'p', pattern: /^时事大家谈每星期|^=+ ?嘉宾和观众听众发表的都是个人观点|^《时事大家谈》YouTube播放列表/ }],
    }),
  },
  {
    slug: 'cna', name: '中央社', hosts: ['cna.com.tw'],
    // /news/<section code>/<number>.aspx
    section: (path) => (path[0] === 'news' ? path[1] : undefined),
    boilerplate: toBoilerplateRules({
      selectors: [
        '.moreArticle', '.bottomArticleBanner', '.adslot_infinite', '[data-dfp]', '.SubscriptionInner',
        '.dictionary-box', '.dic-icon', '.topicbox', '.infogram-embed',
      ],
      // The filing code (ROC year + MMDD, e.g. 1091204) glued to the last paragraph after the editor's name.
      sourceFixes: [[/(?<=[）)。」])\s*1\d{6}(?=<\/p>)/g, '']],
    }),
  },
  // Zaobao's ad slots (section#imu, #innity-in-post, .dfp-tag-wrapper) are empty elements: the generic empty-block rule already removes them.
  {
    slug: 'zaobao', name: '联合早报', hosts: ['zaobao.com', 'zaobao.com.sg'],
    // /<edition>/<section>/<story>
    section: (path) => (path.length >= 3 ? path[1] : undefined),
  },
  {
    slug: 'cdt', name: '中国数字时代', hosts: ['chinadigitaltimes.net'],
    boilerplate: toBoilerplateRules({
      textPatterns: [
        // Better Feed plugin footer and credit.
        { selector: 'p', pattern: /^© .{1,80} for 中国数字时代, get_post_time/ },
        { selector: 'p', pattern: /^Feed enhanced by Better Feed/ },
        // Headers and end marks of reposted WeChat articles.
        { selector: 'p', pattern: /^微信号 ?\S+ .{0,60}的发布平台$/ },
        { selector: 'p', pattern: /^(?:—END—|-完-)$/ },
      ],
      // The rule that opens the Better Feed footer.
      sourceFixes: [[/<hr\s*\/?>(?=<p><small>&copy; )/g, '']],
    }),
  },
  {
    slug: 'reuters', name: '路透中文', hosts: ['cn.reuters.com', 'reuters.com'],
    boilerplate: toBoilerplateRules({
      selectors: [
        '.StandardArticleBody_trustBadgeContainer', '[class*="AdSlot"]', '.LazyImage_fallback', '.Image_expand-button',
      ],
      // Ticker links ("0700.HK") lead to quote pages: keep the symbol as text.
      unwrap: ['a[href^="/companies/"]', 'a[href^="/investing/"]', 'a[href*="reuters.com/companies/"]'],
    }),
  },
  {
    slug: 'rfa', name: '自由亚洲电台', hosts: ['rfa.org'],
    // /mandarin/yataibaodao/<section>/<story>
    section: (path) => (path[1] === 'yataibaodao' && path.length >= 4 ? path[2] : undefined),
    boilerplate: toBoilerplateRules({
      selectors: ['#zoomattribute', 'a.single_image', 'img[src*="icon-zoom.png"]', 'span.copyright:empty'],
      linkLists: [{ selector: 'ul', href: /^(?:https?:\/\/www\.rfa\.org)?\/mandarin\// }],
    }),
  },
  {
    slug: 'nytimes', name: '纽约时报中文网', hosts: ['cn.nytimes.com', 'nytimes.com'],
    // The Chinese site's /<section>/<yyyymmdd>/<slug>/; the English site's /<yyyy>/<mm>/<dd>/… names none here.
    section: (path) => (path.length >= 3 && /^\d{8}$/.test(path[1]) ? path[0] : undefined),
    boilerplate: toBoilerplateRules({
      textPatterns: [
        { selector: 'p', pattern: /^（欢迎点击此处订阅.{0,60}）$/ },
        { selector: 'p', pattern: /^感谢阅读今天的简报/ },
        { selector: 'a', pattern: /^点击查看本文英文版。?$/ },
      ],
    }),
  },
  {
    slug: 'epochtimes', name: '大纪元', hosts: ['epochtimes.com'],
    boilerplate: toBoilerplateRules({
      // Google Translate's browser extension DOM, pasted in by an editor.
      selectors: ['#gtx-anchor', '.jfk-bubble', '.gtx-bubble'],
      textPatterns: [
        { selector: 'p', pattern: /^【支持】为真相护航/ },
        { selector: 'p', pattern: /^(?:新唐人直播：|大纪元新闻网：https?:)/ },
        { selector: 'h2', pattern: /^网络收看方式[：:]$/ },
        { selector: 'p', pattern: /^(?:详情请阅全文。?|【大选更新[^】]{0,40}】请点击这里。|完整采访内容请点击观看《.{1,80}》视频节目。)$/ },
      ],
      unwrap: ['a[href*="epochtimes.com/gb/tag/"]'],
      // A stray ＃ after the closing 责任编辑 line.
      sourceFixes: [[/\s?[＃#]\s*(?=<\/p>\s*$)/, '']],
    }),
  },
  {
    slug: 'economist', name: 'The Economist', hosts: ['economist.com'],
    section: sectionBeforeYear,
    boilerplate: toBoilerplateRules({
      selectors: ['p[data-test-id="Footnote"]', '[data-test-id="Inline Ad"]', 'div[id^="econ-"]:empty', 'span[data-ornament]'],
      textPatterns: [{ selector: 'p', pattern: /^Letters are welcome via e-mail to/ }],
      // Absolute links got the site prefixed twice: `https://www.economist.comhttps://…`, `…commailto:`.
      sourceFixes: [[/https:\/\/www\.economist\.com(?=https?:|mailto:)/gi, '']],
      datelines: [/^[A-Z][a-z]{2} \d{1,2}(?:st|nd|rd|th) \d{4}$/], // Nov 14th 2020
    }),
  },
  {
    slug: 'wqw', name: '维权网', hosts: ['wqw2010.blogspot.com'],
    boilerplate: toBoilerplateRules({ selectors: ['header.entry-header'] }),
  },
  {
    slug: 'bitterwinter', name: '寒冬', hosts: ['zh.bitterwinter.org', 'bitterwinter.org'],
    boilerplate: toBoilerplateRules({
      selectors: ['section.widget'],
      unwrap: ['span.keyword_link', 'span.keyword_link a[href*="/tag/"]'],
    }),
  },
  {
    slug: 'rti', name: '中央廣播電臺', hosts: ['rti.org.tw'],
    // "[國際] …": the section opens the title.
    section: (_path, title) => /^\[([^\]]{1,8})\]/.exec(title)?.[1],
    boilerplate: toBoilerplateRules({ textPatterns: [{ selector: 'a', pattern: /^\.\.\.more$/ }] }),
  },
  {
    slug: 'solidot', name: 'Solidot', hosts: ['solidot.org'],
    boilerplate: toBoilerplateRules({
      // The same banner ends every item.
      selectors: ['img[src*="img.solidot.org//0/446/liiLIZF8Uh6yM.jpg"]'],
      textPatterns: [{ selector: 'a', pattern: /^<查看全文>$/ }],
    }),
  },
  {
    slug: 'ft', name: 'FT 中文网', hosts: ['cn.ft.com', 'ftchinese.com'],
    boilerplate: toBoilerplateRules({
      selectors: ['.o-ads', '.in-article-advert', 'div.clearfloat'],
      textPatterns: [
        { selector: 'p', pattern: /^本栏目由FT中文网与.{1,40}共同主办$/ },
        // What the notes below leave of a closing note without an author bio.
        { selector: 'p', pattern: /^[（(] ?[）)]$/ },
      ],
      // The closing note mixes the author's bio with the disclaimer and the editor's e-mail: keep only the bio.
      sourceFixes: [
        [/本文仅代表作者(?:本人|个人)?观点[。，,]?/g, ''],
        [/未经许可，不得转载。/g, ''],
        [/责任?编辑?(?:邮箱)?[：:]?[^）)<]{0,80}(?=[）)])/g, ''],
      ],
    }),
  },
  { slug: 'cctv', name: '新闻联播', hosts: ['cn.govopendata.com'] },
  {
    slug: 'guardian', name: 'The Guardian', hosts: ['theguardian.com'],
    section: sectionBeforeYear,
    boilerplate: toBoilerplateRules({ textPatterns: [{ selector: 'a', pattern: /^Continue reading(?:\.\.\.|…)$/ }] }),
  },
  {
    // The slug is the one the host gave before Medium was known by name.
    slug: 'medium.com', name: 'Medium', hosts: ['medium.com'],
    boilerplate: toBoilerplateRules({
      textPatterns: [{ selector: 'p', pattern: /^.{1,300} was originally published in .{1,200} on Medium, where people are continuing the conversation/ }],
      // The rule that separates that line from the story.
      sourceFixes: [[/<hr\s*\/?>(?=<p><a [^>]*>[^<]*<\/a> was originally published in )/g, '']],
    }),
  },
  {
    slug: 'huffingtonpost.ca', name: 'HuffPost Canada', hosts: ['huffingtonpost.ca'],
    boilerplate: toBoilerplateRules({
      // Vidible video player (needs its script) and the heading that introduced it.
      selectors: ['.vdb_player'],
      textPatterns: [{ selector: 'p', pattern: /^(?:Also|Previously) on HuffPost:$/i }],
    }),
  },
  {
    slug: 'reddit', name: 'Reddit', hosts: ['reddit.com'],
    boilerplate: toBoilerplateRules({
      // "[link]" to the thread itself and "[N comments]"; a [link] to another site is the story and stays.
      textPatterns: [{ selector: 'a[href*="reddit.com/r/"]', pattern: /^\[(?:link|\d+ comments)\]$/ }],
      // "submitted by <user> to <subreddit>", or the bare "submitted by" a truncated body ends with.
      sourceFixes: [[/submitted by\s*<a [^>]*>[^<]*<\/a>\s*to\s*<a [^>]*>[^<]*<\/a>|submitted by\s*$/g, '']],
    }),
  },
  { slug: 'youtube', name: 'YouTube', hosts: ['youtube.com'] },
  { slug: 'heise', name: 'heise', hosts: ['heise.de'] },
];

const BY_HOST = new Map<string, OutletDefinition>(
  OUTLETS.flatMap((outlet) => outlet.hosts.map((host) => [host, outlet] as const)),
);

function findDefinition(url: URL): OutletDefinition | undefined {
  // Try the host, then each parent domain: news.bbc.co.uk → bbc.co.uk.
  let host = url.hostname.toLowerCase().replace(/^www\./, '');
  for (;;) {
    const found = BY_HOST.get(host);
    if (found) return found;
    const dot = host.indexOf('.');
    if (dot < 0 || host.indexOf('.', dot + 1) < 0) return undefined;
    host = host.slice(dot + 1);
  }
}

/** The outlet of an original URL: a known one, or one named after the host. */
export function outletForUrl(url: string): Outlet {
  const parsed = new URL(url);
  const known = findDefinition(parsed);
  if (known) return { slug: known.slug, name: known.name };
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  return { slug: host.replace(/[^a-z0-9.-]/g, '-'), name: host };
}

const FEED_PROXY_HOSTS = new Set(['feedproxy.google.com', 'feeds.feedburner.com']);

/** A link of the item as a web URL, with its host, or undefined for anything else. */
function webLink(href: string): { url: URL; host: string } | undefined {
  try {
    const url = new URL(href);
    return /^https?:$/.test(url.protocol) ? { url, host: url.hostname.toLowerCase().replace(/^www\./, '') } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The outlet of an item that FeedBurner's proxy links to (feedproxy.google.com/~r/<feed>/~3/<id>/<slug>)
 * rather than to the outlet: the page its own links point to (a link ending in the same slug),
 * else the feed's name, which is the outlet's own for a feed of its own (Techcrunch). A hosted
 * blog's feed is named by its host and a code (blogspot/RLXA): its outlet is the site of the
 * dated posts the item links to (a Blogger blog links its own), else the site it links to most.
 */
function outletBehindFeedProxy(url: URL, linkHrefs: readonly string[]): Outlet | undefined {
  const match = /^\/~r\/(.+?)\/~3\/[^/]+\/?(.*)$/.exec(url.pathname);
  if (!match) return undefined;
  const feed = match[1];
  const slug = match[2].replace(/\/$/, '');
  const links = linkHrefs.flatMap((href) => {
    const link = webLink(href);
    return link && !FEED_PROXY_HOSTS.has(link.host) ? [link] : [];
  });
  const own = slug && links.find(({ url }) => url.pathname.replace(/\/$/, '').endsWith(`/${slug}`));
  if (own) return outletForUrl(own.url.href);
  if (!feed.includes('/')) {
    // A feed of its own is named for its outlet, the same for every item: GiantRobotsSmashingIntoOtherGiantRobots.
    const name = feed.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]+/g, ' ').trim();
    return { slug: feed.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), name };
  }
  const mostLinked = (hosts: string[]) => {
    const counts = new Map<string, number>();
    for (const host of hosts) counts.set(host, (counts.get(host) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  };
  const posts = mostLinked(links.filter(({ url }) => /^\/\d{4}\/\d{2}\//.test(url.pathname)).map(({ host }) => host));
  if (posts) return outletForUrl(`https://${posts}/`);
  const linked = mostLinked(links.map(({ host }) => host));
  return linked ? outletForUrl(`https://${linked}/`) : undefined;
}

/**
 * The outlet of an article: that of its original URL, or for a feed-proxy link, the one the item
 * itself shows. `linkHrefs` gives the item's links; it is called only for a feed-proxy link.
 */
export function outletForArticle(url: string, linkHrefs: () => readonly string[]): Outlet {
  const parsed = new URL(url);
  if (FEED_PROXY_HOSTS.has(parsed.hostname.toLowerCase())) return outletBehindFeedProxy(parsed, linkHrefs()) ?? outletForUrl(url);
  return outletForUrl(url);
}

/** Cleaning rules of the outlet an original URL belongs to, if it has any. */
export function boilerplateForUrl(url: string): BoilerplateRules | undefined {
  return findDefinition(new URL(url))?.boilerplate;
}

/** The section the outlet of an original URL files it under, in the outlet's words (see SectionReader). */
export function outletSectionOf(url: string, title: string): string | undefined {
  const parsed = new URL(url);
  return findDefinition(parsed)?.section?.(decodeSegments(parsed), title);
}

/** The title without the outlet's name appended to it; never empties a title. */
export function stripOutletSuffix(title: string, url: string): string {
  const suffix = findDefinition(new URL(url))?.titleSuffix;
  const trimmed = suffix ? title.replace(suffix, '').trim() : title;
  return trimmed || title;
}

function decodeSegments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}
