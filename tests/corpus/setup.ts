import { realCorpusDir } from '../support/corpus.ts';

/** Runs before any corpus test: without the real captures the suite fails at once, naming the folder, instead of passing on nothing. */
export function globalSetup(): void {
  const dir = realCorpusDir();
  console.log(`real-capture corpus: ${dir}`);
}
