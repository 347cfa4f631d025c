import { tag } from './segmenter.ts';
import { toSimplified } from './chinese.ts';
import { extractEnglishSubjects } from './english-subjects.ts';
import { occurrences } from './text.ts';

/**
 * Subjects: the people, places and organisations an article is about. Chinese has no spaces,
 * so words come from jieba (a dictionary + HMM segmenter) with its part-of-speech tags, which
 * tell names of people (nr), places (ns) and organisations (nt) from ordinary words.
 * Traditional text is converted to Simplified first: jieba's dictionary is Simplified, and
 * 習近平 and 习近平 should be one subject.
 */

/** Only the title and the opening of the text are tagged: news names its subjects early, and tagging costs time with every character. */
export const TAGGED_PREFIX_CHARS = 800;
/** Candidates kept per article, most salient first. */
export const MAX_SUBJECTS_PER_ARTICLE = 12;

const NAME_TAGS = new Set(['nr', 'nrt', 'nrfg']);
const SUBJECT_TAGS = new Set([...NAME_TAGS, 'ns', 'nt']);

/**
 * Words the tagger takes for names but that never make a useful topic: generic place words,
 * news-agency bylines and frequent tagging mistakes seen in the corpus.
 */
export const SUBJECT_STOP_WORDS: ReadonlySet<string> = new Set([
  // bylines and the outlets themselves: every article of an outlet would share them
  '中央社', '法广', '美国之音', '德国之声', '自由亚洲电台', '大纪元', '新华社', '路透社', '法新社', '美联社', '德新社', '共同社',
  '中新社', '纽约时报', '联合早报', '本台', '本网', '记者', '编辑', '责编', '网编',
  // generic geography and institutions
  '国际', '全球', '世界', '各地', '当地', '全国', '国内', '海外', '境外', '地区', '西方', '东方', '南方', '北方', '中央', '地方', '亚太',
  // tagging mistakes (verbs, adjectives and phrases tagged as names)
  '关系密切', '大力支持', '保守派', '安抚', '顾问', '封锁', '施舍', '高昂', '白宫', '新日', '日美军', '达成协议', '和平',
  '城市', '东西', '史实', '陈述', '宣言', '大亨', '上市', '回国', '友谊', '小提琴', '司法公正', '国家机关', '外国', '顾客', '两国',
  '康复', '谢谢', '杜绝', '国际广播电台', '卫星', '新政府', '许可', '时髦', '老公', '太多', '英雄', '洪水', '江水', '高僧', '祝寿',
  '华裔', '权贵', '中国化', '东区', '封信', '别以为', '万分之', '无人驾驶', '荷兰人', '今天上午', '龙飞',
  '明日', '今日', '昨日', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '上午', '下午', '晚间', '早前',
]);

/** A subject name: 2 to 12 characters, at least one Han character (Latin names are not tagged reliably). */
function isPlausibleSubject(word: string): boolean {
  return word.length >= 2 && word.length <= 12 && /\p{Script=Han}/u.test(word) && !/^\p{Script=Han}?\d/u.test(word) && !SUBJECT_STOP_WORDS.has(word);
}

/** Runs of name tokens with a one-character piece are one name the dictionary lacks: 斯托尔+滕+贝格, 杨+明珠. */
function taggedNames(text: string): string[] {
  const names: string[] = [];
  const tokens = tag(text, true);
  for (let i = 0; i < tokens.length; i++) {
    const { word, tag: pos } = tokens[i];
    if (!SUBJECT_TAGS.has(pos)) continue;
    if (!NAME_TAGS.has(pos)) {
      names.push(word);
      continue;
    }
    let name = word;
    let hasFragment = word.length === 1;
    while (i + 1 < tokens.length && NAME_TAGS.has(tokens[i + 1].tag)) {
      const next = tokens[i + 1].word;
      if (!(hasFragment || next.length === 1)) break;
      hasFragment ||= next.length === 1;
      name += next;
      i++;
    }
    names.push(name);
  }
  return names;
}


/**
 * The article's subject candidates, most salient first: names found in the title and the
 * opening, kept when the title names them or the whole text mentions them at least twice.
 * Whether a candidate becomes a topic is decided across the corpus (see topics.ts).
 */
export function extractSubjects(title: string, text: string, lang: string): string[] {
  if (lang === 'en') return extractEnglishSubjects(title, text);
  if (!lang.startsWith('zh')) return [];
  const simplifiedTitle = lang === 'zh-Hant' ? toSimplified(title) : title;
  const simplifiedText = lang === 'zh-Hant' ? toSimplified(text) : text;
  const opening = `${simplifiedTitle}\n${simplifiedText.slice(0, TAGGED_PREFIX_CHARS)}`;
  const mentions = new Map<string, number>();
  for (const name of taggedNames(opening)) {
    if (!mentions.has(name) && isPlausibleSubject(name)) mentions.set(name, occurrences(`${simplifiedTitle}\n${simplifiedText}`, name));
  }
  const scored = new Map<string, number>();
  for (const [name, count] of mentions) {
    // A fragment of a longer name that never occurs on its own (斯托 of 斯托尔滕贝格) is not a subject.
    const fragment = [...mentions].some(([other, otherCount]) => other !== name && other.includes(name) && otherCount >= count);
    const inTitle = simplifiedTitle.includes(name);
    if (!fragment && (inTitle || count >= 2)) scored.set(name, (inTitle ? 100 : 0) + count);
  }
  return [...scored]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_SUBJECTS_PER_ARTICLE)
    .map(([name]) => name);
}
