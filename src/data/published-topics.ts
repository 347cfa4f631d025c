import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Topic } from '../lib/topics.ts';
import { BUILD } from '../site.config.ts';

/**
 * The topic URLs every build so far has published, kept beside the content store, so that a
 * topic this build no longer has still answers (see topic-redirects.ts). Also read by the
 * sitemap, which leaves those answers out.
 */
export const PUBLISHED_TOPICS_FILE = resolve(BUILD.cacheDir, 'published-topics.json');

interface PublishedTopics {
  /** slug → name, every topic any build published. */
  published: Record<string, string>;
  /** The slugs this build answers with a redirect, for the sitemap. */
  redirects: string[];
}

export function readPublishedTopics(): Map<string, string> {
  if (!existsSync(PUBLISHED_TOPICS_FILE)) return new Map();
  try {
    const { published } = JSON.parse(readFileSync(PUBLISHED_TOPICS_FILE, 'utf8')) as PublishedTopics;
    return new Map(Object.entries(published ?? {}));
  } catch {
    return new Map();
  }
}

export function writePublishedTopics(previous: ReadonlyMap<string, string>, topics: readonly Topic[], redirects: readonly string[]): void {
  const published = Object.fromEntries([...previous, ...topics.map((topic) => [topic.slug, topic.name] as const)].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  mkdirSync(dirname(PUBLISHED_TOPICS_FILE), { recursive: true });
  writeFileSync(PUBLISHED_TOPICS_FILE, JSON.stringify({ published, redirects: [...redirects] } satisfies PublishedTopics));
}

/** The base-relative paths of this build's topic redirects (`topics/<slug>/` and its feed), read after the build for the sitemap. */
export function redirectedTopicPaths(): Set<string> {
  if (!existsSync(PUBLISHED_TOPICS_FILE)) return new Set();
  const { redirects } = JSON.parse(readFileSync(PUBLISHED_TOPICS_FILE, 'utf8')) as PublishedTopics;
  return new Set((redirects ?? []).map((slug) => `topics/${slug}/`));
}
