import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Libraries whose output ends up in an article, besides this project's own code. */
const PIPELINE_PACKAGES = ['cheerio', 'sanitize-html', '@node-rs/jieba', 'opencc-js', 'htmlparser2', 'compromise'];

/** The module that turns a capture file into an article (src/loader/article-worker.ts calls it). */
const PARSE_ENTRY = 'src/lib/article.ts';

/** Relative module specifiers of a module's static imports and re-exports (type-only ones too) and of its dynamic imports. */
const RELATIVE_IMPORT = /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/**
 * A digest of the code that makes an article (the parsing module and every module of this project
 * it imports, however deep) and of the versions of the libraries it uses. It is part of every
 * file's digest, so that an upgraded generator parses every file again rather than keep articles
 * cleaned by old rules; code that only arranges stored articles (topics, pages, search) changes
 * it not, and costs no parsing. Throws when a file it needs cannot be read: an empty or partial
 * version would let old output stand. `projectRoot` is for tests.
 */
export async function pipelineVersion(projectRoot = new URL('../../', import.meta.url)): Promise<string> {
  try {
    return await codeVersion([PARSE_ENTRY], PIPELINE_PACKAGES, projectRoot);
  } catch (error) {
    throw new Error(`cannot tell which version of the cleaning code stored articles were made by: ${(error as Error).message}`);
  }
}

/**
 * A digest of the modules at `entries` (paths from the project's root), every module of this
 * project they import, however deep, and the versions of `packages`: what output kept between
 * builds was made by. Throws when a file it needs cannot be read.
 */
export async function codeVersion(entries: readonly string[], packages: readonly string[], projectRoot = new URL('../../', import.meta.url)): Promise<string> {
  const hash = createHash('sha1');
  for (const [name, text] of await importClosure(entries.map((entry) => new URL(entry, projectRoot)), projectRoot)) hash.update(name).update('\0').update(text);
  for (const name of packages) {
    const { version } = JSON.parse(await readFile(new URL(`node_modules/${name}/package.json`, projectRoot), 'utf8'));
    if (typeof version !== 'string') throw new Error(`${name}'s package.json names no version`);
    hash.update(`${name}@${version}`);
  }
  return hash.digest('base64url');
}

/** The modules at `entries` and every module they import by a relative path, by path from `root`, in path order, each with its text. */
async function importClosure(entries: readonly URL[], root: URL): Promise<[string, string][]> {
  const modules = new Map<string, string>();
  const visit = async (url: URL) => {
    const name = url.pathname.slice(root.pathname.length);
    if (modules.has(name)) return;
    const text = await readFile(url, 'utf8');
    modules.set(name, text);
    for (const match of text.matchAll(RELATIVE_IMPORT)) await visit(new URL(match[1] ?? match[2] ?? match[3], url));
  };
  for (const entry of entries) await visit(entry);
  return [...modules].sort(([a], [b]) => (a < b ? -1 : 1));
}
