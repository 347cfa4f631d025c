import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { load } from 'cheerio';
import { articleIdFromUrl, canonicalizeUrl } from '../../src/lib/identity.ts';
import { MAX_FILE_BYTES } from '../../src/lib/parse.ts';
import { buildSite, escapeRegExp, listFiles, readReport, readText, summaryOf, type BuildResult } from '../support/build.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { scanHtml } from '../support/output-scan.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Every rule of the input format, broken on purpose, in one folder with good files beside the
 * bad ones: the build publishes every good file, names every bad one with its reason, writes
 * nowhere but its output folder, and fails under NEWS_STRICT=1 only when a bad file is there.
 * The big cases are generated here, never committed.
 */

const RECENT = Date.now() - 3 * 86_400_000;
const good = (n: number) => `<!--${RECENT + n * 60_000}-->`;
const capture = (line1: string, line2: string, body: string, eol = '\n') => [line1, line2, '------', '', body, ''].join(eol);
const page = (name: string) => `https://broken.example.org/${name}`;

interface GoodCase {
  file: string;
  url: string;
  title: string;
  bytes: Buffer | string;
}
interface BadCase {
  file: string;
  reason: RegExp;
  bytes: Buffer | string;
}

function goodCases(): GoodCase[] {
  const cases: GoodCase[] = [];
  const add = (file: string, title: string, bytes: (url: string) => Buffer | string, url = page(file.replace(/[^\w.-]+/g, '-'))) =>
    cases.push({ file, url, title, bytes: bytes(url) });
  add('crlf.txt', 'CRLF line ends', (url) => capture(good(1), `[CRLF line ends](${url})`, '<p>Windows line ends.</p>', '\r\n'));
  add('bom utf-8.txt', 'UTF-8 with a byte order mark', (url) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(capture(good(2), `[UTF-8 with a byte order mark](${url})`, '<p>正文。</p>'))]));
  add('utf-16le.txt', 'UTF-16 little-endian', (url) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(capture(good(3), `[UTF-16 little-endian](${url})`, '<p>中文正文。</p>'), 'utf16le')]));
  add('utf-16be.txt', 'UTF-16 big-endian', (url) => {
    const little = Buffer.from(capture(good(4), `[UTF-16 big-endian](${url})`, '<p>中文正文。</p>'), 'utf16le');
    return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(little.map((_, i) => little[i ^ 1]))]);
  });
  add('seconds.txt', 'Ten digits read as seconds', (url) => capture(`<!--${Math.floor(RECENT / 1000)}-->`, `[Ten digits read as seconds](${url})`, '<p>Seconds.</p>'));
  add('中文 文件名 with spaces.txt', 'A Unicode name with spaces', (url) => capture(good(5), `[A Unicode name with spaces](${url})`, '<p>Name.</p>'));
  add('dots.in..name...txt', 'Dots in the name', (url) => capture(good(6), `[Dots in the name](${url})`, '<p>Dots.</p>'));
  add('x..%2f..%2fdist%2findex.html.txt', 'Escaped traversal in the name', (url) => capture(good(7), `[Escaped traversal in the name](${url})`, '<p>Traversal.</p>'));
  add('%2e%2e%2f%2e%2e%2findex.txt', 'Escaped dots in the name', (url) => capture(good(8), `[Escaped dots in the name](${url})`, '<p>Dots.</p>'));
  add('sub folder/nested .. dots/deeper.txt', 'A folder named with dots', (url) => capture(good(9), `[A folder named with dots](${url})`, '<p>Nested.</p>'));
  add('controls.txt', 'NUL and controls removed', (url) => capture(good(10), `[NUL\u0000 and controls\u0007 removed](${url})`, '<p>a\u0000b\u0001c\u001bd</p>'));
  add('unbalanced.txt', 'Unbalanced tags', (url) =>
    capture(good(11), `[Unbalanced tags](${url})`, '<div><div><table><tr><td><p><b><i><a href="https://a.example/">open</div></td></article></main></body></html><footer>fake</footer></div></div></div><ul><li><blockquote>'),
  );
  add('images-5000.txt', 'Five thousand images', (url) =>
    capture(good(12), `[Five thousand images](${url})`, `<p>Gallery.</p>${Array.from({ length: 5000 }, (_, i) => `<img src="https://img.example.com/${i}.jpg">`).join('')}`),
  );
  add('nested-100000.txt', 'A hundred thousand nested elements', (url) => capture(good(13), `[A hundred thousand nested elements](${url})`, `${'<div><span>'.repeat(50_000)}深${'</span></div>'.repeat(50_000)}`));
  add('single-line-5mb.txt', 'A 5 MB single line', (url) => capture(good(14), `[A 5 MB single line](${url})`, `<p>${'长文本 long text '.repeat(5 * 1024 * 1024 / 21)}</p>`));
  return cases;
}

/** Three captures of one article: the newest wins, whatever the file names. */
const DUPLICATE_URL = page('duplicate');
const duplicates = [
  { file: 'dup-a-newest.txt', bytes: capture(good(30), `[Newest capture](${DUPLICATE_URL})`, '<p>The newest capture.</p>') },
  { file: 'dup-b-older.txt', bytes: capture(good(20), `[Older capture](${DUPLICATE_URL})`, '<p>An older capture.</p>') },
  { file: 'dup-c-tracking.txt', bytes: capture(good(25), `[Tracked capture](${DUPLICATE_URL}?utm_source=feed#top)`, '<p>A capture with tracking.</p>') },
];

function badCases(): BadCase[] {
  const link = (name: string) => `[Bad ${name}](${page(`bad-${name}`)})`;
  const body = '<p>Body.</p>';
  const withTime = (name: string, line1: string) => capture(line1, link(name), body);
  const withLink = (name: string, line2: string) => capture(good(40), line2, body);
  return [
    { file: 'empty.txt', reason: /the file is empty/, bytes: '' },
    { file: 'nul-only.txt', reason: /the file is empty/, bytes: Buffer.alloc(64) },
    { file: 'header-only.txt', reason: /ends after 1 line/, bytes: `${good(40)}\n` },
    { file: 'header-and-title.txt', reason: /ends after 2 lines/, bytes: `${good(40)}\n${link('x')}\n` },
    { file: 'ts-words.txt', reason: /not a decimal/, bytes: withTime('words', '<!--yesterday noon-->') },
    { file: 'ts-negative.txt', reason: /not a decimal/, bytes: withTime('negative', '<!---1706908501000-->') },
    { file: 'ts-zero.txt', reason: /before 1990/, bytes: withTime('zero', '<!--0-->') },
    { file: 'ts-hex.txt', reason: /not a decimal/, bytes: withTime('hex', '<!--0x18D6B2C1A08-->') },
    { file: 'ts-exponent.txt', reason: /not a decimal/, bytes: withTime('exponent', '<!--1.7e12-->') },
    { file: 'ts-fraction.txt', reason: /not a decimal/, bytes: withTime('fraction', '<!--1706908501000.25-->') },
    { file: 'ts-far-future.txt', reason: /in the future/, bytes: withTime('far-future', '<!--4102444800000-->') },
    { file: 'ts-beyond-date-range.txt', reason: /out of range/, bytes: withTime('beyond', '<!--864000000000000000001-->') },
    { file: 'ts-unclosed.txt', reason: /not closed/, bytes: withTime('unclosed', '<!--1706908501000') },
    { file: 'ts-comment-injection.txt', reason: /not a decimal/, bytes: withTime('injection', '<!--1706908501000--><script>x()</script><!---->') },
    { file: 'ts-missing.txt', reason: /not a timestamp comment/, bytes: capture(link('missing'), '------', body) },
    { file: 'no-separator.txt', reason: /separator/, bytes: `${good(40)}\n${link('sep')}\n\n<p>Body.</p>\n` },
    { file: 'title-not-link.txt', reason: /not a link/, bytes: withLink('not-link', `Bad title ${page('x')}`) },
    { file: 'url-relative.txt', reason: /not an absolute/, bytes: withLink('relative', '[Bad](/news/x)') },
    { file: 'url-protocol-relative.txt', reason: /not an absolute/, bytes: withLink('protocol-relative', '[Bad](//broken.example.org/x)') },
    { file: 'url-ftp.txt', reason: /not an absolute/, bytes: withLink('ftp', '[Bad](ftp://broken.example.org/x)') },
    { file: 'url-file.txt', reason: /not an absolute/, bytes: withLink('file', '[Bad](file:///etc/passwd)') },
    { file: 'url-no-host.txt', reason: /not an absolute/, bytes: withLink('no-host', '[Bad](https:///x)') },
    { file: 'url-empty.txt', reason: /URL is empty/, bytes: withLink('empty', '[Bad]()') },
    { file: 'title-blank.txt', reason: /title is blank/, bytes: withLink('blank', `[ \t ](${page('blank-title')})`) },
    { file: 'body-blank.txt', reason: /body is blank/, bytes: capture(good(40), link('blank-body'), ' \n\t\n') },
    { file: 'body-only-script.txt', reason: /no readable content/, bytes: capture(good(40), link('only-script'), '<script>x()</script><style>p{}</style>') },
    { file: 'gbk.txt', reason: /UTF-8/, bytes: Buffer.concat([Buffer.from(`${good(40)}\n[`), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from(`](${page('gbk')})\n------\n\n<p>x</p>\n`)]) },
    { file: 'invalid-utf8.txt', reason: /UTF-8/, bytes: Buffer.concat([Buffer.from(withTime('invalid', good(40))), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc])]) },
    { file: 'png.txt', reason: /UTF-8|timestamp/, bytes: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex') },
    { file: 'over-limit.txt', reason: new RegExp(`over the ${MAX_FILE_BYTES}-byte limit`), bytes: capture(good(40), link('big'), `<p>${'x'.repeat(MAX_FILE_BYTES)}</p>`) },
    // Brackets and `](` by the megabyte: a backtracking pattern over line 2 would never finish.
    { file: 'title-5mb-backtracking.txt', reason: /not a link|not an absolute/, bytes: capture(good(40), `${'[x]('.repeat(1_000_000)}${'('.repeat(1_000_000)})`, body) },
  ];
}


describe('broken files: every good file published, every bad one named', () => {
  const root = tempDir('news-broken');
  const content = join(root, 'content');
  const dist = join(root, 'dist');
  const cacheDir = join(root, 'cache');
  const goods = goodCases();
  const bads = badCases();
  let build: BuildResult;

  after(() => rmSync(root, { recursive: true, force: true }));

  const snapshot = (dir: string) => listFiles(dir).map((file) => `${file} ${statSync(join(dir, file)).size} ${statSync(join(dir, file)).mtimeMs}`).sort();

  mkdirSync(content);
  for (const name of readdirSync(join(PROJECT_ROOT, 'content')).filter((n) => n.endsWith('.txt'))) cpSync(join(PROJECT_ROOT, 'content', name), join(content, name));
  for (const { file, bytes } of [...goods, ...duplicates, ...bads]) {
    mkdirSync(dirname(join(content, file)), { recursive: true });
    writeFileSync(join(content, file), bytes);
  }
  writeFileSync(join(content, '.hidden capture.txt'), capture(good(50), `[Hidden](${page('hidden')})`, '<p>Hidden.</p>'));
  const contentBefore = snapshot(content);
  mkdirSync(dist);
  // Started when the file loads, so that they build while other files' tests run.
  const building = buildSite({ NEWS_CONTENT_DIR: content, SITE_URL: 'https://news.example.org' }, { cacheDir, outDir: dist });
  const buildingStrict = buildSite({ NEWS_CONTENT_DIR: content, NEWS_STRICT: '1' }, { cacheDir: join(root, 'strict-cache'), outDir: join(root, 'strict-dist') });

  before(async () => {
    build = await building;
  });

  it('succeeds with the right summary', () => {
    assert.equal(build.status, 0, build.log.slice(-5000));
    assert.deepEqual(summaryOf(build.log), [2 + goods.length + 1, bads.length, duplicates.length - 1]);
  });

  it('names every bad file with its reason', () => {
    const missing = bads.filter(({ file, reason }) => !new RegExp(`skipped \\S*?${escapeRegExp(file)}: .*${reason.source}`).test(build.log)).map(({ file }) => file);
    assert.deepEqual(missing, []);
  });

  it('names every file in the build report: each bad one with its reason, each older capture with the one that won', () => {
    const report = readReport(build);
    const outcomes = new Map(report.files.map((file) => [file.file, file]));
    const wrong = bads.filter(({ file, reason }) => {
      const outcome = outcomes.get(file);
      return outcome?.outcome !== 'skipped' || !reason.test(outcome.reason);
    });
    assert.deepEqual(wrong.map(({ file }) => [file, outcomes.get(file)]), []);
    const winner = articleIdFromUrl(canonicalizeUrl(DUPLICATE_URL));
    for (const file of ['dup-b-older.txt', 'dup-c-tracking.txt']) {
      assert.deepEqual(outcomes.get(file), { file, outcome: 'superseded', id: winner, by: 'dup-a-newest.txt', tie: false });
    }
    assert.deepEqual(outcomes.get('dup-a-newest.txt'), { file: 'dup-a-newest.txt', outcome: 'published', id: winner });
    for (const { file, url } of goods) assert.deepEqual(outcomes.get(file), { file, outcome: 'published', id: articleIdFromUrl(canonicalizeUrl(url)) });
    assert.equal(report.files.length, goods.length + duplicates.length + bads.length + 2);
    assert.deepEqual(report.hidden, ['.hidden capture.txt']);
    assert.deepEqual(report.totals, { files: report.files.length, published: goods.length + 3, skipped: bads.length, superseded: 2, ignored: 0, hidden: 1 });
    // Bad files whose line 2 names a URL count against its outlet; the rest against none.
    const broken = report.outlets.find((outlet) => outlet.slug === 'broken.example.org')!;
    assert.equal(broken.skipped + report.skippedWithoutOutlet, bads.length);
    assert.ok(broken.skipped >= 3, `${broken.skipped}`);
    assert.equal(broken.superseded, 2);
  });

  it('names each superseded capture in the log, with the file that won and the URL', () => {
    for (const file of ['dup-b-older.txt', 'dup-c-tracking.txt']) {
      assert.match(build.log, new RegExp(`\\S*${escapeRegExp(file)} superseded by \\S*dup-a-newest\\.txt, the newer capture of ${escapeRegExp(DUPLICATE_URL)}\\n`));
    }
  });

  it('names a hidden capture instead of dropping it silently', () => {
    assert.match(build.log, /ignored hidden file \S*\.hidden capture\.txt: names starting with "\." are not read/);
  });

  it('publishes every good file under its URL, whatever its name, encoding or size', () => {
    const problems: string[] = [];
    for (const { file, url, title } of goods) {
      const path = join(dist, 'articles', articleIdFromUrl(canonicalizeUrl(url)), 'index.html');
      let html: string;
      try {
        html = readText(path);
      } catch {
        problems.push(`${file}: no page`);
        continue;
      }
      const heading = /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
      if (heading !== title) problems.push(`${file}: heading ${JSON.stringify(heading?.slice(0, 80))}`);
    }
    assert.deepEqual(problems, []);
  });

  it('keeps the newest of several captures of one URL', () => {
    const html = readText(join(dist, 'articles', articleIdFromUrl(canonicalizeUrl(DUPLICATE_URL)), 'index.html'));
    assert.match(html, /<h1>Newest capture<\/h1>/);
    assert.match(html, /The newest capture\./);
    assert.doesNotMatch(html, /older capture|with tracking/);
  });

  it('reads the 10-digit timestamp as seconds', () => {
    const html = readText(join(dist, 'articles', articleIdFromUrl(canonicalizeUrl(goods.find((g) => g.file === 'seconds.txt')!.url)), 'index.html'));
    const shown = load(html)('.meta time').attr('datetime')!;
    assert.equal(Math.floor(new Date(shown).getTime() / 1000), Math.floor(RECENT / 1000));
  });

  it('writes only pages and assets into the output folder, never over the home page', () => {
    // Only what the site's own routes write: no file named after a capture ever lands here.
    const expected = /^(?:index\.html|404\.html|robots\.txt|_headers|favicon\.(?:svg|ico)|apple-touch-icon\.png|rss\.xml|sitemap-(?:index|\d+)\.xml|_astro\/[\w.-]+\.(?:css|js)|search\/index\.html|about\/index\.html|pagefind\/\d{4}-Q[1-4]\/(?:pagefind(?:-worker)?\.js|pagefind-entry\.json|pagefind\.en_\w+\.pf_meta|wasm\.en\.pagefind|(?:index|fragment|filter)\/en_\w+\.pf_(?:index|fragment|filter))|articles\/[0-9a-f]{16}\/index\.html|archive\/(?:\d{4}\/(?:\d{2}\/(?:\d{2}\/(?:\d+\/)?)?)?)?index\.html|(?:topics|sources)\/(?:[^/]+\/(?:\d+\/)?)?index\.html|(?:topics|sources)\/[^/]+\/rss\.xml|feeds\/archive\/\d+\.xml)$/u;
    const unexpected = listFiles(dist).filter((file) => !expected.test(file.split('\\').join('/')));
    assert.deepEqual(unexpected, []);
    const $ = load(readText(join(dist, 'index.html')));
    assert.equal($('.article-card').length, Math.min(60, 2 + goods.length + 1));
    assert.match($('p.muted').last().text(), new RegExp(`共 ${2 + goods.length + 1} 篇文章`));
    assert.deepEqual(readdirSync(root).filter((name) => !/^(?:good-only|strict)/.test(name)).sort(), ['cache', 'content', 'dist']);
  });

  it('never writes into the content folder', () => {
    assert.deepEqual(snapshot(content), contentBefore);
  });

  it('never shows Invalid Date or NaN, nor anything the hostile scan forbids', () => {
    const problems = listFiles(dist)
      .filter((file) => file.endsWith('.html'))
      .flatMap((file) => scanHtml(readText(join(dist, file)), file));
    assert.deepEqual(problems, []);
  });

  it('keeps the page layout around an unbalanced body', () => {
    const url = goods.find((g) => g.file === 'unbalanced.txt')!.url;
    const $ = load(readText(join(dist, 'articles', articleIdFromUrl(canonicalizeUrl(url)), 'index.html')));
    assert.deepEqual($('body').children().toArray().map((el) => `${el.tagName}.${$(el).attr('class') ?? ''}`), ['a.skip-link', 'header.site-header', 'main.site-main', 'footer.site-footer', 'script.']);
    assert.deepEqual($('main > article').children().toArray().map((el) => el.tagName), ['h1', 'div', 'div', 'p']);
    assert.equal($('main > article > p.original-link > a').attr('href'), url);
    assert.equal($('footer.site-footer').text(), load(readText(join(dist, 'index.html')))('footer.site-footer').text());
    assert.equal($('footer').length, 1);
  });

  it('fails under NEWS_STRICT=1, naming a bad file', async () => {
    const strict = await buildingStrict;
    assert.notEqual(strict.status, 0);
    const named = /bad article file \(NEWS_STRICT=1\): (.+?\.txt): /.exec(strict.log);
    assert.ok(named, strict.log.slice(-3000));
    assert.ok(bads.some(({ file }) => named[1].endsWith(file)), named[1]);
  });

  it('succeeds under NEWS_STRICT=1 once only good files remain', async () => {
    // On copies of the folder and of the store, so that the other tests see both unchanged.
    const goodOnly = join(root, 'good-only');
    const badFiles = new Set(bads.map(({ file }) => join(content, file)));
    cpSync(content, goodOnly, { recursive: true, filter: (source) => !badFiles.has(source) });
    cpSync(cacheDir, join(root, 'good-only-cache'), { recursive: true });
    const strict = await buildSite({ NEWS_CONTENT_DIR: goodOnly, NEWS_STRICT: '1' }, { cacheDir: join(root, 'good-only-cache'), outDir: join(root, 'strict-good-dist') });
    assert.equal(strict.status, 0, strict.log.slice(-3000));
    assert.deepEqual(summaryOf(strict.log), [2 + goods.length + 1, 0, duplicates.length - 1]);
  });
});

describe('a folder of bad files only', () => {
  const root = tempDir('news-all-bad');
  const content = join(root, 'content');
  const dist = join(root, 'dist');
  const bads = badCases().filter(({ bytes }) => bytes.length < 100_000).slice(0, 4);
  mkdirSync(content);
  for (const { file, bytes } of bads) {
    mkdirSync(dirname(join(content, file)), { recursive: true });
    writeFileSync(join(content, file), bytes);
  }
  const env = { NEWS_CONTENT_DIR: content, SITE_URL: 'https://news.example.org' };
  const building = buildSite(env, { cacheDir: join(root, 'cache'), outDir: dist });
  let build: BuildResult;
  before(async () => {
    build = await building;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('counts the files it refuses again unchanged in one line, each still in the report with its reason', async () => {
    await building;
    const again = await buildSite(env, { cacheDir: join(root, 'cache'), outDir: join(root, 'dist-again') });
    assert.equal(again.status, 0, again.log.slice(-5000));
    assert.deepEqual(summaryOf(again.log), [0, bads.length, 0]);
    const named = bads.filter(({ file }) => new RegExp(`skipped \\S*?${escapeRegExp(file)}:`).test(again.log)).map(({ file }) => file);
    assert.deepEqual(named, []);
    // Once as the content loads, once at the end beside the report's path.
    assert.equal(again.log.split(`skipped ${bads.length} files the last build refused, unchanged since (each with its reason in the build report)`).length - 1, 2, again.log.slice(-3000));
    const outcomes = readReport(again).files;
    for (const { file, reason } of bads) {
      const outcome = outcomes.find((outcome) => outcome.file === file);
      assert.match(outcome?.outcome === 'skipped' ? outcome.reason : '', reason, file);
    }
  });

  it('builds an empty site, naming every file it skipped', () => {
    assert.equal(build.status, 0, build.log.slice(-5000));
    assert.deepEqual(summaryOf(build.log), [0, bads.length, 0]);
    const unnamed = bads.filter(({ file, reason }) => !new RegExp(`skipped \\S*?${escapeRegExp(file)}: .*${reason.source}`).test(build.log)).map(({ file }) => file);
    assert.deepEqual(unnamed, []);
  });

  it('writes its home, archive, topics, outlets, statistics and search pages and its feed, with nothing broken in them', () => {
    const files = listFiles(dist);
    for (const page of ['index.html', 'archive/index.html', 'topics/index.html', 'sources/index.html', 'about/index.html', 'search/index.html', '404.html', 'rss.xml']) assert.ok(files.includes(page), page);
    assert.deepEqual(files.filter((file) => file.startsWith('articles/')), []);
    assert.deepEqual(files.filter((file) => file.endsWith('.html')).flatMap((file) => scanHtml(readText(join(dist, file)), file)), []);
    const about = load(readText(join(dist, 'about/index.html')));
    assert.equal(about('.stats dd').first().text(), '0 篇');
    const feed = load(readText(join(dist, 'rss.xml')), { xml: true });
    assert.equal(feed('rss > channel').length, 1);
    assert.equal(feed('item').length, 0);
  });
});
