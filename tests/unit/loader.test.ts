import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BATCH_SIZE, loadArticles } from '../../src/loader/article-loader.ts';
import { LoadRecordsFile } from '../../src/loader/load-records.ts';
import { createParsePool, FILES_PER_THREAD, inlineParser } from '../../src/loader/parse-pool.ts';
import { listingMemoVersion } from '../../src/loader/listing-memo.ts';
import { pipelineVersion } from '../../src/loader/pipeline-version.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { memoryContext } from '../support/loader-context.ts';
import { tempDir } from '../support/temp.ts';

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
  it('says when the store holds every article, with the load’s outcomes, before it writes the records for the next load', async () => {
    const records = new LoadRecordsFile(join(tempDir('news-records'), 'capture-records.json'));
    const context = memoryContext();
    const seen: { published: number; stored: number; recordsWritten: boolean }[] = [];
    const loaded = (report: { published: number }) => seen.push({ published: report.published, stored: [...context.store.keys()].length, recordsWritten: existsSync(records.path) });
    const report = await loadArticles(context, { directory: SEEDS_DIR, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', records, loaded });
    assert.deepEqual(seen, [{ published: 2, stored: 2, recordsWritten: false }]);
    assert.ok((await records.read())?.files, 'written once loaded');
    assert.equal(report.published, 2);
  });
  it('remembers a refused file by its digest: refused again unparsed while its bytes and the code stay, parsed again when either changes', async () => {
    const folder = tempDir('news-refused');
    cpSync(SEEDS_DIR, folder, { recursive: true });
    writeFileSync(join(folder, 'broken.txt'), '<!--1706867102000-->\nno title line here\n------\n\n<p>text</p>\n');
    const context = memoryContext();
    const parsed: string[] = [];
    const inline = inlineParser();
    const pool = { ...inline, parse: (bytes: Uint8Array, file: string, now: number) => (parsed.push(file), inline.parse(bytes, file, now)) };
    const options = { directory: folder, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', pool };
    const first = await loadArticles(context, options);
    assert.deepEqual(first.skipped.map((skip) => skip.file), ['broken.txt']);
    assert.deepEqual(parsed.sort(), ['000_6deaa98bedeedb28.txt', '001_82e84ac9c174a1e7.txt', 'broken.txt']);
    parsed.length = 0;
    const again = await loadArticles(context, options);
    assert.deepEqual(parsed, []);
    assert.deepEqual([again.parsed, again.unchanged, again.published], [0, 3, 2]);
    assert.deepEqual(again.skipped, first.skipped.map((skipped) => ({ ...skipped, unchanged: true })), 'named again, with the same reason');
    // Counted in one line, not named again: the log keeps each file's line for the files that are news.
    assert.deepEqual(context.warnings.filter((line) => /broken\.txt|refused/.test(line)), [
      `skipped ${join(folder, 'broken.txt')}: ${first.skipped[0].reason}`,
      'skipped 1 file the last build refused, unchanged since (each with its reason in the build report)',
    ]);
    await assert.rejects(loadArticles(context, { ...options, strict: true }), /broken\.txt/);
    writeFileSync(join(folder, 'broken.txt'), '<!--1706867102000-->\n[A title now](https://example.org/a)\n------\n\n<p>Now it has a body of its own.</p>\n');
    const fixed = await loadArticles(context, options);
    assert.deepEqual(parsed, ['broken.txt']);
    assert.deepEqual([fixed.skipped.length, fixed.published], [0, 3]);
    parsed.length = 0;
    await loadArticles(context, { ...options, pipelineVersion: 'two' });
    assert.equal(parsed.length, 3);
  });
  it('reads again a file refused for a capture time in the future: time may make it good', async () => {
    const folder = tempDir('news-future');
    const at = Date.UTC(2026, 0, 5);
    writeFileSync(join(folder, 'early.txt'), `<!--${at}-->\n[Tomorrow's news](https://example.org/tomorrow)\n------\n\n<p>Written before its time.</p>\n`);
    const context = memoryContext();
    const options = { directory: folder, strict: false, pipelineVersion: 'one' };
    const before = await loadArticles(context, { ...options, now: () => Date.UTC(2026, 0, 1) });
    assert.match(before.skipped[0]?.reason ?? '', /in the future/);
    const after = await loadArticles(context, { ...options, now: () => Date.UTC(2026, 0, 6) });
    assert.deepEqual([after.parsed, after.published, after.skipped.length], [1, 1, 0]);
  });
  it('takes a file of the same size and modification time for unchanged without reading it, under the same code only', async () => {
    const folder = tempDir('news-stat');
    cpSync(SEEDS_DIR, folder, { recursive: true });
    const context = memoryContext();
    const parsed: string[] = [];
    const inline = inlineParser();
    const pool = { ...inline, parse: (bytes: Uint8Array, file: string, now: number) => (parsed.push(file), inline.parse(bytes, file, now)) };
    const options = { directory: folder, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', pool };
    await loadArticles(context, options);
    // The same number of bytes, different text, the old modification time: the stat cannot tell.
    const file = join(folder, '001_82e84ac9c174a1e7.txt');
    const { atimeMs, mtimeMs } = statSync(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('北约', '约北'));
    utimesSync(file, atimeMs / 1000, mtimeMs / 1000);
    parsed.length = 0;
    assert.deepEqual([(await loadArticles(context, options)).unchanged, parsed.length], [2, 0]);
    // A new modification time: read, digested and parsed again.
    utimesSync(file, atimeMs / 1000, mtimeMs / 1000 + 1);
    assert.equal((await loadArticles(context, options)).parsed, 1);
    assert.deepEqual(parsed, ['001_82e84ac9c174a1e7.txt']);
    // Another version of the code reads every file, whatever its stat.
    parsed.length = 0;
    await loadArticles(context, { ...options, pipelineVersion: 'two' });
    assert.equal(parsed.length, 2);
  });
  it('derives the version from this project’s cleaning code', async () => {
    const version = await pipelineVersion();
    assert.match(version, /^[\w-]{27}$/);
    assert.equal(await pipelineVersion(), version);
  });
  it('derives it from the parsing module, every module it imports however deep, and the libraries’ versions; not from code that only arranges articles', async () => {
    const project = codeProject(
      {
        'src/lib/article.ts': "import { clean } from './clean.ts';\nimport type { Shape } from './shape.ts';\nexport { tidy } from './deep/tidy.ts';\n",
        'src/lib/clean.ts': "import {\n  words,\n} from '../lib/words.ts';\nexport const clean = () => import('./late.ts');\n",
        ...Object.fromEntries(['src/lib/shape.ts', 'src/lib/deep/tidy.ts', 'src/lib/words.ts', 'src/lib/late.ts', 'src/lib/topics.ts'].map((file) => [file, `export const v = 1; // ${file}\n`])),
      },
      ['cheerio', 'sanitize-html', '@node-rs/jieba', 'opencc-js', 'htmlparser2', 'compromise'],
    );
    await assertDatedBy(pipelineVersion, project, 'src/lib/topics.ts', ['src/lib/shape.ts', 'src/lib/deep/tidy.ts', 'src/lib/words.ts', 'src/lib/late.ts', 'src/lib/article.ts', 'node_modules/compromise/package.json']);
    rmSync(join(project.root, 'src/lib/late.ts'));
    await assert.rejects(pipelineVersion(project.url), /cannot tell which version.*late\.ts/);
  });
  it('dates what the listing data remembers by the code of both functions it remembers and their libraries, not by the code that uses them', async () => {
    const project = codeProject(
      {
        'src/lib/english-subjects.ts': "import { occurrences } from './text.ts';\n",
        'src/lib/chinese.ts': 'export const toSimplified = (text) => text;\n',
        'src/lib/text.ts': 'export const occurrences = 1;\n',
        'src/lib/topics.ts': 'export const v = 1;\n',
      },
      ['compromise', 'opencc-js'],
    );
    await assertDatedBy(listingMemoVersion, project, 'src/lib/topics.ts', ['src/lib/english-subjects.ts', 'src/lib/text.ts', 'src/lib/chinese.ts', 'node_modules/opencc-js/package.json', 'node_modules/compromise/package.json']);
  });
  it('fails, rather than give an empty version, when the code cannot be read', async () => {
    await assert.rejects(pipelineVersion(new URL('file:///nonexistent-project/')), /cannot tell which version/);
  });
});

describe('loadArticles names what became of every file', () => {
  const folder = tempDir('news-loader');
  const [first, second] = readdirSync(SEEDS_DIR).sort();
  const seed = readFileSync(join(SEEDS_DIR, first), 'utf8');
  const url = /\]\((https:[^)\s]+)\)/.exec(seed)![1];
  writeFileSync(join(folder, first), seed);
  writeFileSync(join(folder, second), readFileSync(join(SEEDS_DIR, second)));
  mkdirSync(join(folder, 'later'));
  // The same URL captured an hour later: it wins, whatever its name.
  writeFileSync(join(folder, 'later', 'recapture.txt'), seed.replace(/<!--(\d+)-->/, (_, ms: string) => `<!--${Number(ms) + 3_600_000}-->`));
  writeFileSync(join(folder, 'blank.txt'), `<!--1706867102000-->\n[Blank](${url}/blank)\n------\n\n   \n`);
  const options = { directory: folder, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one' };

  for (const run of ['a first load', 'a load that parses nothing again'] as const) {
    it(`in ${run}`, async () => {
      const context = memoryContext();
      const report = await loadArticles(context, options);
      const merged = `${join(folder, first)} superseded by ${join(folder, 'later/recapture.txt')}, the newer capture of ${url}`;
      assert.ok(context.infos.includes(merged), context.infos.join('\n'));
      if (run === 'a load that parses nothing again') {
        context.infos.length = 0;
        context.warnings.length = 0;
        const again = await loadArticles(context, options);
        // Nothing is parsed again, the refused file included, and every outcome (its URL too) is the same.
        assert.deepEqual([again.parsed, again.unchanged], [0, 4]);
        assert.deepEqual(again.files, report.files);
        // The log counts what only repeats the last load, and names nothing again.
        assert.ok(context.infos.includes('1 capture superseded by newer captures of their articles, as in the last build (each in the build report)'), context.infos.join('\n'));
        assert.ok(!context.infos.includes(merged), context.infos.join('\n'));
        assert.deepEqual(context.warnings, ['skipped 1 file the last build refused, unchanged since (each with its reason in the build report)']);
        // A new capture of the article is news: the merge it makes is named, the older two included.
        const newest = join(folder, 'later', 'newest.txt');
        writeFileSync(newest, seed.replace(/<!--(\d+)-->/, (_, ms: string) => `<!--${Number(ms) + 7_200_000}-->`));
        context.infos.length = 0;
        const third = await loadArticles(context, options);
        rmSync(newest);
        assert.deepEqual([third.parsed, third.duplicatesMerged], [1, 2]);
        for (const older of [first, 'later/recapture.txt']) {
          assert.ok(context.infos.includes(`${join(folder, older)} superseded by ${newest}, the newer capture of ${url}`), context.infos.join('\n'));
        }
        assert.ok(!context.infos.some((line) => /as in the last build/.test(line)), context.infos.join('\n'));
      }
      assert.equal(report.duplicatesMerged, 1);
      assert.deepEqual(report.files.map((file) => [file.file, file.outcome]), [
        [first, 'superseded'], [second, 'published'], ['blank.txt', 'skipped'], ['later/recapture.txt', 'published'],
      ].sort(([a], [b]) => (a < b ? -1 : 1)));
      assert.deepEqual(report.files.find((file) => file.file === 'blank.txt'), { outcome: 'skipped', file: 'blank.txt', reason: 'the body is blank', url: `${url}/blank` });
    });
  }
});

describe('the records of the capture files, in a file of their own', () => {
  /** The seeds and a refused file in a fresh folder, a memory store, a records file, and the files each load parsed. */
  function setUp() {
    const folder = tempDir('news-records');
    cpSync(SEEDS_DIR, folder, { recursive: true });
    writeFileSync(join(folder, 'broken.txt'), '<!--1706867102000-->\nno title line here\n------\n\n<p>text</p>\n');
    const records = new LoadRecordsFile(join(tempDir('news-records-cache'), 'capture-records.json'));
    const parsed: string[] = [];
    const inline = inlineParser();
    // 'warm' marks when the loader asked for a thread ahead of the files.
    const pool = { ...inline, parse: (bytes: Uint8Array, file: string, now: number) => (parsed.push(file), inline.parse(bytes, file, now)), warm: (files: number) => void parsed.push(`warm ${files}`) };
    const options = { directory: folder, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', pool };
    return { folder, records, parsed, options, context: memoryContext() };
  }

  it('keeps them out of the meta store, and a second load parses nothing and leaves the file as it was', async () => {
    const { records, parsed, options, context } = setUp();
    await loadArticles(context, { ...options, records });
    const { meta } = context;
    assert.deepEqual([...meta.keys()], ['records']);
    const written = JSON.parse(readFileSync(records.path, 'utf8'));
    assert.deepEqual([written.pipeline, Object.keys(written.files).sort(), Object.keys(written.rejected)], ['one', ['000_6deaa98bedeedb28.txt', '001_82e84ac9c174a1e7.txt'], ['broken.txt']]);
    const { mtimeMs } = statSync(records.path);
    parsed.length = 0;
    const again = await loadArticles(context, { ...options, records: new LoadRecordsFile(records.path) });
    assert.deepEqual([again.parsed, again.unchanged, again.published, parsed.length], [0, 3, 2, 0]);
    assert.equal(statSync(records.path).mtimeMs, mtimeMs, 'unchanged records are not written again');
  });
  it('takes over the records an earlier load kept in the meta store, and removes them from it', async () => {
    const { records, parsed, options, context } = setUp();
    await loadArticles(context, options);
    const { meta } = context;
    assert.deepEqual([...meta.keys()].sort(), ['files', 'pipeline', 'rejected']);
    parsed.length = 0;
    const report = await loadArticles(context, { ...options, records });
    assert.deepEqual([report.parsed, report.unchanged, parsed.length], [0, 3, 0]);
    assert.deepEqual([...meta.keys()], ['records']);
  });
  it('parses a file again when the store does not hold its article as the records say (a build stopped between the two writes)', async () => {
    const { folder, records, parsed, options, context } = setUp();
    const { entries } = context;
    await loadArticles(context, { ...options, records });
    const storeBefore = new Map(entries);
    const file = join(folder, '001_82e84ac9c174a1e7.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('北约', '北约组织'));
    await loadArticles(context, { ...options, records });
    // The records were written, the store was not: it still holds the article as it was.
    entries.clear();
    for (const [id, entry] of storeBefore) entries.set(id, entry);
    parsed.length = 0;
    const report = await loadArticles(context, { ...options, records });
    assert.deepEqual(parsed, ['001_82e84ac9c174a1e7.txt']);
    assert.equal(report.published, 2);
    assert.ok([...entries.values()].some((entry) => JSON.stringify(entry).includes('北约组织')), 'the store holds the file as it is now');
  });
  it('starts from nothing when the file cannot be read as records', async () => {
    const { records, parsed, options, context } = setUp();
    writeFileSync(records.path, '{"files": {"000_6deaa98bedeedb28.txt"');
    const report = await loadArticles(context, { ...options, records });
    assert.deepEqual([report.parsed, report.published], [3, 2]);
    assert.deepEqual(parsed.filter((file) => !file.startsWith('warm')).sort(), ['000_6deaa98bedeedb28.txt', '001_82e84ac9c174a1e7.txt', 'broken.txt']);
    assert.equal(JSON.parse(readFileSync(records.path, 'utf8')).pipeline, 'one');
  });
  it('asks for a parsing thread before reading when a file is new by name, and only then', async () => {
    const { folder, records, parsed, options, context } = setUp();
    await loadArticles(context, { ...options, records });
    assert.equal(parsed[0], 'warm 3', 'a first load parses every file');
    parsed.length = 0;
    await loadArticles(context, { ...options, records });
    assert.deepEqual(parsed, [], 'nothing new, no thread');
    // A new capture, named after the others so that it is read last, as a new day's files are.
    cpSync(join(folder, '000_6deaa98bedeedb28.txt'), join(folder, 'zz-new.txt'));
    writeFileSync(join(folder, '001_82e84ac9c174a1e7.txt'), readFileSync(join(folder, '001_82e84ac9c174a1e7.txt'), 'utf8').replace('北约', '北约组织'));
    await loadArticles(context, { ...options, records });
    assert.deepEqual([parsed[0], ...parsed.slice(1).sort()], ['warm 1', '001_82e84ac9c174a1e7.txt', 'zz-new.txt'], 'asked before the first file is parsed, for the one new file');
    parsed.length = 0;
    writeFileSync(join(folder, '001_82e84ac9c174a1e7.txt'), readFileSync(join(folder, '001_82e84ac9c174a1e7.txt'), 'utf8').replace('北约组织', '北约'));
    await loadArticles(context, { ...options, records });
    assert.deepEqual(parsed, ['001_82e84ac9c174a1e7.txt'], 'a file changed under its old name is found only when read');
  });
});

describe('loadArticles keeps the parsing threads fed', () => {
  it('hands over the next batch of files before the current one is taken, so that the threads never wait at a batch boundary', async () => {
    const folder = tempDir('news-batches');
    const [first] = readdirSync(SEEDS_DIR).sort();
    const count = BATCH_SIZE + BATCH_SIZE / 2;
    for (let i = 0; i < count; i++) cpSync(join(SEEDS_DIR, first), join(folder, `${String(i).padStart(4, '0')}.txt`));
    const inline = inlineParser();
    const handed: string[] = [];
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    // A pool whose results wait until the test opens it: the loader is still taking the first file.
    const pool = { ...inline, parse: async (bytes: Uint8Array, file: string, now: number) => (handed.push(file), await opened, inline.parse(bytes, file, now)) };
    const loading = loadArticles(memoryContext(), { directory: folder, strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', pool });
    for (let tries = 0; handed.length < count && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(handed.length, count, 'the second batch is handed over while the first file waits');
    open();
    const report = await loading;
    assert.deepEqual([report.parsed, report.published, report.duplicatesMerged], [count, 1, count - 1]);
  });
});

describe('the parsing threads', () => {
  const now = Date.UTC(2026, 0, 1);
  const captures = () => readdirSync(SEEDS_DIR).map((name) => ({ name, bytes: readFileSync(join(SEEDS_DIR, name)) }));

  it('give the same articles as parsing on the calling thread, and close', async () => {
    const pool = createParsePool(2);
    const inline = inlineParser();
    try {
      for (const { name, bytes } of captures()) {
        const [threaded, local] = await Promise.all([pool.parse(bytes, name, now), inline.parse(bytes, name, now)]);
        assert.deepEqual(threaded, local);
        assert.ok(threaded.ok && threaded.entry.data.capturedAt instanceof Date);
      }
    } finally {
      await pool.close();
    }
  });

  it('start ahead when asked, one per FILES_PER_THREAD files coming up to the pool\'s size, and the first takes the first file', async () => {
    const pool = createParsePool(4);
    try {
      pool.warm(1);
      pool.warm(1);
      assert.equal(pool.threads, 1, 'asked twice for one file, one thread');
      const [first] = captures();
      assert.ok((await pool.parse(first.bytes, first.name, now)).ok);
      assert.equal(pool.threads, 1);
      pool.warm(FILES_PER_THREAD);
      assert.equal(pool.threads, 1, 'a day of a few dozen files, one thread');
      pool.warm(FILES_PER_THREAD + 1);
      assert.equal(pool.threads, 2);
      pool.warm(300);
      assert.equal(pool.threads, 4, 'no more threads than the pool allows');
    } finally {
      await pool.close();
    }
    const inline = inlineParser();
    inline.warm(10);
    assert.equal(inline.threads, 0);
  });

  it('start only when files arrive, and another only once each has FILES_PER_THREAD files waiting', async () => {
    const pool = createParsePool(4);
    try {
      assert.equal(pool.threads, 0);
      const [first] = captures();
      await pool.parse(first.bytes, first.name, now);
      await pool.parse(first.bytes, first.name, now);
      assert.equal(pool.threads, 1, 'one file at a time needs one thread');
      const few = await Promise.all(Array.from({ length: 8 }, () => pool.parse(first.bytes, first.name, now)));
      assert.equal(pool.threads, 1, 'eight files at once are not worth a second thread');
      const many = await Promise.all(Array.from({ length: 3 * FILES_PER_THREAD }, () => pool.parse(first.bytes, first.name, now)));
      assert.equal(pool.threads, 3, 'each thread takes FILES_PER_THREAD files before the next starts');
      const more = await Promise.all(Array.from({ length: 3 * FILES_PER_THREAD + 1 }, () => pool.parse(first.bytes, first.name, now)));
      assert.equal(pool.threads, 4, 'the fourth starts once the three have FILES_PER_THREAD files each');
      const results = [...few, ...many, ...more];
      assert.ok(results.every((result) => result.ok));
    } finally {
      await pool.close();
    }
  });
});

/** A project folder holding `files` (path → text) and `packages` at version 1.0.0, for the code versions. */
function codeProject(files: Record<string, string>, packages: readonly string[]) {
  const root = tempDir('news-code-version');
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  for (const name of packages) write(`node_modules/${name}/package.json`, JSON.stringify({ version: '1.0.0' }));
  /** A new version of a package, or a comment added to a module. */
  const change = (file: string) => write(file, file.endsWith('.json') ? JSON.stringify({ version: '1.0.1' }) : `${readFileSync(join(root, file), 'utf8')}// changed\n`);
  return { root, url: pathToFileURL(`${root}/`), change };
}

/** `version` stays when `unrelated` changes, and changes with each of `files` changed in turn. */
async function assertDatedBy(version: (projectRoot: URL) => Promise<string>, project: ReturnType<typeof codeProject>, unrelated: string, files: readonly string[]) {
  let last = await version(project.url);
  project.change(unrelated);
  assert.equal(await version(project.url), last, unrelated);
  for (const file of files) {
    project.change(file);
    const now = await version(project.url);
    assert.notEqual(now, last, file);
    last = now;
  }
}
