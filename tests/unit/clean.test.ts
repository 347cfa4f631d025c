import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { toArticleEntry } from '../../src/lib/article.ts';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { REAL_DIR, SEEDS_DIR } from '../support/corpus.ts';

const NOW = Date.UTC(2026, 0, 1);
const BASE = 'https://www.rfi.fr/cn/%E7%BE%8E%E5%9B%BD/20240202-x';
const clean = (html: string) => cleanArticleHtml(html, { baseUrl: BASE });

describe('cleanArticleHtml on the seed articles', () => {
  const seeds = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).sort();
  const entries = seeds.map((name) => {
    const result = toArticleEntry(readFileSync(`${SEEDS_DIR}/${name}`), name, { now: NOW });
    assert.ok(result.ok);
    return result.entry;
  });
  it('removes the feedx footer, its links and the self-promo placeholders', () => {
    for (const { html } of entries) {
      assert.doesNotMatch(html, /获取更多RSS|feedx|data-selfpromo|<hr/);
    }
  });
  it('takes the dateline, lead image and author out of the body', () => {
    const [first, second] = entries;
    assert.equal(first.data.dateline, '02/02/2024 - 21:52');
    assert.equal(second.data.dateline, '02/02/2024 - 10:21');
    assert.equal(first.data.author, '肖曼');
    assert.equal(second.data.author, undefined);
    for (const { html, data } of entries) {
      assert.match(data.leadImage?.src ?? '', /^https:\/\/s\.rfi\.fr\/media\/display\//);
      assert.doesNotMatch(html, /02\/02\/2024|作者|\/cn\/%E4%BD%9C%E8%80%85/);
      assert.doesNotMatch(html, /<img/);
    }
  });
  it('keeps the text, starting with the lead paragraph, and no empty spacers', () => {
    const [first] = entries;
    assert.match(first.html, /^<p><strong>77岁的特朗普/);
    assert.match(first.html, /因此，北约对美国来说是一笔好交易”。<\/p><\/div>$/);
    assert.doesNotMatch(first.html, /<p>\s*<\/p>|<p>\u00a0<\/p>/);
    assert.ok(first.data.textLength > 2000);
  });
});

describe('cleanArticleHtml rules', () => {
  const cases: { name: string; input: string; has?: RegExp[]; hasNot?: RegExp[] }[] = [
    {
      name: 'share bar and share links removed',
      input: '<p>正文</p><div><div>分享 :</div><div><a href="https://www.facebook.com/sharer/sharer.php?u=x"><span></span></a><a href="https://rfi.my/abc">x</a><a href="mailto:?subject=a">m</a></div></div>',
      has: [/<p>正文<\/p>/],
      hasNot: [/分享|facebook|rfi\.my|mailto/],
    },
    { name: 'script and style dropped with their text', input: '<p>a</p><script>alert(1)</script><style>p{}</style>', hasNot: [/script|alert|style/] },
    { name: 'event handlers and style attributes dropped', input: '<p onclick="x()" style="color:red">a</p>', has: [/<p>a<\/p>/], hasNot: [/onclick|style/] },
    { name: 'javascript: link loses its href', input: '<p><a href="javascript:alert(1)">a</a></p>', hasNot: [/javascript/] },
    { name: 'relative link resolved against the original URL', input: '<p><a href="/cn/x">a</a></p>', has: [/href="https:\/\/www\.rfi\.fr\/cn\/x"/, /rel="noopener noreferrer nofollow"/] },
    { name: 'protocol-relative image resolved, lazy and no-referrer', input: '<p>t</p><p>u</p><p>v</p><p><img src="//img.example.com/a.jpg"></p>', has: [/src="https:\/\/img\.example\.com\/a\.jpg"/, /loading="lazy"/, /decoding="async"/, /referrerpolicy="no-referrer"/, /alt=""/] },
    { name: 'lazy image source taken from data-src', input: '<p>t</p><p>u</p><p>v</p><figure><img data-src="https://a.com/b.jpg"><figcaption>说明</figcaption></figure>', has: [/src="https:\/\/a\.com\/b\.jpg"/, /alt="说明"/] },
    { name: 'image inside noscript kept, placeholder dropped', input: '<p>t</p><p>u</p><p>v</p><figure><img src="data:image/gif;base64,R0lGOD"><noscript><img src="https://a.com/real.jpg"></noscript></figure>', has: [/<img src="https:\/\/a\.com\/real\.jpg"/], hasNot: [/data:|noscript/] },
    { name: 'WordPress "appeared first on" line removed', input: '<p>正文</p><p>The post <a href="https://a.org/x">标题</a> appeared first on <a href="https://a.org/">站点</a>.</p>', has: [/<p>正文<\/p>/], hasNot: [/appeared first on/] },
    { name: 'iframe becomes a plain link', input: '<p>t</p><iframe src="https://www.youtube.com/embed/abc"></iframe>', has: [/<a href="https:\/\/www\.youtube\.com\/embed\/abc"/], hasNot: [/iframe/] },
    { name: 'tracking pixel removed', input: '<p>t</p><img src="https://feeds.feedburner.com/~r/x/~4/y" height="1" width="1">', hasNot: [/<img/] },
    { name: 'forms, objects and base removed', input: '<p>t</p><form action="https://x"><input value="1"></form><object data="x.swf"></object><base href="https://evil">', hasNot: [/form|input|object|base/] },
    { name: 'data: image refused', input: '<p>t</p><p><img src="data:image/svg+xml,<svg onload=alert(1)>"></p>', hasNot: [/data:|onload/] },
  ];
  for (const { name, input, has = [], hasNot = [] } of cases) {
    it(name, () => {
      const { html } = clean(input);
      for (const pattern of has) assert.match(html, pattern);
      for (const pattern of hasNot) assert.doesNotMatch(html, pattern);
    });
  }
  it('does not crash on 100,000 nested elements', () => {
    const deep = `${'<div>'.repeat(100_000)}深${'</div>'.repeat(100_000)}`;
    const { html, text } = clean(deep);
    assert.match(text, /深/);
    assert.ok(html.length < 2000);
  });
});

describe('every real capture', () => {
  const names = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt'));
  for (const name of names) {
    it(name, () => {
      const result = toArticleEntry(readFileSync(`${REAL_DIR}/${name}`), name, { now: NOW });
      assert.ok(result.ok, (result as { reason?: string }).reason);
      const $ = load(result.entry.html);
      assert.equal($('script, style, iframe, frame, object, embed, form, input, base, meta, link').length, 0);
      $('*').each((_, node) => {
        const el = node as Element;
        for (const [attr, value] of Object.entries(el.attribs)) {
          assert.doesNotMatch(attr, /^on|^style$/i, `${el.tagName}[${attr}]`);
          if (attr === 'href' || attr === 'src') assert.match(value, /^(https?:|mailto:)/, `${el.tagName}[${attr}]=${value}`);
        }
      });
      assert.doesNotMatch(result.entry.html, /获取更多RSS/);
    });
  }
});
