import { Worker } from 'node:worker_threads';
import type { CaptureResult } from './parse-capture.ts';

/**
 * Parsing and cleaning is the content sync's whole cost (all CPU), so it runs on worker threads,
 * one per core. Results come back in any order; callers await each file. Where threads cannot
 * start, or with one thread allowed, files are parsed on the calling thread.
 */
export interface ParsePool {
  /** `file` names the capture (for whoever watches the pool); only its bytes are parsed. */
  parse(bytes: Uint8Array, file: string, now: number): Promise<CaptureResult>;
  close(): Promise<void>;
  /**
   * Starts threads now for `files` files known to be coming (one per FILES_PER_THREAD of them, up
   * to the pool's size): a thread takes a second or two to load the parsing code and the
   * segmenter's dictionary, which a rebuild would otherwise wait for when it reaches its first new
   * file (new captures sort last).
   */
  warm(files: number): void;
  /**
   * Whether the threads keep the process alive (as Node's Worker.ref and unref): a pool started
   * ahead of a load that may never come (load-ahead.ts) does not, until the load takes it.
   */
  ref(): void;
  unref(): void;
  /** Threads in use (0: parsing on the calling thread). */
  readonly threads: number;
}

/**
 * Parses on the calling thread. The parsing code (and the cleaning and tagging libraries it loads)
 * is loaded on the first file: a build whose threads parse, or that parses nothing, never loads it
 * on the main thread, where it would hold up Astro's start.
 */
export function inlineParser(): ParsePool {
  let parser: Promise<typeof import('./parse-capture.ts')> | undefined;
  return {
    threads: 0,
    parse: async (bytes, _file, now) => (await (parser ??= import('./parse-capture.ts'))).parseCapture(bytes, now),
    close: async () => {},
    warm: () => {},
    ref: () => {},
    unref: () => {},
  };
}

/**
 * Files a thread has waiting before the pool starts another. A thread costs a second or more of
 * CPU to start (its code, the dictionary, compromise's lexicon), the time of a hundred files or
 * more: a rebuild that parses a few files does better with one thread, while the other core
 * serves the main thread and the listing data's. A cold build hands over 256 files at once and
 * starts every thread at its first batch.
 */
export const FILES_PER_THREAD = 64;

/**
 * A pool of up to `size` threads (SITE.parseThreads; 1 or less: inline). A thread starts when a
 * file arrives and every running thread has FILES_PER_THREAD files waiting, so a rebuild that
 * parses a few changed files starts one thread, not one per core.
 */
export function createParsePool(size: number): ParsePool {
  return size > 1 ? new ThreadPool(size) : inlineParser();
}

type Waiting = { resolve: (result: CaptureResult) => void; reject: (error: Error) => void };

class ThreadPool implements ParsePool {
  private readonly size: number;
  private readonly workers: Worker[] = [];
  /** Files in flight per thread. */
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Waiting>();
  private next = 0;
  private failure: Error | undefined;
  private closing = false;
  /** Set when threads cannot start here. */
  private inline: ParsePool | undefined;
  private referenced = true;

  constructor(size: number) {
    this.size = size;
  }

  get threads(): number {
    return this.workers.length;
  }

  parse(bytes: Uint8Array, file: string, now: number): Promise<CaptureResult> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.inline) return this.inline.parse(bytes, file, now);
    // The least busy thread takes the file, unless all have enough waiting and the pool may grow.
    let index = this.load.length ? this.load.indexOf(Math.min(...this.load)) : -1;
    if (index < 0 || (this.load[index] >= FILES_PER_THREAD && this.workers.length < this.size)) {
      try {
        index = this.start();
      } catch {
        if (index < 0) {
          // Threads cannot start here: parse on this thread.
          this.inline = inlineParser();
          return this.inline.parse(bytes, file, now);
        }
      }
    }
    const task = this.next++;
    this.load[index]++;
    return new Promise((resolve, reject) => {
      this.pending.set(task, { resolve, reject });
      this.workers[index].postMessage({ task, bytes, now });
    });
  }

  warm(files: number): void {
    if (this.inline || this.failure || this.closing) return;
    try {
      while (this.workers.length < Math.min(Math.ceil(files / FILES_PER_THREAD), this.size)) this.start();
    } catch {
      // The first file finds out, and parses on this thread.
    }
  }

  ref(): void {
    this.referenced = true;
    for (const worker of this.workers) worker.ref();
  }

  unref(): void {
    this.referenced = false;
    for (const worker of this.workers) worker.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private start(): number {
    const index = this.workers.length;
    const worker = new Worker(new URL('./article-worker.ts', import.meta.url));
    worker.on('message', ({ task, result, error }: { task: number; result?: CaptureResult; error?: string }) => {
      this.load[index]--;
      const waiting = this.pending.get(task)!;
      this.pending.delete(task);
      if (error) waiting.reject(new Error(error));
      else waiting.resolve(reviveDates(result!));
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`a parsing thread stopped (exit code ${code})`));
    });
    // After the listeners: listening for messages refs the thread again.
    if (!this.referenced) worker.unref();
    this.workers.push(worker);
    this.load.push(0);
    return index;
  }

  /** A thread that dies takes the build down with a reason, rather than leaving files waiting forever. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** Structured clone keeps Dates, but be explicit: the schema wants a Date. */
function reviveDates(result: CaptureResult): CaptureResult {
  if (result.ok && !(result.entry.data.capturedAt instanceof Date)) result.entry.data.capturedAt = new Date(result.entry.data.capturedAt);
  return result;
}
