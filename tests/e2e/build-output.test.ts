import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { buildSite, listFiles, readReport, readText, sharedBuild, summaryOf, type BuildResult } from '../support/build.ts';
import { SEEDS_DIR } from '../support/corpus.ts';
import { BASE_PATH_SETTINGS } from '../support/settings.ts';
import { assertLinksResolve } from '../support/site-checks.ts';
import { tempDir } from '../support/temp.ts';

describe('default build of content/', () => {
  const building = sharedBuild({ SITE_URL: 'https://news.example.org', NEWS_TIMEZONE: 'Asia/Shanghai' });
  let build: BuildResult;
  let files: string[];
  let articlePages: string[];
  before(async () => {
    build = await building;
    files = build.status === 0 ? listFiles(build.outDir) : [];
    articlePages = files.filter((file) => /^articles\/[0-9a-f]{16}\/index\.html$/.test(file));
  });

  it('succeeds and ends with the summary line', () => {
    assert.equal(build.status, 0, build.log);
    assert.deepEqual(summaryOf(build.log), [2, 0, 0]);
  });
  it('lists topics by kind, most-covered first, then every topic under its pinyin initial, and says each topic page’s kind', () => {
    const $ = load(readText(join(build.outDir, 'topics/index.html')));
    const kinds = $('.topic-group > h2').map((_, heading) => $(heading).clone().children().remove().end().text().trim()).get();
    assert.deepEqual(kinds, ['人物', '地点', '机构', '栏目', '拼音索引']);
    const people = $('#topics-person').parent().find('.topic-cloud a').map((_, link) => $(link).text()).get();
    assert.ok(people.includes('特朗普'), String(people));
    for (const group of $('.topic-group .topic-cloud').slice(0, -1).get()) {
      const counts = $(group).find('.count').map((_, count) => Number($(count).text())).get();
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    }
    const jumps = $('.letter-jump a').map((_, link) => $(link).attr('href')).get();
    assert.ok(jumps.length > 3);
    for (const jump of jumps) assert.equal($(jump).length, 1, `${jump} leads nowhere`);
    const indexed = $('.letter-group a').map((_, link) => $(link).text()).get();
    assert.equal(indexed.length, files.filter((file) => /^topics\/[^/]+\/index\.html$/.test(file)).length);
    assert.equal($('#letter-T').parent().find('a').filter((_, link) => $(link).text() === '特朗普').length, 1);
    assert.equal(load(readText(join(build.outDir, 'topics', '特朗普', 'index.html')))('h1 .kicker').text(), '人物');
  });
  it('writes a page per sample article, a home page and a 404 page', () => {
    assert.equal(articlePages.length, 2);
    assert.ok(files.includes('index.html') && files.includes('404.html'));
  });
  it('renders each article with its metadata, a clean body and no script but the site’s own', () => {
    for (const file of articlePages) {
      const $ = load(readText(join(build.outDir, file)));
      assert.ok($('h1').text().length > 5);
      assert.equal($('article').attr('lang'), 'zh-Hans');
      assert.equal($('.outlet').text(), 'RFI 法广');
      assert.match($('time').attr('datetime') ?? '', /^2024-02-0[23]T\d\d:\d\d:\d\d\+08:00$/);
      assert.match($('.meta').text(), /\(UTC\+08:00\)/);
      assert.match($('.dateline').text(), /02\/02\/2024 - \d\d:\d\d/);
      assert.match($('.reading-time').text(), /阅读约 \d+ 分钟/);
      assert.match($('link[rel=canonical]').attr('href') ?? '', /^https:\/\/news\.example\.org\/articles\/[0-9a-f]{16}\/$/);
      assert.match($('.original-link a').attr('href') ?? '', /^https:\/\/www\.rfi\.fr\/cn\//);
      assert.equal($('.lead-image img').length, 1);
      // Only the site's own module (the "/" shortcut to the search box), never one from the body.
      assert.deepEqual($('script').map((_, el) => $(el).attr('src')?.replace(/[^/]+$/, '')).get(), ['/_astro/']);
      assert.doesNotMatch($('.article-body').html() ?? '', /获取更多RSS|feedx|data-selfpromo/);
      assert.equal($('.prev-next a').length, 1);
    }
    const first = load(readText(join(build.outDir, articlePages.find((f) => readText(join(build.outDir, f)).includes('肖曼'))!)));
    assert.equal(first('.author').text(), '作者：肖曼');
  });
  it('writes the archive, topic and outlet indexes', () => {
    for (const file of ['archive/index.html', 'archive/2024/index.html', 'archive/2024/02/index.html', 'archive/2024/02/02/index.html',
      'archive/2024/02/03/index.html', 'topics/index.html', 'sources/index.html', 'sources/rfi/index.html']) {
      assert.ok(files.includes(file), file);
    }
    for (const name of ['特朗普', '北约', '日本', '台湾', '美国', '要闻分析']) assert.ok(files.includes(`topics/${name}/index.html`), name);
    const day = load(readText(join(build.outDir, 'archive/2024/02/03/index.html')));
    assert.equal(day('.breadcrumbs a').length, 4);
    assert.match(day('.day-nav a.prev').attr('href')!, /^\/archive\/2024\/02\/02\/$/);
  });
  it('links the two samples to each other as one story, and each to its topics', () => {
    const [first, second] = articlePages.map((file) => ({ id: file.split('/')[1], $: load(readText(join(build.outDir, file))) }));
    assert.deepEqual(first.$('.related a').map((_, a) => first.$(a).attr('href')).get(), [`/articles/${second.id}/`]);
    assert.deepEqual(second.$('.related a').map((_, a) => second.$(a).attr('href')).get(), [`/articles/${first.id}/`]);
    for (const { $ } of [first, second]) {
      const topics = $('.topic-links a').map((_, a) => $(a).text()).get();
      for (const name of ['特朗普', '北约', '日本', '台湾']) assert.ok(topics.includes(name), `${name} not in ${topics}`);
    }
    const home = load(readText(join(build.outDir, 'index.html')));
    assert.equal(home('.stories .story').length, 1);
    assert.match(home('.stories .meta').text(), /2 篇报道 · RFI 法广/);
  });
  it('writes the statistics page, its charts drawn from the same counts as the archive', () => {
    const $ = load(readText(join(build.outDir, 'about/index.html')));
    assert.equal($('#chart-months-summary').text(), '2024年2月共 2 篇。');
    assert.equal($('#chart-outlets-summary').text(), '1 个来源，文章最多的是RFI 法广（2 篇）。');
    assert.equal($('#chart-months-title').closest('figure').find('rect.chart-bar').length, 1);
    const topics = $('#chart-topics-title').closest('figure').find('tbody a').map((_, a) => $(a).attr('href')).get();
    assert.ok(topics.length >= 6 && topics.every((href) => files.includes(`${decodeURI(href).slice(1)}index.html`)), topics.join(' '));
  });
  it('lists both articles on the home page, grouped by day in the site zone', () => {
    const $ = load(readText(join(build.outDir, 'index.html')));
    assert.equal($('.article-card').length, 2);
    assert.deepEqual($('.day-group h2 time').map((_, t) => $(t).attr('datetime')).get(), ['2024-02-03', '2024-02-02']);
  });
});

describe('build under BASE_PATH=/news/', () => {
  const building = sharedBuild(BASE_PATH_SETTINGS);
  let build: BuildResult;
  before(async () => {
    build = await building;
  });
  it('links every internal href and src to a file that exists', () => {
    assert.equal(build.status, 0, build.log);
    assert.ok(assertLinksResolve(build.outDir, '/news/') > 50);
  });
  it('percent-encodes Chinese topic URLs under the base', () => {
    const $ = load(readText(join(build.outDir, 'topics/index.html')));
    assert.ok($('.topic-cloud a').length >= 6);
    $('.topic-cloud a').each((_, a) => assert.match($(a).attr('href')!, /^\/news\/topics\/%[0-9A-F]{2}/));
  });
});

describe('incremental builds', () => {
  const folder = tempDir('news-content');
  const cacheDir = tempDir('news-cache');
  let recapturedId = '';
  type Step = 'first' | 'unchanged' | 'merged' | 'cold' | 'removed';
  const builds: Record<Step, BuildResult> = {} as never;
  /** Each build's report, read before the next build of the same cache writes its own. */
  const reports: Record<Step, ReturnType<typeof readReport>> = {} as never;
  let seed = '';

  // One scenario, built in order before any assertion, so that the tests below can run in any order.
  before(async () => {
    cpSync(SEEDS_DIR, folder, { recursive: true });
    // Search shards of one article at most: the two samples' quarter is cut down to two pieces of a
    // day, which become one shard again once an article is removed.
    const build = async (step: Step, shared = true) => {
      builds[step] = await buildSite({ NEWS_CONTENT_DIR: folder, NEWS_SEARCH_SHARD_ARTICLES: '1' }, shared ? { cacheDir } : {});
      reports[step] = readReport(builds[step]);
    };
    await build('first');
    await build('unchanged');
    seed = readdirSync(folder).sort()[1];
    const text = readText(join(folder, seed)).replace('<!--1706867102000-->', '<!--1706870000000-->').replace('中国和台湾外交部', '中国与台湾外交部');
    writeFileSync(join(folder, 'recapture.txt'), text);
    await build('merged');
    await build('cold', false);
    recapturedId = listFiles(builds.merged.outDir).find((f) => f.startsWith('articles/') && readText(join(builds.merged.outDir, f)).includes('外交部'))!.split('/')[1];
    rmSync(join(folder, readdirSync(folder).sort()[0]));
    await build('removed');
  });

  it('parses nothing when nothing changed', () => {
    assert.equal(builds.first.status, 0, builds.first.log);
    assert.equal(builds.unchanged.status, 0, builds.unchanged.log);
    assert.match(builds.unchanged.log, /0 parsed, 2 unchanged, 0 removed/);
    // The search index too: its shard is copied from the cache, not indexed again.
    assert.match(builds.first.log, /search: 2 articles in 2 shards, 2 indexed now/);
    assert.match(builds.unchanged.log, /search: 2 articles in 2 shards, 0 indexed now/);
    // Topics and stories too: read back, and computed again once an article changed.
    // Computed on the loader's thread of their own, taken by the pages (src/loader/listings-ahead.ts).
    assert.match(builds.first.log, /\[topics\] \d+ topics \(\d+ subjects\) from 2 articles in [\d.]+ s, on a thread of their own while the content store was written/);
    assert.match(builds.unchanged.log, /\[topics\] \d+ topics \(\d+ subjects\) from 2 articles, as the last build found them/);
    assert.match(builds.merged.log, /\[topics\] \d+ topics \(\d+ subjects\) from 2 articles in [\d.]+ s, on a thread of their own/);
  });
  it('re-parses only a new file, and publishes the newer capture of a URL', () => {
    assert.equal(builds.merged.status, 0, builds.merged.log);
    assert.match(builds.merged.log, /2 published, 0 skipped, 1 duplicates merged \(1 parsed, 2 unchanged, 0 removed\)/);
    assert.match(readText(join(builds.merged.outDir, 'articles', recapturedId, 'index.html')), /中国与台湾外交部/);
  });
  it('writes the build report for a rebuild that parsed nothing, the same as the first', () => {
    const { builtAt: first, outDir: firstDir, ...firstReport } = reports.first;
    const { builtAt: again, outDir: againDir, ...unchangedReport } = reports.unchanged;
    assert.deepEqual([firstDir, againDir], [builds.first.outDir, builds.unchanged.outDir].map((dir) => `${dir}/`));
    assert.ok(Date.parse(again) >= Date.parse(first));
    assert.deepEqual(unchangedReport, firstReport);
    assert.equal(firstReport.totals.published, 2);
    assert.ok(firstReport.outlets[0].medianLength! > 100, JSON.stringify(firstReport.outlets[0]));
  });
  it('names the capture a new one superseded, in the log and in the report of the rebuild', () => {
    assert.deepEqual(reports.merged.files.find((file) => file.file === seed), { file: seed, outcome: 'superseded', id: recapturedId, by: 'recapture.txt', tie: false });
    assert.match(builds.merged.log, new RegExp(`${seed} superseded by \\S*recapture\\.txt, the newer capture of https://www\\.rfi\\.fr/`));
    const { builtAt: a, outDir: b, ...incremental } = reports.merged;
    const { builtAt: c, outDir: d, ...cold } = reports.cold;
    assert.deepEqual(incremental, cold);
  });
  it('writes the same pages, byte for byte, as a cold build', () => {
    const { merged, cold } = builds;
    const incremental = listFiles(merged.outDir).filter((f) => !f.startsWith('_astro/')).sort();
    assert.deepEqual(incremental, listFiles(cold.outDir).filter((f) => !f.startsWith('_astro/')).sort());
    for (const file of incremental) assert.equal(readText(join(merged.outDir, file)), readText(join(cold.outDir, file)), file);
    // Into a new folder: every page is rendered, though the cache is the last build's.
    assert.match(merged.log, /[1-9]\d* pages and feeds written, 0 left in place/, 'nothing was reused from the last build');
  });
  it('drops the page of a deleted file', () => {
    assert.match(builds.removed.log, /1 published, 0 skipped, 1 duplicates merged \(0 parsed, 2 unchanged, 1 removed\)/);
    assert.equal(listFiles(builds.removed.outDir).filter((f) => f.startsWith('articles/')).length, 1);
  });
  it('keeps in its cache, and publishes, only the search shards the site has: the pieces of a day become one shard again', () => {
    assert.match(builds.merged.log, /search: 2 articles in 2 shards/);
    assert.match(builds.removed.log, /search: 1 articles in 1 shards, 1 indexed now/);
    assert.deepEqual(readdirSync(join(cacheDir, 'search')), ['2024-Q1']);
    assert.deepEqual(readdirSync(join(cacheDir, 'search', '2024-Q1')).length, 1);
    assert.deepEqual(readdirSync(join(builds.removed.outDir, 'pagefind')), ['2024-Q1']);
  });
  it('never writes into the content folder', () => {
    assert.deepEqual(readdirSync(folder).sort(), ['001_82e84ac9c174a1e7.txt', 'recapture.txt']);
  });
  it('keeps answering at the URL of a topic it no longer has, sending readers to the topics index, out of the sitemap', () => {
    // Both samples name 北约; with one left, it has too few articles to stay a topic.
    assert.ok(existsSync(join(builds.first.outDir, 'topics', '北约', 'index.html')));
    const page = readText(join(builds.removed.outDir, 'topics', '北约', 'index.html'));
    assert.match(page, /<meta name="robots" content="noindex">/);
    assert.match(page, /<meta http-equiv="refresh" content="0; url=\/topics\/">/);
    assert.match(page, /<a href="\/topics\/">话题索引<\/a>/);
    assert.doesNotMatch(readText(join(builds.removed.outDir, 'sitemap-0.xml')), /%E5%8C%97%E7%BA%A6|北约/);
  });
});

describe('an output folder kept between builds', () => {
  const folder = tempDir('news-content');
  const cacheDir = tempDir('news-cache');
  const outDir = tempDir('news-dist');
  type Step = 'first' | 'unchanged' | 'removed' | 'refilled' | 'cold' | 'rebased';
  const builds: Record<Step, BuildResult> = {} as never;
  let afterFirst: Map<string, string>;
  let afterUnchanged: Map<string, string>;
  /** The folder's files and their text after the build that removed an article (the next build rewrites it). */
  let afterRemoved: Map<string, string>;
  /** The same after the folder was deleted and built again with nothing else changed. */
  let afterRefilled: Map<string, string>;
  let removedId = '';
  /** The inodes of the first build's search entry file, in the cache and in the output. */
  let firstShardEntries: number[] = [];
  /** Each file's inode and modification time: a file left in place keeps both. */
  const stamps = (dir: string) => new Map(listFiles(dir).map((file) => [file, `${statSync(join(dir, file)).ino} ${statSync(join(dir, file)).mtimeMs}`]));
  const texts = (dir: string) => new Map(listFiles(dir).filter((file) => !file.startsWith('_astro/')).sort().map((file) => [file, readText(join(dir, file))]));
  const pages = (files: Iterable<string>) => [...files].filter((file) => /\.(?:html|xml)$/.test(file) && !/^sitemap-/.test(file));

  before(async () => {
    cpSync(SEEDS_DIR, folder, { recursive: true });
    builds.first = await buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir, outDir });
    afterFirst = stamps(outDir);
    const [digest] = readdirSync(join(cacheDir, 'search', '2024-Q1'));
    firstShardEntries = [join(cacheDir, 'search', '2024-Q1', digest), join(outDir, 'pagefind', '2024-Q1')].map((shard) => statSync(join(shard, 'pagefind-entry.json')).ino);
    builds.unchanged = await buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir, outDir });
    afterUnchanged = stamps(outDir);
    const [gone] = readdirSync(folder).sort();
    const url = /\]\(([^)]+)\)/.exec(readText(join(folder, gone)))![1];
    removedId = pages(listFiles(outDir)).find((file) => /^articles\/[^/]+\/index\.html$/.test(file) && readText(join(outDir, file)).includes(url))!.split('/')[1];
    rmSync(join(folder, gone));
    builds.removed = await buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir, outDir });
    afterRemoved = texts(outDir);
    // The output folder deleted (as an operator does to start it afresh, or a deploy step that moves it away).
    rmSync(outDir, { recursive: true, force: true });
    builds.refilled = await buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir, outDir });
    afterRefilled = texts(outDir);
    builds.cold = await buildSite({ NEWS_CONTENT_DIR: folder });
    builds.rebased = await buildSite({ NEWS_CONTENT_DIR: folder, ...BASE_PATH_SETTINGS }, { cacheDir, outDir });
  });

  it('leaves every unchanged page and feed in place, untouched', () => {
    for (const step of ['first', 'unchanged'] as const) assert.equal(builds[step].status, 0, builds[step].log);
    const kept = Number(/\d+ pages and feeds written, (\d+) left in place/.exec(builds.unchanged.log)?.[1]);
    const untouched = pages(afterUnchanged.keys()).filter((file) => afterFirst.get(file) === afterUnchanged.get(file));
    assert.equal(untouched.length, kept);
    // Every article's page among them, and the day and topic pages (pages without a cache key are rendered again).
    const articles = pages(afterUnchanged.keys()).filter((file) => /^(?:articles|archive\/\d{4}\/\d\d\/\d\d|topics\/[^/]+)\/index\.html$/.test(file));
    assert.ok(articles.length >= 10, String(articles));
    assert.deepEqual(articles.filter((file) => !untouched.includes(file)), []);
    assert.match(builds.unchanged.log, /search: 2 articles in 1 shards, 0 indexed now, the rest reused, in [\d.]+ s; 0 shards linked into the output/);
  });

  it('puts the search shards it indexed into the output as hard links to its cache, the cache being on the same file system', () => {
    assert.match(builds.first.log, /search: 2 articles in 1 shards, 2 indexed now, the rest reused, in [\d.]+ s; 1 shards linked into the output/);
    const [cached, published] = firstShardEntries;
    assert.equal(published, cached, 'the published entry file is the cached one');
  });

  it('removes what the build no longer makes, ending byte for byte as a cold build', () => {
    assert.equal(builds.removed.status, 0, builds.removed.log);
    assert.match(builds.removed.log, /removed [1-9]\d* pages and feeds of the last build that this one no longer makes/);
    assert.ok(![...afterRemoved.keys()].some((file) => file.startsWith(`articles/${removedId}/`)), `articles/${removedId} is left behind`);
    const cold = texts(builds.cold.outDir);
    for (const [file, text] of cold) assert.equal(afterRemoved.get(file), text, file);
    // Beyond a cold build's files, only the topics this cache published before: their URLs keep answering.
    const extra = [...afterRemoved.keys()].filter((file) => !cold.has(file));
    assert.ok(extra.length > 0);
    assert.deepEqual(extra.filter((file) => !/^topics\/[^/]+\/index\.html$/.test(file) || !afterRemoved.get(file)!.includes('<meta name="robots" content="noindex">')), []);
  });

  it('writes again every page missing from the folder, a deleted folder ending as it was', () => {
    assert.equal(builds.refilled.status, 0, builds.refilled.log);
    const missing = Number(/(\d+) unchanged pages and feeds were missing from the output folder and were written again/.exec(builds.refilled.log)?.[1]);
    assert.ok(missing >= 10, builds.refilled.log);
    assert.match(builds.refilled.log, /[1-9]\d* pages and feeds written, 0 left in place/);
    assert.deepEqual([...afterRefilled.keys()], [...afterRemoved.keys()]);
    for (const [file, text] of afterRemoved) assert.equal(afterRefilled.get(file), text, file);
    assert.doesNotMatch(builds.removed.log, /missing from the output folder/);
  });

  it('starts from an empty folder when a setting changed', () => {
    assert.equal(builds.rebased.status, 0, builds.rebased.log);
    assert.doesNotMatch(builds.rebased.log, /output folder kept from the last build/);
    assert.match(builds.removed.log, /output folder kept from the last build/);
    const html = pages(listFiles(outDir)).filter((file) => file.endsWith('.html') && file !== '404.html');
    assert.ok(html.length > 10);
    assert.deepEqual(html.filter((file) => !readText(join(outDir, file)).includes('href="/news/')), []);
  });
});
