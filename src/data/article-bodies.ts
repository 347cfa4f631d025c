import { BodyFiles, bodyOf } from '../loader/body-files.ts';
import { BUILD } from '../site.config.ts';

/** The cleaned bodies of this build's articles, kept beside the content store (src/loader/body-files.ts). */
export const articleBodies = new BodyFiles(BUILD.bodiesDir);

/** An article's cleaned body, as its page and full-content feeds show it. */
export function articleBody(entry: { digest?: string | number; rendered?: { html: string } }): string {
  return bodyOf(entry, articleBodies);
}
