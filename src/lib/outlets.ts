import type { BoilerplateRules } from './clean.ts';

/**
 * The outlets this generator knows by name, and the boilerplate each one adds to its items.
 * An unknown host still works: it becomes an outlet named after the host, with only the
 * generic rules applied.
 */

export interface Outlet {
  /** URL-safe, stable: used in /sources/<slug>/. */
  slug: string;
  /** Readable name shown to readers. */
  name: string;
}

interface OutletDefinition extends Outlet {
  /** Hosts of the original URLs (a leading `www.` is ignored). */
  hosts: readonly string[];
  boilerplate?: BoilerplateRules;
}

const rules = (partial: Partial<BoilerplateRules>): BoilerplateRules => ({
  selectors: [],
  blockPrefixes: [],
  tailMarkers: [],
  blockPatterns: [],
  textPatterns: [],
  linkLists: [],
  unwrap: [],
  sourceFixes: [],
  ...partial,
});

export const OUTLETS: readonly OutletDefinition[] = [
  {
    slug: 'rfi', name: 'RFI 法广', hosts: ['rfi.fr'],
    boilerplate: rules({
      selectors: [
        '.o-self-promo', '.m-interstitial', '.m-block-ad', '[data-tms-ad-type]', '[data-readmore-unlocker]',
        '.m-main-media-btn', 'p.t-copyright', 'img[src*="static.rfi.fr/meta_og_twcards/"]',
      ],
    }),
  },
  {
    slug: 'bbc', name: 'BBC 中文', hosts: ['bbc.com', 'bbc.co.uk'],
    boilerplate: rules({
      selectors: [
        'section[data-e2e="advertisement"]', '.dotcom-ad', '.bbccom_slot', '.mpu-ad', 'h1#content',
        'strong[aria-hidden="true"]', '.off-screen', '[class*="VisuallyHiddenText"]', 'img[alt="Presentational grey line"]',
      ],
    }),
  },
  {
    slug: 'dw', name: '德国之声', hosts: ['dw.com'],
    boilerplate: rules({ tailMarkers: ['德国之声版权声明'], blockPrefixes: ['德国之声致力于为您提供客观中立的新闻报道'] }),
  },
  { slug: 'voa', name: '美国之音', hosts: ['voachinese.com', 'voanews.com'] },
  {
    slug: 'cna', name: '中央社', hosts: ['cna.com.tw'],
    boilerplate: rules({
      selectors: [
        '.moreArticle', '.bottomArticleBanner', '.adslot_infinite', '[data-dfp]', '.SubscriptionInner',
        '.dictionary-box', '.dic-icon', '.topicbox', '.infogram-embed',
      ],
    }),
  },
  // Zaobao's ad slots are empty elements: the generic empty-block rule already removes them.
  { slug: 'zaobao', name: '联合早报', hosts: ['zaobao.com', 'zaobao.com.sg'] },
  { slug: 'cdt', name: '中国数字时代', hosts: ['chinadigitaltimes.net'] },
  { slug: 'reuters', name: '路透中文', hosts: ['cn.reuters.com', 'reuters.com'] },
  { slug: 'rfa', name: '自由亚洲电台', hosts: ['rfa.org'] },
  { slug: 'nytimes', name: '纽约时报中文网', hosts: ['cn.nytimes.com', 'nytimes.com'] },
  { slug: 'epochtimes', name: '大纪元', hosts: ['epochtimes.com'] },
  { slug: 'economist', name: 'The Economist', hosts: ['economist.com'] },
  { slug: 'wqw', name: '维权网', hosts: ['wqw2010.blogspot.com'] },
  { slug: 'bitterwinter', name: '寒冬', hosts: ['zh.bitterwinter.org', 'bitterwinter.org'] },
  { slug: 'rti', name: '中央廣播電臺', hosts: ['rti.org.tw'] },
  { slug: 'solidot', name: 'Solidot', hosts: ['solidot.org'] },
  { slug: 'ft', name: 'FT 中文网', hosts: ['cn.ft.com', 'ftchinese.com'] },
  { slug: 'cctv', name: '新闻联播', hosts: ['cn.govopendata.com'] },
  { slug: 'guardian', name: 'The Guardian', hosts: ['theguardian.com'] },
  { slug: 'reddit', name: 'Reddit', hosts: ['reddit.com'] },
  { slug: 'youtube', name: 'YouTube', hosts: ['youtube.com'] },
  { slug: 'heise', name: 'heise', hosts: ['heise.de'] },
];

const BY_HOST = new Map<string, OutletDefinition>(
  OUTLETS.flatMap((outlet) => outlet.hosts.map((host) => [host, outlet] as const)),
);

function findDefinition(hostname: string): OutletDefinition | undefined {
  // Try the host, then each parent domain: news.bbc.co.uk → bbc.co.uk.
  let host = hostname.toLowerCase().replace(/^www\./, '');
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
  const hostname = new URL(url).hostname;
  const known = findDefinition(hostname);
  if (known) return { slug: known.slug, name: known.name };
  const host = hostname.toLowerCase().replace(/^www\./, '');
  return { slug: host.replace(/[^a-z0-9.-]/g, '-'), name: host };
}

/** Boilerplate rules of the outlet an original URL belongs to, if it has any. */
export function boilerplateForUrl(url: string): BoilerplateRules | undefined {
  return findDefinition(new URL(url).hostname)?.boilerplate;
}

export { rules as defineBoilerplate };
