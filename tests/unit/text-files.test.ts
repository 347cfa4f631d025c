import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readTextFile, readTextFileSync } from '../../src/loader/text-files.ts';
import { FIXTURES_DIR, SEEDS_DIR } from '../support/corpus.ts';
import { tempDir } from '../support/temp.ts';

/** Files of every kind the build reads as text: the seed articles, an outlet's fixtures, and bytes no writer meant. */
function textFiles(): [string, string][] {
  const seeds = readdirSync(SEEDS_DIR).map((name): [string, string] => [`seed ${name}`, join(SEEDS_DIR, name)]);
  const fixtures = ['rfi-share-links', 'cna-traditional-lazy-images', 'nytimes'].flatMap((name) =>
    readdirSync(join(FIXTURES_DIR, 'articles', name)).map((file): [string, string] => [`fixture ${name}/${file}`, join(FIXTURES_DIR, 'articles', name, file)]),
  );
  const made = tempDir('news-text-files');
  const odd: [string, Uint8Array | string][] = [
    ['empty', ''],
    ['ASCII only', '{"files":{"a.txt":[1,2]}}'],
    ['a byte-order mark', '\uFEFF<p>港口的灯</p>'],
    ['characters outside the basic plane', '<p>𠮷野家 🚢 渡轮</p>'],
    ['a sequence cut short and a stray continuation byte', Uint8Array.from([0x3c, 0x70, 0x3e, 0xe6, 0xb8, 0x3c, 0x2f, 0x70, 0x3e, 0x80, 0x41])],
    ['an encoded surrogate', Uint8Array.from([0x41, 0xed, 0xa0, 0x80, 0x42])],
  ];
  return [
    ...seeds,
    ...fixtures,
    ...odd.map(([what, content]): [string, string] => {
      const path = join(made, `${what.replaceAll(' ', '-')}.txt`);
      writeFileSync(path, content);
      return [what, path];
    }),
  ];
}

describe('readTextFileSync and readTextFile', () => {
  const files = textFiles();
  it('covers the seed articles and the odd files', () => {
    assert.ok(files.filter(([what]) => what.startsWith('seed ')).length >= 2);
    assert.ok(files.length >= 10);
  });
  for (const [what, path] of files) {
    it(`read ${what} as readFileSync(path, 'utf8') does`, async () => {
      const expected = readFileSync(path, 'utf8');
      assert.equal(readTextFileSync(path), expected);
      assert.equal(await readTextFile(path), expected);
    });
  }
  it('fail as readFileSync does on a missing file, with its error code', async () => {
    const missing = join(tempDir('news-text-files'), 'gone.html');
    assert.throws(() => readTextFileSync(missing), { code: 'ENOENT' });
    await assert.rejects(readTextFile(missing), { code: 'ENOENT' });
  });
});
