import { toSimplified } from './chinese.ts';

/**
 * Sections: where the outlet filed an article (its desk, column or programme), read from the
 * original URL's path or a title kicker, and mapped onto one shared vocabulary so that the
 * same desk has one name across outlets (美国, 美國, us and united-states are all 美国).
 */

/** Outlet section names and URL slugs → the shared section name. Keys are lower-case and Simplified. */
const SHARED_SECTIONS: Record<string, string> = {
  china: '中国', 'chinese-news': '中国', 中国: '中国',
  world: '国际', international: '国际', 国际: '国际', aopl: '国际',
  us: '美国', usa: '美国', 'united-states': '美国', 美国: '美国',
  asia: '亚洲', 'asia-pacific': '亚洲', 亚洲: '亚洲', 亚太: '亚洲',
  europe: '欧洲', 欧洲: '欧洲',
  france: '法国', 法国: '法国',
  germany: '德国', 德国: '德国',
  uk: '英国', britain: '英国', 英国: '英国',
  'middle-east': '中东', 中东: '中东',
  africa: '非洲', 非洲: '非洲',
  business: '经济', economy: '经济', 'finance-and-economics': '经济', 经贸: '经济', 经济: '经济', 财经: '经济',
  经济纵横: '经济', jingmao: '经济', afe: '经济', 今日经济: '经济',
  science: '科技', 'science-and-technology': '科技', technology: '科技', 科技: '科技', 科技与文化: '科技', ait: '科技',
  culture: '文化', 文化: '文化', 文化经纬: '文化', acul: '文化',
  politics: '政治', 政治: '政治', 时政风云: '政治', aipl: '政治', zhengzhi: '政治',
  taiwan: '台湾', 台湾: '台湾',
  hongkong: '香港', 'hong-kong': '香港', 香港: '香港',
  港澳台: '港澳台', gangtai: '港澳台', 'hk-taiwan': '港澳台',
  两岸: '两岸', acn: '两岸',
  firstnews: '要闻', 要闻: '要闻',
  opinion: '评论', 评论: '评论', leaders: '评论',
  junshiwaijiao: '军事外交', renquanfazhi: '人权法治',
  style: '生活', lifestyle: '生活', environment: '环境', football: '体育', sport: '体育', 'us-news': '美国', 'uk-news': '英国',
  indepth: '深度', fooc: '记者来鸿', 'morning-brief': '简报', letters: '读者来信', podcasts: '播客',
};

/** URL path segments that are not sections: article slugs, ids and generic folders. */
const NOT_SECTIONS = new Set(['contenu', 'a', 'news', 'article', 'story', 'realtime', 'gb', 'b5', 'zh', 'cn', 'simp', 'trad', 'zhongwen', 'rfi']);

function decodeSegments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean).map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/** The raw section an outlet gives, from its URL layout or title; undefined when it gives none. */
function rawSection(url: URL, title: string): string | undefined {
  const host = url.hostname.replace(/^www\./, '');
  const path = decodeSegments(url);
  const kicker = /\s[-–]\s([^-–\s]{2,8})$/.exec(title)?.[1];
  if (host === 'rfi.fr') {
    // /cn/<section>/<date-slug> or /cn/专栏检索/<column>/<date-slug>
    const [lang, first, second, third] = path;
    if (lang !== 'cn') return kicker;
    if (first === '专栏检索') return third ? second : kicker;
    return second ? first : kicker;
  }
  if (host === 'bbc.com' || host === 'bbc.co.uk') return /^(?:zhongwen\/(?:simp|trad)\/)([a-z-]+?)-\d+$/.exec(path.join('/'))?.[1];
  if (host === 'dw.com') return path[0] === 'zh' && path.length >= 4 ? path[1] : undefined;
  if (host === 'voachinese.com' || host === 'voanews.com') return path[0] === 'a' && path.length >= 4 ? path[1] : undefined;
  if (host === 'cna.com.tw') return path[0] === 'news' ? path[1] : undefined;
  if (host === 'zaobao.com' || host === 'zaobao.com.sg') return path.length >= 3 ? path[1] : undefined;
  if (host === 'rfa.org') return path[1] === 'yataibaodao' && path.length >= 4 ? path[2] : undefined;
  if (host === 'cn.nytimes.com') return path.length >= 3 ? path[0] : undefined;
  if (host === 'economist.com' || host === 'theguardian.com') return /^\d{4}$/.test(path[1] ?? '') ? path[0] : undefined;
  if (host === 'rti.org.tw') return /^\[([^\]]{1,8})\]/.exec(title)?.[1];
  return undefined;
}

/** The shared section name for an article, or undefined when the outlet files it nowhere. */
export function sectionOf(url: string, title: string): string | undefined {
  const raw = rawSection(new URL(url), title)?.trim();
  if (!raw || NOT_SECTIONS.has(raw.toLowerCase()) || /^\d/.test(raw) || raw.length > 24) return undefined;
  const simplified = toSimplified(raw).toLowerCase();
  return SHARED_SECTIONS[simplified] ?? simplified;
}
