import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

const LINES = 3000;

/**
 * A process that logs through the build's logger, LINES warnings of 150 characters (the skipped
 * files at the end of an archive's build) and then exits at once, as Astro's command line does;
 * its standard output (where warnings go) is a pipe that this process reads only after a pause.
 */
async function linesReadFromSlowPipe(useBuildLogger: boolean): Promise<number> {
  const script = `
    const logger = ${useBuildLogger} ? (await import(${JSON.stringify(new URL('../../src/integrations/progress-logger.mjs', import.meta.url).href)})).default({ level: 'info' }) : undefined;
    for (let i = 0; i < ${LINES}; i++) {
      const message = 'skipped capture-' + i + '.txt: ' + 'x'.repeat(120);
      if (logger) logger.write({ level: 'warn', label: 'news-build-report', message, newLine: true });
      else process.stdout.write(message + '\\n');
    }
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const closed = new Promise((resolve) => child.on('close', resolve));
  child.stdout.pause();
  await sleep(500);
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stdout.resume();
  await closed;
  return text.split('\n').filter((line) => line.includes('skipped capture-')).length;
}

describe('the build logger', () => {
  it('loses no line written to a slow pipe just before the process exits', async () => {
    assert.equal(await linesReadFromSlowPipe(true), LINES);
  });

  it('is needed: plain writes to a slow pipe are lost at such an exit', async () => {
    assert.ok((await linesReadFromSlowPipe(false)) < LINES);
  });
});
