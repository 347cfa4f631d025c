import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toArticleEntry } from '../../src/lib/article.ts';
import { buildReport, formatSuspect, medianOf, topSuspects, toReportJson } from '../../src/lib/build-report.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { loadSmallArchive, SMALL_ARCHIVE_DIR, toReportArticle } from '../support/small-archive.ts';

describe('medianOf', () => {
  const cases = [
    { name: 'none', values: [], median: null },
    { name: 'one', values: [7], median: 7 },
    { name: 'the middle of an odd count, whatever the order', values: [9, 1, 5], median: 5 },
    { name: 'the mean of the two middle values, rounded', values: [1, 2, 3, 4], median: 3 },
  ];
  for (const { name, values, median } of cases) it(name, () => assert.equal(medianOf(values), median));
});

describe('buildReport on the small archive', () => {
  const archive = loadSmallArchive();
  const report = buildReport({ files: archive.files, articles: [...archive.articles.values()].map(toReportArticle), ignored: archive.ignored, hidden: [] });
  const outlet = (slug: string) => report.outlets.find((o) => o.slug === slug)!;
  /** The id a file parses to, found apart from the outcomes under test. */
  const idOf = (file: string) => {
    const result = toArticleEntry(readFileSync(join(SMALL_ARCHIVE_DIR, file)), { now: FIXED_NOW });
    if (!result.ok) throw new Error(`${file}: ${result.reason}`);
    return result.entry.id;
  };

  it('counts every file once', () => {
    assert.deepEqual(report.totals, { files: 14, published: 11, skipped: 2, superseded: 1, ignored: 1, hidden: 0 });
    assert.deepEqual(report.ignored, ['README.md']);
  });
  it('names each file’s outcome: the article, the file that won, or the reason', () => {
    const byFile = new Map(report.files.map((file) => [file.file, file]));
    assert.deepEqual(byFile.get('harbour-05.txt'), { file: 'harbour-05.txt', outcome: 'superseded', id: idOf('harbour-05-update.txt'), by: 'harbour-05-update.txt', tie: false });
    assert.deepEqual(byFile.get('harbour-05-update.txt'), { file: 'harbour-05-update.txt', outcome: 'published', id: idOf('harbour-05-update.txt') });
    assert.deepEqual(byFile.get('broken/harbour-blank.txt'), { outcome: 'skipped', file: 'broken/harbour-blank.txt', reason: 'the body is blank', url: 'https://harbour-times.example/city/2024/02/10/bus-routes' });
    assert.deepEqual(byFile.get('broken/not-a-link.txt'), { outcome: 'skipped', file: 'broken/not-a-link.txt', reason: 'line 2 is not a link [title](url)' });
  });
  it('counts per outlet, most published first, a skipped file against the outlet its URL names', () => {
    const counts = report.outlets.map(({ slug, published, skipped, superseded, withLeadImage, withoutLeadImage }) => [slug, published, skipped, superseded, withLeadImage, withoutLeadImage]);
    assert.deepEqual(counts, [
      ['harbour-times.example', 6, 1, 1, 4, 2],
      ['valley-post.example', 4, 0, 0, 0, 4],
      ['lakeside-ledger.example', 1, 0, 0, 1, 0],
    ]);
    assert.equal(report.skippedWithoutOutlet, 1);
  });
  it('gives the median length of each outlet’s published bodies', () => {
    for (const { slug, medianLength } of report.outlets) {
      const lengths = [...archive.articles.values()].filter((a) => a.data.outlet.slug === slug).map((a) => a.data.textLength);
      assert.equal(medianLength, medianOf(lengths), slug);
    }
    assert.equal(outlet('lakeside-ledger.example').medianLength, archive.articles.get(idOf('lakeside-01.txt'))!.data.textLength);
  });
  it('lists the suspected boilerplate of the outlet that has some, and none elsewhere', () => {
    assert.deepEqual(outlet('harbour-times.example').boilerplateSuspects.map(({ line, edge, articles }) => [line, edge, articles]), [
      ['港湾时报版权所有，未经许可请勿转载。', 'end', 5],
      ['【港湾时报讯】', 'start', 4],
    ]);
    assert.deepEqual(outlet('valley-post.example').boilerplateSuspects, []);
  });
  it('is plain JSON: the same after a round trip', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  });
});

describe('topSuspects and formatSuspect', () => {
  const suspect = (line: string, articles: number, share: number) => ({ line, edge: 'end' as const, articles, share, example: 'abc' });
  const report = {
    outlets: [
      { slug: 'a', name: 'A', published: 10, boilerplateSuspects: [suspect('a1', 5, 0.5), suspect('a2', 3, 0.3)] },
      { slug: 'b', name: 'B', published: 100, boilerplateSuspects: [suspect('b1', 50, 0.5), suspect('b2', 90, 0.9)] },
    ],
  } as never;
  it('puts the largest share first, then the most articles, and keeps the limit', () => {
    assert.deepEqual(topSuspects(report, 3).map((s) => s.line), ['b2', 'b1', 'a1']);
  });
  it('says which outlet, what line, where, how many of how many, and one article', () => {
    assert.equal(formatSuspect(topSuspects(report, 1)[0]), 'B: "b2" closes 90 of 100 articles (90%), e.g. article abc');
    const long = { ...suspect('长'.repeat(80), 2, 0.2), edge: 'start' as const, outlet: { slug: 'c', name: 'C' }, published: 10 };
    assert.equal(formatSuspect(long), `C: "${'长'.repeat(59)}…" opens 2 of 10 articles (20%), e.g. article abc`);
  });
});

describe('toReportJson', () => {
  const cases = [
    { name: 'files last, one a line', report: { totals: { files: 2 }, files: [{ file: 'a.txt' }, { file: 'b.txt' }] }, json: '{\n  "totals": {\n    "files": 2\n  },\n  "files": [\n    {"file":"a.txt"},\n    {"file":"b.txt"}\n  ]\n}\n' },
    { name: 'no files', report: { totals: {}, files: [] }, json: '{\n  "totals": {},\n  "files": []\n}\n' },
    { name: 'nothing but files', report: { files: [{ file: 'a' }] }, json: '{\n  "files": [\n    {"file":"a"}\n  ]\n}\n' },
    { name: 'names that look like JSON stay strings', report: { ignored: ['"files": []}'], files: [{ file: '\n}' }] }, json: null },
  ];
  for (const { name, report, json } of cases) {
    it(name, () => {
      const written = toReportJson(report);
      assert.deepEqual(JSON.parse(written), report);
      if (json) assert.equal(written, json);
    });
  }
});
