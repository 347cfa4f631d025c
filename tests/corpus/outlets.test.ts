import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { boilerplateForUrl, outletForUrl, OUTLETS, stripOutletSuffix } from '../../src/lib/outlets.ts';
import { parseCaptureBytes } from '../../src/lib/parse.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { realCorpusDir } from '../support/corpus.ts';
import { loadReal } from '../support/articles.ts';
import { assertRulesChangeAndKeepText } from '../support/outlet-fixtures.ts';

const REAL_DIR = realCorpusDir();
const captures = readFileSync(`${REAL_DIR}/MANIFEST.tsv`, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0])
  .map((name) => {
    const parsed = parseCaptureBytes(readFileSync(`${REAL_DIR}/${name}`), { now: FIXED_NOW });
    assert.ok(parsed.ok, name);
    return { name, ...parsed.value };
  });

/**
 * Outlets whose real captures no longer need their rules: 维权网's empty "more" anchor is now
 * dropped by the conforming step for every outlet; its post-header rule stays for the blog
 * template its fixture reproduces. Their captures must still keep their text.
 */
const NOT_NEEDED_BY_REAL_CAPTURES = new Set(['wqw']);

describe('outlet boilerplate rules on their real captures', () => {
  for (const outlet of OUTLETS.filter((o) => o.boilerplate)) {
    it(`${outlet.slug}: removes boilerplate in its captures and keeps their text`, () => {
      const own = captures.filter((c) => outletForUrl(c.url).slug === outlet.slug);
      assert.ok(own.length > 0, 'no real capture of this outlet');
      assertRulesChangeAndKeepText(own, { mustChange: !NOT_NEEDED_BY_REAL_CAPTURES.has(outlet.slug) });
    });
  }
});

describe('each outlet on one of its real captures', () => {
  // `gone`: boilerplate its rules remove (matched on the cleaned HTML); `kept`: article text that must survive.
  const cases: { slug: string; file: string; gone: RegExp[]; kept: string[] }[] = [
    { slug: 'rfi', file: '004_13126289fdcef98d.txt', gone: [/youtube-player/], kept: ['王毅将前往非洲进行所谓的“疫苗”外交', 'href="https://www.youtube.com/embed/wLsd2YoNodo"'] },
    { slug: 'rfi', file: '119_80c96a5b8e12dcc7.txt', gone: [/>其它<\/a>/], kept: ['日本行政部门在数字化上与其它国家相比，存在巨大差距'] },
    { slug: 'bbc', file: '049_67fe07126cc4ba02.txt', gone: [/分钟前/, /夹缝求生的香格里拉/], kept: ['像不丹这样的小国，恐怕只能如坐针毯'] },
    { slug: 'bbc', file: '027_ff5bc27ec1323888.txt', gone: [/@BBCAmos/, /的Twitter: /, /A68a冰山迫近英属南乔治亚/], kept: ['他们二人正在跟进A68a冰山的进程'] },
    { slug: 'bbc', file: '083_9fc8b063e1fe23d0.txt', gone: [/本《记者来鸿》来自/, /line break/], kept: ['在初秋的色彩之间探视2500年的历史'] },
    { slug: 'dw', file: '001_bdf7b18b975f65c0.txt', gone: [/api\.dw\.com\/api\/detail/, /德国之声版权声明/], kept: ['Management客座教授'] },
    { slug: 'dw', file: '196_289ed4d582e833d7.txt', gone: [/api\.dw\.com\/api\/detail/], kept: ['特朗普在这里也抨击中国'] },
    { slug: 'cna', file: '035_d91e7802296c5309.txt', gone: [/1091204/], kept: ['「目前還看不出個苗頭」。（編輯：潘羿菁）</p>'] },
    { slug: 'voa', file: '109_cea9159ccfeae5a2.txt', gone: [/时事大家谈每星期/, /嘉宾和观众听众发表的都是个人观点/, /YouTube播放列表/], kept: ['给美国竞选提供造势的机会或者口实'] },
    { slug: 'cdt', file: '157_5089265df5027d27.txt', gone: [/get_post_time/, /Better Feed/, /<hr/], kept: ['每一个普通的好人 都是让这个社会更温暖一点吧'] },
    { slug: 'cdt', file: '134_878b2b8341ddb5ad.txt', gone: [/微信号 zhouyunpeng5/, /—END—/], kept: [] },
    { slug: 'reuters', file: '138_6a46f20d305b8365.txt', gone: [/reuters\.com\/companies/], kept: ['字节跳动正在与微软</span><span>MSFT.O</span>'] },
    { slug: 'reuters', file: '185_59b750ef6a67e31f.txt', gone: [/信任原则/], kept: ['芬兰的诺基亚(<span>NOKIA.HE</span>)'] },
    { slug: 'rfa', file: '054_4dee3c5fc8755779.txt', gone: [/美台启动经济对话 签署备忘录/, /icon-zoom/], kept: ['中方坚决反对任何形式的美台官方往来和军事关系'] },
    { slug: 'nytimes', file: '079_cc3f2f24e72e02f2.txt', gone: [/感谢阅读今天的简报/], kept: ['科学家希望该技术可以拯救大堡礁'] },
    { slug: 'nytimes', file: '168_43022534c9a7a905.txt', gone: [/点击查看本文英文版/, /欢迎<\/i><a[^>]*><i>点击此处/], kept: ['翻译：纽约时报中文网'] },
    { slug: 'epochtimes', file: '093_3946acaf9e0e3a73.txt', gone: [/网络收看方式/, /为真相护航/, /donate\.epochtimes/, /epochtimes\.com\/gb\/tag\//], kept: ['新唐人《热点互动》节目专访纪录片《蚕食美国》制片人'] },
    { slug: 'epochtimes', file: '009_1c5696b31223085a.txt', gone: [/＃/], kept: ['责任编辑：高静</p>'] },
    { slug: 'economist', file: '172_acf6e85408ae4cf8.txt', gone: [/economist\.comhttps?/], kept: ['href="https://open.spotify.com/show/'] },
    { slug: 'economist', file: '014_8d2e58260a8634ee.txt', gone: [/appeared in the Letters section of the print edition/, /Letters are welcome via e-mail/, /■/], kept: [] },
    { slug: 'wqw', file: '046_8929dc5604bab713.txt', gone: [/^<a /], kept: ['无锡人权捍卫者沈爱斌'] },
    { slug: 'bitterwinter', file: '092_bc1d523a2f50fc02.txt', gone: [/\/tag\//, /paypal/], kept: ['6月至9月，江西省當局針對', 'href="https://zh.bitterwinter.org/what-is-the-church-of-almighty-god/"'] },
    { slug: 'rti', file: '177_da88ee5a5e887235.txt', gone: [/\.\.\.more/], kept: ['「讓愛與和平佔領中環」運動發起人...'] },
    { slug: 'solidot', file: '137_9b8070a6cd8a285b.txt', gone: [/liiLIZF8Uh6yM/], kept: ['廿年相识相约相守候'] },
    { slug: 'ft', file: '183_f7d8a33608997ea3.txt', gone: [/本栏目由FT中文网/, /本文仅代表作者/, /责编邮箱/], kept: ['半岛和平研究中心研究员。）'] },
    { slug: 'ft', file: '188_c8dc3a2813772a7b.txt', gone: [/本文仅代表作者/, /未经许可/, /（）/], kept: ['不妨也可以关注一下英国的乡下。'] },
    { slug: 'guardian', file: '204_daf4003747e23e5f.txt', gone: [/Continue reading/], kept: ['were moved out of the capitol building.'] },
    { slug: 'medium.com', file: '206_89d3016558d866ec.txt', gone: [/originally published in/, /<hr/, /_\/stat/], kept: ['continue to grow an environmentally friendly community'] },
    { slug: 'huffingtonpost.ca', file: '212_f60cb0f56a207dca.txt', gone: [/Also on HuffPost/, /vidible/], kept: ["It was an experience I'll never forget."] },
    { slug: 'reddit', file: '227_5d137d623f04ac33.txt', gone: [/&lt;|SC_OFF|submitted by/], kept: ['<a href="http://www.vonwong.com/blog/sharkshepherd/"', 'shark ridden sea</a>'] },
    { slug: 'reddit', file: '230_3c1d6911c4eb831a.txt', gone: [/submitted by/, /2836 comments/, /\[link\]/], kept: ['ASK ME (and Alan) ANYTHING!'] },
    { slug: 'reddit', file: '231_793e887c84dfb5b4.txt', gone: [/submitted by/, /329 comments/], kept: ['href="http://time.com/4107603/dea-medical-marijuana-joke-2/"'] },
  ];
  for (const { slug, file, gone, kept } of cases) {
    it(`${slug}: ${file}`, () => {
      const capture = captures.find((c) => c.name === file);
      assert.ok(capture, `${file} is not in the corpus`);
      assert.equal(outletForUrl(capture.url).slug, slug);
      const { html } = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url, outletRules: boilerplateForUrl(capture.url) });
      for (const pattern of gone) assert.doesNotMatch(html, pattern);
      for (const text of kept) assert.ok(html.includes(text), `lost: ${text}`);
    });
  }
  it('covers every outlet that has rules', () => {
    const covered = new Set(cases.map((c) => c.slug));
    for (const outlet of OUTLETS.filter((o) => o.boilerplate)) assert.ok(covered.has(outlet.slug), outlet.slug);
  });
});

describe('generic rules on real captures of unnamed outlets', () => {
  const cases: { file: string; gone: RegExp[]; kept: string[] }[] = [
    // hnrss: the counters go, the article and comment links stay.
    { file: '191_27cf46c10f79ecc3.txt', gone: [/Points: \d/, /# Comments: \d/], kept: ['Article URL:', 'Comments URL:'] },
    // TechCrunch through FeedBurner: CrunchBase widget, WordPress.com share links, feedads.
    { file: '247_91f7465a67461ccd.txt', gone: [/crunchbase\.com/i, /feeds\.wordpress\.com/, /feedads/], kept: [] },
    { file: '246_744f3cb0551858c4.txt', gone: [/feeds\.wordpress\.com/, /feedads/], kept: [] },
  ];
  for (const { file, gone, kept } of cases) {
    it(file, () => {
      const capture = captures.find((c) => c.name === file);
      assert.ok(capture);
      const { html } = cleanArticleHtml(capture.bodyHtml, { baseUrl: capture.url, outletRules: boilerplateForUrl(capture.url) });
      for (const pattern of gone) assert.doesNotMatch(html, pattern);
      for (const text of kept) assert.ok(html.includes(text), `lost: ${text}`);
    });
  }
});

describe('stripOutletSuffix on real captures', () => {
  it('leaves no real RFI capture with the suffix', () => {
    for (const capture of captures.filter((c) => outletForUrl(c.url).slug === 'rfi')) {
      assert.doesNotMatch(stripOutletSuffix(capture.title, capture.url), /法国国际广播电台 - RFI$/, capture.name);
    }
  });
});

describe('items behind FeedBurner on real captures', () => {
  const proxied = loadReal().filter((article) => /^https?:\/\/(?:feedproxy\.google\.com|feeds\.feedburner\.com)\/~r\//.test(article.data.url));
  it('are filed under the outlet the item shows, never under the proxy', () => {
    assert.ok(proxied.length >= 10, `only ${proxied.length} proxied captures in the corpus`);
    for (const article of proxied) assert.doesNotMatch(article.data.outlet.slug, /feedproxy|feedburner/, article.file);
  });
  it('gives every item of a feed of its own the same outlet', () => {
    const byFeed = new Map<string, Set<string>>();
    for (const article of proxied) {
      const feed = /\/~r\/([^/]+)\/~3\//.exec(article.data.url)?.[1];
      if (feed) byFeed.set(feed, (byFeed.get(feed) ?? new Set()).add(article.data.outlet.slug));
    }
    assert.ok(byFeed.size >= 3);
    for (const [feed, outlets] of byFeed) assert.equal(outlets.size, 1, `${feed}: ${[...outlets]}`);
  });
});
