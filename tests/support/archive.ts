import assert from 'node:assert/strict';
import { buildArchive } from '../../src/lib/archive.ts';
import type { LoadedArticle } from './articles.ts';

/** Every article is on exactly one day in `zone`, the year, month and day counts add up, days run newest first. */
export function assertArchiveConsistent(articles: LoadedArticle[], zone: string): void {
  const archive = buildArchive(articles, zone);
  const onDays = archive.days.flatMap((day) => day.articleIds);
  assert.equal(onDays.length, articles.length);
  assert.equal(new Set(onDays).size, articles.length);
  assert.equal(archive.years.reduce((sum, year) => sum + year.count, 0), articles.length);
  for (const year of archive.years) {
    assert.equal(year.months.reduce((sum, month) => sum + month.count, 0), year.count);
    for (const month of year.months) {
      assert.equal(month.days.reduce((sum, day) => sum + day.articleIds.length, 0), month.count);
      for (const day of month.days) assert.ok(day.key.startsWith(`${year.year}-${month.month}-`));
    }
  }
  const keys = archive.days.map((day) => day.key);
  assert.deepEqual(keys, keys.toSorted().reverse(), 'days newest first');
}
