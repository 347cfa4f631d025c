import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArticleEntry } from '../../src/lib/article.ts';
import { PROJECT_ROOT, SHARED_CORPUS } from './corpus.ts';

/**
 * Golden cases: tests/fixtures/articles/<case>/source names a capture in the shared corpus
 * (the input stays there); expected.html and expected.json hold the reviewed output.
 */
export const GOLDEN_DIR = join(PROJECT_ROOT, 'tests/fixtures/articles');

/** A fixed build time, so "not in the future" never depends on the day the test runs. */
export const GOLDEN_NOW = Date.UTC(2026, 0, 1);

export function listGoldenCases(): string[] {
  return readdirSync(GOLDEN_DIR).sort();
}

/** The current output for a case, in the form the expected files are written in. */
export function renderGoldenCase(name: string): { html: string; json: string } {
  const source = readFileSync(join(GOLDEN_DIR, name, 'source'), 'utf8').trim();
  const result = toArticleEntry(readFileSync(join(SHARED_CORPUS, source)), source, { now: GOLDEN_NOW });
  if (!result.ok) throw new Error(`${name}: ${result.reason}`);
  const { id, data, html } = result.entry;
  // Story features are opaque hashes, checked by the story tests rather than pinned here.
  const { storyFeatures: _features, ...readable } = data;
  return { html: `${html.replace(/(<\/(?:p|div|figure|h[2-6]|ul|ol|blockquote|table)>)/g, '$1\n')}\n`, json: `${JSON.stringify({ id, ...readable }, null, 2)}\n` };
}
