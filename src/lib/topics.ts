/**
 * Topic indexes: sections (where outlets file an article) and subjects (who and what it is
 * about). A topic is identified by its slug, made from its name, so its URL is stable across
 * builds and readable (Chinese kept). A section and a subject of the same name are one topic:
 * a reader looking for 美国 wants one page.
 */

export type TopicKind = 'section' | 'subject';

export interface TopicRef {
  slug: string;
  name: string;
}

export interface Topic extends TopicRef {
  kinds: TopicKind[];
  /** Newest first, as the input was. */
  articleIds: string[];
}

export interface TopicSource {
  id: string;
  data: { section?: string; subjects: readonly string[] };
}

export interface TopicOptions {
  /** A subject becomes a topic only when this many articles are about it. */
  minSubjectArticles: number;
}

/** Subjects need more articles in a large archive, where chance co-occurrence is common. */
export function defaultMinSubjectArticles(articleCount: number): number {
  return articleCount < 100 ? 2 : 3;
}

/** A URL-safe, readable slug: letters (any script) and digits kept, lower-cased; everything else becomes single hyphens. */
export function topicSlug(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/**
 * Topics of a corpus (articles newest first): every section, and every subject of at least
 * `minSubjectArticles` articles. Topics are sorted by article count, then by slug; each
 * article's topics list sections before subjects, in the article's own order of salience.
 */
export function buildTopics(articles: readonly TopicSource[], options: TopicOptions): { topics: Topic[]; byArticle: Map<string, TopicRef[]> } {
  const subjectCounts = new Map<string, number>();
  for (const article of articles) {
    for (const subject of new Set(article.data.subjects)) subjectCounts.set(subject, (subjectCounts.get(subject) ?? 0) + 1);
  }
  const topics = new Map<string, Topic>();
  const byArticle = new Map<string, TopicRef[]>();
  const assign = (article: TopicSource, name: string, kind: TopicKind) => {
    const slug = topicSlug(name);
    if (!slug) return;
    let topic = topics.get(slug);
    if (!topic) topics.set(slug, (topic = { slug, name, kinds: [], articleIds: [] }));
    if (!topic.kinds.includes(kind)) topic.kinds.push(kind);
    const refs = byArticle.get(article.id) ?? [];
    if (refs.some((ref) => ref.slug === slug)) return;
    refs.push({ slug, name: topic.name });
    byArticle.set(article.id, refs);
    topic.articleIds.push(article.id);
  };
  for (const article of articles) {
    if (article.data.section) assign(article, article.data.section, 'section');
    for (const subject of article.data.subjects) {
      if ((subjectCounts.get(subject) ?? 0) >= options.minSubjectArticles) assign(article, subject, 'subject');
    }
  }
  const sorted = [...topics.values()].sort((a, b) => b.articleIds.length - a.articleIds.length || (a.slug < b.slug ? -1 : 1));
  return { topics: sorted, byArticle };
}
