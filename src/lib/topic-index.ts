import { pinyin } from 'pinyin-pro';
import type { Topic, TopicKind } from './topics.ts';

/** How the site names each kind of topic. */
export const TOPIC_KIND_LABELS: Record<TopicKind, string> = {
  section: '栏目',
  person: '人物',
  place: '地点',
  organisation: '机构',
  other: '话题',
};

/** The order of the kinds on the topics index. */
export const TOPIC_KIND_ORDER: readonly TopicKind[] = ['person', 'place', 'organisation', 'other', 'section'];

export interface TopicKindGroup {
  kind: TopicKind;
  label: string;
  /** Most-covered first. */
  topics: Topic[];
}

/** Topics grouped by their first kind (a section that is also a place is listed as a section), most-covered first. */
export function groupTopicsByKind(topics: readonly Topic[]): TopicKindGroup[] {
  return TOPIC_KIND_ORDER.map((kind) => ({
    kind,
    label: TOPIC_KIND_LABELS[kind],
    topics: topics.filter((topic) => topic.kinds[0] === kind).sort((a, b) => b.articleIds.length - a.articleIds.length || (a.slug < b.slug ? -1 : 1)),
  })).filter((group) => group.topics.length > 0);
}

/** A name's sort key in pinyin without tones (Latin names as they are, lower-cased). */
export function pinyinKey(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(' ').toLowerCase();
}

export interface TopicLetterGroup {
  /** A to Z, or '#' for names that start with neither a Han character nor a Latin letter. */
  letter: string;
  topics: Topic[];
}

/** Every topic under the initial of its pinyin (or Latin) name, A to Z, each group in pinyin order. */
export function topicsByInitial(topics: readonly Topic[]): TopicLetterGroup[] {
  const keyed = topics.map((topic) => ({ topic, key: pinyinKey(topic.name) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.topic.slug < b.topic.slug ? -1 : 1));
  const groups = new Map<string, Topic[]>();
  for (const { topic, key } of keyed) {
    const letter = /^[a-z]/.test(key) ? key[0].toUpperCase() : '#';
    const list = groups.get(letter) ?? [];
    list.push(topic);
    groups.set(letter, list);
  }
  return [...groups].sort((a, b) => (a[0] === '#' ? 1 : b[0] === '#' ? -1 : a[0] < b[0] ? -1 : 1)).map(([letter, list]) => ({ letter, topics: list }));
}
