import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FeatureNumbering, keepOnlyUsed } from '../lib/feature-numbers.ts';

/**
 * The story features of every article the listing data was last computed for, in one file beside
 * the bodies: the listing thread reads it at once instead of one file per article (56,000 at
 * archive scale, more than a second). Each article's features are kept as their numbers in the
 * numbering kept with them (src/lib/feature-numbers.ts), which story pairs are computed over.
 * Features never change under an article's store digest, so whatever the pack holds is right
 * for any build; digests it lacks are read from their own files and numbered then.
 *
 * Layout: "NSF2", the index's length in bytes (u32), the number of features numbered (u32),
 * the index (JSON: [digest, feature count] in order), padding to four bytes, then the feature
 * numbers (u32) of every article in index order, then the numbering: each number's feature,
 * and the numbers in ascending order of their features. Words are in the machine's byte order.
 */

const MAGIC = 'NSF2';

const padded = (length: number) => (length + 3) & ~3;

export interface FeaturesPack {
  /** Each article's features as numbers, by store digest. */
  numbers: Map<string, Uint32Array>;
  numbering: FeatureNumbering;
}

/** The pack; empty when there is none, or it is damaged, cut short or of an earlier layout (an interrupted build, an upgrade). */
export function readFeaturesPack(path: string): FeaturesPack {
  const empty = () => ({ numbers: new Map<string, Uint32Array>(), numbering: new FeatureNumbering() });
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return empty();
  }
  if (bytes.length < 12 || bytes.toString('latin1', 0, 4) !== MAGIC) return empty();
  const indexEnd = 12 + bytes.readUInt32LE(4);
  const distinct = bytes.readUInt32LE(8);
  let index: [string, number][];
  try {
    index = JSON.parse(bytes.toString('utf8', 12, indexEnd));
  } catch {
    return empty();
  }
  const total = index.reduce((sum, [, count]) => sum + count, 0);
  const wordsAt = padded(indexEnd);
  if (wordsAt + (total + 2 * distinct) * 4 !== bytes.length) return empty();
  // One copy into a buffer of its own: a Uint32Array must start at a multiple of four bytes.
  const words = new Uint32Array(total + 2 * distinct);
  new Uint8Array(words.buffer).set(bytes.subarray(wordsAt));
  for (let at = 0; at < total; at++) if (words[at] >= distinct) return empty();
  let numbering: FeatureNumbering;
  try {
    numbering = new FeatureNumbering({ keys: words.subarray(total, total + distinct), order: words.subarray(total + distinct) });
  } catch {
    return empty();
  }
  const numbers = new Map<string, Uint32Array>();
  let at = 0;
  for (const [digest, count] of index) {
    numbers.set(digest, words.subarray(at, at + count));
    at += count;
  }
  return { numbers, numbering };
}

/**
 * The last build's pack for articles of these `digests`, unless it holds fewer than half of them
 * (every digest changes with the code that parses: an upgrade), then an empty one: numbering
 * afresh is faster than looking each of millions of features up in a numbering of old ones.
 */
export function packWorthKeeping(pack: FeaturesPack, digests: readonly string[]): FeaturesPack {
  const known = digests.filter((digest) => pack.numbers.has(digest)).length;
  return 2 * known >= digests.length ? pack : { numbers: new Map(), numbering: new FeatureNumbering() };
}

/**
 * Writes the pack whole (a temporary file, then renamed), so that a build stopped meanwhile
 * leaves the last one. It keeps only the features its articles have, numbered anew.
 */
export function writeFeaturesPack(path: string, pack: FeaturesPack): void {
  const digests = [...pack.numbers.keys()];
  const used = keepOnlyUsed(pack.numbering, [...pack.numbers.values()]);
  const { keys, order } = used.numbering.kept();
  const index = Buffer.from(JSON.stringify(digests.map((digest, at) => [digest, used.articles[at].length])));
  let total = 0;
  for (const words of used.articles) total += words.length;
  const wordsAt = padded(12 + index.length);
  const bytes = Buffer.alloc(wordsAt + (total + 2 * keys.length) * 4);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(index.length, 4);
  bytes.writeUInt32LE(keys.length, 8);
  index.copy(bytes, 12);
  let at = wordsAt;
  for (const words of [...used.articles, keys, order]) {
    bytes.set(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), at);
    at += words.byteLength;
  }
  mkdirSync(dirname(path), { recursive: true });
  // One name for it, so that a process ended while writing leaves at most one such file behind.
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}
