import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { latinNameKinds, type SubjectKind } from '../lib/subject-kinds.ts';
import { simplifiedTexts } from '../lib/topics.ts';
import { codeVersion } from './pipeline-version.ts';
import { readTextFileSync } from './text-files.ts';

/**
 * What the listing data remembers (src/lib/remembered.ts), kept from build to build by the
 * listing thread: the kinds of Latin names and the Simplified spelling of Traditional titles and
 * summaries. At archive scale they cost the thread a second or more, for the same results every
 * build. They are kept under a digest of the code that computes them and of the libraries it asks:
 * after a change to either, the next build computes them again.
 */

const KINDS: ReadonlySet<unknown> = new Set<SubjectKind>(['person', 'place', 'organisation', 'other']);

/** What the kept results were computed by: englishNameKind and toSimplified (with what they import), compromise and OpenCC. */
export function listingMemoVersion(projectRoot?: URL): Promise<string> {
  return codeVersion(['src/lib/english-subjects.ts', 'src/lib/chinese.ts'], ['compromise', 'opencc-js'], projectRoot);
}

/** How many results the tables hold. */
export function listingMemoSize(): number {
  return latinNameKinds.size + simplifiedTexts.size;
}

/** Takes the results kept at `path` when they are of `version`; a missing, damaged or older file is left alone. */
export function restoreListingMemo(path: string, version: string): void {
  let kept: { version?: unknown; latinNameKinds?: unknown; simplifiedTexts?: unknown };
  try {
    kept = JSON.parse(readTextFileSync(path));
  } catch {
    return;
  }
  if (kept?.version !== version) return;
  const pairs = (value: unknown) => (Array.isArray(value) ? value.filter((entry): entry is [string, unknown] => Array.isArray(entry) && typeof entry[0] === 'string') : []);
  latinNameKinds.remember(pairs(kept.latinNameKinds).filter((entry): entry is [string, SubjectKind] => KINDS.has(entry[1])));
  simplifiedTexts.remember(pairs(kept.simplifiedTexts).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Keeps every result the tables hold for `version`, whole or not at all (written aside, then renamed). */
export function keepListingMemo(path: string, version: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify({ version, latinNameKinds: latinNameKinds.entries(), simplifiedTexts: simplifiedTexts.entries() }));
  renameSync(`${path}.tmp`, path);
}
