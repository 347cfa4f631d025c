import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { canKeepOutput, isRewrittenEveryBuild, outputPaths, staleOutputs } from '../../src/lib/kept-output.ts';

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

describe('outputPaths: each written file relative to the output folder, as the path module gives it', () => {
  const cases: [string, string, string, string][] = [
    ['a page', '/site/dist', '/site/dist/articles/1598d743f4e2cf7b/index.html', 'articles/1598d743f4e2cf7b/index.html'],
    ['a topic named in Chinese', '/site/dist', '/site/dist/topics/北约/index.html', 'topics/北约/index.html'],
    ['a space and a percent sign', '/site/dist', '/site/dist/a b/50%/rss.xml', 'a b/50%/rss.xml'],
    ['a folder given with its slash', '/site/dist/', '/site/dist/index.html', 'index.html'],
    ['a folder whose own name needs escaping', '/site/新 闻/dist', '/site/新 闻/dist/topics/台湾/index.html', 'topics/台湾/index.html'],
    ['a file beside the folder whose name starts the same', '/site/dist', '/site/dist2/index.html', '../dist2/index.html'],
    ['a file outside the folder', '/site/dist', '/site/other/a.html', '../other/a.html'],
  ];
  for (const [label, outDir, file, expected] of cases) {
    it(label, () => {
      const url = pathToFileURL(file);
      assert.deepEqual(outputPaths([url], outDir), [expected]);
      assert.equal(expected, relative(outDir, fileURLToPath(url)));
    });
  }
});
