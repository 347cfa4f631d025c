import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadArticles } from '../../src/loader/article-loader.ts';
import { BodyFiles } from '../../src/loader/body-files.ts';
import { listCaptureFiles, startFolderSurvey } from '../../src/loader/folder-survey.ts';
import { startLoadAhead, takeLoadAhead } from '../../src/loader/load-ahead.ts';
import { LoadRecordsFile } from '../../src/loader/load-records.ts';
import { inlineParser } from '../../src/loader/parse-pool.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { memoryContext } from '../support/loader-context.ts';
import { tempDir } from '../support/temp.ts';

const [SEED_A, SEED_B] = readdirSync(SEEDS_DIR).sort();

/** A content folder as operators keep them: captures by day in subfolders, and what is not a capture. */
function captureFolder(): string {
  const folder = tempDir('news-survey');
  mkdirSync(join(folder, '2024-02-02'));
  mkdirSync(join(folder, '2024-02-03', 'late'), { recursive: true });
  mkdirSync(join(folder, '.drafts'));
  cpSync(join(SEEDS_DIR, SEED_A), join(folder, '2024-02-02', SEED_A));
  cpSync(join(SEEDS_DIR, SEED_B), join(folder, '2024-02-03', 'late', SEED_B));
  cpSync(join(SEEDS_DIR, SEED_B), join(folder, '.drafts', SEED_B));
  writeFileSync(join(folder, '2024-02-02', 'notes.md'), 'not a capture\n');
  writeFileSync(join(folder, '2024-02-02', 'EMPTY.TXT'), '');
  symlinkSync(join(folder, '2024-02-02', SEED_A), join(folder, 'linked.txt'));
  return folder;
}

describe('the folder survey', () => {
  it('lists the folder as the loader does, stats every capture in whole milliseconds, and lists the body files', async () => {
    const folder = captureFolder();
    const bodies = new BodyFiles(tempDir('news-survey-bodies'));
    bodies.write('g1yX1gcICUVpigLl_KztJGiEj1Q', '<p>body</p>', 'features');
    const survey = await startFolderSurvey(folder, { bodiesFolder: bodies.folder }).result;
    assert.deepEqual(survey.listing, await listCaptureFiles(folder));
    assert.deepEqual(survey.listing.files, [`2024-02-02/${SEED_A}`, '2024-02-02/EMPTY.TXT', `2024-02-03/late/${SEED_B}`]);
    assert.deepEqual(survey.listing.hidden, [`.drafts/${SEED_B}`]);
    assert.deepEqual(survey.listing.ignored, ['2024-02-02/notes.md', 'linked.txt']);
    assert.deepEqual(
      [...survey.stats],
      survey.listing.files.map((file) => {
        const { size, mtimeMs } = statSync(join(folder, file));
        return [file, { size, mtimeMs: Math.floor(mtimeMs) }];
      }),
    );
    assert.deepEqual(survey.bodies, bodies.listing());
    assert.equal(survey.bodies?.get('g1yX1gcICUVpigLl_KztJGiEj1Q'), true);
  });

  it('counts the captures the last load\'s records do not name, refused ones being named', async () => {
    const folder = captureFolder();
    const records = new LoadRecordsFile(join(tempDir('news-survey-records'), 'capture-records.json'));
    assert.equal((await startFolderSurvey(folder, { recordsPath: records.path }).result).newFiles, 3, 'without records every capture is new');
    records.write({ pipeline: 'one', files: { [`2024-02-02/${SEED_A}`]: { digest: 'd', id: 'a', capturedAt: 0 } }, rejected: { '2024-02-02/EMPTY.TXT': { digest: 'e', reason: 'the file is empty' } } });
    assert.equal((await startFolderSurvey(folder, { recordsPath: records.path }).result).newFiles, 1);
    writeFileSync(records.path, '{ not json');
    assert.equal((await startFolderSurvey(folder, { recordsPath: records.path }).result).newFiles, 3, 'records that cannot be read name nothing');
  });

  it('fails as the loader\'s own listing does when the folder cannot be read', async () => {
    const missing = join(tempDir('news-survey-missing'), 'nowhere');
    await assert.rejects(startFolderSurvey(missing).result, /cannot read the content folder .*nowhere/);
    await assert.rejects(listCaptureFiles(missing), /cannot read the content folder .*nowhere/);
  });
});

describe('a load given a survey', () => {
  const options = { strict: false, now: () => Date.UTC(2026, 0, 1), pipelineVersion: 'one', pool: inlineParser() };

  it('stores and reports what a load that lists and stats the folder itself does', async () => {
    const folder = captureFolder();
    const surveyed = memoryContext();
    const listed = memoryContext();
    const withSurvey = await loadArticles(surveyed, { ...options, directory: folder, survey: startFolderSurvey(folder).result });
    const without = await loadArticles(listed, { ...options, directory: folder });
    assert.deepEqual(withSurvey, without);
    assert.deepEqual([withSurvey.published, withSurvey.skipped.length], [2, 1]);
    assert.deepEqual([...surveyed.store.entries()], [...listed.store.entries()]);
  });

  it('takes the files as the survey found them: a capture edited after it is read by the next load', async () => {
    const folder = captureFolder();
    const records = new LoadRecordsFile(join(tempDir('news-survey-records'), 'capture-records.json'));
    const context = memoryContext();
    await loadArticles(context, { ...options, directory: folder, records });
    const survey = startFolderSurvey(folder).result;
    await survey;
    const edited = join(folder, '2024-02-02', SEED_A);
    writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n<p>A late paragraph.</p>\n`);
    const surveyed = await loadArticles(context, { ...options, directory: folder, records, survey });
    assert.deepEqual([surveyed.parsed, surveyed.unchanged], [0, 3], 'the survey\'s stat still vouched for the record');
    const next = await loadArticles(context, { ...options, directory: folder, records });
    assert.deepEqual([next.parsed, next.unchanged], [1, 2]);
  });
});

describe('the load started ahead', () => {
  it('is taken once, by a load with the same options, with its parsing threads started for the new captures', async () => {
    const folder = captureFolder();
    const records = new LoadRecordsFile(join(tempDir('news-ahead-records'), 'capture-records.json'));
    const bodies = new BodyFiles(tempDir('news-ahead-bodies'));
    const options = { directory: folder, bodies, recordsPath: records.path, parseThreads: 2 };
    startLoadAhead(options);
    assert.equal(takeLoadAhead({ ...options, directory: SEEDS_DIR }), undefined, 'another folder');
    assert.equal(takeLoadAhead(options), undefined, 'taken once only, even when the first take did not match');

    startLoadAhead(options);
    const ahead = takeLoadAhead(options);
    assert.ok(ahead);
    assert.equal(takeLoadAhead(options), undefined);
    const survey = await ahead.survey.result;
    assert.equal(survey.newFiles, 3);
    assert.equal(ahead.pool.threads, 1, 'one thread for three new captures, started by the survey');
    ahead.listings.stop();
    await ahead.pool.close();
  });

  /** Runs `script` (an ES module) in a Node process of its own with the load-ahead module as `ahead`; its output and exit code. */
  async function runAlone(script: string): Promise<{ stdout: string; code: number }> {
    const module = pathToFileURL(join(import.meta.dirname, '../../src/loader/load-ahead.ts')).href;
    // A file, not --eval: the threads would inherit --input-type.
    const file = join(tempDir('news-ahead-script'), 'ahead.mjs');
    writeFileSync(file, `const ahead = await import(${JSON.stringify(module)});\n${script}`);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 60_000 });
      return { stdout, code: 0 };
    } catch (error) {
      const failed = error as { stdout: string; code: number; killed: boolean };
      assert.ok(!failed.killed, 'the process did not end by itself');
      return { stdout: failed.stdout, code: failed.code };
    }
  }

  it('does not keep the process alive until a load takes it', async () => {
    const options = JSON.stringify({ directory: captureFolder(), parseThreads: 2 });
    // The survey done and a parsing thread started for the new captures, nothing is left to do but wait for a load.
    const untaken = await runAlone(`const started = ahead.startLoadAhead(${options}); const wait = setInterval(() => {}, 1000); await started.survey.result; clearInterval(wait); console.log(started.pool.threads);`);
    assert.deepEqual(untaken, { stdout: '1\n', code: 0 });
    // Taken, the survey and the threads keep it alive while the load waits for them.
    const taken = await runAlone(`ahead.startLoadAhead(${options}); const load = ahead.takeLoadAhead(${options}); const survey = await load.survey.result; console.log(survey.listing.files.length); await load.pool.close();`);
    assert.deepEqual(taken, { stdout: '3\n', code: 0 });
  });
});
