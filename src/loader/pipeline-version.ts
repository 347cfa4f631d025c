import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';

/** Libraries whose output ends up in an article, besides this project's own src/lib. */
const PIPELINE_PACKAGES = ['cheerio', 'sanitize-html', '@node-rs/jieba', 'opencc-js', 'htmlparser2', 'compromise'];

/**
 * A digest of src/lib and of the versions of the libraries it uses: what a stored article was made
 * by. It is part of every file's digest, so that an upgraded generator parses every file again
 * rather than keep articles cleaned by old rules. Throws when a file it needs cannot be read: an
 * empty or partial version would let old output stand. `projectRoot` is for tests.
 */
export async function pipelineVersion(projectRoot = new URL('../../', import.meta.url)): Promise<string> {
  const hash = createHash('sha1');
  try {
    const libDir = new URL('src/lib/', projectRoot);
    for (const name of (await readdir(libDir)).filter((file) => file.endsWith('.ts')).sort()) {
      hash.update(name).update(await readFile(new URL(name, libDir)));
    }
    for (const name of PIPELINE_PACKAGES) {
      const { version } = JSON.parse(await readFile(new URL(`node_modules/${name}/package.json`, projectRoot), 'utf8'));
      if (typeof version !== 'string') throw new Error(`${name}'s package.json names no version`);
      hash.update(`${name}@${version}`);
    }
  } catch (error) {
    throw new Error(`cannot tell which version of the cleaning code stored articles were made by: ${(error as Error).message}`);
  }
  return hash.digest('base64url');
}
