import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArticleEntry, type ArticleEntry } from '../../src/lib/article.ts';
import { FIXED_NOW } from './clock.ts';
import { PROJECT_ROOT, realCorpusDir, SEEDS_DIR } from './corpus.ts';
import { goldenInput, listGoldenCases } from './golden.ts';

export interface LoadedArticle extends ArticleEntry {
  /** The capture's file name: in its corpus folder, or from the project root for a fixture. */
  file: string;
}

function loadFile(path: string, file: string): LoadedArticle {
  const result = toArticleEntry(readFileSync(path), { now: FIXED_NOW });
  if (!result.ok) throw new Error(`${file}: ${result.reason}`);
  return { ...result.entry, file };
}

/** Every capture of a folder through the same parse-and-clean path the loader uses. */
export function loadCorpus(dir: string): LoadedArticle[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => loadFile(join(dir, file), file));
}

export const loadSeeds = () => loadCorpus(SEEDS_DIR);
/** The golden cases' captures (the project's own fixtures and the two samples). */
export const loadFixtureArticles = () => listGoldenCases().map((name) => goldenInput(name)).map((file) => loadFile(join(PROJECT_ROOT, file), file));
/** The real captures: only the corpus suite calls this. */
export const loadReal = () => loadCorpus(realCorpusDir());
