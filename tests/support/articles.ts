import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArticleEntry, type ArticleEntry } from '../../src/lib/article.ts';
import { REAL_DIR, SEEDS_DIR } from './corpus.ts';

/** A fixed build time, so "not in the future" never depends on the day the test runs. */
export const FIXED_NOW = Date.UTC(2026, 0, 1);

export interface LoadedArticle extends ArticleEntry {
  /** The capture's file name in its corpus folder. */
  file: string;
}

/** Every capture of a corpus folder through the same parse-and-clean path the loader uses. */
export function loadCorpus(dir: string): LoadedArticle[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const result = toArticleEntry(readFileSync(join(dir, file)), file, { now: FIXED_NOW });
      if (!result.ok) throw new Error(`${file}: ${result.reason}`);
      return { ...result.entry, file };
    });
}

export const loadSeeds = () => loadCorpus(SEEDS_DIR);
export const loadReal = () => loadCorpus(REAL_DIR);
