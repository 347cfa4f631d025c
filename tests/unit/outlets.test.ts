import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { boilerplateForUrl, outletForArticle, outletForUrl, OUTLETS, stripOutletSuffix } from '../../src/lib/outlets.ts';
import { GOLDEN_DIR } from '../support/golden.ts';
import { assertRulesChangeAndKeepText, goldenCaptures, unexercisedRules } from '../support/outlet-fixtures.ts';

describe('outletForUrl', () => {
  const cases = [
    { url: 'http://www.rfi.fr//cn/x', slug: 'rfi', name: 'RFI 法广' },
    { url: 'https://www.bbc.com/zhongwen/simp/world-1', slug: 'bbc', name: 'BBC 中文' },
    { url: 'https://www.voachinese.com/a/x/1.html', slug: 'voa', name: '美国之音' },
    { url: 'https://news.unknown-outlet.example/a', slug: 'news.unknown-outlet.example', name: 'news.unknown-outlet.example' },
    { url: 'https://news.bbc.co.uk/zhongwen/simp/world-1', slug: 'bbc', name: 'BBC 中文' },
    { url: 'https://WWW.Economist.com/x', slug: 'economist', name: 'The Economist' },
  ];
  for (const { url, slug, name } of cases) it(url, () => assert.deepEqual(outletForUrl(url), { slug, name }));
  it('gives every known outlet a distinct slug', () => assert.equal(new Set(OUTLETS.map((o) => o.slug)).size, OUTLETS.length));
});

describe('one entry per outlet: the host lookup finds all of its rules', () => {
  const cases = [
    { name: 'an outlet’s own dateline form', url: 'https://www.dw.com/zh/x/a-1', body: '<div>02.11.2020</div><p>正文</p>', dateline: '02.11.2020' },
    { name: 'on a sub-domain too', url: 'https://amp.dw.com/zh/x/a-1', body: '<div>02.11.2020</div><p>正文</p>', dateline: '02.11.2020' },
    { name: 'not another outlet’s form', url: 'https://www.rfi.fr/cn/x', body: '<div>02.11.2020</div><p>正文</p>', dateline: undefined },
    { name: 'a form several outlets share', url: 'https://unknown.example/a', body: '<div>2020年11月2日</div><p>正文</p>', dateline: '2020年11月2日' },
  ];
  for (const { name, url, body, dateline } of cases) {
    it(name, () => assert.equal(cleanArticleHtml(body, { baseUrl: url, outletRules: boilerplateForUrl(url) }).dateline, dateline));
  }
  it('removes an outlet’s own share links in its items only', () => {
    const body = '<p>正文<a href="https://rfi.my/6Nq4.T">复制链接</a></p>';
    const own = cleanArticleHtml(body, { baseUrl: 'https://www.rfi.fr/cn/x', outletRules: boilerplateForUrl('https://www.rfi.fr/cn/x') });
    const other = cleanArticleHtml(body, { baseUrl: 'https://unknown.example/a', outletRules: boilerplateForUrl('https://unknown.example/a') });
    assert.doesNotMatch(own.html, /rfi\.my/);
    assert.match(other.html, /rfi\.my/);
  });
});

const captures = goldenCaptures();

describe('outlet boilerplate rules on the fixtures written for them', () => {
  for (const outlet of OUTLETS.filter((o) => o.boilerplate)) {
    const own = captures.filter((c) => c.outlet === outlet.slug);
    it(`${outlet.slug}: removes boilerplate in its fixtures and keeps their text`, () => {
      assert.ok(own.length > 0, `no fixture of this outlet in ${GOLDEN_DIR}`);
      assertRulesChangeAndKeepText(own);
    });
    it(`${outlet.slug}: every one of its rules changes at least one of its fixtures`, () => {
      assert.ok(own.length > 0);
      assert.deepEqual(unexercisedRules(own[0].url, own), []);
    });
  }
});

/**
 * Targeted checks: a case's checks.json names, as regular expressions, the boilerplate its
 * fixture carries and the cleaned HTML must not (`gone`), and the text that must stay (`kept`).
 */
describe('targeted checks on the fixtures', () => {
  const checked = captures.filter((c) => existsSync(join(GOLDEN_DIR, c.name, 'checks.json')));
  for (const capture of checked) {
    it(`${capture.outlet}: ${capture.name}`, () => {
      const { gone, kept } = JSON.parse(readFileSync(join(GOLDEN_DIR, capture.name, 'checks.json'), 'utf8')) as { gone: string[]; kept: string[] };
      assert.ok(gone.length > 0, 'a targeted check names the boilerplate that must go');
      const { html } = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url, outletRules: boilerplateForUrl(capture.url) });
      const generic = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url }).html;
      for (const source of gone) {
        const pattern = new RegExp(source);
        // The fixture must carry what the check says goes, or the check could not fail.
        assert.ok(pattern.test(capture.bodyHtml) || pattern.test(generic), `${source} is not in the fixture to begin with`);
        assert.doesNotMatch(html, pattern);
      }
      for (const text of kept) assert.ok(html.includes(text), `lost: ${text}`);
    });
  }
  it('covers every outlet that has rules', () => {
    const covered = new Set(checked.map((c) => c.outlet));
    for (const outlet of OUTLETS.filter((o) => o.boilerplate)) assert.ok(covered.has(outlet.slug), outlet.slug);
  });
});

describe('stripOutletSuffix drops the outlet name appended to titles', () => {
  const rfi = 'http://www.rfi.fr//cn/contenu/20200723-x';
  const cases = [
    { title: '气候谈判代表：本月不会有初步协议 – 法国国际广播电台 - RFI', url: rfi, expected: '气候谈判代表：本月不会有初步协议' },
    { title: '竞选季又要退群：邻国忐忑不安 盟友据理力争 - 要闻分析', url: rfi, expected: '竞选季又要退群：邻国忐忑不安 盟友据理力争 - 要闻分析' },
    { title: ' – 法国国际广播电台 - RFI', url: rfi, expected: ' – 法国国际广播电台 - RFI' },
    { title: 'Something – 法国国际广播电台 - RFI', url: 'https://example.com/a', expected: 'Something – 法国国际广播电台 - RFI' },
  ];
  for (const { title, url, expected } of cases) it(JSON.stringify(title), () => assert.equal(stripOutletSuffix(title, url), expected));
  it('leaves no RFI fixture with the suffix', () => {
    for (const capture of captures.filter((c) => c.outlet === 'rfi')) {
      assert.doesNotMatch(stripOutletSuffix(capture.title, capture.url), /法国国际广播电台 - RFI$/, capture.name);
    }
  });
});

describe('outletForArticle: the outlet behind a FeedBurner proxy link', () => {
  const cases: { url: string; links: string[]; outlet: { slug: string; name: string } }[] = [
    // A feed of its own is its outlet, named from its CamelCase name, the same whatever the item links to.
    { url: 'http://feedproxy.google.com/~r/QuietHarbourNotes/~3/AbC123/tide-tables-explained', links: ['https://example.org/2019/04/other-post'], outlet: { slug: 'quietharbournotes', name: 'Quiet Harbour Notes' } },
    { url: 'http://feeds.feedburner.com/~r/lantern-radio/~3/9911/episode-12', links: [], outlet: { slug: 'lantern-radio', name: 'lantern radio' } },
    // The item's own page among its links names the site.
    { url: 'http://feedproxy.google.com/~r/lantern-radio/~3/XyZ/episode-12', links: ['https://lanternradio.example/episode-12', 'https://en.wikipedia.org/wiki/Radio'], outlet: { slug: 'lanternradio.example', name: 'lanternradio.example' } },
    // A hosted blog's feed (host/code) is the site of the dated posts the item links to.
    { url: 'http://feedproxy.google.com/~r/blogspot/Qx7/~3/Zz9/new-release.html', links: ['https://tools.example.com/docs', 'https://harbourtech.blogspot.com/2017/03/older.html', 'https://harbourtech.blogspot.com/2016/11/oldest.html'], outlet: { slug: 'harbourtech.blogspot.com', name: 'harbourtech.blogspot.com' } },
    // ...else the site it links to most.
    { url: 'http://feedproxy.google.com/~r/blogspot/Qx7/~3/Zz9/new-release.html', links: ['https://tools.example.com/a', 'https://tools.example.com/b', 'https://other.example.net/'], outlet: { slug: 'tools.example.com', name: 'tools.example.com' } },
    // Not a proxy link: the URL's own outlet.
    { url: 'https://www.rfi.fr/cn/x', links: ['https://example.org/'], outlet: outletForUrl('https://www.rfi.fr/cn/x') },
  ];
  for (const { url, links, outlet } of cases) it(`${url.slice(7, 70)} → ${outlet.slug}`, () => assert.deepEqual(outletForArticle(url, () => links), outlet));
});
