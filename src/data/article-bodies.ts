import { BodyFiles, bodyOf, storyFeaturesOf, type BodyInStore } from '../loader/body-files.ts';
import { BUILD } from '../site.config.ts';

/** The cleaned bodies of this build's articles, kept beside the content store (src/loader/body-files.ts). */
export const articleBodies = new BodyFiles(BUILD.bodiesDir);

/** An article's cleaned body, as its page and full-content feeds show it. */
export function articleBody(entry: BodyInStore): string {
  return bodyOf(entry, articleBodies);
}

/** An article's story features (for the story pairs), kept beside its body. */
export function articleStoryFeatures(entry: BodyInStore): string {
  return storyFeaturesOf(entry, articleBodies);
}
