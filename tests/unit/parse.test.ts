import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cleanTitle, hasVisibleText, parseCaptureBytes, parseCaptureText, MAX_COMBINING_MARKS, MAX_FILE_BYTES } from '../../src/lib/parse.ts';
import { runWithin } from '../support/bounded.ts';
import { SEEDS_DIR } from '../support/corpus.ts';

import { FIXED_NOW as NOW } from '../support/clock.ts';
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
  { name: 'header only', text: '<!--1706908501000-->\n', expect: /ends after 1 line: no body/ },
  { name: 'header and title only', text: `<!--1706908501000-->\n[T](${URL_OK})\n`, expect: /ends after 2 lines: no body/ },
  { name: 'header and title without a final line end', text: `<!--1706908501000-->\n[T](${URL_OK})`, expect: /ends after 2 lines: no body/ },
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
  // Timestamps, every shape.
  { name: 'fraction timestamp', text: file('<!--1706908501000.5-->'), expect: /not a decimal/ },
  { name: 'plus-signed timestamp', text: file('<!--+1706908501000-->'), expect: /not a decimal/ },
  { name: 'full-width digits', text: file('<!--１７０６９０８５０１０００-->'), expect: /not a decimal/ },
  { name: 'digits with a thousands separator', text: file('<!--1,706,908,501,000-->'), expect: /not a decimal/ },
  { name: 'ISO date instead of milliseconds', text: file('<!--2024-02-02T21:15:01Z-->'), expect: /not a decimal/ },
  { name: 'blank timestamp', text: file('<!--    -->'), expect: /missing/ },
  { name: '17 digits', text: file('<!--17069085010000000-->'), expect: /out of range/ },
  { name: 'the first millisecond of 1990 accepted', text: file(`<!--${Date.UTC(1990, 0, 1)}-->`), expect: { iso: '1990-01-01T00:00:00.000Z' } },
  { name: 'the last millisecond of 1989', text: file(`<!--${Date.UTC(1990, 0, 1) - 1}-->`), expect: /before 1990/ },
  { name: 'a day ahead of the build accepted (clock skew)', text: file(`<!--${NOW + 86_400_000}-->`), expect: { iso: new Date(NOW + 86_400_000).toISOString() } },
  { name: 'just over a day ahead', text: file(`<!--${NOW + 86_400_001}-->`), expect: /future/ },
  { name: '10 digits of seconds far in the future', text: file('<!--9999999999-->'), expect: /future/ },
  { name: 'beyond the Date range in 16 digits', text: file('<!--9999999999999999-->'), expect: /future/ },
  { name: '--> inside the comment', text: file('<!--1706908501000--><script>x()</script><!---->'), expect: /not a decimal/ },
  { name: 'comment closed with --!>', text: file('<!--1706908501000--!>'), expect: /not closed/ },
  { name: 'nested comment opener', text: file('<!--<!--1706908501000-->-->'), expect: /not a decimal/ },
  // URLs.
  { name: 'file URL', text: file('<!--1706908501000-->', '[T](file:///etc/passwd)'), expect: /not an absolute/ },
  { name: 'data URL', text: file('<!--1706908501000-->', '[T](data:text/html,x)'), expect: /not an absolute/ },
  { name: 'scheme only', text: file('<!--1706908501000-->', '[T](https://)'), expect: /not an absolute/ },
  { name: 'host without a dot', text: file('<!--1706908501000-->', '[T](https://intranet/x)'), expect: /no valid host/ },
  { name: 'backslashes for slashes', text: file('<!--1706908501000-->', '[T](https:\\\\a.com\\x)'), expect: /not an absolute/ },
  { name: 'credentials that hide the real host', text: file('<!--1706908501000-->', '[T](https://www.rfi.fr@evil.example/x)'), expect: /user name or password/ },
  { name: 'user and password', text: file('<!--1706908501000-->', '[T](https://u:p@a.com/x)'), expect: /user name or password/ },
  { name: 'IPv6 host accepted', text: file('<!--1706908501000-->', '[T](https://[2001:db8::1]/x)'), expect: { url: 'https://[2001:db8::1]/x' } },
  // Titles.
  { name: 'zero-width characters only', text: file('<!--1706908501000-->', `[\u200b\u200c\u200d\u2060\ufeff](${URL_OK})`), expect: /title is blank/ },
  { name: 'blank-looking letters only', text: file('<!--1706908501000-->', `[\u3164\u115f \u2800](${URL_OK})`), expect: /title is blank/ },
  { name: 'direction overrides removed from the title', text: file('<!--1706908501000-->', `[报告\u202efdp.exe\u202c \u2067x\u2069](${URL_OK})`), expect: { title: '报告fdp.exe x' } },
  { name: 'line separators read as spaces', text: file('<!--1706908501000-->', `[a\u2028b\u2029c](${URL_OK})`), expect: { title: 'a b c' } },
  // Bodies and line ends.
  { name: 'controls in the body removed', text: file('<!--1706908501000-->', `[T](${URL_OK})`, '------\n\n<p>a\u0000b\u0007c\u001bd</p>'), expect: { title: 'T' } },
  { name: 'CRLF body that is blank', text: '<!--1706908501000-->\r\n[T](https://a.com/x)\r\n------\r\n\r\n \r\n', expect: /body is blank/ },
  { name: 'old Mac CR line ends only', text: '<!--1706908501000-->\r[T](https://a.com/x)\r------\r\r<p>x</p>', expect: /no body/ },
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
    const outcome = runWithin(10, `
      import { parseCaptureText } from './src/lib/parse.ts';
      const title = '['.repeat(2_500_000) + '](('.repeat(800_000);
      const result = parseCaptureText(['<!--1706908501000-->', title, '------', '', '<p>x</p>'].join('\\n'), { now: ${NOW} });
      process.stdout.write(String(result.ok));
    `);
    assert.equal(outcome, 'false');
  });
});

describe('cleanTitle and hasVisibleText', () => {
  it('cuts a flood of combining marks to a few per character', () => {
    const title = cleanTitle(`Z${'\u0336\u0337'.repeat(300)}ok`);
    assert.equal(title, `Z${'\u0336\u0337'.repeat(MAX_COMBINING_MARKS / 2)}ok`);
  });
  it('keeps joiners that emoji sequences and scripts need', () => {
    assert.equal(cleanTitle('👩\u200d💻 می\u200cخواهم'), '👩\u200d💻 می\u200cخواهم');
  });
  it('sees no text in format characters, marks and fillers', () => {
    assert.equal(hasVisibleText('\u200b\u00ad\u0301 \u3000\u2800'), false);
    assert.equal(hasVisibleText('\u200b字'), true);
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
  it('reads a UTF-8 byte order mark', () => {
    const result = parseCaptureBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(file('<!--1706908501000-->'))]), { now: NOW });
    assert.ok(result.ok);
    assert.equal(result.value.title, '标题');
  });
  it('decodes big-endian UTF-16 with a byte order mark', () => {
    const little = Buffer.from(file('<!--1706908501000-->'), 'utf16le');
    const big = Buffer.alloc(little.length);
    for (let i = 0; i < little.length; i += 2) [big[i], big[i + 1]] = [little[i + 1], little[i]];
    const result = parseCaptureBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), big]), { now: NOW });
    assert.ok(result.ok);
    assert.equal(result.value.title, '标题');
  });
  for (const [name, bytes] of [
    ['UTF-16 without a byte order mark', Buffer.from(file('<!--1706908501000-->'), 'utf16le')],
    ['UTF-16 with a lone surrogate', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file('<!--1706908501000-->'), 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])])],
    ['an overlong UTF-8 slash', Buffer.concat([Buffer.from(file('<!--1706908501000-->')), Buffer.from([0xc0, 0xaf])])],
    ['a lone continuation byte', Buffer.concat([Buffer.from(file('<!--1706908501000-->')), Buffer.from([0x80])])],
    ['a sequence cut off at the end', Buffer.concat([Buffer.from(file('<!--1706908501000-->')), Buffer.from([0xe4, 0xb8])])],
    ['a UTF-8-encoded surrogate', Buffer.concat([Buffer.from(file('<!--1706908501000-->')), Buffer.from([0xed, 0xa0, 0x80])])],
    ['Latin-1 bytes', Buffer.from(`<!--1706908501000-->\n[caf\xe9](${URL_OK})\n------\n\n<p>x</p>\n`, 'latin1')],
  ] as const) {
    it(`refuses ${name}`, () => {
      const result = parseCaptureBytes(bytes, { now: NOW });
      assert.equal(result.ok, false);
    });
  }
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
});
