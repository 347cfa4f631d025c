import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { largestFirst, runShardJobs, type JobWorker } from '../../src/integrations/shard-jobs.ts';

/** A stand-in worker: records what it is sent and answers when the test says so. */
class FakeWorker extends EventEmitter implements JobWorker {
  readonly sent: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
    // A worker told it is done exits, as the search worker does.
    if ((message as { done?: boolean }).done) queueMicrotask(() => this.emit('exit', 0));
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Finishes the job it holds. */
  answer(error?: string): void {
    const job = this.sent.at(-1) as { shard: string };
    this.emit('message', { shard: job.shard, ...(error ? { error } : {}) });
  }
}

const jobsOf = (...shards: string[]) => shards.map((shard) => ({ shard }));
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runShardJobs', () => {
  it('hands one job at a time to one worker, in order, then tells it it is done', async () => {
    const workers: FakeWorker[] = [];
    const made: string[] = [];
    const run = runShardJobs(jobsOf('2021-Q1', '2020-Q4', '2020-Q3'), () => (workers.push(new FakeWorker()), workers.at(-1)!), (job) => (made.push(job.shard), job));
    assert.deepEqual(made, ['2021-Q1'], 'a job’s message is made when it is handed out');
    workers[0].answer();
    workers[0].answer();
    workers[0].answer();
    await run.done;
    assert.equal(workers.length, 1);
    assert.deepEqual(workers[0].sent, [...jobsOf('2021-Q1', '2020-Q4', '2020-Q3'), { done: true }]);
    assert.equal(run.widened, 0);
  });

  it('starts a second worker on the jobs still waiting when widened, each job done once, and ends when both have exited', async () => {
    const workers: FakeWorker[] = [];
    const run = runShardJobs(jobsOf('a', 'b', 'c', 'd'), () => (workers.push(new FakeWorker()), workers.at(-1)!), (job) => job);
    assert.equal(run.widen(), true);
    assert.equal(run.widen(), false, 'never more than two');
    assert.deepEqual([workers[0].sent, workers[1].sent], [jobsOf('a'), jobsOf('b')], 'the second takes the next job while the first still works');
    workers[1].answer();
    workers[1].answer();
    workers[0].answer();
    await tick();
    let settled = false;
    void run.done.then(() => (settled = true));
    await tick();
    assert.equal(settled, false, 'not done while the second still works on d');
    workers[1].answer();
    await run.done;
    assert.deepEqual(workers[0].sent, [...jobsOf('a'), { done: true }]);
    assert.deepEqual(workers[1].sent, [...jobsOf('b', 'c', 'd'), { done: true }]);
    assert.equal(run.widened, 3);
  });

  it('starts no second worker when no job is waiting', async () => {
    const workers: FakeWorker[] = [];
    const run = runShardJobs(jobsOf('a'), () => (workers.push(new FakeWorker()), workers.at(-1)!), (job) => job);
    assert.equal(run.widen(), false);
    workers[0].answer();
    await run.done;
    assert.equal(workers.length, 1);
    const none = runShardJobs([], () => assert.fail('no job, no worker'), (job) => job);
    assert.equal(none.widen(), false);
    await none.done;
  });

  it('fails with the shard’s error and stops every worker', async () => {
    const workers: FakeWorker[] = [];
    const run = runShardJobs(jobsOf('a', 'b', 'c'), () => (workers.push(new FakeWorker()), workers.at(-1)!), (job) => job);
    run.widen();
    workers[1].answer('Pagefind could not start');
    await assert.rejects(run.done, /search index, shard b: Pagefind could not start/);
    assert.deepEqual(workers.map((worker) => worker.terminated), [true, true]);
    assert.equal(run.widen(), false);
  });

  it('fails when a worker exits before it was told it is done', async () => {
    const workers: FakeWorker[] = [];
    const run = runShardJobs(jobsOf('a', 'b'), () => (workers.push(new FakeWorker()), workers.at(-1)!), (job) => job);
    workers[0].emit('exit', 1);
    await assert.rejects(run.done, /the search indexer stopped \(exit 1\) before its shards were done/);
  });
});

describe('largestFirst', () => {
  it('orders jobs by size, largest first, keeping the given order among equal sizes', () => {
    const jobs = [
      { shard: '2021-Q1_0107', articles: 101 },
      { shard: '2021-Q1_0104', articles: 1239 },
      { shard: '2020-Q4-11-2', articles: 4520 },
      { shard: '2020-Q3', articles: 1239 },
    ];
    assert.deepEqual(
      largestFirst(jobs, (job) => job.articles).map((job) => job.shard),
      ['2020-Q4-11-2', '2021-Q1_0104', '2020-Q3', '2021-Q1_0107'],
    );
    assert.deepEqual(largestFirst([], () => 0), []);
    assert.equal(jobs[0].shard, '2021-Q1_0107', 'the given list is left as it was');
  });
});
