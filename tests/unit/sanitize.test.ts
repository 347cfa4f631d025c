import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toArticleEntry } from '../../src/lib/article.ts';
import { sanitizeArticleHtml } from '../../src/lib/sanitize.ts';

/** Regression cases for holes the hostile corpus (tests/fixtures/hostile) found. */

const NOW = Date.UTC(2026, 0, 1);
const BASE = 'https://www.rfi.fr/cn/x';
const capture = (body: string, title = '标题') => Buffer.from(`<!--1706908501000-->\n[${title}](${BASE})\n------\n\n${body}\n`);
const entry = (body: string) => {
  const result = toArticleEntry(capture(body), { now: NOW });
  assert.ok(result.ok, JSON.stringify(result));
  return result.entry;
};
/** What XML 1.0 forbids and a page never needs: C0 controls but tab and line ends, non-characters. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ufffe\uffff]/;

describe('sanitizeArticleHtml', () => {
  it('removes controls that entities decode to, in text and attributes', () => {
    const html = sanitizeArticleHtml('<p title="&#1;">a&#7;b&#x0b;c&#12;d&#x1b;e&#127;f</p><a href="https://a.com/" title="&#2;t">l</a>', BASE);
    assert.doesNotMatch(html, FORBIDDEN);
    assert.match(html, /abcdef/);
    assert.match(html, /title="t"/);
  });
  it('removes non-characters and the replacement character entities decode to', () => {
    const html = sanitizeArticleHtml('<p>a&#xFFFE;b&#xFFFF;c&#xD800;d&#0;e&#x110000;f</p>', BASE);
    assert.equal(html, '<p>abcdef</p>');
  });
  it('keeps escaped markup escaped when a control sits inside it', () => {
    assert.equal(sanitizeArticleHtml('<p>&amp;&#1;lt;script&amp;&#2;gt;</p>', BASE), '<p>&amp;lt;script&amp;gt;</p>');
  });
});

describe('toArticleEntry on hostile bodies', () => {
  it('takes controls out of an author read from entity-encoded text', () => {
    const { data } = entry('<p>作者：&#1;王&#x7;小明&#xFFFE;</p><p>正文内容。</p>');
    assert.equal(data.author, '王小明');
  });
  it('takes controls out of a lead image caption', () => {
    const { data } = entry('<figure><img src="https://img.example.com/a.png" alt="&#2;图&#x1b;片"></figure><p>正文内容。</p>');
    assert.equal(data.leadImage?.alt, '图片');
  });
  it('refuses a body made only of invisible characters', () => {
    const result = toArticleEntry(capture('<p>\u200b\u200c\u2060\ufeff</p><p>&#x200b;</p>'), { now: NOW });
    assert.equal(result.ok, false);
    assert.match((result as { reason: string }).reason, /no readable content/);
  });
  it('publishes a body that is only an image', () => {
    assert.ok(entry('<p><img src="https://img.example.com/a.png"></p>').data.leadImage);
  });
});
