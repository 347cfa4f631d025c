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

/** A pool of `size` threads (default: one per core, NEWS_PARSE_THREADS to override; 0 or 1 core: inline). */
export function createParsePool(size = Number(process.env.NEWS_PARSE_THREADS ?? availableParallelism())): ParsePool {
  if (!(size > 1)) return inlineParser();
  let workers: Worker[];
  try {
    workers = Array.from({ length: size }, () => new Worker(new URL('./article-worker.ts', import.meta.url)));
  } catch {
    return inlineParser();
  }
  const pending = new Map<number, { resolve: (result: ArticleResult) => void; reject: (error: Error) => void }>();
  const load = workers.map(() => 0);
  let next = 0;
  let failure: Error | undefined;
  let closing = false;
  workers.forEach((worker, index) => {
    worker.on('message', ({ task, result, error }: { task: number; result?: ArticleResult; error?: string }) => {
      load[index]--;
      const waiting = pending.get(task)!;
      pending.delete(task);
      if (error) waiting.reject(new Error(error));
      else waiting.resolve(reviveDates(result!));
    });
    // A thread that dies takes the build down with a reason, rather than leaving files waiting forever.
    const fail = (error: Error) => {
      failure ??= error;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closing) fail(new Error(`a parsing thread stopped (exit code ${code})`));
    });
  });
  return {
    threads: size,
    parse(bytes, file, now) {
      if (failure) return Promise.reject(failure);
      const task = next++;
      // The least busy thread takes the file.
      const index = load.indexOf(Math.min(...load));
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
