import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archivePath, buildArchive, monthlyCounts } from '../../src/lib/archive.ts';
import { sortNewestFirst } from '../../src/lib/article-data.ts';
import { assertArchiveConsistent } from '../support/archive.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';

const at = (id: string, iso: string) => ({ id, data: { capturedAt: new Date(iso) } });

describe('buildArchive: day buckets in the site zone', () => {
  const cases = [
    { name: 'the seeds fall on two days in Shanghai', zone: 'Asia/Shanghai', items: loadSeeds(), days: ['2024-02-03', '2024-02-02'] },
    { name: 'the seeds fall on one day in UTC', zone: 'UTC', items: loadSeeds(), days: ['2024-02-02'] },
    {
      name: 'Paris spring-forward day (23 hours) keeps its late evening',
      zone: 'Europe/Paris',
      items: [at('a', '2024-03-30T23:30:00Z'), at('b', '2024-03-31T21:59:59Z'), at('c', '2024-03-31T22:00:00Z')],
      days: ['2024-04-01', '2024-03-31'],
    },
    {
      name: 'New York fall-back day (25 hours) ends at 05:00 UTC',
      zone: 'America/New_York',
      items: [at('a', '2024-11-03T04:00:00Z'), at('b', '2024-11-04T04:59:59Z'), at('c', '2024-11-04T05:00:00Z')],
      days: ['2024-11-04', '2024-11-03'],
    },
    {
      name: 'a half-hour zone cuts days at 18:30 UTC',
      zone: 'Asia/Kolkata',
      items: [at('a', '2024-01-01T18:29:59Z'), at('b', '2024-01-01T18:30:00Z')],
      days: ['2024-01-02', '2024-01-01'],
    },
  ];
  for (const { name, zone, items, days } of cases) {
    it(name, () => {
      const archive = buildArchive(sortNewestFirst(items), zone);
      assert.deepEqual(archive.days.map((day) => day.key), days);
    });
  }
});

describe('buildArchive over the fixtures', () => {
  const articles = sortNewestFirst(loadFixtureArticles());
  for (const zone of ['Asia/Shanghai', 'Europe/Paris', 'America/Los_Angeles', 'UTC']) {
    it(`puts every article on exactly one day, and the counts add up (${zone})`, () => assertArchiveConsistent(articles, zone));
  }
});

describe('archivePath', () => {
  it('maps keys onto /archive/YYYY/MM/DD/', () => {
    assert.equal(archivePath.day('2024-02-03'), 'archive/2024/02/03/');
    assert.equal(archivePath.month('2024', '02'), 'archive/2024/02/');
    assert.equal(archivePath.year('2024'), 'archive/2024/');
  });
});

describe('monthlyCounts: every month of the archive, oldest first', () => {
  const cases = [
    { name: 'none for an empty archive', items: [], months: [] },
    { name: 'one month', items: [at('a', '2024-02-02T10:00:00Z'), at('b', '2024-02-03T10:00:00Z')], months: ['2024-02 2'] },
    {
      name: 'months without articles count 0, across a new year',
      items: [at('a', '2023-11-05T10:00:00Z'), at('b', '2024-02-01T10:00:00Z'), at('c', '2024-02-09T10:00:00Z')],
      months: ['2023-11 1', '2023-12 0', '2024-01 0', '2024-02 2'],
    },
    { name: 'cut in the site zone: a UTC evening is the next month in Shanghai', items: [at('a', '2024-01-31T20:00:00Z')], months: ['2024-02 1'] },
  ];
  for (const { name, items, months } of cases) {
    it(name, () => {
      const archive = buildArchive(sortNewestFirst(items), 'Asia/Shanghai');
      assert.deepEqual(monthlyCounts(archive).map(({ year, month, count }) => `${year}-${month} ${count}`), months);
    });
  }
});
