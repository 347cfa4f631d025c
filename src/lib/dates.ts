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

const DAY_MS = 86_400_000;

/** A zone's offset from UTC: as shown ("+08:00") and in milliseconds. */
interface ZoneOffset {
  text: string;
  ms: number;
}

/**
 * Each zone's offset over each UTC day it held for the whole day, or null for a day on which it
 * changed. Reading an instant's parts with Intl takes microseconds, a day's offset two such
 * reads, and an archive's instants share far fewer days (the public archive: 56,465 on 178).
 */
const steadyOffsets = new Map<string, Map<number, ZoneOffset | null>>();

function zonedParts(date: Date, timeZone: string): ZonedParts {
  const time = date.getTime();
  const offset = steadyOffset(Math.floor(time / DAY_MS), timeZone);
  // The day its offset changed (a few a year): read exactly.
  if (!offset) return readZonedParts(date, timeZone);
  const local = new Date(time + offset.ms);
  const two = (value: number) => String(value).padStart(2, '0');
  return {
    year: String(local.getUTCFullYear()), month: two(local.getUTCMonth() + 1), day: two(local.getUTCDate()),
    hour: two(local.getUTCHours()), minute: two(local.getUTCMinutes()), second: two(local.getUTCSeconds()), offset: offset.text,
  };
}

/** The zone's offset throughout UTC day `day` (days since 1970), or null when it changed that day (no zone changes twice in a day and back). */
function steadyOffset(day: number, timeZone: string): ZoneOffset | null {
  let days = steadyOffsets.get(timeZone);
  if (!days) steadyOffsets.set(timeZone, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const first = offsetAt(day * DAY_MS, timeZone);
    const last = offsetAt((day + 1) * DAY_MS - 1000, timeZone);
    offset = first.ms === last.ms && first.text === last.text ? first : null;
    days.set(day, offset);
  }
  return offset;
}

/** The offset at `time`, a whole second. */
function offsetAt(time: number, timeZone: string): ZoneOffset {
  const parts = readZonedParts(new Date(time), timeZone);
  const local = new Date(Date.UTC(2000, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
  // Set apart: Date.UTC reads years below 100 as 19xx.
  local.setUTCFullYear(Number(parts.year));
  return { text: parts.offset, ms: local.getTime() - time };
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
