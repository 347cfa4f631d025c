import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Puts files from the cache into the output as hard links: a metadata write each, where copying
 * the archive's search index (tens of thousands of files) held up the end of a cold build by
 * seconds. Only for files that are never rewritten in place once made. Where a link cannot be
 * made (the cache on another file system, or one without hard links), it copies, from then on.
 */
export class FilePublisher {
  private linking = true;
  private readonly link: (from: string, to: string) => void;

  constructor(link: (from: string, to: string) => void = linkSync) {
    this.link = link;
  }

  /** Whether the files are still linked rather than copied. */
  get links(): boolean {
    return this.linking;
  }

  /** `files`, relative to `from`, to the same paths under `to` (which must not hold them yet). */
  publish(from: string, to: string, files: readonly string[]): void {
    const folders = new Set<string>();
    for (const file of files) {
      const target = join(to, file);
      if (!folders.has(dirname(target))) {
        mkdirSync(dirname(target), { recursive: true });
        folders.add(dirname(target));
      }
      if (this.linking) {
        try {
          this.link(join(from, file), target);
          continue;
        } catch {
          this.linking = false;
        }
      }
      copyFileSync(join(from, file), target);
    }
  }
}
