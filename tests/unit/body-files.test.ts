import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadArticles } from '../../src/loader/article-loader.ts';
import { bodyEdges, edgeKeys } from '../../src/lib/boilerplate-suspects.ts';
import { captureDigest } from '../../src/lib/capture-files.ts';
import { BodyFiles, bodyOf, storyFeaturesOf } from '../../src/loader/body-files.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { loadSeeds } from '../support/articles.ts';
import { tempDir } from '../support/temp.ts';

describe('BodyFiles', () => {
  it('names a digest’s file in hex, so that digests differing only in case never share a file', () => {
    const bodies = new BodyFiles('/cache/bodies');
    assert.equal(bodies.path('q800'), '/cache/bodies/ab/abcd34.html');
    assert.notEqual(bodies.path('Abc_'), bodies.path('abc_'));
    assert.throws(() => bodies.path(''), /not an article digest/);
  });
  it('writes, reads and removes a body with its story features, and names the folder when one is missing', () => {
    const bodies = new BodyFiles(tempDir('news-bodies'));
    assert.deepEqual(bodies.digests(), new Set());
    bodies.write('Zm9v', '<p>港口的灯</p>', 'AQAAAA==');
    // A digest as the loader makes them (sha1, base64url, with - and _).
    const digest = captureDigest(new TextEncoder().encode('渡轮时刻表'), 'one');
    bodies.write(digest, '<p>渡轮</p>', 'AgAAAA==');
    assert.ok(bodies.digests().has('Zm9v'));
    assert.deepEqual(bodies.digests(), new Set(['Zm9v', digest]));
    assert.equal(bodies.read('Zm9v'), '<p>港口的灯</p>');
    assert.equal(bodies.readFeatures(digest), 'AgAAAA==');
    bodies.remove('Zm9v');
    assert.ok(!bodies.digests().has('Zm9v'));
    assert.deepEqual(readdirSync(join(bodies.folder, '66')), []);
    assert.throws(() => bodies.read('Zm9v'), new RegExp(`body of stored article Zm9v is missing from ${bodies.folder} \\(ENOENT\\)`));
    assert.throws(() => bodies.readFeatures('Zm9v'), new RegExp(`story features file of stored article Zm9v is missing from ${bodies.folder} \\(ENOENT\\)`));
  });
  it('counts a digest with only one of its two files as not kept, and lists it apart', () => {
    const bodies = new BodyFiles(tempDir('news-bodies'));
    bodies.write('Zm9v', '<p>港口的灯</p>', 'AQAAAA==');
    bodies.write('YmFy', '<p>渡轮</p>', 'AgAAAA==');
    rmSync(bodies.path('YmFy', 'features'));
    assert.deepEqual(bodies.digests(), new Set(['Zm9v']));
    assert.deepEqual(bodies.listing(), new Map([['Zm9v', true], ['YmFy', false]]));
  });
  it('lists only the files of its subfolders: the story features pack beside them is no article', () => {
    const bodies = new BodyFiles(tempDir('news-bodies'));
    bodies.write('Zm9v', '<p>港口的灯</p>', 'AQAAAA==');
    writeFileSync(bodies.featuresPack, 'NSF1');
    writeFileSync(join(bodies.folder, 'abcd.html'), '<p>not in a subfolder</p>');
    assert.deepEqual(bodies.listing(), new Map([['Zm9v', true]]));
  });
  it('reads a body and its story features from the store entry where they are kept there', () => {
    const bodies = new BodyFiles(tempDir('news-bodies'));
    const inStore = { digest: 'Zm9v', rendered: { html: '<p>在存储中</p>', metadata: { storyFeatures: 'AwAAAA==' } } };
    assert.equal(bodyOf(inStore, bodies), '<p>在存储中</p>');
    assert.equal(storyFeaturesOf(inStore, bodies), 'AwAAAA==');
    bodies.write('Zm9v', '<p>在文件中</p>', 'BAAAAA==');
    assert.equal(bodyOf({ digest: 'Zm9v' }, bodies), '<p>在文件中</p>');
    assert.equal(storyFeaturesOf({ digest: 'Zm9v' }, bodies), 'BAAAAA==');
  });
});

/** A loader context with a store in memory (see loader.test.ts). */
function memoryContext() {
  const entries = new Map<string, { id: string; digest?: string; rendered?: { html: string } }>();
  const meta = new Map<string, string>();
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: { id: string; digest?: string }) => (entries.set(entry.id, entry), true),
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
  };
  const logger = { warn: () => {}, info: () => {} };
  const parseData = async ({ data }: { data: Record<string, unknown> }) => data;
  return { context: { store, meta, logger, parseData } as never as Parameters<typeof loadArticles>[0], entries };
}

/** The samples in a folder of their own, an empty body folder and store, and the options that load one into the other. */
function seededLoad() {
  const folder = tempDir('news-content');
  cpSync(SEEDS_DIR, folder, { recursive: true });
  const bodies = new BodyFiles(tempDir('news-bodies'));
  const { context, entries } = memoryContext();
  const options = { directory: folder, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', bodies };
  return { folder, bodies, context, entries, options };
}

describe('loadArticles with body files', () => {
  const listBodies = (bodies: BodyFiles) => readdirSync(bodies.folder, { recursive: true }).filter((name) => String(name).endsWith('.html')).length;

  it('keeps each body in its own file and the store without bodies, the same text the store held', async () => {
    const { folder, bodies, context, entries, options } = seededLoad();
    const first = await loadArticles(context, options);
    assert.equal(first.published, 2);
    assert.equal(listBodies(bodies), 2);
    const seeds = loadSeeds();
    for (const entry of entries.values()) {
      assert.equal(entry.rendered, undefined);
      assert.equal(bodyOf(entry, bodies), seeds.find((seed) => seed.id === entry.id)!.html);
    }
  });

  it('parses again an article whose body file is gone, and an article whose body the store still holds', async () => {
    const { bodies, context, entries, options: withBodies } = seededLoad();
    const { bodies: _, ...options } = withBodies;
    // A store written without body files (each entry holds its body) moves its bodies out.
    await loadArticles(context, options);
    assert.ok([...entries.values()].every((entry) => entry.rendered !== undefined));
    const moved = await loadArticles(context, { ...options, bodies });
    assert.deepEqual([moved.parsed, moved.unchanged], [2, 0]);
    assert.ok([...entries.values()].every((entry) => entry.rendered === undefined));
    const [lost, kept] = [...entries.values()];
    rmSync(bodies.path(lost.digest!));
    const again = await loadArticles(context, { ...options, bodies });
    assert.deepEqual([again.parsed, again.unchanged], [1, 1]);
    assert.ok(bodies.digests().has(lost.digest!) && bodies.digests().has(kept.digest!));
    // So is an article whose story features file is gone.
    rmSync(bodies.path(kept.digest!, 'features'));
    const third = await loadArticles(context, { ...options, bodies });
    assert.deepEqual([third.parsed, third.unchanged], [1, 1]);
    assert.equal(storyFeaturesOf(kept, bodies), loadSeeds().find((seed) => seed.id === kept.id)!.storyFeatures);
  });

  it('gives the build report the edges of each body it parsed, by the digest its file is stored under, and none it did not parse', async () => {
    const { bodies, context, entries, options } = seededLoad();
    const first = await loadArticles(context, options);
    assert.equal(first.bodyEdges.size, 2);
    for (const entry of entries.values()) {
      const edges = first.bodyEdges.get(entry.digest!);
      assert.deepEqual(edges, edgeKeys(bodyEdges(bodies.read(entry.digest!))));
      assert.ok(edges!.start.length > 0 && edges!.end.length > 0, 'both seeds have lines at both edges');
    }
    const again = await loadArticles(context, options);
    assert.deepEqual([again.parsed, again.bodyEdges.size], [0, 0]);
  });

  it('keeps the story features beside the body, the same the parse made', async () => {
    const { bodies, context, entries, options } = seededLoad();
    await loadArticles(context, options);
    const seeds = loadSeeds();
    for (const entry of entries.values()) {
      assert.equal(storyFeaturesOf(entry, bodies), seeds.find((seed) => seed.id === entry.id)!.storyFeatures);
      assert.equal((entry as { data?: Record<string, unknown> }).data?.storyFeatures, undefined);
    }
  });

  it('writes each body as its capture is parsed, before the store, and removes those of captures that lost to newer ones', async () => {
    const { folder, bodies, context, entries, options } = seededLoad();
    const [older] = readdirSync(folder).sort();
    // The same article captured an hour later: the older capture is parsed, and loses.
    writeFileSync(join(folder, 'zz-recapture.txt'), String(readFileSync(join(folder, older))).replace(/<!--(\d+)-->/, (_, ms: string) => `<!--${Number(ms) + 3_600_000}-->`));
    const storedAtWrite: number[] = [];
    // Notes how many articles the store holds at each body's write.
    class WatchedBodies extends BodyFiles {
      override write(digest: string, html: string, storyFeatures: string): void {
        storedAtWrite.push(entries.size);
        super.write(digest, html, storyFeatures);
      }
    }
    const report = await loadArticles(context, { ...options, bodies: new WatchedBodies(bodies.folder) });
    assert.deepEqual([report.parsed, report.published, report.duplicatesMerged], [3, 2, 1]);
    assert.deepEqual(storedAtWrite, [0, 0, 0], 'every body is written before the first article is stored');
    assert.deepEqual(bodies.listing(), new Map([...entries.values()].map((entry) => [entry.digest!, true])), 'the losing capture leaves no file');
  });

  it('removes the files of digests no stored article names (left by a cleared store)', async () => {
    const { bodies, context, entries, options } = seededLoad();
    bodies.write('Zm9v', '<p>旧版本的正文</p>', 'AQAAAA==');
    bodies.write('YmFy', '<p>只剩正文</p>', 'AgAAAA==');
    rmSync(bodies.path('YmFy', 'features'));
    await loadArticles(context, options);
    assert.deepEqual(bodies.listing(), new Map([...entries.values()].map((entry) => [entry.digest!, true])));
    // And in a load that starts from a filled store.
    bodies.write('Zm9v', '<p>旧版本的正文</p>', 'AQAAAA==');
    const again = await loadArticles(context, options);
    assert.equal(again.unchanged, 2);
    assert.equal(bodies.listing().size, 2);
  });

  it('removes the body file of a changed or deleted capture', async () => {
    const { folder, bodies, context, entries, options } = seededLoad();
    await loadArticles(context, options);
    const [changed, deleted] = readdirSync(folder).sort();
    const digests = () => new Set([...entries.values()].map((entry) => entry.digest!));
    const before = digests();
    writeFileSync(join(folder, changed), `${String(readFileSync(join(folder, changed)))}\n<p>补充一段。</p>\n`);
    await loadArticles(context, options);
    const after = digests();
    const [old] = [...before].filter((digest) => !after.has(digest));
    assert.ok(old && !bodies.digests().has(old), 'the old body is left behind');
    assert.equal(listBodies(bodies), 2);
    rmSync(join(folder, deleted));
    await loadArticles(context, options);
    assert.equal(entries.size, 1);
    assert.equal(listBodies(bodies), 1);
    assert.ok(bodies.digests().has([...entries.values()][0].digest!));
  });
});
