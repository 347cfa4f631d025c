import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDictionaryWord } from '../../src/lib/subject-kinds.ts';
import { discoverTitleNames, NameMatcher, titleRuns, type TitleSample } from '../../src/lib/title-names.ts';

/**
 * Titles written for these tests: a name the segmenter's dictionary lacks (蓬佩奥) recurs with
 * different words around it, a transliterated name's piece (澳大利) is always followed by the
 * same character, and a pair that straddles two words (国新, of 中国|新冠) recurs too.
 */
const verbs = ['访问', '批评', '会见', '警告', '抵达', '谈及', '回应', '宣布'];
const places = ['日本', '印度', '法国', '越南', '巴西', '德国', '韩国', '泰国'];
const titles: TitleSample[] = [
  ...verbs.map((verb, i) => ({ title: `蓬佩奥${verb}${places[i]}`, outlet: i % 2 ? 'a' : 'b' })),
  ...verbs.map((verb, i) => ({ title: `${places[i]}官员${verb}蓬佩奥`, outlet: i % 2 ? 'b' : 'c' })),
  ...verbs.map((verb, i) => ({ title: `澳大利亚${verb}${places[i]}的计划`, outlet: i % 2 ? 'a' : 'c' })),
  ...verbs.map((verb, i) => ({ title: `中国新冠病例${verb}后下降：${places[i]}`, outlet: i % 2 ? 'a' : 'b' })),
  { title: 'TikTok 在美国遭禁 WHO 表态', outlet: 'a' },
  { title: 'TikTok 用户增加，WHO 发出警告', outlet: 'b' },
  { title: 'TikTok 母公司回应 WHO', outlet: 'c' },
];

describe('discoverTitleNames: new words from a collection of titles', () => {
  const names = discoverTitleNames(titles, { minTitles: 3, minOutlets: 2, isWord: isDictionaryWord }).map((name) => name.name);
  it('finds a name the dictionary splits, by its varied neighbours', () => assert.ok(names.includes('蓬佩奥'), String(names)));
  it('finds the whole of a long name, not its piece that one character always follows', () => {
    assert.ok(names.includes('澳大利亚'), String(names));
    assert.ok(!names.includes('澳大利'), String(names));
  });
  it('drops a pair that straddles two words', () => assert.ok(!names.includes('国新'), String(names)));
  it('finds Latin names written in Chinese titles, in their usual spelling', () => {
    assert.ok(names.includes('TikTok') && names.includes('WHO'), String(names));
  });
  it('needs the titles of enough outlets', () => {
    const one = titles.map((title) => ({ ...title, outlet: 'a' }));
    assert.deepEqual(discoverTitleNames(one, { minTitles: 3, minOutlets: 2 }), []);
  });
});

describe('discoverTitleNames: counts', () => {
  // 600 titles from a small set of syllables: many n-grams recur, some across runs split by punctuation.
  const syllables = [...'安倍晋三蓬佩奥拜登普京澳大利亚新冠疫情中国美国香港台湾'];
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
  const samples: TitleSample[] = Array.from({ length: 600 }, (_, i) => ({
    title: Array.from({ length: 4 + next(9) }, () => syllables[next(syllables.length)] + (next(6) ? '' : '，')).join(''),
    outlet: `outlet-${i % 5}`,
  }));
  const found = discoverTitleNames(samples, { minTitles: 3, minOutlets: 2 });
  it('are those of counting each name by its text in every run of every title', () => {
    assert.ok(found.length > 20, `${found.length} names`);
    for (const name of found) {
      const left = new Map<string, number>();
      const right = new Map<string, number>();
      const titlesWith = new Set<number>();
      const outlets = new Set<string>();
      let occurrences = 0;
      samples.forEach((sample, title) => {
        for (const run of titleRuns(sample.title).han) {
          for (let at = run.indexOf(name.name); at >= 0; at = run.indexOf(name.name, at + 1)) {
            occurrences++;
            titlesWith.add(title);
            outlets.add(sample.outlet);
            if (at > 0) left.set(run[at - 1], (left.get(run[at - 1]) ?? 0) + 1);
            const after = at + name.name.length;
            if (after < run.length) right.set(run[after], (right.get(run[after]) ?? 0) + 1);
          }
        }
      });
      assert.deepEqual(
        { titles: name.titles, outlets: name.outlets, occurrences: name.occurrences, left: new Map([...name.left].sort()), right: new Map([...name.right].sort()) },
        { titles: titlesWith.size, outlets: outlets.size, occurrences, left: new Map([...left].sort()), right: new Map([...right].sort()) },
        name.name,
      );
    }
  });
});

describe('titleRuns', () => {
  const cases = [
    { title: '美國總統 Biden 與 G7 峰會', han: ['美國總統', '峰會'], latin: ['Biden', 'G7'] },
    // Lower-case words and numbers are not names.
    { title: 'the iPhone 与 5G：a test', han: [], latin: [] },
  ];
  for (const { title, han, latin } of cases) it(title, () => assert.deepEqual(titleRuns(title), { han, latin }));
});

describe('NameMatcher: longest name first, whole Latin words only', () => {
  const matcher = new NameMatcher(['中国', '中国外交部', '外交部', 'WHO', '特朗普']);
  const cases = [
    { text: '中国外交部回应特朗普', found: ['中国外交部', '特朗普'] },
    { text: '外交部与中国', found: ['外交部', '中国'] },
    { text: 'WHO 与 who 都算，WHOLE 不算', found: ['WHO'] },
    { text: '无关的标题', found: [] },
  ];
  for (const { text, found } of cases) it(text, () => assert.deepEqual(matcher.find(text), found));
});
