import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { boilerplateForUrl } from '../../src/lib/outlets.ts';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { PROJECT_ROOT, realCorpusDir } from '../support/corpus.ts';

/** A run this long shared with an article's text is a quotation, not a coincidence of names and boilerplate. */
const RUN = 30;

/** Text as compared: no markup, no URLs or escapes, no whitespace. */
const normalize = (text: string) =>
  text.replace(/<[^>]*>/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/%[0-9A-Fa-f]{2}|&#?\w+;/g, '').replace(/\s+/g, '');

/** The repository's files: those git tracks or would add; the two samples in content/ are the project's own. */
function repositoryFiles(): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  assert.equal(listed.status, 0, `git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\0').filter((file) => file && !file.startsWith('content/') && !file.endsWith('package-lock.json'))
    .filter((file) => statSync(join(PROJECT_ROOT, file), { throwIfNoEntry: false })?.isFile());
}

describe('the repository holds none of the real captures\' article text', () => {
  it(`no ${RUN}-character run of a real capture's cleaned text or title appears in any file of the repository`, () => {
    const corpus = realCorpusDir();
    const runs = new Map<string, string>();
    for (const file of readdirSync(corpus).filter((name) => name.endsWith('.txt'))) {
      const parsed = parseCaptureBytes(readFileSync(join(corpus, file)), { now: FIXED_NOW });
      if (!parsed.ok) continue;
      // What the cleaner keeps is the article; boilerplate it removes may be named in rules and fixtures.
      const text = normalize(`${parsed.value.title} ${cleanArticleHtml(parsed.value.bodyHtml, { baseUrl: parsed.value.url, outletRules: boilerplateForUrl(parsed.value.url) }).text}`);
      for (let i = 0; i + RUN <= text.length; i++) runs.set(text.slice(i, i + RUN), file);
    }
    assert.ok(runs.size > 10_000, 'too little text read from the corpus to judge');
    const found: string[] = [];
    for (const file of repositoryFiles()) {
      const text = normalize(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
      for (let i = 0; i + RUN <= text.length; i++) {
        const source = runs.get(text.slice(i, i + RUN));
        if (source) {
          found.push(`${file}: "${text.slice(i, i + RUN)}" (from ${source})`);
          break;
        }
      }
    }
    assert.deepEqual(found, []);
  });
});
