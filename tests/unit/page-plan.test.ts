import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pagesCodeVersion, removeAstroPageCache } from '../../src/integrations/kept-output.ts';
import { outputFileOf, PagePlan, pathOfPageFile, type PageRecord } from '../../src/lib/page-plan.ts';
import { tempDir } from '../support/temp.ts';

const ARTICLES = '/articles/[id]';
const FEEDS = '/topics/[slug]/rss.xml';
const page = (id: string, cacheKey?: string) => ({ params: { id }, cacheKey, props: { id } });
/** The output folder as the last build left it. */
const inFolder = () => true;

describe('PagePlan: which pages a build renders', () => {
  const last: PageRecord = {
    [ARTICLES]: {
      '{"id":"a"}': ['key-a', 'articles/a/index.html'],
      '{"id":"b"}': ['key-b', 'articles/b/index.html'],
      '{"id":"gone"}': ['key-gone', 'articles/gone/index.html'],
    },
  };

  it('renders a page whose key changed, a new one and one without a key; leaves the others in place', () => {
    const plan = new PagePlan(last, inFolder);
    const pages = [page('a', 'key-a'), page('b', 'key-b2'), page('c', 'key-c'), page('d')];
    assert.deepEqual(plan.choose(ARTICLES, pages), [pages[1], pages[2], pages[3]]);
    assert.deepEqual(plan.leftInPlace, [{ route: ARTICLES, file: 'articles/a/index.html' }]);
    const named: string[] = [];
    plan.record(({ params }) => {
      named.push(params.id!);
      return `articles/${params.id}/index.html`;
    });
    assert.deepEqual(named, ['b', 'c'], 'the files of the keyed pages rendered now, and only those');
  });

  it('takes a route listed again as listed the last time, not twice', () => {
    const plan = new PagePlan(last, inFolder);
    plan.choose(ARTICLES, [page('a', 'key-a'), page('b', 'key-b2')]);
    assert.deepEqual(plan.choose(ARTICLES, [page('a', 'key-a'), page('b', 'key-b2')]).map(({ params }) => params.id), ['b']);
    assert.deepEqual(plan.leftInPlace, [{ route: ARTICLES, file: 'articles/a/index.html' }]);
    assert.deepEqual(Object.keys(plan.record(() => 'file')[ARTICLES]), ['{"id":"a"}', '{"id":"b"}']);
  });

  it('records every keyed page for the next build, the rendered ones at the files named for them, and forgets pages no longer made', () => {
    const plan = new PagePlan(last, inFolder);
    plan.choose(ARTICLES, [page('a', 'key-a'), page('b', 'key-b2'), page('d')]);
    plan.choose(FEEDS, [{ params: { slug: '美国' }, cacheKey: 'feed' }]);
    const record = plan.record(({ route, params }) => `${route}:${JSON.stringify(params)}`);
    assert.deepEqual(record, {
      [ARTICLES]: { '{"id":"a"}': ['key-a', 'articles/a/index.html'], '{"id":"b"}': ['key-b2', '/articles/[id]:{"id":"b"}'] },
      [FEEDS]: { '{"slug":"美国"}': ['feed', '/topics/[slug]/rss.xml:{"slug":"美国"}'] },
    });
  });

  it('renders again an unchanged page whose file is gone from the folder (deleted, or the whole folder emptied)', () => {
    const asked: string[] = [];
    const plan = new PagePlan(last, (file) => {
      asked.push(file);
      return file !== 'articles/b/index.html';
    });
    const pages = [page('a', 'key-a'), page('b', 'key-b'), page('c', 'key-c')];
    assert.deepEqual(plan.choose(ARTICLES, pages), [pages[1], pages[2]]);
    assert.deepEqual(plan.leftInPlace, [{ route: ARTICLES, file: 'articles/a/index.html' }]);
    assert.equal(plan.missing, 1);
    assert.deepEqual(asked, ['articles/a/index.html', 'articles/b/index.html'], 'only the files of unchanged pages are looked for');
    plan.choose(ARTICLES, pages);
    assert.equal(plan.missing, 1, 'a route listed again is counted once');
    assert.deepEqual(plan.record(({ params }) => `articles/${params.id}/index.html`)[ARTICLES]['{"id":"b"}'], ['key-b', 'articles/b/index.html']);
  });

  it('renders everything without a last record (a first build, a folder started afresh, other code)', () => {
    const plan = new PagePlan(undefined, inFolder);
    const pages = [page('a', 'key-a'), page('b', 'key-b')];
    assert.deepEqual(plan.choose(ARTICLES, pages), pages);
    assert.deepEqual(plan.leftInPlace, []);
  });

  it('matches a page by its route as well as its params', () => {
    const plan = new PagePlan(last, inFolder);
    const pages = [{ params: { id: 'a' }, cacheKey: 'key-a' }];
    assert.deepEqual(plan.choose('/other/[id]', pages), pages);
  });
});

describe('outputFileOf and pathOfPageFile: where a page is written, and its path back', () => {
  const cases: [string, boolean, string, string | undefined][] = [
    ['/articles/1598d743f4e2cf7b/', false, 'articles/1598d743f4e2cf7b/index.html', 'articles/1598d743f4e2cf7b/'],
    ['/topics/美国/2/', false, 'topics/美国/2/index.html', 'topics/美国/2/'],
    ['/topics/美国', false, 'topics/美国/index.html', 'topics/美国/'],
    ['/', false, 'index.html', ''],
    ['/topics/美国/rss.xml/', true, 'topics/美国/rss.xml', undefined],
    ['/feeds/archive/3.xml', true, 'feeds/archive/3.xml', undefined],
  ];
  for (const [pathname, endpoint, file, path] of cases) {
    it(`${pathname}${endpoint ? ' (an endpoint)' : ''}`, () => {
      assert.equal(outputFileOf(pathname, endpoint), file);
      if (path !== undefined) assert.equal(pathOfPageFile(file), path);
    });
  }
});

describe('pagesCodeVersion: what renders the pages', () => {
  const project = () => {
    const root = `${tempDir('news-code')}/`;
    const files: [string, string][] = [
      ['src/pages/index.astro', "---\nimport { title } from '../lib/title.ts';\n---\n<h1>{title}</h1>"],
      ['src/lib/title.ts', "export const title = '新闻';"],
      ['astro.config.mjs', 'export default {};'],
      ['package.json', '{"dependencies":{"astro":"^7.3.5"}}'],
      ['package-lock.json', '{"packages":{"node_modules/devalue":{"version":"5.9.4"}}}'],
      ['node_modules/astro/package.json', '{"version":"7.3.5"}'],
    ];
    for (const [file, text] of files) {
      mkdirSync(join(root, file, '..'), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    return root;
  };
  it('is the same for the same files, and changes with a page, a module, a new file, the configuration or a library version', async () => {
    const root = project();
    const first = await pagesCodeVersion(root);
    assert.equal(await pagesCodeVersion(root), first);
    assert.equal(await pagesCodeVersion(project()), first, 'the same files elsewhere');
    const changes: [string, string][] = [
      ['src/pages/index.astro', '<h1>新闻 </h1>'],
      ['src/lib/title.ts', "export const title = '新闻存档';"],
      ['src/styles/site.css', 'h1 { color: red }'],
      ['astro.config.mjs', 'export default { base: "/" };'],
      ['node_modules/astro/package.json', '{"version":"7.3.6"}'],
      ['package-lock.json', '{"packages":{"node_modules/devalue":{"version":"5.9.5"}}}'],
    ];
    for (const [file, text] of changes) {
      const other = project();
      mkdirSync(join(other, file, '..'), { recursive: true });
      writeFileSync(join(other, file), text);
      assert.notEqual(await pagesCodeVersion(other), first, file);
    }
  });
});

describe('removeAstroPageCache: the page copies an earlier version left in the cache', () => {
  const cache = (withRecord: boolean) => {
    const dir = tempDir('news-cache');
    mkdirSync(join(dir, 'dist/articles/a'), { recursive: true });
    writeFileSync(join(dir, 'dist/articles/a/index.html'), '<h1>旧</h1>');
    writeFileSync(join(dir, 'data-store.json'), '[]');
    if (withRecord) writeFileSync(join(dir, 'incremental-build.json'), '{}');
    return dir;
  };
  it('removes the copies and their record, and nothing else', () => {
    const dir = cache(true);
    removeAstroPageCache(dir, join(tempDir('news-dist'), 'dist'));
    assert.deepEqual([existsSync(join(dir, 'dist')), existsSync(join(dir, 'incremental-build.json')), existsSync(join(dir, 'data-store.json'))], [false, false, true]);
  });
  it('leaves a dist folder that no such record names', () => {
    const dir = cache(false);
    removeAstroPageCache(dir, join(tempDir('news-dist'), 'dist'));
    assert.ok(existsSync(join(dir, 'dist/articles/a/index.html')));
  });
  it('never removes the output folder, when the cache folder holds it', () => {
    const dir = cache(true);
    removeAstroPageCache(dir, `${join(dir, 'dist')}/`);
    assert.ok(existsSync(join(dir, 'dist/articles/a/index.html')));
    assert.ok(!existsSync(join(dir, 'incremental-build.json')));
  });
});
