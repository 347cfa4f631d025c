import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { boilerplateForUrl, outletForUrl, OUTLETS } from '../../src/lib/outlets.ts';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { REAL_DIR } from '../support/corpus.ts';

const NOW = Date.UTC(2026, 0, 1);
const captures = readFileSync(`${REAL_DIR}/MANIFEST.tsv`, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0])
  .map((name) => {
    const parsed = parseCaptureBytes(readFileSync(`${REAL_DIR}/${name}`), { now: NOW });
    assert.ok(parsed.ok, name);
    return { name, ...parsed.value };
  });

describe('outletForUrl', () => {
  const cases = [
    { url: 'http://www.rfi.fr//cn/x', slug: 'rfi', name: 'RFI 法广' },
    { url: 'https://www.bbc.com/zhongwen/simp/world-1', slug: 'bbc', name: 'BBC 中文' },
    { url: 'https://www.voachinese.com/a/x/1.html', slug: 'voa', name: '美国之音' },
    { url: 'https://news.unknown-outlet.example/a', slug: 'news.unknown-outlet.example', name: 'news.unknown-outlet.example' },
  ];
  for (const { url, slug, name } of cases) it(url, () => assert.deepEqual(outletForUrl(url), { slug, name }));
  it('gives every known outlet a distinct slug', () => assert.equal(new Set(OUTLETS.map((o) => o.slug)).size, OUTLETS.length));
});

/** Items with less text than this (in characters) are judged by the targeted tests below, not by a ratio. */
const SHORT_ITEM = 300;

/** Body text an article keeps: a repeat of its title is not counted, text read into the dateline or author is. */
function keptText(result: ReturnType<typeof cleanArticleHtml>, title: string): number {
  return result.text.replaceAll(title, '').length + (result.dateline?.length ?? 0) + (result.author?.length ?? 0);
}

describe('outlet boilerplate rules on their real captures', () => {
  for (const outlet of OUTLETS.filter((o) => o.boilerplate)) {
    it(`${outlet.slug}: removes boilerplate in its captures and keeps their text`, () => {
      const own = captures.filter((c) => outletForUrl(c.url).slug === outlet.slug);
      assert.ok(own.length > 0, 'no real capture of this outlet');
      let changed = 0;
      for (const capture of own) {
        const generic = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url });
        const specific = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url, outletRules: boilerplateForUrl(capture.url) });
        if (specific.text !== generic.text || specific.html !== generic.html) changed++;
        const before = keptText(generic, capture.title);
        // A short item can be mostly boilerplate (a lede and a promo); it must keep some text.
        if (before < SHORT_ITEM) assert.ok(specific.text.length > 0, `${capture.name} lost all of its text`);
        else assert.ok(keptText(specific, capture.title) >= before * 0.5, `${capture.name} lost most of its text`);
      }
      assert.ok(changed > 0, `the rules changed none of ${own.length} captures`);
    });
  }
});
