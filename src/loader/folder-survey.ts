import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { classifyCaptureFiles, countNewByName, type CaptureListing, type FileStat, type FolderEntry } from '../lib/capture-files.ts';
import { BodyFiles } from './body-files.ts';
import { readTextFileSync } from './text-files.ts';

/**
 * What the loader looks at before it reads a single capture: the content folder's listing, every
 * capture file's size and modification time, and which body files are kept. A build surveys the
 * folder on a thread of its own while Astro starts (reads its configuration and its content store),
 * when the other core is mostly idle; at archive scale this is 59,000 stats and two folder listings,
 * seconds on the main thread that the load would otherwise begin with.
 */
export interface FolderSurvey {
  listing: CaptureListing;
  /** Each capture file's size and whole-millisecond modification time, by path; a file that could not be stat'ed is missing. */
  stats: Map<string, FileStat>;
  /** The body files found (see BodyFiles.listing), when a bodies folder was surveyed. */
  bodies?: Map<string, boolean>;
  /** Capture files the last load's records do not name: new captures, to parse, for which threads can start before the load. */
  newFiles: number;
}

export class ArticleFileError extends Error {}

/**
 * The folder's entries, one folder listing at a time: a recursive listing stats every entry to
 * learn whether it is a folder, where each folder's own listing says so.
 */
async function listFolder(directory: string, under = '', entries: FolderEntry[] = []): Promise<FolderEntry[]> {
  for (const entry of await readdir(under ? join(directory, under) : directory, { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    const kind = entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
    entries.push({ path, kind });
    if (kind === 'directory') await listFolder(directory, path, entries);
  }
  return entries;
}

/** Lists the content folder and sorts its entries (see classifyCaptureFiles). */
export async function listCaptureFiles(directory: string): Promise<CaptureListing> {
  let entries;
  try {
    entries = await listFolder(directory);
  } catch (error) {
    throw new ArticleFileError(`cannot read the content folder ${directory}: ${(error as Error).message}`);
  }
  return classifyCaptureFiles(entries);
}

/** A file's size and modification time as the loader compares them: whole milliseconds, what a copy that keeps times (cp -p, rsync -t, tar) carries over. */
export function toFileStat(info: { size: number; mtimeMs: number }): FileStat {
  return { size: info.size, mtimeMs: Math.floor(info.mtimeMs) };
}

/** The survey as the thread sends it: stats as columns in the listing's order (NaN: not stat'ed). */
interface SurveyMessage extends Omit<FolderSurvey, 'stats'> {
  sizes: Float64Array;
  mtimes: Float64Array;
}

/** What the folder survey looks at besides the content folder. */
export interface SurveyOptions {
  /** The bodies folder, listed too (BodyFiles.listing). */
  bodiesFolder?: string;
  /** The loader's records file (load-records.ts), to count the files new by name; without one, every file is. */
  recordsPath?: string;
}

/** The last load's records, as far as the survey needs them; none when there are none to read. */
function readRecords(recordsPath: string | undefined): { files: object; rejected: object } {
  const none = { files: {}, rejected: {} };
  if (!recordsPath) return none;
  try {
    const records = JSON.parse(readTextFileSync(recordsPath)) as { files?: object; rejected?: object };
    return { files: records.files ?? {}, rejected: records.rejected ?? {} };
  } catch {
    return none;
  }
}

/** Surveys the folder on the calling thread: what the survey's thread runs. */
export async function surveyFolderHere(directory: string, { bodiesFolder, recordsPath }: SurveyOptions = {}): Promise<SurveyMessage> {
  const listing = await listCaptureFiles(directory);
  const newFiles = countNewByName(listing.files, readRecords(recordsPath));
  const sizes = new Float64Array(listing.files.length).fill(Number.NaN);
  const mtimes = new Float64Array(listing.files.length).fill(Number.NaN);
  listing.files.forEach((file, index) => {
    // A file gone since the listing is left to the loader, which reports it as it would.
    const info = statSync(join(directory, file), { throwIfNoEntry: false });
    if (!info) return;
    const { size, mtimeMs } = toFileStat(info);
    sizes[index] = size;
    mtimes[index] = mtimeMs;
  });
  return { listing, sizes, mtimes, newFiles, ...(bodiesFolder ? { bodies: new BodyFiles(bodiesFolder).listing() } : {}) };
}

function toSurvey({ sizes, mtimes, ...survey }: SurveyMessage): FolderSurvey {
  const stats = new Map<string, FileStat>();
  survey.listing.files.forEach((file, index) => {
    if (!Number.isNaN(sizes[index])) stats.set(file, { size: sizes[index], mtimeMs: mtimes[index] });
  });
  return { ...survey, stats };
}

/** A survey on its thread: its result, and whether the thread keeps the process alive (as Node's Worker.ref and unref). */
export interface SurveyThread {
  result: Promise<FolderSurvey>;
  ref(): void;
  unref(): void;
}

/**
 * Surveys the folder (and what `options` name) on a thread of its own. The result rejects as the
 * loader's own listing would when the folder cannot be read.
 */
export function startFolderSurvey(directory: string, options: SurveyOptions = {}): SurveyThread {
  const worker = new Worker(new URL('./folder-survey-worker.ts', import.meta.url), { workerData: { directory, options } });
  const result = new Promise<FolderSurvey>((resolve, reject) => {
    worker.once('message', (message: SurveyMessage | { error: string }) => ('error' in message ? reject(new ArticleFileError(message.error)) : resolve(toSurvey(message))));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the folder survey stopped (exit code ${code}) before it was done`)));
  });
  return { result, ref: () => worker.ref(), unref: () => worker.unref() };
}
