/**
 * Dates are always read and shown in an explicit IANA zone (the site's), never in the
 * build machine's zone: the day an article belongs to depends on it.
 */

/** Throws a readable error unless `timeZone` is an IANA zone name this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(`NEWS_TIMEZONE "${timeZone}" is not an IANA time zone name (for example Asia/Shanghai or Europe/Paris)`);
  }
}

interface ZonedParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  offset: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Listing pages show the same article times again and again; formatToParts is slow, so each instant is read once per zone. */
const partsCache = new Map<string, Map<number, ZonedParts>>();

function zonedParts(date: Date, timeZone: string): ZonedParts {
  let cache = partsCache.get(timeZone);
  if (!cache) partsCache.set(timeZone, (cache = new Map()));
  const time = date.getTime();
  let parts = cache.get(time);
  if (!parts) {
    if (cache.size > 200_000) cache.clear();
    parts = readZonedParts(date, timeZone);
    cache.set(time, parts);
  }
  return parts;
}

function readZonedParts(date: Date, timeZone: string): ZonedParts {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    });
    partsFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  // longOffset reads "GMT+08:00", or plain "GMT" at offset zero.
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).slice(3);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, offset };
}

/** The calendar day in the zone, as YYYY-MM-DD. */
export function dayKey(date: Date, timeZone: string): string {
  const { year, month, day } = zonedParts(date, timeZone);
  return `${year}-${month}-${day}`;
}

/** An ISO 8601 timestamp with the zone's offset (for `<time datetime>`), e.g. 2024-02-03T05:15:01+08:00. */
export function toZonedIso(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset === '+00:00' ? 'Z' : p.offset}`;
}

/** A reader-facing date and time with the offset shown: "2024-02-03 05:15 (UTC+08:00)". */
export function formatDateTime(date: Date, timeZone: string): string {
  const p = zonedParts(date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} (UTC${p.offset})`;
}

/** A day heading such as "2024年2月3日 星期六" for a YYYY-MM-DD key. */
const dayHeadings = new Map<string, string>();

export function formatDayHeading(key: string, locale = 'zh-CN'): string {
  const cached = dayHeadings.get(`${locale} ${key}`);
  if (cached) return cached;
  const heading = readDayHeading(key, locale);
  dayHeadings.set(`${locale} ${key}`, heading);
  return heading;
}

function readDayHeading(key: string, locale: string): string {
  const [year, month, day] = key.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }).format(date);
}

/** Groups items (already sorted newest first) by their day in the zone, keeping order. */
export function groupByDay<T extends { data: { capturedAt: Date } }>(items: readonly T[], timeZone: string): { day: string; items: T[] }[] {
  const groups: { day: string; items: T[] }[] = [];
  for (const item of items) {
    const day = dayKey(item.data.capturedAt, timeZone);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}
