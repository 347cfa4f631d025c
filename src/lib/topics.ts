/**
 * Topic indexes: sections (where outlets file an article) and subjects (who and what it is
 * about). A topic is identified by its slug, made from its name, so its URL is stable across
 * builds and readable (Chinese kept). A section and a subject of the same name are one topic:
 * a reader looking for 美国 wants one page.
 */

import { toSimplified } from './chinese.ts';
import { Remembered } from './remembered.ts';
import { barePlaceName, canonicalTopicName } from './topic-aliases.ts';
import { isChinesePersonName, isDictionaryName, isDictionaryWord, isTransliteration, isTransliterationChar, subjectKind, type SubjectKind } from './subject-kinds.ts';
import { discoverTitleNames, NameMatcher, type TitleName } from './title-names.ts';
import { occurrences } from './text.ts';

export type TopicKind = 'section' | SubjectKind;

export interface TopicRef {
  slug: string;
  name: string;
}

export interface Topic extends TopicRef {
  /** 'section' first when it is one, then its kind of subject. */
  kinds: TopicKind[];
  /** Other spellings of the name seen in the articles (川普 for 特朗普), in the order of their first use. */
  variants: string[];
  /** Newest first, as the input was. */
  articleIds: string[];
}

export interface TopicSource {
  id: string;
  data: { title?: string; lang?: string; summary?: string; outlet?: { slug: string }; section?: string; subjects: readonly string[] };
}

export interface TopicOptions {
  /** A subject becomes a topic only when this many articles are about it. */
  minSubjectArticles: number;
  /** ...and it is named in this many titles (0: no title needed, for small collections). */
  minTitles?: number;
}

/** A URL-safe, readable slug: letters (any script) and digits kept, lower-cased; everything else becomes single hyphens. */
export function topicSlug(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/**
 * Traditional titles and summaries in Simplified, by text: the conversion is most of a second over
 * a large archive's, the same texts every build.
 */
export const simplifiedTexts = new Remembered<string>(toSimplified, 500_000);

function foldedText(article: TopicSource, text: string | undefined): string {
  if (!text) return '';
  return article.data.lang === 'zh-Hant' ? simplifiedTexts.get(text) : text;
}

export interface SubjectName {
  /** The topic the name stands for: itself, or its group's first spelling (川普 → 特朗普, 吉林省 → 吉林). */
  topic: string;
  kind: SubjectKind;
}

/** The larger share, of the two sides, of a title name's occurrences with a transliteration character on that side. */
function transliteratedNeighbourShare({ left, right, occurrences: seen }: TitleName): number {
  const share = (side: ReadonlyMap<string, number>) => {
    let bound = 0;
    for (const [char, count] of side) if (isTransliterationChar(char)) bound += count;
    return bound / seen;
  };
  return Math.max(share(left), share(right));
}

/** What follows a country or city in a headline and seldom a person (科威特外长, 阿拉斯加北部, 里昂市), and what follows a person (拜登称, 蓬佩奥访台). */
const AFTER_A_PLACE = new Set([...'首外军境驻市省北南西东']);
const AFTER_A_PERSON = new Set([...'称说表会访批呼指宣谈与见辞就接再将']);

/**
 * Whether a name the dictionary or its shape calls a person reads as a place in the titles: the
 * dictionary files many countries and cities as names of people (伊拉克, 莫斯科, 新德里).
 */
function readsAsPlace(context: TitleName | undefined): boolean {
  if (!context || isChinesePersonName(context.name)) return false;
  let place = 0;
  let person = 0;
  for (const [char, count] of context.right) {
    if (AFTER_A_PLACE.has(char)) place += count;
    if (AFTER_A_PERSON.has(char)) person += count;
  }
  return place > person && place >= 0.15 * context.occurrences;
}

/**
 * The subject names of a collection, by spelling: names that recur in its titles (see
 * title-names.ts; in a small collection, the names the segmenter tagged in its articles), each
 * kept when it is a person, place, organisation or other named subject (subject-kinds.ts) and is
 * seldom only part of a longer name. `texts` are the folded titles (and, in a small collection,
 * titles and summaries) the counts are made over.
 */
export function subjectNames(articles: readonly TopicSource[], texts: readonly string[], minTitles: number): Map<string, SubjectName> {
  const chinese = articles.flatMap((article, index) => (article.data.lang?.startsWith('zh') ? [{ title: texts[index], outlet: article.data.outlet?.slug ?? '' }] : []));
  const outlets = new Set(chinese.map((sample) => sample.outlet)).size;
  const candidates = new Map<string, number>();
  const contexts = new Map<string, TitleName>();
  const discovered = discoverTitleNames(chinese, { minTitles: Math.max(2, minTitles), minOutlets: Math.min(2, outlets), isWord: isDictionaryWord });
  for (const found of discovered) {
    // A transliteration mostly next to more transliteration is a piece of a longer foreign name (尼西亚, 克罗).
    if (isTransliteration(found.name) && transliteratedNeighbourShare(found) > 0.5) continue;
    // Two characters say little: a two-character name needs twice the titles, unless the dictionary knows it as a name.
    if (found.name.length === 2 && /\p{Script=Han}/u.test(found.name) && found.titles < 2 * minTitles && !isDictionaryName(found.name)) continue;
    candidates.set(found.name, found.titles);
    contexts.set(found.name, found);
  }
  // A small collection has too few titles to count on: there the segmenter's names are candidates too.
  if (minTitles === 0) for (const article of articles) for (const subject of article.data.subjects) if (!candidates.has(subject)) candidates.set(subject, 0);
  // English articles name their subjects in Latin letters, found by an English tagger (english-subjects.ts).
  const english = new Set(articles.flatMap((article) => (article.data.lang === 'en' ? article.data.subjects : [])));

  const names = new Map<string, SubjectName>();
  for (const name of new Set([...english, ...candidates.keys()])) {
    const topic = canonicalTopicName(name);
    const kind = subjectKind(topic);
    if (kind) names.set(name, { topic, kind: kind === 'person' && readsAsPlace(contexts.get(name)) ? 'place' : kind });
  }
  // Count each name where it is the longest name; a fragment of longer names seldom is (纳瓦利 of 纳瓦利尼).
  const alone = new Map<string, number>();
  const matcher = new NameMatcher(names.keys());
  for (const { title } of chinese) for (const name of matcher.find(title)) alone.set(name, (alone.get(name) ?? 0) + 1);
  for (const name of [...names.keys()]) {
    if (!candidates.has(name)) continue;
    const count = alone.get(name) ?? 0;
    if (minTitles > 0 || candidates.get(name)! > 0) {
      if (count < minTitles || count < candidates.get(name)! / 2) names.delete(name);
    } else if (!isDictionaryWord(name)) {
      // Few texts say little: only a name the dictionary lacks (a joined guess) is tested.
      if (count < chinese.reduce((sum, { title }) => sum + occurrences(title, name), 0) / 2) names.delete(name);
    }
  }
  for (const [name, subject] of names) {
    if (subject.kind !== 'place') continue;
    const bare = barePlaceName(subject.topic, (other) => names.get(other)?.kind === 'place');
    if (bare) subject.topic = names.get(bare)!.topic;
  }
  return names;
}

/**
 * Topics of a corpus (articles newest first): every section, and every subject of at least
 * `minSubjectArticles` articles. An article is about a subject its title or summary names, or
 * that the segmenter found in its opening. Topics are sorted by article count, then by slug;
 * each article's topics list sections before subjects, in the article's own order of salience.
 */
export function buildTopics(articles: readonly TopicSource[], options: TopicOptions): { topics: Topic[]; byArticle: Map<string, TopicRef[]> } {
  const minTitles = options.minTitles ?? 0;
  const titles = articles.map((article) => foldedText(article, article.data.title));
  const leads = articles.map((article, index) => `${titles[index]}\n${foldedText(article, article.data.summary)}`);
  const names = subjectNames(articles, minTitles > 0 ? titles : leads, minTitles);
  const matcher = new NameMatcher(names.keys());
  const subjectsOf = articles.map((article, index) => {
    const found = article.data.lang?.startsWith('zh') ? matcher.find(leads[index]) : [];
    const spellings = [...new Set([...found, ...article.data.subjects.filter((subject) => names.has(subject))])];
    const byTopic = new Map<string, { topic: string; kind: SubjectKind; spellings: string[] }>();
    for (const spelling of spellings) {
      const { topic, kind } = names.get(spelling)!;
      const entry = byTopic.get(topic) ?? { topic, kind, spellings: [] };
      entry.spellings.push(spelling);
      byTopic.set(topic, entry);
    }
    return [...byTopic.values()];
  });
  const subjectCounts = new Map<string, number>();
  for (const subjects of subjectsOf) for (const { topic } of subjects) subjectCounts.set(topic, (subjectCounts.get(topic) ?? 0) + 1);

  const topics = new Map<string, Topic>();
  const byArticle = new Map<string, TopicRef[]>();
  // A few thousand names, each given to thousands of articles.
  const slugs = new Map<string, string>();
  const assign = (article: TopicSource, name: string, kind: TopicKind, spellings: readonly string[] = []) => {
    let slug = slugs.get(name);
    if (slug === undefined) slugs.set(name, (slug = topicSlug(name)));
    if (!slug) return;
    let topic = topics.get(slug);
    if (!topic) topics.set(slug, (topic = { slug, name, kinds: [], variants: [], articleIds: [] }));
    if (!topic.kinds.includes(kind)) topic.kinds.push(kind);
    for (const spelling of spellings) if (spelling !== topic.name && !topic.variants.includes(spelling)) topic.variants.push(spelling);
    const refs = byArticle.get(article.id) ?? [];
    if (refs.some((ref) => ref.slug === slug)) return;
    refs.push({ slug, name: topic.name });
    byArticle.set(article.id, refs);
    topic.articleIds.push(article.id);
  };
  // Oldest first: a topic's name, kinds and other spellings come in the order the archive first
  // used them, so that new articles add to them but never reorder them. Each of them is shown on
  // every page of the topic, numbered pages included, which would otherwise all change with it.
  for (let index = articles.length - 1; index >= 0; index--) {
    const article = articles[index];
    if (article.data.section) assign(article, article.data.section, 'section');
    for (const { topic, kind, spellings } of subjectsOf[index]) {
      if ((subjectCounts.get(topic) ?? 0) >= options.minSubjectArticles) assign(article, topic, kind, spellings);
    }
  }
  for (const topic of topics.values()) topic.articleIds.reverse();
  const sorted = [...topics.values()].sort((a, b) => b.articleIds.length - a.articleIds.length || (a.slug < b.slug ? -1 : 1));
  for (const topic of sorted) topic.kinds.sort((a, b) => (a === 'section' ? -1 : b === 'section' ? 1 : 0));
  return { topics: sorted, byArticle };
}
