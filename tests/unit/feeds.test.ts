import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archiveFeedPages, channelExtras, escapeHtmlText, escapeXml, feedItem, xmlText } from '../../src/lib/feeds.ts';
import { loadSeeds } from '../support/articles.ts';

describe('xmlText removes what XML 1.0 forbids and keeps the rest', () => {
  const cases = [
    { name: 'backspace', input: 'a\u0008b', output: 'ab' },
    { name: 'NUL and vertical tab', input: '\u0000a\u000bb', output: 'ab' },
    { name: 'U+FFFE and U+FFFF', input: 'a\uFFFEb\uFFFF', output: 'ab' },
    { name: 'a lone surrogate', input: 'a\uD800b', output: 'ab' },
    { name: 'tab, newline and carriage return', input: 'a\tb\nc\r', output: 'a\tb\nc\r' },
    { name: 'CJK and an emoji (astral)', input: '北约🙂', output: '北约🙂' },
    { name: 'markup is text', input: ']]><b>x</b>', output: ']]><b>x</b>' },
  ];
  for (const { name, input, output } of cases) it(name, () => assert.equal(xmlText(input), output));
  it('escapeHtmlText keeps markup-looking text as text for readers that render HTML', () => {
    assert.equal(escapeHtmlText('<script>x()</script> & <b>'), '&lt;script&gt;x()&lt;/script&gt; &amp; &lt;b&gt;');
  });
  it('escapeXml escapes markup, quotes and ]]>', () => assert.equal(escapeXml(`]]><a href="x">'&\u0008`), ']]&#62;&#60;a href=&#34;x&#34;&#62;&#39;&#38;'));
});

describe('feedItem on the samples', () => {
  const seeds = loadSeeds();
  for (const seed of seeds) {
    it(seed.file, () => {
      const item = feedItem({ id: seed.id, data: seed.data, html: seed.html }, `https://example.org/news/articles/${seed.id}/`, [{ slug: '北约', name: '北约' }]);
      assert.equal(item.title, seed.data.title);
      assert.equal(item.pubDate, seed.data.capturedAt);
      assert.ok(item.content!.startsWith('<figure><img src="https://'), 'lead image first');
      assert.ok(item.content!.includes(seed.html));
      assert.deepEqual(item.categories, ['RFI 法广', '北约']);
      assert.deepEqual(item.source, { title: 'RFI 法广', url: 'https://www.rfi.fr/' });
      assert.match(item.customData, /^<guid isPermaLink="false">https:\/\/www\.rfi\.fr\/cn\/[^<"]+<\/guid>/);
      assert.equal(item.customData.includes('<dc:creator>肖曼</dc:creator>'), seed.data.author === '肖曼');
      const summaryOnly = feedItem({ id: seed.id, data: seed.data }, 'https://example.org/x/', []);
      assert.equal(summaryOnly.content, undefined);
      assert.ok(summaryOnly.description.length > 20);
    });
  }
  it('with mirrored images: the lead image and body images are the site’s copies, by absolute URL', () => {
    const seed = seeds[0];
    const lead = seed.data.leadImage!.src;
    const images = (url: string) => (url === lead ? { src: 'https://example.org/news/media/abc.jpg', width: 1200, height: 675 } : undefined);
    const html = `${seed.html}<figure><img src="https://img.example/gone.jpg" alt="不见了"><figcaption>说明</figcaption></figure>`;
    const item = feedItem({ id: seed.id, data: seed.data, html, images }, 'https://example.org/x/', []);
    assert.ok(item.content!.startsWith('<figure><img src="https://example.org/news/media/abc.jpg" alt="'), item.content!.slice(0, 120));
    assert.ok(item.content!.includes('width="1200" height="675"'));
    assert.ok(item.content!.includes('<a class="missing-image" href="https://img.example/gone.jpg" rel="noopener noreferrer nofollow">图片：不见了</a><figcaption>说明</figcaption>'));
    assert.deepEqual([...item.content!.matchAll(/<img [^>]*src="([^"]+)"/g)].map((match) => new URL(match[1]).origin), ['https://example.org']);
  });
});

describe('archiveFeedPages', () => {
  const cases = [
    { total: 0, size: 50, pages: [], remainder: 0 },
    { total: 49, size: 50, pages: [], remainder: 49 },
    { total: 50, size: 50, pages: [50], remainder: 0 },
    { total: 257, size: 20, pages: Array(12).fill(20), remainder: 17 },
  ];
  for (const { total, size, pages, remainder } of cases) {
    it(`${total} articles in pages of ${size}`, () => {
      const items = Array.from({ length: total }, (_, i) => i);
      const result = archiveFeedPages(items, size);
      assert.deepEqual(result.pages.map((page) => page.length), pages);
      assert.equal(result.remainder.length, remainder);
      assert.deepEqual([...result.pages.flat(), ...result.remainder], items, 'oldest first, each once');
    });
  }
});

describe('channelExtras', () => {
  it('writes self, the RFC 5005 links and the archive marker', () => {
    const xml = channelExtras({ self: 'https://e.org/feeds/archive/2.xml', current: 'https://e.org/rss.xml', prevArchive: 'https://e.org/feeds/archive/1.xml', archive: true }, 'zh-CN', new Date(0));
    assert.match(xml, /<atom:link rel="self" type="application\/rss\+xml" href="https:\/\/e\.org\/feeds\/archive\/2\.xml"\/>/);
    assert.match(xml, /rel="current"[^>]+rss\.xml/);
    assert.match(xml, /rel="prev-archive"[^>]+1\.xml/);
    assert.doesNotMatch(xml, /next-archive/);
    assert.match(xml, /<fh:archive\/>/);
    assert.match(xml, /<lastBuildDate>Thu, 01 Jan 1970 00:00:00 GMT<\/lastBuildDate>/);
  });
});
