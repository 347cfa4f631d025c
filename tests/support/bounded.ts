import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from './corpus.ts';

/**
 * Runs `script` (an ES module body; it may import project files by path from the project root)
 * in a child process and returns what it prints. A regular expression that backtracks forever
 * blocks its own thread, timers included, so only a separate process can be stopped: past
 * `seconds`, the child is killed and the test fails instead of hanging.
 */
export function runWithin(seconds: number, script: string): string {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: seconds * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  assert.notEqual(result.signal, 'SIGTERM', `did not finish within ${seconds} s`);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}
