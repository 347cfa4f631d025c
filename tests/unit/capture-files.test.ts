import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  captureDigest, classifyCaptureFiles, countNewByName, formatLoadSummary, isNewerCapture, offerCapture, planStoreChanges, reusableRecord, toFileOutcomes, toFileRecord,
  type Capture, type FolderEntry,
} from '../../src/lib/capture-files.ts';
import { loadSeeds } from '../support/articles.ts';
import { SEEDS_DIR } from '../support/corpus.ts';

describe('classifyCaptureFiles', () => {
  const cases: { name: string; entries: FolderEntry[]; files?: string[]; ignored?: string[]; hidden?: string[] }[] = [
    { name: 'a .txt file is a capture', entries: [{ path: 'a.txt', kind: 'file' }], files: ['a.txt'] },
    { name: 'the extension in any case', entries: [{ path: 'A.TXT', kind: 'file' }], files: ['A.TXT'] },
    { name: 'captures in sub-folders, sorted', entries: [{ path: 'b/2.txt', kind: 'file' }, { path: 'a', kind: 'directory' }, { path: 'a/1.txt', kind: 'file' }], files: ['a/1.txt', 'b/2.txt'] },
    { name: 'other files are ignored and named', entries: [{ path: 'MANIFEST.tsv', kind: 'file' }, { path: 'notes.md', kind: 'file' }], ignored: ['MANIFEST.tsv', 'notes.md'] },
    { name: 'a link is ignored, even to a .txt file', entries: [{ path: 'link.txt', kind: 'other' }], ignored: ['link.txt'] },
    { name: 'a folder named like a capture is no capture', entries: [{ path: 'x.txt', kind: 'directory' }] },
    { name: 'a hidden capture is named, not read', entries: [{ path: '.draft.txt', kind: 'file' }], hidden: ['.draft.txt'] },
    { name: 'a capture in a hidden folder too', entries: [{ path: '.git/a.txt', kind: 'file' }, { path: '.git/config', kind: 'file' }], hidden: ['.git/a.txt'] },
  ];
  for (const { name, entries, files = [], ignored = [], hidden = [] } of cases) {
    it(name, () => assert.deepEqual(classifyCaptureFiles(entries), { files, ignored, hidden }));
  }
});

describe('countNewByName', () => {
  const records = { files: { 'a/1.txt': {} }, rejected: { 'a/2.txt': {} } };
  it('counts the files the records name neither as read nor as refused', () => assert.equal(countNewByName(['a/1.txt', 'a/2.txt', 'b/3.txt', 'b/4.txt'], records), 2));
  it('counts every file without records', () => assert.equal(countNewByName(['a/1.txt', 'b/3.txt'], { files: {}, rejected: {} }), 2));
  it('takes no inherited name for a record', () => assert.equal(countNewByName(['constructor', 'toString'], records), 2));
});

describe('captureDigest and toFileRecord on the samples', () => {
  const [seed] = loadSeeds();
  const bytes = readFileSync(join(SEEDS_DIR, seed.file));
  it('change with the bytes and with the pipeline version, never otherwise', () => {
    const digest = captureDigest(bytes, 'one');
    assert.equal(captureDigest(bytes, 'one'), digest);
    assert.notEqual(captureDigest(bytes, 'two'), digest);
    assert.notEqual(captureDigest(bytes.subarray(1), 'one'), digest);
  });
  it('record the id and capture time the file became', () => {
    assert.deepEqual(toFileRecord('d', seed), { digest: 'd', id: seed.id, capturedAt: seed.data.capturedAt.getTime() });
  });
});

describe('reusableRecord: whether an unchanged file skips parsing', () => {
  const record = { digest: 'd1', id: 'a', capturedAt: 1 };
  const cases = [
    { name: 'same bytes and code, article stored', previous: record, digest: 'd1', stored: ['a'], reused: true },
    { name: 'new bytes or code', previous: record, digest: 'd2', stored: ['a'], reused: false },
    { name: 'article gone from the store (a cleared cache)', previous: record, digest: 'd1', stored: [], reused: false },
    { name: 'a file not seen before', previous: undefined, digest: 'd1', stored: ['a'], reused: false },
  ];
  for (const { name, previous, digest, stored, reused } of cases) {
    it(name, () => assert.equal(reusableRecord(previous, digest, (id) => stored.includes(id)), reused ? previous : undefined));
  }
});

const capture = (file: string, id: string, capturedAt: number, digest = `${file}-digest`): Capture<string> => ({ file, record: { digest, id, capturedAt }, entry: file });

describe('which capture of an article wins', () => {
  const cases = [
    { name: 'the newer capture', a: capture('1.txt', 'x', 20), b: capture('2.txt', 'x', 10), newer: true },
    { name: 'not the older one', a: capture('2.txt', 'x', 10), b: capture('1.txt', 'x', 20), newer: false },
    { name: 'on a tie, the later file name', a: capture('b.txt', 'x', 10), b: capture('a.txt', 'x', 10), newer: true },
    { name: 'on a tie, not the earlier file name', a: capture('a.txt', 'x', 10), b: capture('b.txt', 'x', 10), newer: false },
  ];
  for (const { name, a, b, newer } of cases) it(name, () => assert.equal(isNewerCapture(a, b), newer));

  it('offerCapture keeps the winner whatever the order, and counts each merge', () => {
    const offers = [capture('1.txt', 'x', 10), capture('2.txt', 'y', 5), capture('3.txt', 'x', 30), capture('4.txt', 'x', 20)];
    for (const order of [offers, offers.toReversed()]) {
      const chosen = new Map<string, Capture<string>>();
      const merged = order.map((offer) => offerCapture(chosen, offer)).filter(Boolean).length;
      assert.equal(merged, 2);
      assert.deepEqual([...chosen.values()].map((c) => c.file).sort(), ['2.txt', '3.txt']);
    }
  });
});

describe('toFileOutcomes: what became of every file', () => {
  const offers = [capture('old.txt', 'x', 10), capture('only.txt', 'y', 5), capture('new.txt', 'x', 30), capture('same-time-a.txt', 'z', 7), capture('same-time-b.txt', 'z', 7)];
  const chosen = new Map<string, Capture<string>>();
  for (const offer of offers) offerCapture(chosen, offer);
  const records = Object.fromEntries(offers.map((offer) => [offer.file, offer.record]));
  const outcomes = toFileOutcomes(records, chosen, [{ file: 'bad.txt', reason: 'the body is blank', url: 'https://a.example/1' }, { file: 'empty.txt', reason: 'the file is empty' }]);
  const cases = [
    { name: 'the chosen capture is published as its article', file: 'new.txt', outcome: { file: 'new.txt', outcome: 'published', id: 'x' } },
    { name: 'the only capture of an article is published', file: 'only.txt', outcome: { file: 'only.txt', outcome: 'published', id: 'y' } },
    { name: 'an older capture is superseded by the newer file', file: 'old.txt', outcome: { file: 'old.txt', outcome: 'superseded', id: 'x', by: 'new.txt', tie: false } },
    { name: 'on the same capture time, by the later file name, said to be a tie', file: 'same-time-a.txt', outcome: { file: 'same-time-a.txt', outcome: 'superseded', id: 'z', by: 'same-time-b.txt', tie: true } },
    { name: 'a skipped file keeps its reason and the URL it named', file: 'bad.txt', outcome: { outcome: 'skipped', file: 'bad.txt', reason: 'the body is blank', url: 'https://a.example/1' } },
    { name: 'a skipped file whose URL could not be read has none', file: 'empty.txt', outcome: { outcome: 'skipped', file: 'empty.txt', reason: 'the file is empty' } },
  ];
  for (const { name, file, outcome } of cases) it(name, () => assert.deepEqual(outcomes.find((o) => o.file === file), outcome));
  it('names every file once, sorted by name', () => {
    assert.deepEqual(outcomes.map((o) => o.file), ['bad.txt', 'empty.txt', 'new.txt', 'old.txt', 'only.txt', 'same-time-a.txt', 'same-time-b.txt']);
  });
});

describe('planStoreChanges', () => {
  const chosen = new Map([['a', capture('a.txt', 'a', 1, 'new')], ['b', capture('b.txt', 'b', 1, 'same')], ['c', capture('c.txt', 'c', 1, 'new')]]);
  const stored = new Map<string, string>([['a', 'old'], ['b', 'same'], ['gone', 'old']]);
  const plan = planStoreChanges(chosen, (id) => stored.get(id), stored.keys());
  it('writes changed and new articles, in the order chosen', () => assert.deepEqual(plan.write.map((c) => c.record.id), ['a', 'c']));
  it('keeps an article stored with the same digest', () => assert.ok(!plan.write.some((c) => c.record.id === 'b')));
  it('deletes what no capture stands for', () => assert.deepEqual(plan.remove, ['gone']));
});

describe('formatLoadSummary', () => {
  it('starts with what an operator looks for, then what the load did', () => {
    const report = { published: 2, skipped: [{ file: 'x.txt', reason: 'r' }], files: [], duplicatesMerged: 1, parsed: 3, unchanged: 0, removed: 4, ignored: [], hidden: [] };
    assert.equal(formatLoadSummary(report), 'articles: 2 published, 1 skipped, 1 duplicates merged (3 parsed, 0 unchanged, 4 removed)');
  });
});
