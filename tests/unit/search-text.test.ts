import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NAME_ALIASES } from '../../src/lib/search-aliases.ts';
import { DEFAULT_SEARCH_CHARS, plainTextOfHtml, searchRecord, SEARCH_TEXT_LIMIT } from '../../src/lib/search-records.ts';
import { foldText, foldWithOffsets, markedSpellings, normalizeForSearch, pagefindQuery, queryTerms, searchWords, snippet } from '../../src/lib/search-text.ts';
import { loadSeeds } from '../support/articles.ts';

describe('foldText: Traditional and Simplified as one script, character by character', () => {
  const cases = [
    ['美國', '美国'], ['臺灣', '台湾'], ['台灣', '台湾'], ['習近平', '习近平'], ['菅義偉', '菅义伟'], ['特朗普', '特朗普'],
    ['川普', '川普'], ['蓬佩歐', '蓬佩欧'], ['裡', '里'], ['為', '为'],
    // The phrase tables would turn 檔案 into 文件; character folding keeps the word.
    ['檔案', '档案'],
    ['Ｔｒｕｍｐ ＮＡＴＯ', 'trump nato'], ['ﬁle', 'file'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(foldText(input), expected));
  it('keeps positions: every folded unit points back into the original', () => {
    const text = '美國𠀋Ｔ';
    const { folded, offsets } = foldWithOffsets(text);
    assert.equal(folded, '美国𠀋t');
    assert.deepEqual(offsets, [0, 1, 2, 2, 4, 5]);
  });
  it('folds a character the same whether or not it is remembered (past 65,536 different characters, none is)', () => {
    const before = cases.map(([input]) => foldText(input));
    // From U+20000 on: CJK Extension B and after, with the compatibility ideographs (U+2F800 丽 is U+4E3D 丽).
    const many = Array.from({ length: 80_000 }, (_, i) => String.fromCodePoint(0x20000 + i)).join('');
    const once = foldText(many);
    assert.equal(foldText(many), once);
    assert.equal(foldText('\u{2F800}'), '丽');
    // Characters no other test folds, first seen with the table full.
    assert.equal(foldText('黴鬮'), '霉阄');
    assert.deepEqual(cases.map(([input]) => foldText(input)), before);
  });
});

describe('normalizeForSearch: name variants as one spelling', () => {
  const cases = [
    ['川普說', '特朗普说'], ['哈里斯', '贺锦丽'], ['賀錦麗', '贺锦丽'], ['蓬佩奧', '蓬佩奥'], ['蓬佩歐', '蓬佩奥'], ['龐培歐', '蓬佩奥'],
    ['梅克爾', '默克尔'], ['普丁', '普京'], ['澳洲', '澳大利亚'], ['COVID-19', '新冠-19'],
  ];
  for (const [input, expected] of cases) it(`${input} → ${expected}`, () => assert.equal(normalizeForSearch(input), expected));
  it('gives every alias group distinct spellings, none inside another group', () => {
    const all = NAME_ALIASES.flat().map(foldText);
    assert.equal(new Set(all).size, all.length);
    for (const group of NAME_ALIASES) for (const spelling of group) assert.equal(normalizeForSearch(spelling), foldText(group[0]), spelling);
  });
});

describe('searchWords: the words the index holds', () => {
  const cases: [string, string[]][] = [
    ['美国总统', ['美国', '国总', '总统']],
    ['美國總統', ['美国', '国总', '总统']],
    ['美，日', ['美', '日']],
    ['川普', ['特朗', '朗普']],
    ['Donald Trump’s NATO', ['donald', 'trump', 's', 'nato']],
    ['G20峰會 2020年', ['g20', '峰会', '2020', '年']],
    ['<b>x</b>', ['b', 'x', 'b']],
    ['', []],
    [`${'a'.repeat(41)} ok`, ['ok']],
  ];
  for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.deepEqual(searchWords(input), expected));
});

describe('queryTerms and pagefindQuery', () => {
  it('splits at spaces and folds each term', () => {
    assert.deepEqual(queryTerms(' 習近平  臺灣 '), [['习近', '近平'], ['台湾']]);
    assert.deepEqual(queryTerms('   '), []);
    assert.deepEqual(queryTerms('<img src=x onerror=alert(1)>'), [['img'], ['src', 'x'], ['onerror', 'alert', '1']]);
  });
  it('makes a phrase of a term with several words', () => {
    assert.equal(pagefindQuery(['特朗', '朗普']), '"特朗 朗普"');
    assert.equal(pagefindQuery(['nato']), '"nato"');
    assert.equal(pagefindQuery(['的']), '的');
  });
});

describe('snippet and markedSpellings', () => {
  const text = `${'前文'.repeat(50)}美國總統川普今天說話，特朗普回應。${'後文'.repeat(50)}`;
  it('marks every spelling of an alias, in either script', () => {
    assert.deepEqual(markedSpellings('川普'), ['川普', '特朗普']);
    assert.deepEqual(markedSpellings('美国'), ['美国']);
    const marked = snippet(text, '特朗普').filter((part) => part.marked).map((part) => part.text);
    assert.deepEqual(marked, ['川普', '特朗普']);
  });
  it('cuts a passage around the first match, with ellipses, and keeps the original script', () => {
    const parts = snippet(text, '美国', 60);
    assert.equal(parts[0].text, '…');
    assert.equal(parts.at(-1)!.text, '…');
    assert.deepEqual(parts.filter((part) => part.marked).map((part) => part.text), ['美國']);
    assert.ok(parts.map((part) => part.text).join('').length <= 62);
  });
  it('shows the opening when nothing matches, and never splits a surrogate pair', () => {
    assert.deepEqual(snippet('短文', 'zzz'), [{ text: '短文', marked: false }]);
    const astral = `${'𠀋'.repeat(100)}`;
    for (const part of snippet(astral, '𠀋', 31)) assert.ok(!/^[\udc00-\udfff]|[\ud800-\udbff]$/.test(part.text), JSON.stringify(part.text));
  });
  it('returns text, not markup', () => {
    const parts = snippet('<img src=x onerror=alert(1)> 正文', '<img');
    assert.equal(parts.map((part) => part.text).join(''), '<img src=x onerror=alert(1)> 正文');
  });
});

describe('plainTextOfHtml', () => {
  const cases = [
    ['<p>一</p><p>二 &amp; 三</p>', '一\n二 & 三'],
    ['<p>a<br>b</p>', 'a\nb'],
    ['<p>&lt;b&gt; &#x4e2d;&#25991; &nbsp;x &bogus;</p>', '<b> 中文 x &bogus;'],
  ];
  for (const [html, text] of cases) it(JSON.stringify(html), () => assert.equal(plainTextOfHtml(html), text));
});

describe('searchRecord on the samples', () => {
  const seeds = loadSeeds();
  it('indexes the opening by default, as far as DEFAULT_SEARCH_CHARS', () => {
    const [seed] = seeds;
    const record = searchRecord({ id: seed.id, title: seed.data.title, outletName: seed.data.outlet.name, capturedAt: seed.data.capturedAt, html: seed.html }, '2024-Q1', 'UTC');
    assert.equal(record.meta.text, plainTextOfHtml(seed.html).slice(0, DEFAULT_SEARCH_CHARS));
  });
  for (const seed of seeds) {
    it(seed.file, () => {
      const record = searchRecord({ id: seed.id, title: seed.data.title, outletName: seed.data.outlet.name, capturedAt: seed.data.capturedAt, html: seed.html }, '2024-Q1-02', 'Asia/Shanghai', SEARCH_TEXT_LIMIT);
      assert.equal(record.path, `articles/${seed.id}/`);
      assert.equal(record.year, '2024');
      assert.deepEqual(record.filters, { outlet: ['RFI 法广'], year: ['2024'], shard: ['2024-Q1-02'] });
      assert.equal(record.sort.date, seed.data.capturedAt.toISOString());
      assert.match(record.meta.date, /^2024-02-0[23] \d\d:\d\d \(UTC\+08:00\)$/);
      // The whole body is indexed: its last words are in the record, not only the opening.
      const lastWords = searchWords(record.meta.text.slice(-40));
      const words = ` ${record.content} `;
      for (const word of lastWords) assert.ok(words.includes(` ${word} `), word);
      assert.ok(record.meta.text.length > 1000 && record.meta.text.length <= SEARCH_TEXT_LIMIT);
      assert.doesNotMatch(record.meta.text, /<|获取更多RSS/);
    });
  }
});

