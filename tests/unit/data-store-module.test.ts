import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, it } from 'node:test';
import { dataStoreModuleCode } from '../../src/integrations/data-store-on-disk.mjs';
import { articleLoader, LOAD_REPORT_KEY } from '../../src/loader/article-loader.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { memoryContext } from '../support/loader-context.ts';
import { tempDir } from '../support/temp.ts';

const global = globalThis as Record<symbol, unknown>;

/** Writes the module's code and a store file into a fresh folder and imports the module. */
async function importStoreModule(fileContents: unknown): Promise<unknown> {
  const folder = tempDir('news-store-module');
  const storeFile = join(folder, 'data-store.json');
  writeFileSync(storeFile, JSON.stringify(fileContents));
  const moduleFile = join(folder, 'data-layer-content.mjs');
  writeFileSync(moduleFile, dataStoreModuleCode(storeFile));
  return (await import(pathToFileURL(moduleFile).href)).default;
}

describe('the content store module the pages import', () => {
  afterEach(() => {
    global[LOAD_REPORT_KEY] = undefined;
  });

  it('is the loader’s collections, as it left them in this process', async () => {
    const collections = new Map([['articles', new Map([['a1', { id: 'a1', data: { title: 'In memory' } }]])]]);
    global[LOAD_REPORT_KEY] = { collections: () => collections };
    assert.equal(await importStoreModule(['not', 'this']), collections);
  });
  it('is the store file when the loader did not run in this process', async () => {
    assert.deepEqual(await importStoreModule([['Map', 1], 'from the file']), [['Map', 1], 'from the file']);
  });
  it('holds, after a load, every article the loader stored, under its collection', async () => {
    const context = memoryContext();
    const loader = articleLoader({ directory: SEEDS_DIR, strict: true, pipelineVersion: 'test', parseThreads: 1, now: () => Date.UTC(2026, 0, 1) });
    await loader.load(context);
    const collections = (await importStoreModule([])) as Map<string, Map<string, { id: string; data: { title: string } }>>;
    assert.deepEqual([...collections.keys()], ['articles']);
    const articles = collections.get('articles')!;
    assert.equal(articles.size, 2);
    for (const [id, entry] of articles) assert.equal(entry, context.entries.get(id), 'the very entry the store holds');
    assert.ok([...articles.values()].some((entry) => entry.data.title.includes('北约')));
  });
});
