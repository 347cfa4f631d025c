import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { readTextFileSync } from './text-files.ts';

/**
 * Cleaned article bodies, kept as one file each beside the content store rather than inside it,
 * with each article's story features (story-features.ts) in a second file. The store then holds only
 * what listings need (titles, dates, topics), so that loading and writing it costs a fraction of
 * what it did; a body is read only by what shows it (its page, a feed, the search indexer, a
 * line the build report quotes), and the features only by the story pairs. The files are named
 * by the article's store digest, which changes with the capture file and the cleaning code: a
 * file never changes once written, and a digest that is gone from the store takes its files with it.
 */
export class BodyFiles {
  readonly folder: string;

  constructor(folder: string) {
    this.folder = folder;
  }

  /** Every stored article's story features in one file (features-pack.ts), kept by the listing thread. */
  get featuresPack(): string {
    return join(this.folder, 'story-features.pack');
  }

  /** What the listing data remembers from build to build (listing-memo.ts), kept by the listing thread. */
  get listingMemo(): string {
    return join(this.folder, 'listing-memo.json');
  }

  /** The body file of a digest (base64url, case-sensitive, so spelled in hex for file systems that are not). */
  path(digest: string, extension: 'html' | 'features' = 'html'): string {
    const hex = Buffer.from(digest, 'base64url').toString('hex');
    if (!hex) throw new Error(`not an article digest: ${JSON.stringify(digest)}`);
    return join(this.folder, hex.slice(0, 2), `${hex}.${extension}`);
  }

  /**
   * The digests with files, each with whether it has both (a body and its features): one listing
   * of the folder rather than a look per article. The subfolders are listed one by one: a
   * recursive listing looks at every file to learn whether it is a folder (a second per 100,000
   * files, against a tenth of one).
   */
  listing(): Map<string, boolean> {
    const listed = new Map<string, boolean>();
    if (!existsSync(this.folder)) return listed;
    for (const subfolder of readdirSync(this.folder, { withFileTypes: true })) {
      if (!subfolder.isDirectory()) continue;
      for (const name of readdirSync(join(this.folder, subfolder.name))) {
        const extension = extname(name);
        if (extension !== '.html' && extension !== '.features') continue;
        const digest = Buffer.from(basename(name, extension), 'hex').toString('base64url');
        listed.set(digest, listed.has(digest));
      }
    }
    return listed;
  }

  /** The digests that have both their files. */
  digests(): Set<string> {
    return new Set([...this.listing()].filter(([, both]) => both).map(([digest]) => digest));
  }

  write(digest: string, html: string, storyFeatures: string): void {
    const path = this.path(digest);
    // The folder is made when a write finds it missing: a cold build writes 100,000 files into 256 folders.
    try {
      writeFileSync(path, html);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, html);
    }
    writeFileSync(this.path(digest, 'features'), storyFeatures);
  }

  read(digest: string): string {
    return this.readFile(digest, 'html');
  }

  readFeatures(digest: string): string {
    return this.readFile(digest, 'features');
  }

  remove(digest: string): void {
    rmSync(this.path(digest), { force: true });
    rmSync(this.path(digest, 'features'), { force: true });
  }

  private readFile(digest: string, extension: 'html' | 'features'): string {
    try {
      return readTextFileSync(this.path(digest, extension));
    } catch (error) {
      const what = extension === 'html' ? 'body' : 'story features file';
      throw new Error(`the ${what} of stored article ${digest} is missing from ${this.folder} (${(error as NodeJS.ErrnoException).code}): build again to restore it`);
    }
  }
}

/** Where the store keeps a body itself (a loader without body files), it keeps the story features beside it. */
export interface BodyInStore {
  digest?: string | number;
  rendered?: { html: string; metadata?: Record<string, unknown> };
}

/** An article's cleaned body: from its file, or from the store entry itself where it was kept there. */
export function bodyOf(entry: BodyInStore, bodies: BodyFiles): string {
  if (entry.rendered?.html !== undefined) return entry.rendered.html;
  if (typeof entry.digest !== 'string') throw new Error('a stored article without a digest has no body file');
  return bodies.read(entry.digest);
}

/** An article's story features: from their file, or from the store entry where its body is kept there. */
export function storyFeaturesOf(entry: BodyInStore, bodies: BodyFiles): string {
  const inStore = entry.rendered?.metadata?.storyFeatures;
  if (typeof inStore === 'string') return inStore;
  if (typeof entry.digest !== 'string') throw new Error('a stored article without a digest has no story features file');
  return bodies.readFeatures(entry.digest);
}
