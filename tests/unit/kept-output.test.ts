import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canKeepOutput, isRewrittenEveryBuild, staleOutputs } from '../../src/lib/kept-output.ts';

describe('canKeepOutput: the last build of this cache wrote the folder, with the same settings', () => {
  const record = { outDir: '/site/dist', settings: '{"base":"/"}', files: ['index.html'] };
  const cases: [string, Parameters<typeof canKeepOutput>[0], string, string, boolean][] = [
    ['the same folder and settings', record, '/site/dist', '{"base":"/"}', true],
    ['no record: a first build, or the last one failed', undefined, '/site/dist', '{"base":"/"}', false],
    ['another output folder', record, '/site/public', '{"base":"/"}', false],
    ['another base path', record, '/site/dist', '{"base":"/news/"}', false],
    ['a record without its file list', { outDir: '/site/dist', settings: '{"base":"/"}' } as never, '/site/dist', '{"base":"/"}', false],
  ];
  for (const [name, given, outDir, settings, expected] of cases) it(name, () => assert.equal(canKeepOutput(given, outDir, settings), expected));
});

describe('staleOutputs', () => {
  it('names the last build’s files that this one did not write, in their order', () =>
    assert.deepEqual(staleOutputs(['a/index.html', 'b/index.html', 'rss.xml', 'c/index.html'], ['rss.xml', 'a/index.html', 'd/index.html']), ['b/index.html', 'c/index.html']));
  it('has nothing after a first build', () => assert.deepEqual(staleOutputs([], ['index.html']), []));
});

describe('isRewrittenEveryBuild', () => {
  const cases: [string, boolean][] = [
    ['_astro', true],
    ['sitemap-index.xml', true],
    ['sitemap-0.xml', true],
    ['sitemap-12.xml', true],
    ['sitemap.xml', false],
    ['rss.xml', false],
    ['articles', false],
    ['pagefind', false],
    ['_headers', false],
  ];
  for (const [name, expected] of cases) it(name, () => assert.equal(isRewrittenEveryBuild(name), expected));
});
