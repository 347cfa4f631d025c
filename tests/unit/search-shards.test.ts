import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageListFile, searchShardList, searchShards, shardGroups, withPageListPreload } from '../../src/lib/search-shards.ts';
import { loadSeeds } from '../support/articles.ts';

describe('shardGroups', () => {
  const cases: [string, number[], number, number[][]][] = [
    ['no shards', [], 10, []],
    ['one shard', [4], 10, [[0]]],
    ['small shards fill a group up to the limit', [3, 3, 3, 3], 10, [[0, 1, 2], [3]]],
    ['a group exactly at the limit', [5, 5, 5], 10, [[0, 1], [2]]],
    ['a shard larger than the limit is a group of its own', [12, 2, 15, 1, 1], 10, [[0], [1], [2], [3, 4]]],
    ['the newest shard answers first even when small', [1, 9, 9], 10, [[0, 1], [2]]],
    ['empty shards join their neighbours', [0, 0, 10, 0], 10, [[0, 1, 2, 3]]],
  ];
  for (const [name, sizes, limit, expected] of cases) {
    it(name, () => assert.deepEqual(shardGroups(sizes, limit), expected));
  }
  const firstSmaller: [string, number[], number[][]][] = [
    ['the first group stays small, the others fill up', [1000, 1000, 1000, 1000, 1000, 1000], [[0, 1], [2, 3, 4, 5]]],
    ['a first shard over the first limit answers alone', [2500, 1000, 9000], [[0], [1, 2]]],
  ];
  for (const [name, sizes, expected] of firstSmaller) {
    it(name, () => assert.deepEqual(shardGroups(sizes, 10_000, 2000), expected));
  }
  it('keeps every shard once, in order', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => (i * 7919) % 3000);
    assert.deepEqual(shardGroups(sizes, 5000).flat(), sizes.map((_, i) => i));
  });
});

describe('searchShards', () => {
  /** Dates at noon UTC on each of the given days (YYYY-MM-DD), `count` times each. */
  const days = (...spec: [string, number][]) => spec.flatMap(([day, count]) => Array.from({ length: count }, () => new Date(`${day}T12:00:00Z`)));
  it('cuts quarters in the site zone, not in UTC', () => {
    const at = new Date('2024-03-31T17:30:00Z');
    assert.deepEqual(searchShards([at], 'Asia/Shanghai'), ['2024-Q2']);
    assert.deepEqual(searchShards([at], 'UTC'), ['2024-Q1']);
    assert.deepEqual(searchShards([new Date('2024-12-31T23:00:00Z')], 'America/New_York'), ['2024-Q4']);
    assert.deepEqual(searchShards([new Date('2024-01-01T00:00:00Z')], 'UTC'), ['2024-Q1']);
  });
  const cases: [string, Date[], number, string[]][] = [
    ['a quarter at the limit stays whole', days(['2024-01-05', 2], ['2024-03-20', 2]), 4, ['2024-Q1', '2024-Q1', '2024-Q1', '2024-Q1']],
    [
      'a quarter over the limit is cut into months, and a smaller quarter stays whole',
      days(['2024-01-05', 2], ['2024-03-20', 3], ['2024-04-01', 1]),
      4,
      ['2024-Q1-01', '2024-Q1-01', '2024-Q1-03', '2024-Q1-03', '2024-Q1-03', '2024-Q2'],
    ],
    [
      'a month over the limit is cut at the 10th and the 20th; its days 21 to 31 are one third',
      days(['2024-02-10', 1], ['2024-02-11', 2], ['2024-02-29', 2], ['2024-03-01', 1]),
      4,
      ['2024-Q1-02-1', '2024-Q1-02-2', '2024-Q1-02-2', '2024-Q1-02-3', '2024-Q1-02-3', '2024-Q1-03'],
    ],
    ['a third over the limit is not cut again', days(['2020-10-31', 5]), 2, Array(5).fill('2020-Q4-10-3')],
    ['nothing for no articles', [], 4, []],
  ];
  // The periods alone: the newest shard's pieces have tests of their own, below.
  for (const [name, dates, limit, expected] of cases) it(name, () => assert.deepEqual(searchShards(dates, 'UTC', limit, Infinity), expected));
  it('names sort by time: newest first is reverse order, whatever the cut', () => {
    const dates = days(['2023-12-01', 1], ['2024-01-02', 3], ['2024-02-15', 1], ['2024-03-25', 6], ['2024-04-02', 1], ['2024-11-30', 1]);
    const names = searchShards(dates, 'UTC', 4);
    assert.deepEqual([...new Set(names)], ['2023-Q4', '2024-Q1-01', '2024-Q1-02', '2024-Q1-03-3', '2024-Q2', '2024-Q4']);
    assert.deepEqual([...new Set(names)].sort(), [...new Set(names)]);
    for (const name of names) assert.equal(name.slice(0, 4), String(dates[names.indexOf(name)].getUTCFullYear()));
    const pieced = searchShards([...dates, ...days(['2024-12-02', 2], ['2024-12-05', 1])], 'UTC', 4, 1);
    assert.deepEqual([...new Set(pieced)], ['2023-Q4', '2024-Q1-01', '2024-Q1-02', '2024-Q1-03-3', '2024-Q2', '2024-Q4_1130', '2024-Q4_1202', '2024-Q4_1205']);
    assert.deepEqual([...new Set(pieced)].sort(), [...new Set(pieced)]);
  });

  describe('the newest shard, in pieces', () => {
    const older = days(['2023-11-01', 9]);
    it('is cut into pieces of whole days, each closed once it holds the piece limit, counted from its first day', () => {
      const newest = days(['2024-01-02', 2], ['2024-01-03', 1], ['2024-01-05', 3], ['2024-01-09', 1]);
      assert.deepEqual(searchShards([...older, ...newest], 'UTC', 100, 3), [
        ...Array(9).fill('2023-Q4'),
        ...Array(3).fill('2024-Q1_0102'),
        ...Array(3).fill('2024-Q1_0105'),
        '2024-Q1_0109',
      ]);
    });
    it('stays whole at or under the piece limit; an older shard over it is never cut', () => {
      assert.deepEqual(searchShards([...older, ...days(['2024-01-02', 3])], 'UTC', 100, 3), [...Array(9).fill('2023-Q4'), ...Array(3).fill('2024-Q1')]);
    });
    it('cuts the newest period as the limits left it (here a third of a month), in the site zone', () => {
      const busy = [...days(['2024-02-01', 3]), ...days(['2024-02-21', 2], ['2024-02-22', 2])].map((date) => new Date(date.getTime() + 11 * 3_600_000));
      assert.deepEqual(searchShards(busy, 'Asia/Shanghai', 4, 2), ['2024-Q1-02-1', '2024-Q1-02-1', '2024-Q1-02-1', '2024-Q1-02-3_0222', '2024-Q1-02-3_0222', '2024-Q1-02-3_0223', '2024-Q1-02-3_0223']);
    });
    it('takes about an eighth of a shard by default: the newest 1,000 of 8,000', () => {
      const names = searchShards(days(...Array.from({ length: 20 }, (_, day): [string, number] => [`2024-01-${String(day + 1).padStart(2, '0')}`, 100])), 'UTC');
      assert.deepEqual([...new Set(names)], ['2024-Q1_0101', '2024-Q1_0111']);
    });
    it('a new day changes only the last piece, until a newer period makes the pieces one shard again', () => {
      // Captures day by day through a quarter and into the next, a varying number a day.
      let dates: Date[] = [...older];
      let before: string[] = searchShards(dates, 'UTC', 1_000, 10);
      let mostPieces = 0;
      for (let day = 0; day < 100; day++) {
        const at = new Date(Date.UTC(2024, 0, 1 + day, 12));
        dates = [...dates, ...Array.from({ length: (day * 7) % 5 }, () => at)];
        const names = searchShards(dates, 'UTC', 1_000, 10);
        const lastPiece = before.at(-1);
        const newPeriod = names.at(-1)!.slice(0, 7) !== before.at(-1)!.slice(0, 7);
        for (const [index, name] of before.entries()) {
          if (name !== lastPiece) assert.equal(names[index], newPeriod ? name.split('_')[0] : name, `day ${day}: article ${index} moved from ${name} to ${names[index]}`);
        }
        before = names;
        mostPieces = Math.max(mostPieces, new Set(names.filter((name) => name.includes('_'))).size);
      }
      assert.ok(mostPieces >= 15, `the quarter was cut into ${mostPieces} pieces at most`);
      assert.deepEqual([...new Set(before)], ['2023-Q4', '2024-Q1', '2024-Q2_0401', '2024-Q2_0406']);
    });
  });
});

describe('searchShardList', () => {
  it('names quarters in the site zone, newest first, with their sizes and filter counts', () => {
    const articles = [
      // 17:00 UTC on 31 March is 1 April in Shanghai: the second quarter there, the first in UTC.
      { capturedAt: new Date('2024-03-31T17:00:00Z'), outletName: 'RFI 法广' },
      { capturedAt: new Date('2024-01-02T00:00:00Z'), outletName: 'RFI 法广' },
      { capturedAt: new Date('2023-12-31T20:00:00Z'), outletName: '德国之声' },
      { capturedAt: new Date('2024-06-30T15:59:59Z'), outletName: '德国之声' },
    ];
    assert.deepEqual(searchShardList(articles, 'Asia/Shanghai'), {
      shards: ['2024-Q2', '2024-Q1'],
      sizes: [2, 2],
      filters: { outlet: { 'RFI 法广': 2, 德国之声: 2 }, year: { 2024: 4 } },
    });
    assert.deepEqual(searchShardList(articles, 'UTC'), {
      shards: ['2024-Q2', '2024-Q1', '2023-Q4'],
      sizes: [1, 2, 1],
      filters: { outlet: { 'RFI 法广': 2, 德国之声: 2 }, year: { 2024: 3, 2023: 1 } },
    });
  });
  it('lists the samples as the search page will', () => {
    const seeds = loadSeeds();
    const list = searchShardList(seeds.map((article) => ({ capturedAt: article.data.capturedAt, outletName: article.data.outlet.name })), 'Asia/Shanghai');
    assert.deepEqual(list.shards, [...new Set(searchShards(seeds.map((article) => article.data.capturedAt), 'Asia/Shanghai'))]);
    assert.equal(list.sizes.reduce((sum, size) => sum + size, 0), seeds.length);
    assert.deepEqual(shardGroups(list.sizes, 10_000), [[0]]);
  });
  it('lists a busy quarter by its months, with their sizes', () => {
    const articles = ['2024-01-03', '2024-02-01', '2024-02-02', '2024-04-01'].map((day) => ({ capturedAt: new Date(`${day}T12:00:00Z`), outletName: '德国之声' }));
    assert.deepEqual(searchShardList(articles, 'UTC', 2), { shards: ['2024-Q2', '2024-Q1-02', '2024-Q1-01'], sizes: [1, 2, 1], filters: { outlet: { 德国之声: 4 }, year: { 2024: 4 } } });
  });
  it('has nothing for no articles', () => assert.deepEqual(searchShardList([], 'UTC'), { shards: [], sizes: [], filters: { outlet: {}, year: {} } }));
});

describe('withPageListPreload', () => {
  const page = '<html><head><title>搜索</title><link rel="preload" as="fetch" crossorigin="anonymous" href="/pagefind/2024-Q1/wasm.en.pagefind"></head><body></body></html>';
  it('adds the page list preload to the head of the search page', () => {
    const html = withPageListPreload(page, '/pagefind/2024-Q1/pagefind.en_abc.pf_meta');
    assert.equal(html, page.replace('</head>', '<link rel="preload" as="fetch" crossorigin="anonymous" href="/pagefind/2024-Q1/pagefind.en_abc.pf_meta"></head>'));
  });
  it('replaces the preload of an earlier build, keeping the engine’s', () => {
    const twice = withPageListPreload(withPageListPreload(page, '/pagefind/2024-Q1/pagefind.en_old.pf_meta'), '/pagefind/2024-Q2/pagefind.en_new.pf_meta');
    assert.deepEqual(twice.match(/href="[^"]*"/g), ['href="/pagefind/2024-Q1/wasm.en.pagefind"', 'href="/pagefind/2024-Q2/pagefind.en_new.pf_meta"']);
  });
  it('refuses a page without a head', () => assert.throws(() => withPageListPreload('<p>搜索</p>', '/x.pf_meta'), /no head/));
});

describe('pageListFile', () => {
  it('names the page list of the one language a shard holds', () => assert.equal(pageListFile({ languages: { en: { hash: 'en_e5c54cceea' } } }), 'pagefind.en_e5c54cceea.pf_meta'));
  it('refuses a shard of several languages', () => assert.throws(() => pageListFile({ languages: { en: { hash: 'en_1' }, zh: { hash: 'zh_2' } } }), /holds 2/));
});
