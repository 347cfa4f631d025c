import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toArticleEntry } from '../../src/lib/article.ts';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { FIXED_NOW } from './clock.ts';
import { FIXTURES_DIR, PROJECT_ROOT } from './corpus.ts';

/**
 * Golden cases: tests/fixtures/articles/<case>/ holds its input, either `capture.txt` (a capture
 * written for the project that reproduces one outlet's markup with the project's own prose) or
 * `source` (the path, from the project root, of a sample article in content/); expected.html
 * and expected.json hold the reviewed output.
 */
export const GOLDEN_DIR = join(FIXTURES_DIR, 'articles');

export function listGoldenCases(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((name) => existsSync(join(GOLDEN_DIR, name, 'capture.txt')) || existsSync(join(GOLDEN_DIR, name, 'source')))
    .sort();
}

/** A case's input file, relative to the project root (the name the output records as its source). */
export function goldenInput(name: string): string {
  const own = join(GOLDEN_DIR, name, 'capture.txt');
  if (existsSync(own)) return relative(PROJECT_ROOT, own);
  return readFileSync(join(GOLDEN_DIR, name, 'source'), 'utf8').trim();
}

/** A case's capture, parsed (URL, title, raw body), for tests of the cleaning rules. */
export function readGoldenCapture(name: string) {
  const parsed = parseCaptureBytes(readFileSync(join(PROJECT_ROOT, goldenInput(name))), { now: FIXED_NOW });
  if (!parsed.ok) throw new Error(`${name}: ${parsed.reason}`);
  return { name, ...parsed.value };
}

/** The current output for a case, in the form the expected files are written in. */
export function renderGoldenCase(name: string): { html: string; json: string } {
  const input = goldenInput(name);
  return renderCapture(join(PROJECT_ROOT, input), input);
}

/** A capture's cleaned body (one block per line) and its metadata as JSON: what a golden case pins. */
export function renderCapture(path: string, sourceFile: string): { html: string; json: string } {
  const result = toArticleEntry(readFileSync(path), { now: FIXED_NOW });
  if (!result.ok) throw new Error(`${sourceFile}: ${result.reason}`);
  // Story features are opaque hashes, checked by the story tests rather than pinned here.
  const { id, data, html } = result.entry;
  return { html: `${html.replace(/(<\/(?:p|div|figure|h[2-6]|ul|ol|blockquote|table)>)/g, '$1\n')}\n`, json: `${JSON.stringify({ id, ...data }, null, 2)}\n` };
}

/**
 * Real captures whose output is pinned by digest (the corpus suite checks them; their text stays
 * outside the repository): tests/corpus/cleaned-digests.tsv, one line per capture.
 */
export const DIGESTS_FILE = join(PROJECT_ROOT, 'tests/corpus/cleaned-digests.tsv');

export function digestOf(rendered: { html: string; json: string }): string {
  return createHash('sha256').update(rendered.html).update('\u0000').update(rendered.json).digest('hex').slice(0, 32);
}

export interface PinnedCapture {
  file: string;
  digest: string;
  about: string;
}

export function readDigests(): PinnedCapture[] {
  return readFileSync(DIGESTS_FILE, 'utf8').split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split('\t'))
    .map(([file, digest, about]) => ({ file, digest, about }));
}

export function writeDigests(pinned: PinnedCapture[]): void {
  const header = '# Real captures whose cleaned output is pinned: file, digest of expected.html + expected.json as renderCapture writes them, what the capture shows.\n# npm run fixtures:update rewrites the digests; look at the changed captures\' output before committing.\n';
  writeFileSync(DIGESTS_FILE, header + pinned.map(({ file, digest, about }) => `${file}\t${digest}\t${about}\n`).join(''));
}
