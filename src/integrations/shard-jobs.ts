/** What the shard jobs need of a worker thread (node:worker_threads' Worker, or a stand-in in tests). */
export interface JobWorker {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: { shard: string; error?: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

export interface ShardJobs {
  /** Settles when every job is done, or with the first failure. */
  done: Promise<void>;
  /**
   * Starts a second worker on the jobs not yet handed out, if any are left: once the pages are
   * done, the build waits on the indexer alone, and one Pagefind process works on one core.
   * Returns whether a worker started.
   */
  widen(): boolean;
  /** Jobs done by the second worker. */
  readonly widened: number;
}

/**
 * The order in which to index shards: the largest first (newest first among equal sizes). The
 * second worker starts only once the pages are done, so what is left for it then should be the
 * small jobs: a rebuild after an edit indexes the edited article's whole shard first and the
 * day's small piece beside it at the end, instead of the piece and then the whole shard on one
 * worker while the other core has nothing left to do.
 */
export function largestFirst<Job>(jobs: readonly Job[], size: (job: Job) => number): Job[] {
  // The sort is stable: jobs of one size keep their order.
  return jobs.toSorted((a, b) => size(b) - size(a));
}

/**
 * Hands the jobs to workers in order, one job at a time to each, so that a worker holds one
 * shard's articles at once. `message` makes a job's message when it is handed out, so that its
 * articles are read then and not all at the start. Each worker is sent `{ done: true }` when no
 * job is left, and must then exit.
 */
export function runShardJobs<Job>(jobs: readonly Job[], spawn: () => JobWorker, message: (job: Job) => unknown): ShardJobs {
  let next = 0;
  const workers: JobWorker[] = [];
  let running = 0;
  let failed = false;
  let widened = 0;
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));

  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    for (const worker of workers) worker.terminate();
    settle.reject(error);
  };

  const start = (second: boolean) => {
    const worker = spawn();
    workers.push(worker);
    running++;
    let finished = false;
    const send = () => {
      if (failed) return;
      if (next >= jobs.length) {
        finished = true;
        worker.postMessage({ done: true });
        return;
      }
      worker.postMessage(message(jobs[next++]));
    };
    worker.on('message', (reply) => {
      if (reply.error) return fail(new Error(`search index, shard ${reply.shard}: ${reply.error}`));
      if (second) widened++;
      send();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      running--;
      if (!finished) return fail(new Error(`the search indexer stopped (exit ${code}) before its shards were done`));
      if (running === 0 && !failed) settle.resolve();
    });
    send();
  };

  if (jobs.length) start(false);
  else settle.resolve();
  return {
    done,
    widen: () => {
      if (failed || workers.length > 1 || next >= jobs.length) return false;
      start(true);
      return true;
    },
    get widened() {
      return widened;
    },
  };
}
