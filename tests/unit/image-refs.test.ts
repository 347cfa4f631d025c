import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageUrlsOf, missingImageHtml, rewriteImages, srcsetUrls, type LocalImage } from '../../src/lib/image-refs.ts';
import { articleImageUrls, imagesStamp, planImage, toLocalImage, variantWidths, type ImageRecord } from '../../src/lib/image-records.ts';

const A = 'https://img.example/a.jpg';
const B = 'https://img.example/b.png?w=800&amp;h=600';

describe('imageUrlsOf', () => {
  const cases = [
    { name: 'each img src, in order', html: `<p><img src="${A}" alt="a"></p><img alt="b" src="https://img.example/b.png">`, urls: [A, 'https://img.example/b.png'] },
    { name: 'entities in the value are decoded', html: `<img src="${B}" alt="">`, urls: ['https://img.example/b.png?w=800&h=600'] },
    { name: 'a URL used twice is listed once', html: `<img src="${A}"><img src="${A}">`, urls: [A] },
    { name: 'srcset URLs too', html: `<img src="${A}" srcset="https://img.example/s.jpg 600w, https://img.example/l.jpg 1200w">`, urls: [A, 'https://img.example/s.jpg', 'https://img.example/l.jpg'] },
    { name: 'an alt text holding > and a src-like text', html: `<img alt="a > b src=&quot;https://evil.example/x&quot;" src="${A}">`, urls: [A] },
    { name: 'text that mentions <img> is not an image', html: '<p>&lt;img src="https://img.example/c.jpg"&gt;</p>', urls: [] },
  ];
  for (const { name, html, urls } of cases) it(name, () => assert.deepEqual(imageUrlsOf(html), urls));
  it('srcsetUrls drops descriptors', () => assert.deepEqual(srcsetUrls('a.jpg 1x, b.jpg 2x,c.jpg'), ['a.jpg', 'b.jpg', 'c.jpg']));
});

describe('rewriteImages', () => {
  const local: LocalImage = { src: '/news/media/abc.jpg', srcset: '/news/media/def.jpg 600w, /news/media/abc.jpg 1200w', width: 1200, height: 800 };
  const lookup = (url: string) => (url === A ? local : undefined);
  const cases = [
    {
      name: 'a kept image points at its copy, with srcset, sizes and the copy’s size; loading and decoding stay',
      html: `<figure><img src="${A}" alt="码头" width="2400" height="1600" loading="lazy" decoding="async" referrerpolicy="no-referrer"><figcaption>说明</figcaption></figure>`,
      out: '<figure><img src="/news/media/abc.jpg" srcset="/news/media/def.jpg 600w, /news/media/abc.jpg 1200w" sizes="(max-width: 42rem) 100vw, 40rem" alt="码头" width="1200" height="800" loading="lazy" decoding="async"><figcaption>说明</figcaption></figure>',
    },
    {
      name: 'an image not kept becomes a link to its original, its caption stays',
      html: `<figure><img src="${B}" alt="图表" loading="lazy"><figcaption>说明</figcaption></figure>`,
      out: `<figure><a class="missing-image" href="${B}" rel="noopener noreferrer nofollow">图片：图表</a><figcaption>说明</figcaption></figure>`,
    },
    {
      name: 'inside a link, an image not kept is text (no link in a link)',
      html: `<p><a href="https://img.example/large.jpg" rel="noopener noreferrer nofollow"><img src="${B}" alt="大图"></a></p>`,
      out: '<p><a href="https://img.example/large.jpg" rel="noopener noreferrer nofollow"><span class="missing-image">图片：大图</span></a></p>',
    },
    {
      name: 'after a link closes, a missing image is a link again',
      html: `<p><a href="https://x.example/">x</a><img src="${B}" alt=""></p>`,
      out: `<p><a href="https://x.example/">x</a><a class="missing-image" href="${B}" rel="noopener noreferrer nofollow">图片：（无说明）</a></p>`,
    },
    {
      name: 'alt text with markup characters is escaped again',
      html: `<img src="${A}" alt="a &lt; b &amp; &quot;c&quot; > d">`,
      out: '<img src="/news/media/abc.jpg" srcset="/news/media/def.jpg 600w, /news/media/abc.jpg 1200w" sizes="(max-width: 42rem) 100vw, 40rem" alt="a &lt; b &amp; &quot;c&quot; &gt; d" width="1200" height="800">',
    },
    { name: 'a body without images is unchanged', html: '<p>文字 <a href="https://x.example/">链接</a></p>', out: '<p>文字 <a href="https://x.example/">链接</a></p>' },
  ];
  for (const { name, html, out } of cases) it(name, () => assert.equal(rewriteImages(html, lookup), out));
  it('leaves no image pointing anywhere but the site', () => {
    const html = `<img src="${A}"><img src="${B}"><p><a href="https://q.example/"><img src="https://img.example/z.gif" alt="z"></a></p>`;
    const images = [...rewriteImages(html, lookup).matchAll(/<img [^>]*src="([^"]+)"/g)].map((match) => match[1]);
    assert.deepEqual(images, ['/news/media/abc.jpg']);
  });
  it('missingImageHtml escapes the original URL', () => assert.equal(missingImageHtml('https://x.example/a"b.jpg', 'x', false), '<a class="missing-image" href="https://x.example/a&quot;b.jpg" rel="noopener noreferrer nofollow">图片：x</a>'));
});

describe('image records', () => {
  const ok: ImageRecord = { url: A, ok: true, variants: [{ file: 'a.jpg', width: 600, height: 400, bytes: 1 }, { file: 'b.jpg', width: 1200, height: 800, bytes: 2 }], at: 0 };
  const failed: ImageRecord = { url: A, ok: false, reason: 'HTTP 404', at: 1_000 };
  const day = 86_400_000;
  const cases: { name: string; record: ImageRecord | undefined; now: number; files: string[]; plan: string }[] = [
    { name: 'an image never seen is fetched', record: undefined, now: 0, files: [], plan: 'fetch' },
    { name: 'a kept image whose files are there is used as is', record: ok, now: 10 * day, files: ['a.jpg', 'b.jpg'], plan: 'cached' },
    { name: 'a kept image that lost a file is fetched again', record: ok, now: 0, files: ['a.jpg'], plan: 'fetch' },
    { name: 'a failure within the delay is remembered', record: failed, now: 1_000 + day - 1, files: [], plan: 'failed-before' },
    { name: 'a failure after the delay is tried again', record: failed, now: 1_000 + day, files: [], plan: 'fetch' },
  ];
  for (const { name, record, now, files, plan } of cases) it(name, () => assert.equal(planImage(record, now, day, (file) => files.includes(file)), plan));

  const widths = [
    { width: 300, out: [300] },
    { width: 600, out: [600] },
    { width: 601, out: [600, 601] },
    { width: 1200, out: [600, 1200] },
    { width: 5000, out: [600, 1200] },
  ];
  for (const { width, out } of widths) it(`an image ${width} px wide is written at ${out.join(' and ')}`, () => assert.deepEqual(variantWidths(width), out));

  it('names the largest copy as src and every copy in srcset', () => {
    assert.deepEqual(toLocalImage([ok.variants[1], ok.variants[0]], (file) => `/m/${file}`), { src: '/m/b.jpg', srcset: '/m/a.jpg 600w, /m/b.jpg 1200w', width: 1200, height: 800 });
    assert.deepEqual(toLocalImage([ok.variants[0]], (file) => `/m/${file}`), { src: '/m/a.jpg', width: 600, height: 400 });
  });
  it('lists the lead image first, each URL once', () => assert.deepEqual(articleImageUrls({ src: A }, [B, A]), [A, B]));
  it('stamps change when an image is kept or lost', () => {
    const kept = imagesStamp([A], { [A]: { variants: ok.variants } });
    const lost = imagesStamp([A], { [A]: { reason: 'x' } });
    assert.notEqual(kept, lost);
    assert.equal(kept, 'a.jpg+b.jpg');
  });
});
