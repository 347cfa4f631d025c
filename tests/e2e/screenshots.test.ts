import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedBuild } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';
import { tempDir } from '../support/temp.ts';

/** The width and height a PNG file states in its header. */
function pngSize(path: string): [number, number] {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', path);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('npm run screenshots', () => {
  const building = sharedBuild(BASE_PATH_SETTINGS);
  it('shoots the home page, an article, a topic and the statistics page, on a desk and a phone, light and dark', async () => {
    const build = await building;
    assert.equal(build.status, 0, build.log);
    const out = tempDir('news-shots');
    const run = spawnSync(process.execPath, ['scripts/screenshots.ts', build.outDir, '/news/', out], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const expected = ['home', 'article', 'topic', 'about'].flatMap((page) => ['desk', 'phone'].flatMap((device) => ['light', 'dark'].map((scheme) => `${page}-${device}-${scheme}.png`)));
    assert.deepEqual(readdirSync(out).sort(), expected.sort());
    for (const file of expected) assert.deepEqual(pngSize(join(out, file)), file.includes('-desk-') ? [1280, 800] : [780, 1688], file);
    // Light and dark differ: the colour scheme reached the page.
    assert.notDeepEqual(readFileSync(join(out, 'about-phone-light.png')), readFileSync(join(out, 'about-phone-dark.png')));
  });
});
