import { parentPort } from 'node:worker_threads';
import { tag } from '../lib/segmenter.ts';
import { parseCapture } from './parse-capture.ts';

// The dictionary loads on first use: load it now, while the first file may still be on its way (see ParsePool.warm).
tag('新闻', false);

/** A parsing thread: turns capture bytes into an article entry (see parse-pool.ts). */
parentPort!.on('message', ({ task, bytes, now }: { task: number; bytes: Uint8Array; now: number }) => {
  try {
    parentPort!.postMessage({ task, result: parseCapture(bytes, now) });
  } catch (error) {
    parentPort!.postMessage({ task, error: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
  }
});
