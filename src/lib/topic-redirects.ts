import { topicSlug, type Topic } from './topics.ts';

/**
 * Topic URLs that must keep working though no topic has them now: another spelling of a topic's
 * name (/topics/川普/ is /topics/特朗普/ now that the two are one topic), and a topic an earlier
 * build published that this one does not (its name was found not to be a subject, or its
 * articles are gone). The first lead to their topic, the second to the topics index.
 */
export interface TopicRedirect {
  slug: string;
  /** The name the URL was published under. */
  name: string;
  /** The topic it leads to, or undefined for the topics index. */
  to?: { slug: string; name: string };
}

/** `published` maps slugs that earlier builds published to their names. */
export function topicRedirects(topics: readonly Topic[], published: ReadonlyMap<string, string>): TopicRedirect[] {
  const current = new Set(topics.map((topic) => topic.slug));
  const redirects = new Map<string, TopicRedirect>();
  for (const topic of topics) {
    for (const variant of topic.variants) {
      const slug = topicSlug(variant);
      if (slug && !current.has(slug) && !redirects.has(slug)) redirects.set(slug, { slug, name: variant, to: { slug: topic.slug, name: topic.name } });
    }
  }
  for (const [slug, name] of published) {
    if (!current.has(slug) && !redirects.has(slug)) redirects.set(slug, { slug, name });
  }
  return [...redirects.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1));
}
