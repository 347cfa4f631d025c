import { createHash } from 'node:crypto';
import type { BodyEdges } from './boilerplate-suspects.ts';

/**
 * What the content folder's files become, decided from what the loader read: which files are
 * captures, what each one became last time (its record, kept between builds so that an unchanged
 * file is not parsed again), which capture of an article is published, and what the store must
 * write and delete. The loader reads files and writes the store; it decides nothing of this.
 */

/** One entry of the content folder: its path relative to the folder, with forward slashes. */
export interface FolderEntry {
  path: string;
  kind: 'file' | 'directory' | 'other';
}

export interface CaptureListing {
  /** Capture files to read, sorted. */
  files: string[];
  /** Other entries but folders (other files, links), sorted: named in the log, never read. */
  ignored: string[];
  /** `.txt` files with a hidden name or in a hidden folder (a leading `.`), sorted: named in the log, never read. */
  hidden: string[];
}

/** Sorts the folder's entries into captures (`.txt` files), hidden captures and the rest. */
export function classifyCaptureFiles(entries: readonly FolderEntry[]): CaptureListing {
  const files: string[] = [];
  const ignored: string[] = [];
  const hidden: string[] = [];
  for (const { path, kind } of entries) {
    const isCapture = kind === 'file' && path.toLowerCase().endsWith('.txt');
    if (path.split('/').some((part) => part.startsWith('.'))) {
      if (isCapture) hidden.push(path);
    } else if (isCapture) files.push(path);
    else if (kind !== 'directory') ignored.push(path);
  }
  return { files: files.sort(), ignored: ignored.sort(), hidden: hidden.sort() };
}

/**
 * How many capture files the last load's records name neither as read nor as refused: new
 * captures by name (a day's files), which will be parsed, so that threads can start for them first.
 */
export function countNewByName(files: readonly string[], records: { files: object; rejected: object }): number {
  let count = 0;
  for (const file of files) if (!Object.hasOwn(records.files, file) && !Object.hasOwn(records.rejected, file)) count++;
  return count;
}

/** What a file's bytes became: kept per file between builds. */
export interface FileRecord {
  /** captureDigest of the bytes: the store entry of the article carries it too. */
  digest: string;
  /** The article id the file was parsed into. */
  id: string;
  /** Its capture time in ms: which capture of an article wins. */
  capturedAt: number;
  /** The file's size and modification time when its digest was taken (see sameFileStat). */
  size?: number;
  mtimeMs?: number;
}

/** What the file system says of a file, without reading it. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/**
 * Whether a file is, by its size and modification time, the one a record was made from. A daily
 * rebuild of a large archive then reads only new and touched files, not every file's bytes; a
 * file edited in place keeps neither its modification time nor, mostly, its size.
 */
export function sameFileStat(record: { size?: number; mtimeMs?: number } | undefined, stat: FileStat): boolean {
  return record?.size === stat.size && record.mtimeMs === stat.mtimeMs;
}

/**
 * A file's digest: its bytes and the version of the code that parses and cleans them, so that a
 * new version of the cleaning rules makes every file new instead of keeping stale output.
 */
export function captureDigest(bytes: Uint8Array, pipelineVersion: string): string {
  return createHash('sha1').update(pipelineVersion).update('\0').update(bytes).digest('base64url');
}

/** The record of a file just parsed into an article (with the file's stat, when known). */
export function toFileRecord(digest: string, article: { id: string; data: { capturedAt: Date } }, stat?: FileStat): FileRecord {
  return { digest, id: article.id, capturedAt: article.data.capturedAt.getTime(), ...(stat ? { size: stat.size, mtimeMs: stat.mtimeMs } : {}) };
}

/**
 * The file's record from the last load when it still holds: same bytes and code, and its article
 * still in the store. Then the file is not parsed again; otherwise undefined.
 */
export function reusableRecord(previous: FileRecord | undefined, digest: string, isStored: (id: string) => boolean): FileRecord | undefined {
  return previous && previous.digest === digest && isStored(previous.id) ? previous : undefined;
}

/** Why a file's bytes could not be an article: kept per file between builds, like a FileRecord. */
export interface RejectionRecord {
  /** captureDigest of the bytes that were refused. */
  digest: string;
  reason: string;
  /** The original URL its line 2 named, when it could be read (see SkippedFile). */
  url?: string;
  size?: number;
  mtimeMs?: number;
}

/** The record of a file refused last time, when its bytes and the code are the same: it is not parsed again. */
export function reusableRejection(previous: RejectionRecord | undefined, digest: string): RejectionRecord | undefined {
  return previous?.digest === digest ? previous : undefined;
}

/** A capture of an article: the file, its record, and the parsed entry when this load parsed it. */
export interface Capture<Entry> {
  file: string;
  record: FileRecord;
  entry?: Entry;
}

/** Whether `a` wins over `b`: the newer capture; on a tie the later file name, so the choice never depends on listing order. */
export function isNewerCapture(a: Capture<unknown>, b: Capture<unknown>): boolean {
  return a.record.capturedAt > b.record.capturedAt || (a.record.capturedAt === b.record.capturedAt && a.file > b.file);
}

/**
 * Offers a capture to the captures chosen so far (by article id): it is kept when it is the first
 * of its article or newer than the one held. Returns true when another capture of the same
 * article was already held, that is when two captures were merged into one article.
 */
export function offerCapture<Entry>(chosen: Map<string, Capture<Entry>>, capture: Capture<Entry>): boolean {
  const held = chosen.get(capture.record.id);
  if (!held || isNewerCapture(capture, held)) chosen.set(capture.record.id, capture);
  return held !== undefined;
}

/**
 * What the store must change: the chosen captures whose article is not stored with the same digest
 * (in the order chosen), and the stored ids no capture stands for any more (their files are gone).
 */
export function planStoreChanges<Entry>(
  chosen: ReadonlyMap<string, Capture<Entry>>,
  storedDigest: (id: string) => string | number | undefined,
  storedIds: Iterable<string>,
): { write: Capture<Entry>[]; remove: string[] } {
  const write = [...chosen.values()].filter((capture) => storedDigest(capture.record.id) !== capture.record.digest);
  const remove = [...storedIds].filter((id) => !chosen.has(id));
  return { write, remove };
}

/** A file that is no article: why, and the original URL when line 2 could be read (which outlet it was from). */
export interface SkippedFile {
  file: string;
  reason: string;
  url?: string;
  /** Refused by the last build too, its bytes unchanged since: not news to the operator. */
  unchanged?: true;
}

/** What became of one capture file: the article it is published as, the file that won over it, or why it was skipped. */
export type FileOutcome =
  | { file: string; outcome: 'published'; id: string }
  | { file: string; outcome: 'superseded'; id: string; by: string; tie: boolean }
  | { file: string; outcome: 'skipped'; reason: string; url?: string };

/**
 * Every read file's outcome, sorted by file: a file whose capture was chosen for its article is
 * published; another capture of the same article is superseded by the chosen one (`tie` when both
 * carry the same capture time and the later file name won); the rest were skipped.
 */
export function toFileOutcomes(
  records: Readonly<Record<string, FileRecord>>,
  chosen: ReadonlyMap<string, Capture<unknown>>,
  skipped: readonly SkippedFile[],
): FileOutcome[] {
  const outcomes: FileOutcome[] = skipped.map(({ file, reason, url }) => (url ? { file, outcome: 'skipped', reason, url } : { file, outcome: 'skipped', reason }));
  for (const [file, record] of Object.entries(records)) {
    const winner = chosen.get(record.id);
    if (!winner || winner.file === file) outcomes.push({ file, outcome: 'published', id: record.id });
    else outcomes.push({ file, outcome: 'superseded', id: record.id, by: winner.file, tie: winner.record.capturedAt === record.capturedAt });
  }
  return outcomes.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** What one load did, for the build log and for tests. */
export interface LoadReport {
  published: number;
  skipped: SkippedFile[];
  /** Every file read, with its outcome (see toFileOutcomes). */
  files: FileOutcome[];
  /** Captures that lost to another capture of the same article: as many as files superseded. */
  duplicatesMerged: number;
  parsed: number;
  unchanged: number;
  removed: number;
  ignored: string[];
  /** `.txt` files with a hidden name or folder: not read, but named in the log. */
  hidden: string[];
  /** The edges of the bodies this load parsed (boilerplate-suspects.ts), by the digest they are stored under: for the build report. */
  bodyEdges: Map<string, BodyEdges>;
}

/** The line that stands for the files refused again, unchanged since the last build refused them. */
export function formatSkippedAgain(count: number): string {
  return `skipped ${count} ${count === 1 ? 'file' : 'files'} the last build refused, unchanged since (each with its reason in the build report)`;
}

/** The load's summary line, written when the content is loaded and again as the build's last line. */
export function formatLoadSummary(report: Pick<LoadReport, 'published' | 'skipped' | 'duplicatesMerged' | 'parsed' | 'unchanged' | 'removed'>): string {
  return (
    `articles: ${report.published} published, ${report.skipped.length} skipped, ` +
    `${report.duplicatesMerged} duplicates merged (${report.parsed} parsed, ${report.unchanged} unchanged, ${report.removed} removed)`
  );
}
