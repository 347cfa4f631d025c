import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFragment, serialize } from 'parse5';
import { conformingHtml, parseBodyFragment } from '../../src/lib/conform.ts';
import { conformingHref } from '../../src/lib/paths.ts';
import { sanitizeArticleHtml } from '../../src/lib/sanitize.ts';
import { FIXTURES_DIR } from '../support/corpus.ts';
import { listGoldenCases, readGoldenCapture } from '../support/golden.ts';

/** Markup outlets send (in the shapes the checker found in real captures) and what the site publishes. */
const CASES: [name: string, input: string, expected: string][] = [
  ['conforming markup is kept as it is', '<p>甲<a href="https://example.org/" rel="noopener">乙</a></p><ul><li>丙</li></ul>', '<p>甲<a href="https://example.org/" rel="noopener">乙</a></p><ul><li>丙</li></ul>'],
  ['unclosed elements are closed', '<p>甲<em>乙', '<p>甲<em>乙</em></p>'],
  ['stray end tags go, and the empty paragraph a stray </p> makes', '<p>甲</span></i></p></p><p>乙</p>', '<p>甲</p><p>乙</p>'],
  ['spacers go: empty paragraphs, links and inline elements', '<p><br></p><p> </p><p>甲<a href="https://example.org/"> </a><span></span></p>', '<p>甲</p>'],
  ['a link holding only an image stays', '<p><a href="https://example.org/"><img src="a.jpg" alt="图"></a></p>', '<p><a href="https://example.org/"><img src="a.jpg" alt="图"></a></p>'],
  ['list items outside a list become one list', '<div><li>甲</li>\n<li>乙</li></div><li>丙</li>', '<div><ul><li>甲</li>\n<li>乙</li></ul></div><ul><li>丙</li></ul>'],
  ['a list holds only items: a line break goes, text joins the item before it', '<ul><br><li>甲</li>乙<br></ul>', '<ul><li>甲乙</li></ul>'],
  ['text before any item starts an item', '<ol>甲<li>乙</li></ol>', '<ol><li>甲</li><li>乙</li></ol>'],
  ['a caption outside a figure becomes a paragraph', '<div><img src="a.jpg" alt=""><figcaption>说明</figcaption></div>', '<div><img src="a.jpg" alt=""><div class="caption">说明</div></div>'],
  ['a caption holding blocks, out of place, keeps them', '<figure><div><figcaption><div>说明</div></figcaption></div></figure>', '<figure><div><div class="caption"><div>说明</div></div></div></figure>'],
  ['a figure keeps one caption, first or last', '<figure><figcaption>一</figcaption><img src="a.jpg" alt=""><figcaption>二</figcaption></figure>', '<figure><figcaption>一</figcaption><img src="a.jpg" alt=""><div class="caption">二</div></figure>'],
  ['a caption in the middle of a figure becomes a paragraph', '<figure><img src="a.jpg" alt=""><figcaption>中</figcaption><img src="b.jpg" alt=""></figure>', '<figure><img src="a.jpg" alt=""><div class="caption">中</div><img src="b.jpg" alt=""></figure>'],
  ['an inline element holding a block gives way to its content', '<span><p>甲</p></span>', '<p>甲</p>'],
  // The sanitizer writes what it read; the tree builder then closes a paragraph at a block start.
  ['a paragraph holding a block is closed before it', '<p>甲<span><div>乙</div></span>丙</p>', '<p>甲</p><div>乙</div>丙'],
  ['a heading holding a list is split around it', '<h2>标题<span><li>项</li></span></h2>', '<h2>标题</h2><ul><li>项</li></ul>'],
  ['a caption in a paragraph stands after it', '<p><span><figcaption>说明</figcaption></span></p>', '<div class="caption">说明</div>'],
  ['a link across a block keeps its address inside the block', '<p>前<a href="https://example.org/"><div>块</div></a></p>', '<p>前</p><div><a href="https://example.org/">块</a></div>'],
  ['a link without an address is its text', '<p>甲<a rel="noopener">乙</a>丙</p>', '<p>甲乙丙</p>'],
  ['a link around an image without alt text is named by its host', '<div><a href="https://img.example.org/big.jpg"> <img src="a.jpg" alt=""> </a></div>', '<div><a href="https://img.example.org/big.jpg" aria-label="img.example.org"> <img src="a.jpg" alt=""> </a></div>'],
  ['a mail link without a name is named by its address', '<a href="mailto:desk@example.org"><img src="a.jpg" alt=""></a>', '<a href="mailto:desk@example.org" aria-label="desk@example.org"><img src="a.jpg" alt=""></a>'],
  ['a link without a name or a host is its content', '<a href="https://[bad/"><img src="a.jpg" alt=""></a>', '<img src="a.jpg" alt="">'],
  ['a link around an image with alt text stays', '<a href="https://example.org/"><img src="a.jpg" alt=" "><img src="b.jpg" alt="图"></a>', '<a href="https://example.org/"><img src="a.jpg" alt=" "><img src="b.jpg" alt="图"></a>'],
  ['a link with a title stays, whatever it holds', '<a href="https://example.org/" title="大图"><img src="a.jpg" alt=""></a>', '<a href="https://example.org/" title="大图"><img src="a.jpg" alt=""></a>'],
  ['a link whose text is inside an inline element stays', '<a href="https://example.org/"><strong>甲</strong></a>', '<a href="https://example.org/"><strong>甲</strong></a>'],
  ['an empty header cell is a data cell, a named one stays', '<table><tr><th scope="col"> </th><th colspan="2"><img src="a.jpg" alt=""></th><th scope="col">甲</th></tr></table>', '<table tabindex="0"><tbody><tr><td> </td><td colspan="2"><img src="a.jpg" alt=""></td><th scope="col">甲</th></tr></tbody></table>'],
  ['a width that is not a number is dropped, a number kept', '<img src="a.jpg" alt="" width="100%" height="200">', '<img src="a.jpg" alt="" height="200">'],
  ['table spans and list starts must be numbers', '<table><tr><td colspan="x" rowspan="2">甲</td></tr></table><ol start="三"><li>乙</li></ol>', '<table tabindex="0"><tbody><tr><td rowspan="2">甲</td></tr></tbody></table><ol><li>乙</li></ol>'],
  ['a table is a tab stop, so that a keyboard can scroll one wider than the screen', '<table><tr><td>甲</td></tr></table>', '<table tabindex="0"><tbody><tr><td>甲</td></tr></tbody></table>'],
  ['headings start at h2 and never skip a level, in their order', '<h4>甲</h4><p>一</p><h5>乙</h5><h3>丙</h3><h6>丁</h6>', '<h2>甲</h2><p>一</p><h3>乙</h3><h2>丙</h2><h3>丁</h3>'],
  ['a first heading deeper than the rest still follows the title', '<h5>甲</h5><h2>乙</h2>', '<h2>甲</h2><h2>乙</h2>'],
  ['an empty heading goes', '<h3> </h3><p>甲</p>', '<p>甲</p>'],
  ['text is escaped again, never parsed into markup', '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;</p>', '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;</p>'],
];

describe('conformingHtml', () => {
  for (const [name, input, expected] of CASES) it(name, () => assert.equal(conformingHtml(input), expected));
  it('is stable: its output comes back unchanged', () => {
    for (const [, input] of CASES) assert.equal(conformingHtml(conformingHtml(input)), conformingHtml(input));
  });
});

describe('parseBodyFragment: the tree parse5 builds of a fragment, moved as one node', () => {
  // Shapes whose tree depends on the insertion mode, and markup that could end the wrapper early.
  const EDGES = [
    '<b>甲<p>乙</b>丙</p>', '<table><tr><td>甲</table>乙', '<td>甲</td><tr>乙', '</p>甲</br>', '<li>甲<li>乙<dd>丙',
    '<a href="x">甲<div>乙</a>丙</div>', '<html><body class="x">甲</body></html>乙', '<frameset><frame></frameset>甲',
    '<template>甲</template>乙', '甲</template>乙', '<plaintext>甲</template>', '<textarea>甲', '<!-- 甲', '<svg><![CDATA[甲]]></svg>',
    '<math><mi>甲</math>', '<noscript><p>甲</noscript>', '<title>甲</title>乙', '<select><option>甲<p>乙', '<p>甲'.repeat(3000),
  ];
  const bodies = () => [
    ...EDGES.map((html, index) => ({ name: `edge ${index}: ${html.slice(0, 30)}`, html })),
    ...listGoldenCases().flatMap((name) => {
      const { bodyHtml } = readGoldenCapture(name);
      return [{ name, html: bodyHtml }, { name: `${name}, sanitized`, html: sanitizeArticleHtml(bodyHtml, 'https://example.org/a') }];
    }),
    ...readdirSync(join(FIXTURES_DIR, 'hostile'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.txt'))
      .map((file) => ({ name: `hostile/${file}`, html: readFileSync(join(FIXTURES_DIR, 'hostile', file), 'utf8') })),
  ];
  it('builds what parseFragment builds, for edge shapes, every golden capture (raw and sanitized) and the hostile corpus', () => {
    for (const { name, html } of bodies()) assert.equal(serialize(parseBodyFragment(html)), serialize(parseFragment(html)), name);
  });
  it('returns a fragment that owns its nodes, as the repairs that move them expect', () => {
    const html = '<p>甲</p><p>乙</p>'.repeat(1000);
    const fragment = parseBodyFragment(sanitizeArticleHtml(html, 'https://example.org/a'));
    assert.equal(fragment.childNodes.length, 2000);
    assert.ok(fragment.childNodes.every((node) => node.parentNode === fragment));
  });
});

describe('conformingHref', () => {
  const cases: [string, string][] = [
    ['https://www.rfi.fr/cn/中国/20240101-标题', 'https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/20240101-%E6%A0%87%E9%A2%98'],
    ['https://example.org/q?x=%27%3E`a`', 'https://example.org/q?x=%27%3E%60a%60'],
    ['https://example.org/cdata]]%3E{x}|y^', 'https://example.org/cdata%5D%5D%3E%7Bx%7D%7Cy%5E'],
    ['https://[2001:db8::1]:8080/a[1]#b]', 'https://[2001:db8::1]:8080/a%5B1%5D#b%5D'],
    ['https://example.org/plain?a=1#top', 'https://example.org/plain?a=1#top'],
    ['not a url', 'not a url'],
  ];
  for (const [input, expected] of cases) it(input, () => assert.equal(conformingHref(input), expected));
});
