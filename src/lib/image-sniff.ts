/**
 * What a downloaded file is, by its first bytes, never by its name or its Content-Type: a server
 * may call an HTML page, an SVG carrying script or a ZIP archive `photo.jpg`. Only the four
 * raster formats every browser and feed reader shows are accepted; everything else is refused
 * with what it looks like. Pure: decoding is the image mirror's job, which then checks that the
 * decoder agrees.
 */

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp';

export type SniffResult = { ok: true; format: ImageFormat } | { ok: false; reason: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** Signatures of the accepted formats (WHATWG MIME Sniffing, "image type pattern matching"). */
const IMAGE_SIGNATURES: readonly { format: ImageFormat; test: (bytes: Uint8Array) => boolean }[] = [
  { format: 'jpeg', test: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) },
  { format: 'png', test: (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { format: 'gif', test: (bytes) => startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')) },
  { format: 'webp', test: (bytes) => startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBPVP'), 8) },
];

/** Other things servers hand out in place of an image, named in the refusal. */
const KNOWN_OTHERS: readonly { name: string; test: (bytes: Uint8Array, head: string) => boolean }[] = [
  { name: 'an SVG document (it can carry script)', test: (_, head) => /<svg[\s>]/i.test(head) },
  { name: 'an HTML page', test: (_, head) => /^<(?:!doctype html|html|head|body|script|iframe|title|div|p|a|table)[\s>]/i.test(head) },
  { name: 'an XML document', test: (_, head) => /^<\?xml/i.test(head) },
  { name: 'a ZIP archive', test: (bytes) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) },
  { name: 'a PDF document', test: (bytes) => startsWith(bytes, ascii('%PDF-')) },
  { name: 'gzip-compressed data', test: (bytes) => startsWith(bytes, [0x1f, 0x8b]) },
  { name: 'a BMP image (not published: too large for the web)', test: (bytes) => startsWith(bytes, ascii('BM')) },
  { name: 'a TIFF image (browsers do not show it)', test: (bytes) => startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) },
  { name: 'an ICO icon', test: (bytes) => startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) },
  { name: 'an AVIF or HEIF image (not accepted yet)', test: (bytes) => startsWith(bytes, ascii('ftyp'), 4) },
];

/** The format of a downloaded file by its leading bytes, or what it looks like instead. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'the response is empty' };
  for (const { format, test } of IMAGE_SIGNATURES) if (test(bytes)) return { ok: true, format };
  // Markup may follow a byte order mark and white space.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\uFEFF?\s*/, '');
  for (const { name, test } of KNOWN_OTHERS) if (test(bytes, head)) return { ok: false, reason: `the file is ${name}, not an image` };
  return { ok: false, reason: 'the file is not a JPEG, PNG, GIF or WebP image' };
}
