import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadArticles, pipelineVersion } from '../../src/loader/article-loader.ts';
import { SEEDS_DIR } from '../support/corpus.ts';

/** Just enough of Astro's loader context: a store, the meta store, a logger and identity parsing. */
function memoryContext() {
  const entries = new Map<string, { id: string; digest?: string }>();
  const meta = new Map<string, string>();
  const warnings: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: { id: string; digest?: string }) => (entries.set(entry.id, entry), true),
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
  };
  const logger = { warn: (message: string) => warnings.push(message), info: () => {} };
  const parseData = async ({ data }: { data: Record<string, unknown> }) => data;
  return { store, meta, logger, parseData, entries } as never as Parameters<typeof loadArticles>[0] & { entries: Map<string, unknown> };
}

describe('loadArticles and the pipeline version', () => {
  it('re-parses nothing when neither the files nor the pipeline changed, and everything when the pipeline did', async () => {
    const context = memoryContext();
    const options = { directory: SEEDS_DIR, strict: false, now: () => Date.UTC(2026, 0, 1) };
    const first = await loadArticles(context, { ...options, pipelineVersion: 'one' });
    assert.deepEqual([first.parsed, first.published], [2, 2]);
    const again = await loadArticles(context, { ...options, pipelineVersion: 'one' });
    assert.deepEqual([again.parsed, again.unchanged], [0, 2]);
    const upgraded = await loadArticles(context, { ...options, pipelineVersion: 'two' });
    assert.deepEqual([upgraded.parsed, upgraded.unchanged, upgraded.published], [2, 0, 2]);
  });
  it('derives the version from this project’s cleaning code', async () => {
    const version = await pipelineVersion();
    assert.match(version, /^[\w-]{27}$/);
    assert.equal(await pipelineVersion(), version);
  });
});
