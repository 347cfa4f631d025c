import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCaptureBytes, parseCaptureText, MAX_FILE_BYTES } from '../../src/lib/parse.ts';
import { REAL_DIR, SEEDS_DIR } from '../support/corpus.ts';

const NOW = Date.UTC(2026, 0, 1);
const URL_OK = 'https://www.rfi.fr/cn/x';
const file = (line1: string, line2 = `[标题](${URL_OK})`, rest = '------\n\n<p>正文</p>\n') => `${line1}\n${line2}\n${rest}`;

const cases: { name: string; text: string; expect: RegExp | { title?: string; url?: string; iso?: string } }[] = [
  { name: 'plain milliseconds', text: file('<!--1706908501000-->'), expect: { iso: '2024-02-02T21:15:01.000Z', title: '标题' } },
  { name: 'spaces inside the comment', text: file('<!--  1706908501000  -->'), expect: { iso: '2024-02-02T21:15:01.000Z' } },
  { name: '10 digits read as seconds', text: file('<!--1706908501-->'), expect: { iso: '2024-02-02T21:15:01.000Z' } },
  { name: 'CRLF line ends', text: file('<!--1706908501000-->', `[标题](${URL_OK})`, '------\r\n\r\n<p>正文</p>').replace(/\n/g, '\r\n'), expect: { title: '标题', url: URL_OK } },
  { name: 'byte order mark', text: `\ufeff${file('<!--1706908501000-->')}`, expect: { title: '标题' } },
  { name: 'brackets in the title', text: file('<!--1706908501000-->', `[[独家] 标题 [图]](${URL_OK})`), expect: { title: '[独家] 标题 [图]' } },
  { name: 'parentheses in the URL', text: file('<!--1706908501000-->', '[T](https://en.wikipedia.org/wiki/A_(b))'), expect: { url: 'https://en.wikipedia.org/wiki/A_(b)' } },
  { name: 'NUL and controls stripped', text: file('<!--1706908501000-->', `[标\u0000题\u0008](${URL_OK})`), expect: { title: '标题' } },
  { name: 'empty file', text: '', expect: /empty/ },
  { name: 'header only', text: '<!--1706908501000-->\n', expect: /no body/ },
  { name: 'words as timestamp', text: file('<!--yesterday-->'), expect: /not a decimal/ },
  { name: 'negative timestamp', text: file('<!---1706908501000-->'), expect: /not a decimal/ },
  { name: 'hexadecimal timestamp', text: file('<!--0x18D6B2C1A08-->'), expect: /not a decimal/ },
  { name: 'exponent timestamp', text: file('<!--1.7e12-->'), expect: /not a decimal/ },
  { name: 'zero timestamp', text: file('<!--0-->'), expect: /before 1990/ },
  { name: 'far future', text: file('<!--9999999999999-->'), expect: /future/ },
  { name: 'beyond the Date range', text: file('<!--99999999999999999999-->'), expect: /out of range/ },
  { name: 'unclosed comment', text: file('<!--1706908501000'), expect: /not closed/ },
  { name: 'missing timestamp', text: file('<!---->'), expect: /missing/ },
  { name: 'not a comment', text: file('1706908501000'), expect: /not a timestamp comment/ },
  { name: 'title line not a link', text: file('<!--1706908501000-->', '标题 https://x.com'), expect: /not a link/ },
  { name: 'blank title', text: file('<!--1706908501000-->', `[  ](${URL_OK})`), expect: /title is blank/ },
  { name: 'relative URL', text: file('<!--1706908501000-->', '[T](/cn/x)'), expect: /not an absolute/ },
  { name: 'protocol-relative URL', text: file('<!--1706908501000-->', '[T](//www.rfi.fr/x)'), expect: /not an absolute/ },
  { name: 'ftp URL', text: file('<!--1706908501000-->', '[T](ftp://x.org/a)'), expect: /not an absolute/ },
  { name: 'javascript URL', text: file('<!--1706908501000-->', '[T](javascript:alert(1))'), expect: /not an absolute/ },
  { name: 'URL without host', text: file('<!--1706908501000-->', '[T](http:///x)'), expect: /host/ },
  { name: 'empty URL', text: file('<!--1706908501000-->', '[T]()'), expect: /URL is empty/ },
  { name: 'missing separator', text: file('<!--1706908501000-->', `[T](${URL_OK})`, 'body\n\n<p>x</p>'), expect: /separator/ },
  { name: 'blank body', text: file('<!--1706908501000-->', `[T](${URL_OK})`, '------\n\n   \n'), expect: /body is blank/ },
];

describe('parseCaptureText', () => {
  for (const { name, text, expect } of cases) {
    it(name, () => {
      const result = parseCaptureText(text, { now: NOW });
      if (expect instanceof RegExp) {
        assert.equal(result.ok, false);
        assert.match((result as { reason: string }).reason, expect);
      } else {
        assert.ok(result.ok, JSON.stringify(result));
        if (expect.title) assert.equal(result.value.title, expect.title);
        if (expect.url) assert.equal(result.value.url, expect.url);
        if (expect.iso) assert.equal(result.value.capturedAt.toISOString(), expect.iso);
      }
    });
  }

  it('reads a 5 MB title line in linear time without backtracking', () => {
    const title = '['.repeat(2_500_000) + '](('.repeat(800_000);
    const result = parseCaptureText(file('<!--1706908501000-->', title), { now: NOW });
    assert.equal(result.ok, false);
  });
});

describe('parseCaptureBytes', () => {
  it('refuses invalid UTF-8 (GBK bytes) instead of publishing mojibake', () => {
    const gbk = Buffer.concat([Buffer.from('<!--1706908501000-->\n[', 'utf8'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(`](${URL_OK})\n------\n\n<p>x</p>\n`)]);
    const result = parseCaptureBytes(gbk, { now: NOW });
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /UTF-8/);
  });
  it('decodes UTF-16 with a byte order mark', () => {
    const text = file('<!--1706908501000-->');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = parseCaptureBytes(bytes, { now: NOW });
    assert.ok(result.ok);
    assert.equal(result.value.title, '标题');
  });
  it('refuses a PNG named .txt', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8]);
    assert.equal(parseCaptureBytes(png, { now: NOW }).ok, false);
  });
  it('refuses a file over the size limit', () => {
    const result = parseCaptureBytes(new Uint8Array(MAX_FILE_BYTES + 1), { now: NOW });
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /limit/);
  });
  it('reads both seed articles', () => {
    const seeds = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt'));
    assert.equal(seeds.length, 2);
    const titles = seeds.map((name) => {
      const result = parseCaptureBytes(readFileSync(`${SEEDS_DIR}/${name}`), { now: NOW });
      assert.ok(result.ok, name);
      return result.value.title;
    });
    assert.deepEqual(titles.toSorted(), ['特朗普竞选大位又要退群：日本忐忑不安 北约据理力争 - 要闻分析', '路透社：日本向特朗普传递信息 不要与中国达成协议'].toSorted());
  });
  it('reads every real capture', () => {
    const names = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt'));
    assert.equal(names.length, 257);
    for (const name of names) {
      const result = parseCaptureBytes(readFileSync(`${REAL_DIR}/${name}`), { now: NOW });
      assert.ok(result.ok, `${name}: ${(result as { reason?: string }).reason}`);
      assert.doesNotMatch(result.value.bodyHtml, /\ufffd|\u0000/);
    }
  });
});
