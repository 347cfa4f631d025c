import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniffImage } from '../../src/lib/image-sniff.ts';

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

describe('sniffImage', () => {
  const cases: { name: string; input: Buffer; format?: string; refused?: RegExp }[] = [
    { name: 'JPEG', input: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), format: 'jpeg' },
    { name: 'PNG', input: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), format: 'png' },
    { name: 'GIF 89a', input: bytes('GIF89a', [1, 0]), format: 'gif' },
    { name: 'GIF 87a', input: bytes('GIF87a', [1, 0]), format: 'gif' },
    { name: 'WebP (lossy)', input: bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), format: 'webp' },
    { name: 'WebP (lossless)', input: bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8L'), format: 'webp' },
    { name: 'a RIFF file that is not WebP (a WAV)', input: bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), refused: /not a JPEG, PNG, GIF or WebP/ },
    { name: 'SVG with script', input: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), refused: /SVG document/ },
    { name: 'SVG after an XML declaration', input: bytes('<?xml version="1.0"?>\n<svg width="1">'), refused: /SVG document/ },
    { name: 'SVG after a byte order mark and white space', input: bytes([0xef, 0xbb, 0xbf], '  \n<svg>'), refused: /SVG document/ },
    { name: 'an HTML page named .jpg', input: bytes('<!DOCTYPE html><html><body>login</body></html>'), refused: /HTML page/ },
    { name: 'an HTML fragment', input: bytes('<html>'), refused: /HTML page/ },
    { name: 'XML that is not SVG', input: bytes('<?xml version="1.0"?><rss/>'), refused: /XML document/ },
    { name: 'a ZIP archive', input: bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0]), refused: /ZIP archive/ },
    { name: 'a PDF', input: bytes('%PDF-1.7'), refused: /PDF/ },
    { name: 'gzip', input: bytes([0x1f, 0x8b, 8, 0]), refused: /gzip/ },
    { name: 'AVIF', input: bytes([0, 0, 0, 0x1c], 'ftypavif'), refused: /AVIF/ },
    { name: 'an empty response', input: bytes(), refused: /empty/ },
    { name: 'plain text', input: bytes('Access denied'), refused: /not a JPEG, PNG, GIF or WebP/ },
  ];
  for (const { name, input, format, refused } of cases) {
    it(name, () => {
      const result = sniffImage(input);
      if (format) assert.deepEqual(result, { ok: true, format });
      else assert.match(result.ok ? '(accepted)' : result.reason, refused!);
    });
  }
});
