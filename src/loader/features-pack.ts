import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The story features of every article the listing data was last computed for, in one file beside
 * the bodies: the listing thread reads it at once instead of one file per article (56,000 at
 * archive scale, more than a second). Features never change under an article's store digest, so
 * whatever the pack holds is right for any build; digests it lacks are read from their own files.
 *
 * Layout: "NSF1", the index's length in bytes (u32), the index (JSON: [digest, word count] in
 * order), padding to four bytes, then the words (u32) of every article in index order. Words
 * are in the machine's byte order, as encodeFeatures writes them (src/lib/stories.ts).
 */

const MAGIC = 'NSF1';

const padded = (length: number) => (length + 3) & ~3;

/** The features by digest; empty when there is no pack, or it is damaged or cut short (an interrupted build). */
export function readFeaturesPack(path: string): Map<string, Uint32Array> {
  const pack = new Map<string, Uint32Array>();
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return pack;
  }
  if (bytes.length < 8 || bytes.toString('latin1', 0, 4) !== MAGIC) return pack;
  const indexEnd = 8 + bytes.readUInt32LE(4);
  let index: [string, number][];
  try {
    index = JSON.parse(bytes.toString('utf8', 8, indexEnd));
  } catch {
    return pack;
  }
  const total = index.reduce((sum, [, count]) => sum + count, 0);
  const wordsAt = padded(indexEnd);
  if (wordsAt + total * 4 !== bytes.length) return pack;
  // One copy into a buffer of its own: a Uint32Array must start at a multiple of four bytes.
  const words = new Uint32Array(total);
  new Uint8Array(words.buffer).set(bytes.subarray(wordsAt));
  let at = 0;
  for (const [digest, count] of index) {
    pack.set(digest, words.subarray(at, at + count));
    at += count;
  }
  return pack;
}

/** Writes the pack whole (a temporary file, then renamed), so that a build stopped meanwhile leaves the last one. */
export function writeFeaturesPack(path: string, features: ReadonlyMap<string, Uint32Array>): void {
  const index = Buffer.from(JSON.stringify([...features].map(([digest, words]) => [digest, words.length])));
  let total = 0;
  for (const words of features.values()) total += words.length;
  const wordsAt = padded(8 + index.length);
  const bytes = Buffer.alloc(wordsAt + total * 4);
  bytes.write(MAGIC, 0, 'latin1');
  bytes.writeUInt32LE(index.length, 4);
  index.copy(bytes, 8);
  let at = wordsAt;
  for (const words of features.values()) {
    bytes.set(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), at);
    at += words.byteLength;
  }
  mkdirSync(dirname(path), { recursive: true });
  // One name for it, so that a process ended while writing leaves at most one such file behind.
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
}
