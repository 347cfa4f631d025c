import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Cleaned article bodies, kept as one file each beside the content store rather than inside it.
 * The store then holds only what listings need (titles, dates, topics), so that loading and
 * writing it costs a fraction of what it did; a body is read only by what shows it (its page, a
 * feed, the search indexer, the build report). A body's file is named by its article's store
 * digest, which changes with the capture file and the cleaning code: a file never changes once
 * written, and a digest that is gone from the store takes its file with it.
 */
export class BodyFiles {
  readonly folder: string;

  constructor(folder: string) {
    this.folder = folder;
  }

  /** The file of a digest (base64url, case-sensitive, so spelled in hex for file systems that are not). */
  path(digest: string): string {
    const hex = Buffer.from(digest, 'base64url').toString('hex');
    if (!hex) throw new Error(`not an article digest: ${JSON.stringify(digest)}`);
    return join(this.folder, hex.slice(0, 2), `${hex}.html`);
  }

  /** The digests that have a body file: one listing of the folder rather than a look per article. */
  digests(): Set<string> {
    if (!existsSync(this.folder)) return new Set();
    const names = readdirSync(this.folder, { recursive: true, encoding: 'utf8' });
    return new Set(names.filter((name) => name.endsWith('.html')).map((name) => Buffer.from(basename(name, '.html'), 'hex').toString('base64url')));
  }

  write(digest: string, html: string): void {
    const path = this.path(digest);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, html);
  }

  read(digest: string): string {
    try {
      return readFileSync(this.path(digest), 'utf8');
    } catch (error) {
      throw new Error(`the body of stored article ${digest} is missing from ${this.folder} (${(error as NodeJS.ErrnoException).code}): build again to restore it`);
    }
  }

  remove(digest: string): void {
    rmSync(this.path(digest), { force: true });
  }
}

/** An article's cleaned body: from its file, or from the store entry itself where it was kept there. */
export function bodyOf(entry: { digest?: string | number; rendered?: { html: string } }, bodies: BodyFiles): string {
  if (entry.rendered?.html !== undefined) return entry.rendered.html;
  if (typeof entry.digest !== 'string') throw new Error('a stored article without a digest has no body file');
  return bodies.read(entry.digest);
}
