import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FilePublisher } from '../../src/integrations/file-publisher.ts';
import { tempDir } from '../support/temp.ts';

/** A shard-like folder: a file at its top and two in a subfolder. */
function cachedFolder(): { folder: string; files: string[] } {
  const folder = tempDir('news-cached');
  mkdirSync(join(folder, 'fragment'), { recursive: true });
  writeFileSync(join(folder, 'pagefind-entry.json'), '{"version":"1"}');
  writeFileSync(join(folder, 'fragment', 'a.pf_fragment'), '渡轮');
  writeFileSync(join(folder, 'fragment', 'b.pf_fragment'), '港口');
  return { folder, files: ['pagefind-entry.json', 'fragment/a.pf_fragment', 'fragment/b.pf_fragment'] };
}

describe('FilePublisher', () => {
  it('links each file into the output, in its folders, where both are on one file system', () => {
    const { folder, files } = cachedFolder();
    const output = join(tempDir('news-output'), 'pagefind', 'shard');
    const publisher = new FilePublisher();
    publisher.publish(folder, output, files);
    assert.ok(publisher.links);
    for (const file of files) {
      assert.equal(readFileSync(join(output, file), 'utf8'), readFileSync(join(folder, file), 'utf8'));
      assert.equal(statSync(join(output, file)).ino, statSync(join(folder, file)).ino, `${file} is the cached file itself`);
    }
  });

  it('copies where a link cannot be made, and stops trying links after the first refusal', () => {
    const { folder, files } = cachedFolder();
    const output = join(tempDir('news-output'), 'shard');
    const tried: string[] = [];
    const publisher = new FilePublisher((from) => {
      tried.push(from);
      throw Object.assign(new Error('cross-device link not permitted'), { code: 'EXDEV' });
    });
    publisher.publish(folder, output, files);
    publisher.publish(folder, join(output, 'again'), files);
    assert.equal(publisher.links, false);
    assert.deepEqual(tried, [join(folder, 'pagefind-entry.json')]);
    for (const file of files) {
      assert.equal(readFileSync(join(output, 'again', file), 'utf8'), readFileSync(join(folder, file), 'utf8'));
      assert.notEqual(statSync(join(output, file)).ino, statSync(join(folder, file)).ino, `${file} is a copy`);
    }
  });
});
