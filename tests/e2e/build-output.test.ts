import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { load } from 'cheerio';
import { buildSite, listFiles, readText } from '../support/build.ts';
import { articlePageIds, articlesLinkedUnder, assertArchiveCountsAddUp, assertLinksResolve } from '../support/site-checks.ts';
import { REAL_DIR, SEEDS_DIR } from '../support/corpus.ts';
import { tempDir } from '../support/temp.ts';

const summaryOf = (log: string) => /articles: (\d+) published, (\d+) skipped, (\d+) duplicates merged/.exec(log);

describe('default build of content/', () => {
  const build = buildSite({ SITE_URL: 'https://news.example.org', NEWS_TIMEZONE: 'Asia/Shanghai' });
  const files = listFiles(build.outDir);
  const articlePages = files.filter((file) => /^articles\/[0-9a-f]{16}\/index\.html$/.test(file));

  it('succeeds and ends with the summary line', () => {
    assert.equal(build.status, 0, build.log);
    assert.deepEqual(summaryOf(build.log)?.slice(1), ['2', '0', '0']);
  });
  it('writes a page per sample article, a home page and a 404 page', () => {
    assert.equal(articlePages.length, 2);
    assert.ok(files.includes('index.html') && files.includes('404.html'));
  });
  it('renders each article with its metadata, a clean body and no script', () => {
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
      assert.equal($('script').length, 0);
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
  it('lists both articles on the home page, grouped by day in the site zone', () => {
    const $ = load(readText(join(build.outDir, 'index.html')));
    assert.equal($('.article-card').length, 2);
    assert.deepEqual($('.day-group h2 time').map((_, t) => $(t).attr('datetime')).get(), ['2024-02-03', '2024-02-02']);
  });
});

describe('build under BASE_PATH=/news/', () => {
  const build = buildSite({ SITE_URL: 'https://example.org', BASE_PATH: '/news/' });
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

describe('build of the real corpus', () => {
  // A small page size, so that day, topic and outlet pages paginate.
  const build = buildSite({ NEWS_CONTENT_DIR: REAL_DIR, NEWS_PAGE_SIZE: '7', NEWS_TIMEZONE: 'Europe/Paris' });
  const files = listFiles(build.outDir);
  const articleIds = articlePageIds(build.outDir);
  it('publishes or names every capture', () => {
    assert.equal(build.status, 0, build.log);
    const captures = readdirSync(REAL_DIR).filter((name) => name.endsWith('.txt')).length;
    const [, published, skipped, merged] = summaryOf(build.log)!.map(Number);
    assert.equal(published + skipped + merged, captures);
    assert.equal((build.log.match(/skipped \S+\.txt: /g) ?? []).length, skipped * 2);
    assert.equal(articleIds.size, published);
  });
  it('reaches every article from the day pages, and from its outlet page', () => {
    assert.deepEqual(articlesLinkedUnder(build.outDir, 'archive/'), articleIds);
    assert.deepEqual(articlesLinkedUnder(build.outDir, 'sources/'), articleIds);
    for (const slug of readdirSync(join(build.outDir, 'sources'))) {
      const onOutletPages = articlesLinkedUnder(build.outDir, `sources/${slug}/`);
      for (const id of onOutletPages) assert.match(readText(join(build.outDir, 'articles', id, 'index.html')), new RegExp(`href="/sources/${slug.replace(/\./g, '\\.')}/"`));
    }
  });
  it('counts add up: archive root, years and months', () => {
    assert.equal(assertArchiveCountsAddUp(build.outDir), articleIds.size);
  });
  it('paginates long listings with rel=prev/next, and every link resolves', () => {
    const second = files.filter((file) => /^(?:topics|sources|archive)\/.+\/2\/index\.html$/.test(file));
    assert.ok(second.length > 5, 'nothing paginated');
    const $ = load(readText(join(build.outDir, second[0])));
    assert.ok($('head link[rel=prev]').attr('href'));
    assert.ok($('.pagination a[rel=prev]').attr('href'));
    assert.ok(assertLinksResolve(build.outDir, '/') > 1000);
  });
});

describe('bad files, NEWS_STRICT and incremental builds', () => {
  const folder = tempDir('news-content');
  cpSync(SEEDS_DIR, folder, { recursive: true });
  const cacheDir = tempDir('news-cache');

  it('skips a bad file with its name and reason and publishes the rest', () => {
    writeFileSync(join(folder, 'bad name ..%2f.txt'), '<!--soon-->\n[x](https://a.com/x)\n------\n\n<p>x</p>\n');
    const build = buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir });
    assert.equal(build.status, 0, build.log);
    assert.match(build.log, /skipped .*bad name \.\.%2f\.txt: line 1: timestamp "soon" is not a decimal/);
    assert.deepEqual(summaryOf(build.log)?.slice(1), ['2', '1', '0']);
  });
  it('fails under NEWS_STRICT=1, naming the file', () => {
    const build = buildSite({ NEWS_CONTENT_DIR: folder, NEWS_STRICT: '1' });
    assert.notEqual(build.status, 0);
    assert.match(build.log, /bad name \.\.%2f\.txt/);
  });
  it('succeeds under NEWS_STRICT=1 on good files alone', () => {
    rmSync(join(folder, 'bad name ..%2f.txt'));
    const build = buildSite({ NEWS_CONTENT_DIR: folder, NEWS_STRICT: '1' }, { cacheDir });
    assert.equal(build.status, 0, build.log);
    assert.match(build.log, /0 parsed, 2 unchanged, 0 removed/);
  });
  it('re-parses only a changed file, merges a newer capture, and drops a deleted one', () => {
    const seed = readdirSync(folder).sort()[1];
    const text = readText(join(folder, seed)).replace('<!--1706867102000-->', '<!--1706870000000-->').replace('中国和台湾外交部', '中国与台湾外交部');
    writeFileSync(join(folder, 'recapture.txt'), text);
    const merged = buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir });
    assert.equal(merged.status, 0, merged.log);
    assert.match(merged.log, /2 published, 0 skipped, 1 duplicates merged \(1 parsed, 2 unchanged, 0 removed\)/);
    const page = listFiles(merged.outDir).filter((f) => f.startsWith('articles/')).map((f) => readText(join(merged.outDir, f))).find((html) => html.includes('外交部'))!;
    assert.match(page, /中国与台湾外交部/);
    // Pages copied from the last build (incremental build) must equal a cold build's, byte for byte.
    const cold = buildSite({ NEWS_CONTENT_DIR: folder });
    const incremental = listFiles(merged.outDir).filter((f) => !f.startsWith('_astro/')).sort();
    assert.deepEqual(incremental, listFiles(cold.outDir).filter((f) => !f.startsWith('_astro/')).sort());
    for (const file of incremental) assert.equal(readText(join(merged.outDir, file)), readText(join(cold.outDir, file)), file);
    assert.match(merged.log, /\(restored\)|\(cached\)/, 'nothing was reused from the last build');
    rmSync(join(folder, readdirSync(folder).sort()[0]));
    const removed = buildSite({ NEWS_CONTENT_DIR: folder }, { cacheDir });
    assert.match(removed.log, /1 published, 0 skipped, 1 duplicates merged \(0 parsed, 2 unchanged, 1 removed\)/);
    assert.equal(listFiles(removed.outDir).filter((f) => f.startsWith('articles/')).length, 1);
  });
  it('never writes into the content folder', () => {
    assert.deepEqual(readdirSync(folder).sort(), ['001_82e84ac9c174a1e7.txt', 'recapture.txt']);
  });
});

