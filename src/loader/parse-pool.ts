import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { toArticleEntry, type ArticleResult } from '../lib/article.ts';

/**
 * Parsing and cleaning is the content sync's whole cost (about 2 ms per article, all CPU), so it
 * runs on worker threads, one per core. Results come back in any order; callers await each file.
 * Where threads cannot start, or with one core, files are parsed on the calling thread.
 */
export interface ParsePool {
  parse(bytes: Uint8Array, file: string, now: number): Promise<ArticleResult>;
  close(): Promise<void>;
  /** Threads in use (0: parsing on the calling thread). */
  readonly threads: number;
}

export function inlineParser(): ParsePool {
  return {
    threads: 0,
    parse: async (bytes, file, now) => toArticleEntry(bytes, file, { now }),
    close: async () => {},
  };
}

/**
 * A pool of up to `size` threads (default: one per core, NEWS_PARSE_THREADS to override; 0 or 1
 * core: inline). A thread starts when a file arrives and every running thread is busy, so a
 * rebuild that parses one changed file starts one thread, not one per core.
 */
export function createParsePool(size = Number(process.env.NEWS_PARSE_THREADS ?? availableParallelism())): ParsePool {
  if (!(size > 1)) return inlineParser();
  const workers: Worker[] = [];
  const load: number[] = [];
  const pending = new Map<number, { resolve: (result: ArticleResult) => void; reject: (error: Error) => void }>();
  let next = 0;
  let failure: Error | undefined;
  let closing = false;
  // A thread that dies takes the build down with a reason, rather than leaving files waiting forever.
  const fail = (error: Error) => {
    failure ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  const start = (): number => {
    const index = workers.length;
    const worker = new Worker(new URL('./article-worker.ts', import.meta.url));
    worker.on('message', ({ task, result, error }: { task: number; result?: ArticleResult; error?: string }) => {
      load[index]--;
      const waiting = pending.get(task)!;
      pending.delete(task);
      if (error) waiting.reject(new Error(error));
      else waiting.resolve(reviveDates(result!));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`a parsing thread stopped (exit code ${code})`));
    });
    workers.push(worker);
    load.push(0);
    return index;
  };
  let inline: ParsePool | undefined;
  return {
    get threads() {
      return workers.length;
    },
    parse(bytes, file, now) {
      if (failure) return Promise.reject(failure);
      if (inline) return inline.parse(bytes, file, now);
      // The least busy thread takes the file, unless all are busy and the pool may grow.
      let index = load.length ? load.indexOf(Math.min(...load)) : -1;
      if (index < 0 || (load[index] > 0 && workers.length < size)) {
        try {
          index = start();
        } catch {
          if (index < 0) {
            // Threads cannot start here: parse on this thread.
            inline = inlineParser();
            return inline.parse(bytes, file, now);
          }
        }
      }
      const task = next++;
      load[index]++;
      return new Promise((resolve, reject) => {
        pending.set(task, { resolve, reject });
        workers[index].postMessage({ task, bytes, file, now });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Structured clone keeps Dates, but be explicit: the schema wants a Date. */
function reviveDates(result: ArticleResult): ArticleResult {
  if (result.ok && !(result.entry.data.capturedAt instanceof Date)) result.entry.data.capturedAt = new Date(result.entry.data.capturedAt);
  return result;
}
