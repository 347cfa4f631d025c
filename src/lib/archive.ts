import { dayKey } from './dates.ts';

/**
 * The date archive: years, months and days that have articles, with counts. Days are cut in
 * the site's zone (daylight saving included), never the build machine's.
 */

export interface ArchiveDay {
  /** YYYY-MM-DD */
  key: string;
  year: string;
  month: string;
  day: string;
  /** Article ids, newest first. */
  articleIds: string[];
}

export interface ArchiveMonth {
  year: string;
  month: string;
  count: number;
  days: ArchiveDay[];
}

export interface ArchiveYear {
  year: string;
  count: number;
  months: ArchiveMonth[];
}

export interface Archive {
  /** Newest first at every level. */
  years: ArchiveYear[];
  /** Every day with articles, newest first. */
  days: ArchiveDay[];
}

/** Builds the archive from articles sorted newest first. */
export function buildArchive(articles: readonly { id: string; data: { capturedAt: Date } }[], timeZone: string): Archive {
  const days: ArchiveDay[] = [];
  const byKey = new Map<string, ArchiveDay>();
  for (const article of articles) {
    const key = dayKey(article.data.capturedAt, timeZone);
    let day = byKey.get(key);
    if (!day) {
      const [year, month, dd] = key.split('-');
      day = { key, year, month, day: dd, articleIds: [] };
      byKey.set(key, day);
      days.push(day);
    }
    day.articleIds.push(article.id);
  }
  days.sort((a, b) => (a.key < b.key ? 1 : -1));
  const years: ArchiveYear[] = [];
  for (const day of days) {
    let year = years.at(-1);
    if (year?.year !== day.year) years.push((year = { year: day.year, count: 0, months: [] }));
    let month = year.months.at(-1);
    if (month?.month !== day.month) year.months.push((month = { year: day.year, month: day.month, count: 0, days: [] }));
    month.days.push(day);
    month.count += day.articleIds.length;
    year.count += day.articleIds.length;
  }
  return { years, days };
}

/** Paths, relative to the site base, of the archive's pages. */
export const archivePath = {
  root: () => 'archive/',
  year: (year: string) => `archive/${year}/`,
  month: (year: string, month: string) => `archive/${year}/${month}/`,
  day: (key: string) => `archive/${key.replaceAll('-', '/')}/`,
};

export interface MonthCount {
  year: string;
  month: string;
  count: number;
}

/** Every month from the archive's first to its last, oldest first, months without articles counted as 0. */
export function monthlyCounts(archive: Pick<Archive, 'years'>): MonthCount[] {
  const counts = new Map<string, number>(archive.years.flatMap((year) => year.months.map((month) => [`${month.year}-${month.month}`, month.count] as const)));
  const keys = [...counts.keys()].sort();
  if (!keys.length) return [];
  const months: MonthCount[] = [];
  let [year, month] = keys[0].split('-').map(Number);
  const [lastYear, lastMonth] = keys.at(-1)!.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push({ year: String(year), month: key.slice(5), count: counts.get(key) ?? 0 });
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}
