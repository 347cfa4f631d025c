import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FileRecord, RejectionRecord } from '../lib/capture-files.ts';
import { readTextFile } from './text-files.ts';

/** What a load remembers of the capture files for the next one. */
export interface LoadRecords {
  /** The pipeline version the records were made by (see pipeline-version.ts). */
  pipeline?: string;
  /** Each file's record, by path in the content folder. */
  files: Record<string, FileRecord>;
  /** The files refused, with their digests and reasons. */
  rejected: Record<string, RejectionRecord>;
}

/**
 * The loader's records of the capture files, kept in a file of their own beside the content store
 * rather than in its meta store. Astro serialises, compares and writes the whole store on every
 * build, and reads it back for the pages; at archive scale the records (long file names, a digest
 * and a stat each) were a fifth of it. Here they are read once and written only when they changed.
 * They need not agree with the store: a record whose article the store does not hold with the
 * same digest is parsed again (see the loader), so a build that stopped between the two writes
 * costs work, never a wrong page.
 */
export class LoadRecordsFile {
  readonly path: string;
  /** The text last read or written, to leave the file alone when nothing changed. */
  private text: string | undefined;

  constructor(path: string) {
    this.path = path;
  }

  /** The records the last load wrote; undefined when there are none (a first build) or they cannot be read. */
  async read(): Promise<LoadRecords | undefined> {
    let text: string;
    try {
      // Not read synchronously: the loader holds off Astro's store write meanwhile (defer-store-write.ts).
      text = await readTextFile(this.path);
    } catch {
      return undefined;
    }
    try {
      const records = JSON.parse(text) as LoadRecords;
      if (typeof records?.files !== 'object' || typeof records.rejected !== 'object') return undefined;
      this.text = text;
      return records;
    } catch {
      // A damaged file is a cold start, not a failed build: every file is read and digested again.
      return undefined;
    }
  }

  /** Writes the records, whole or not at all, unless they are what the file already holds. */
  write(records: LoadRecords): void {
    const text = JSON.stringify(records);
    if (text === this.text) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, text);
    renameSync(`${this.path}.tmp`, this.path);
    this.text = text;
  }
}
