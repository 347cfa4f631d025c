import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { toArticleEntry } from '../../src/lib/article.ts';
import { toBoilerplateRules, type BoilerplateRules } from '../../src/lib/boilerplate-rules.ts';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { loadFixtureArticles } from '../support/articles.ts';
import { runWithin } from '../support/bounded.ts';
import { assertSafeCleanedHtml } from '../support/cleaned.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { SEEDS_DIR } from '../support/corpus.ts';

const BASE = 'https://www.rfi.fr/cn/%E7%BE%8E%E5%9B%BD/20240202-x';
const clean = (html: string) => cleanArticleHtml(html, { baseUrl: BASE });

describe('cleanArticleHtml on the seed articles', () => {
  const seeds = readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).sort();
  const entries = seeds.map((name) => {
    const result = toArticleEntry(readFileSync(`${SEEDS_DIR}/${name}`), { now: FIXED_NOW });
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
      input: '<p>正文</p><div><div>分享 :</div><div><a href="https://www.facebook.com/sharer/sharer.php?u=x"><span></span></a><a href="HTTP://LinkedIn.com/shareArticle?u=x">x</a><a href="mailto:?subject=a">m</a></div></div>',
      has: [/<p>正文<\/p>/],
      hasNot: [/分享|facebook|linkedin|mailto/i],
    },
    { name: 'a link to the shared service itself kept', input: '<p><a href="https://www.facebook.com/rfi">脸书主页</a>、<a href="mailto:desk@example.org">来信</a></p>', has: [/facebook\.com\/rfi/, /mailto:desk@example\.org/] },
    { name: 'an outlet’s own date form is no dateline without its rules', input: '<div>02/02/2024 - 21:52</div><p>正文</p>', has: [/02\/02\/2024 - 21:52/] },
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
  it('removes boilerplate and spacers from among thousands of siblings, the others kept in order and linked', () => {
    const paragraphs = Array.from({ length: 5000 }, (_, index) => `<p>第${index}段</p>`);
    const body = paragraphs.map((paragraph) => `${paragraph}<div class="social-share">分享</div><p> </p><span></span>`).join('\n');
    // The footer is cut by walking siblings, and the rule before it goes too: both read the links between siblings.
    const share = '<div class="social-share">分享</div>';
    const { html, text, lead } = clean(`${body}\n<hr>${share}<p>获取更多RSS：</p>${share}<p>页脚</p>`);
    assert.equal(html, paragraphs.join('\n'));
    assert.equal(text, paragraphs.map((_, index) => `第${index}段`).join('\n'));
    assert.equal(lead, '第0段');
  });
  it('flattens 100,000 nested elements, keeping their text, without running out of stack or time', () => {
    const outcome = runWithin(10, `
      import { cleanArticleHtml } from './src/lib/clean.ts';
      const deep = '<div>'.repeat(100_000) + '深' + '</div>'.repeat(100_000);
      const { html, text } = cleanArticleHtml(deep, { baseUrl: ${JSON.stringify(BASE)} });
      process.stdout.write(JSON.stringify({ text, length: html.length }));
    `);
    const { text, length } = JSON.parse(outcome) as { text: string; length: number };
    assert.match(text, /深/);
    assert.ok(length < 2000);
  });
});

describe('boilerplate rule kinds', () => {
  const cases: { name: string; rules: Partial<BoilerplateRules>; input: string; has?: RegExp[]; hasNot?: RegExp[] }[] = [
    // selectors
    { name: 'selector removes the element whole', rules: { selectors: ['.ad'] }, input: '<p>正文</p><div class="ad"><p>广告</p></div>', has: [/正文/], hasNot: [/广告/] },
    // textPatterns
    { name: 'text pattern removes a matching link', rules: { textPatterns: [{ selector: 'a', pattern: /^\.\.\.more$/ }] }, input: '<p>正文...<a href="https://a.com/x">...more</a></p>', has: [/<p>正文\.\.\.<\/p>/], hasNot: [/more/] },
    { name: 'text pattern leaves a link whose text only contains it', rules: { textPatterns: [{ selector: 'a', pattern: /^\.\.\.more$/ }] }, input: '<p><a href="https://a.com/x">read ...more here</a></p>', has: [/read \.\.\.more here/] },
    { name: 'text pattern is limited to its selector', rules: { textPatterns: [{ selector: 'h2', pattern: /^网络收看方式[：:]$/ }] }, input: '<h2>网络收看方式：</h2><p>网络收看方式：</p>', has: [/<p>网络收看方式：<\/p>/], hasNot: [/<h2>/] },
    { name: 'text pattern sees the collapsed text across inline tags', rules: { textPatterns: [{ selector: 'p', pattern: /^感谢阅读今天的简报/ }] }, input: '<p>正文</p><p><i>感谢阅读今天的简报</i><i>，新读者请</i>  <a href="https://a.com/s">订阅</a></p>', has: [/正文/], hasNot: [/简报/] },
    { name: 'text pattern on a long paragraph (block patterns stop at 400 characters)', rules: { textPatterns: [{ selector: 'p', pattern: /^【支持】为真相护航/ }] }, input: `<p>正文</p><p>【支持】为真相护航${'捐'.repeat(500)}</p>`, has: [/正文/], hasNot: [/捐/] },
    // linkLists
    { name: 'link list of own-site links removed', rules: { linkLists: [{ selector: 'ul', href: /bbc\.com\/zhongwen\// }] }, input: '<p>正文</p><ul><li><a href="https://www.bbc.com/zhongwen/simp/a">甲</a></li><li><a href="https://www.bbc.com/zhongwen/simp/b">乙</a></li></ul>', has: [/正文/], hasNot: [/<ul>|甲|乙/] },
    { name: 'link list with separators removed', rules: { linkLists: [{ selector: 'p', href: /rfi\.fr\// }] }, input: '<p>正文</p><p><strong><a href="https://www.rfi.fr/cn/a">其它</a> / <a href="https://www.rfi.fr/cn/b">乙</a> · </strong></p>', has: [/正文/], hasNot: [/其它|乙/] },
    { name: 'list with text outside its links kept', rules: { linkLists: [{ selector: 'ul', href: /bbc\.com\// }] }, input: '<ul><li><a href="https://www.bbc.com/a">甲</a> 说了什么</li></ul>', has: [/说了什么/, /甲/] },
    { name: 'list with a link to another site kept', rules: { linkLists: [{ selector: 'ul', href: /bbc\.com\// }] }, input: '<ul><li><a href="https://www.bbc.com/a">甲</a></li><li><a href="https://other.org/b">乙</a></li></ul>', has: [/甲/, /乙/] },
    { name: 'list holding an image kept', rules: { linkLists: [{ selector: 'p', href: /rfa\.org\// }] }, input: '<p>t</p><p>u</p><p>v</p><p><img src="https://a.com/i.jpg"><a href="https://www.rfa.org/x">甲</a></p>', has: [/i\.jpg/, /甲/] },
    { name: 'element without links is no link list', rules: { linkLists: [{ selector: 'p', href: /./ }] }, input: '<p>正文</p><p>、</p>', has: [/正文/] },
    // unwrap
    { name: 'unwrap keeps the text and drops the link', rules: { unwrap: ['a[rel="ArticleRef"]'] }, input: '<p>延申阅读：<a rel="ArticleRef" href="https://api.dw.com/api/detail/article/1">标题</a>。</p>', has: [/<p>延申阅读：标题。<\/p>/], hasNot: [/<a/] },
    { name: 'unwrap handles nested matches', rules: { unwrap: ['span.keyword_link', 'span.keyword_link a[href*="/tag/"]'] }, input: '<p>在<span class="keyword_link"><a href="https://x.org/tag/henan/">河南省</a></span>，<a href="https://x.org/y/">别处</a></p>', has: [/<p>在河南省，<a href="https:\/\/x\.org\/y\/"/], hasNot: [/tag/] },
    // datelines
    { name: 'dateline form read off the leading element', rules: { datelines: [/^\d{1,2}\/\d{1,2}\/\d{4}\s*-\s*\d{1,2}:\d{2}$/] }, input: '<div>02/02/2024 - 21:52</div><p>正文</p>', has: [/正文/], hasNot: [/02\/02\/2024/] },
    { name: 'dateline form not read further down the body', rules: { datelines: [/^\d{1,2}\.\d{1,2}\.\d{4}$/] }, input: '<p>甲</p><p>乙</p><p>丙</p><p>02.02.2024</p>', has: [/<p>02\.02\.2024<\/p>/] },
    // shareLinks
    { name: 'share link prefix removes the outlet’s short links', rules: { shareLinks: ['rfi.my/'] }, input: '<p>正文<a href="https://rfi.my/abc">分享</a></p>', has: [/<p>正文<\/p>/], hasNot: [/rfi\.my/] },
    { name: 'share link prefix matches from the host on', rules: { shareLinks: ['rfi.my/'] }, input: '<p><a href="https://www.rfi.fr/cn/rfi.my/x">链接</a></p>', has: [/rfi\.my\/x/] },
    // sourceFixes
    { name: 'source fix repairs a glued tag before parsing', rules: { sourceFixes: [[/<div(?=class=")/g, '<div ']], selectors: ['.m-block-ad'] }, input: '<p>正文</p><divclass="m-block-ad "data-x="1"><span>广告</span></div><p>后文</p>', has: [/正文/, /后文/], hasNot: [/广告|divclass/] },
    { name: 'source fix removes a filing code glued to the last paragraph', rules: { sourceFixes: [[/(?<=[）)。」])\s*1\d{6}(?=<\/p>)/g, '']] }, input: '<p>2020年共有1091204人。</p><p>全文完。（編輯：潘羿菁）1091204</p>', has: [/共有1091204人/, /（編輯：潘羿菁）<\/p>/], hasNot: [/）1091204/] },
  ];
  for (const { name, rules, input, has = [], hasNot = [] } of cases) {
    it(name, () => {
      const { html } = cleanArticleHtml(input, { baseUrl: BASE, outletRules: toBoilerplateRules(rules) });
      for (const pattern of has) assert.match(html, pattern);
      for (const pattern of hasNot) assert.doesNotMatch(html, pattern);
    });
  }
});

describe('generic handling added with the survey', () => {
  const cases: { name: string; input: string; has?: RegExp[]; hasNot?: RegExp[]; dateline?: string }[] = [
    { name: 'relative time replaced by its datetime and read as the dateline', input: '<div><time datetime="2020-12-28">24 分钟前</time></div><p>正文</p>', has: [/正文/], hasNot: [/分钟前/], dateline: '2020-12-28' },
    { name: 'absolute time text left alone', input: '<p>正文</p><p>时间：<time datetime="2019-12-30">2019年12月30日</time>，事件</p>', has: [/2019年12月30日/] },
    { name: 'time without datetime left alone', input: '<p>正文</p><p><time>3 小时前</time>发生</p>', has: [/3 小时前发生/] },
    { name: 'youtube-player becomes a link to the video', input: '<p>正文</p><div><youtube-player source="https://www.youtube.com/embed/abc" video-id="abc"></youtube-player></div>', has: [/<a href="https:\/\/www\.youtube\.com\/embed\/abc"/], hasNot: [/youtube-player/] },
    { name: 'escaped markup decoded once', input: '&lt;div class=&quot;md&quot;&gt;&lt;p&gt;Hey &amp;amp; you&lt;/p&gt;&lt;/div&gt;', has: [/<div><p>Hey &amp; you<\/p><\/div>/], hasNot: [/&lt;/] },
    { name: 'plain text with an entity is not decoded', input: 'a &lt;b&gt; c', has: [/a &lt;b&gt; c/] },
    { name: 'escaped text beside real tags is not decoded', input: '<p>&lt;div&gt; is a tag</p>', has: [/&lt;div&gt; is a tag/] },
    { name: 'the feed item’s RFC 822 date line read as the dateline', input: '<div><i>Tue, 08 Dec 2020 12:45:00 GMT</i></div><p>正文</p>', has: [/正文/], hasNot: [/GMT/], dateline: 'Tue, 08 Dec 2020 12:45:00 GMT' },
    { name: 'a date line read inside a block that wraps the whole body', input: '<div>\n<div><i>Thu, 07 Jan 2021 23:10:07 GMT</i></div><p>正文</p></div>', has: [/正文/], hasNot: [/GMT/], dateline: 'Thu, 07 Jan 2021 23:10:07 GMT' },
    { name: 'a date line not read inside a block that does not wrap the whole body', input: '<div><div><i>Thu, 07 Jan 2021 23:10:07 GMT</i></div><p>正文</p></div><p>后文</p>', has: [/GMT/] },
    { name: 'an RFC 822 date inside a sentence left alone', input: '<p>正文</p><p>Updated Tue, 08 Dec 2020 12:45:00 GMT by the desk</p>', has: [/Updated Tue, 08 Dec 2020/] },
    { name: 'hnrss counters removed', input: '<p>Article URL: <a href="https://a.org/">x</a></p><p>Points: 12</p><p># Comments: 3</p>', has: [/Article URL/], hasNot: [/Points|Comments/] },
  ];
  for (const { name, input, has = [], hasNot = [], dateline } of cases) {
    it(name, () => {
      const result = clean(input);
      for (const pattern of has) assert.match(result.html, pattern);
      for (const pattern of hasNot) assert.doesNotMatch(result.html, pattern);
      if (dateline) assert.equal(result.dateline, dateline);
    });
  }
});

describe('lead image and captions', () => {
  it('keeps the captions of a story wrapped in one element, whose first image is no lead image', () => {
    const { html, leadImage } = clean('<div><p>正文</p><figure><img src="https://example.com/a.jpg"><figcaption>图片说明</figcaption></figure><p>后文</p></div>');
    assert.equal(leadImage, undefined);
    assert.match(html, /<figcaption>图片说明<\/figcaption>/);
  });
  it('takes a leading figure as the lead image, with its caption as the text alternative', () => {
    const { html, leadImage } = clean('<figure><img src="https://example.com/a.jpg"><figcaption>图片说明</figcaption></figure><p>正文</p>');
    assert.deepEqual(leadImage, { src: 'https://example.com/a.jpg', alt: '图片说明' });
    assert.doesNotMatch(html, /图片说明|<img/);
  });
  const leads: [name: string, body: string, expected: object][] = [
    ['keeps a caption that says more than the alt', '<figure><img src="https://example.com/a.jpg" alt="码头"><figcaption>摄影：本报记者</figcaption></figure><p>正文</p>', { src: 'https://example.com/a.jpg', alt: '码头', caption: '摄影：本报记者' }],
    ['keeps valid width and height', '<figure><img src="https://example.com/a.jpg" alt="码头" width="1200" height=" 800 "></figure><p>正文</p>', { src: 'https://example.com/a.jpg', alt: '码头', width: 1200, height: 800 }],
    ['drops a width that is not a whole number, and the height with it', '<img src="https://example.com/a.jpg" alt="码头" width="100%" height="800"><p>正文</p>', { src: 'https://example.com/a.jpg', alt: '码头' }],
    ['drops a zero size', '<img src="https://example.com/a.jpg" alt="码头" width="0" height="0"><p>正文</p>', { src: 'https://example.com/a.jpg', alt: '码头' }],
    ['drops one size without the other', '<img src="https://example.com/a.jpg" alt="码头" width="640"><p>正文</p>', { src: 'https://example.com/a.jpg', alt: '码头' }],
  ];
  for (const [name, body, expected] of leads) it(`lead image: ${name}`, () => assert.deepEqual(clean(body).leadImage, expected));
});

describe('every fixture cleans to safe HTML', () => {
  for (const article of loadFixtureArticles()) it(article.file, () => assertSafeCleanedHtml(article.html));
});
