import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PageRecord } from './page-plan.ts';

/**
 * The output folder kept between builds: a page whose cache key is unchanged is left alone (not
 * rendered, not copied: see page-plan.ts). What the last build wrote is
 * remembered in the cache folder, so that a page this build no longer makes (a removed article,
 * a day left empty) is deleted and the folder ends as a cold build would leave it.
 */

export interface OutputRecord {
  /** The output folder the build wrote. */
  outDir: string;
  /** The settings it was built with: another setting (base path, site, search) starts from an empty folder. */
  settings: string;
  /** The pages and feeds it wrote or left in place, relative to outDir. */
  files: string[];
  /** What rendered the pages (a digest of the site's code), and each keyed page's key and file. */
  code?: string;
  pages?: PageRecord;
}

/** Whether the output folder can be kept as the last build left it, or must start empty. */
export function canKeepOutput(record: OutputRecord | undefined, outDir: string, settings: string): record is OutputRecord {
  return record !== undefined && record.outDir === outDir && record.settings === settings && Array.isArray(record.files);
}

/** Pages and feeds of the last build that this one did not write. */
export function staleOutputs(previous: readonly string[], current: readonly string[]): string[] {
  const now = new Set(current);
  return previous.filter((file) => !now.has(file));
}

/**
 * Files every build writes anew, removed before it starts: the bundled scripts and styles
 * (named by their content, so old ones would pile up) and the sitemap files (fewer, if the site
 * shrank).
 */
export function isRewrittenEveryBuild(path: string): boolean {
  return path === '_astro' || /^sitemap-(?:index|\d+)\.xml$/.test(path);
}

/**
 * The files' paths relative to the output folder, as `relative(outDir, fileURLToPath(url))` gives
 * them: read off each URL after the folder's own for the URLs inside it, a sixth of the time over
 * the 72,000 files of a large archive's build.
 */
export function outputPaths(urls: Iterable<URL>, outDir: string): string[] {
  const inside = pathToFileURL(outDir.endsWith('/') ? outDir : `${outDir}/`).href;
  const paths: string[] = [];
  for (const url of urls) paths.push(url.href.startsWith(inside) ? decodeURIComponent(url.href.slice(inside.length)) : relative(outDir, fileURLToPath(url)));
  return paths;
}
