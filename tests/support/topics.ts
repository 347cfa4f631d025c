import assert from 'node:assert/strict';
import { buildTopics } from '../../src/lib/topics.ts';
import type { LoadedArticle } from './articles.ts';

/** No subject is a function word, a single character, a number or boilerplate; every one holds Han characters, or (in English) starts with a capital. */
export function assertSubjectsClean(articles: LoadedArticle[]): void {
  const forbidden = /^(?:.|的|了|是|在|和|与|我们|他们|你们|这个|那个|表示|可能|已经|没有|记者|获取更多RSS|feedx|分享|广告)$/u;
  for (const article of articles) {
    for (const subject of article.data.subjects) {
      assert.doesNotMatch(subject, forbidden, `${article.file}: ${subject}`);
      assert.match(subject, article.data.lang === 'en' ? /^\p{Lu}/u : /\p{Script=Han}/u, `${article.file}: ${subject}`);
      assert.doesNotMatch(subject, /^\d/, `${article.file}: ${subject}`);
    }
  }
}

/** Topics built with `min`: each subject has enough articles, no two topics share a URL, every listing agrees with its articles. Returns the topic names. */
export function assertTopicsConsistent(articles: LoadedArticle[], min: number): string[] {
  const { topics, byArticle } = buildTopics(articles, { minSubjectArticles: min });
  assert.ok(topics.length > 0, 'no topics at all');
  assert.equal(new Set(topics.map((topic) => topic.slug)).size, topics.length);
  for (const topic of topics) {
    assert.notEqual(topic.slug, '');
    if (!topic.kinds.includes('section')) assert.ok(topic.articleIds.length >= min, `${topic.name} has ${topic.articleIds.length}`);
    assert.equal(new Set(topic.articleIds).size, topic.articleIds.length);
    for (const id of topic.articleIds) assert.ok(byArticle.get(id)!.some((ref) => ref.slug === topic.slug));
  }
  return topics.map((topic) => topic.name);
}
