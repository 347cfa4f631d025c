import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PageProgress } from '../../src/lib/page-progress.ts';

// Messages as the build tool writes them: colour codes, a start line per page, then its time.
const start = (path: string) => ({ label: null, level: 'info', message: `  \u001b[34m├─\u001b[39m \u001b[2m${path}\u001b[22m`, newLine: false });
const end = (text: string) => ({ label: 'SKIP_FORMAT', level: 'info', message: ` \u001b[2m${text}\u001b[22m` });

describe('PageProgress: a count and a rate instead of a line per page', () => {
  it('hides per-page messages, counts pages, and reports every few seconds', () => {
    let clock = 0;
    const progress = new PageProgress(() => clock, 5000);
    assert.equal(progress.take(start('/a/index.html')), 'hide');
    assert.equal(progress.take(end('(+12ms)')), 'hide');
    assert.equal(progress.take(start('/b/index.html')), 'hide');
    clock = 2000;
    assert.equal(progress.take(end('(+0.5ms)')), 'hide');
    clock = 6000;
    assert.deepEqual(progress.take(end('(+3.20s)')), { progress: '3 pages and feeds rendered in 6.0 s, 1/s' });
    assert.equal(progress.take(end('(+1ms)')), 'hide', 'not again before another five seconds');
    assert.equal(progress.take(end('(+2ms)')), 'hide');
    assert.equal(progress.take(end('(+4ms)')), 'hide');
    assert.equal(progress.written, 6);
    assert.equal(progress.line(), '6 pages and feeds rendered in 6.0 s, 1/s');
  });
  it('shows every other message, and warnings even when they look like pages', () => {
    const progress = new PageProgress(() => 0);
    assert.equal(progress.take({ label: 'build', level: 'info', message: '22 page(s) built in 4.44s' }), 'show');
    assert.equal(progress.take({ label: 'SKIP_FORMAT', level: 'info', message: '\n generating static routes ' }), 'show');
    assert.equal(progress.take({ label: null, level: 'warn', message: '  ├─ /x/index.html' }), 'show');
    assert.equal(progress.written, 0);
  });
});
