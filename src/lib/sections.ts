import { toSimplified } from './chinese.ts';
import { outletSectionOf } from './outlets.ts';

/**
 * Sections: where the outlet filed an article (its desk, column or programme), as its entry in
 * outlets.ts reads it from the original URL or the title, mapped onto one shared vocabulary so
 * that the same desk has one name across outlets (美国, 美國, us and united-states are all 美国).
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

/** The shared section name for an article, or undefined when the outlet files it nowhere. */
export function sectionOf(url: string, title: string): string | undefined {
  const raw = outletSectionOf(url, title)?.trim();
  if (!raw || NOT_SECTIONS.has(raw.toLowerCase()) || /^\d/.test(raw) || raw.length > 24) return undefined;
  const simplified = toSimplified(raw).toLowerCase();
  return SHARED_SECTIONS[simplified] ?? simplified;
}
