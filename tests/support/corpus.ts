import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The two sample articles the default build publishes: the project's own, read where they live. */
export const SEEDS_DIR = join(PROJECT_ROOT, 'content');
export const FIXTURES_DIR = join(PROJECT_ROOT, 'tests/fixtures');

/** Where the real-capture suite looks when NEWS_TEST_CORPUS is not set: beside the project. */
const DEFAULT_REAL_CORPUS = '../shared/corpus/real';

/**
 * The folder of real captures that `npm run test:corpus` reads. Only that suite calls this:
 * third-party articles never enter the repository, so the default suite cannot depend on them.
 * A missing folder is an error, never a silent pass.
 */
export function realCorpusDir(): string {
  const named = process.env.NEWS_TEST_CORPUS;
  const dir = resolve(PROJECT_ROOT, named || DEFAULT_REAL_CORPUS);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `The real-capture corpus is missing: ${dir} is not a folder. ` +
        `Set NEWS_TEST_CORPUS to a folder of real captures (with its MANIFEST.tsv), or place the corpus at ${DEFAULT_REAL_CORPUS} beside the project.`,
    );
  }
  return dir;
}
