import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortNewestFirst } from '../../src/lib/article-data.ts';
import { sectionOf } from '../../src/lib/sections.ts';
import { extractSubjects } from '../../src/lib/subjects.ts';
import { buildTopics, topicSlug } from '../../src/lib/topics.ts';
import { loadFixtureArticles, loadSeeds } from '../support/articles.ts';
import { assertSubjectsClean, assertTopicsConsistent } from '../support/topics.ts';

const seeds = sortNewestFirst(loadSeeds());
const fixtures = sortNewestFirst(loadFixtureArticles());

describe('sectionOf: each outlet URL layout onto one vocabulary', () => {
  const cases = [
    { url: 'https://www.rfi.fr/cn/%E4%B8%93%E6%A0%8F%E6%A3%80%E7%B4%A2/%E8%A6%81%E9%97%BB%E5%88%86%E6%9E%90/20240202-x', title: 'x - 要闻分析', section: '要闻分析' },
    { url: 'https://www.rfi.fr/cn/%E7%BE%8E%E5%9B%BD/20240202-x', title: 'x', section: '美国' },
    { url: 'http://www.rfi.fr//cn/%E6%B8%AF%E6%BE%B3%E5%8F%B0/20200907-x', title: 'x', section: '港澳台' },
    { url: 'http://www.rfi.fr//cn/contenu/20200723-x', title: 'x – 法国国际广播电台 - RFI', section: undefined },
    { url: 'http://www.rfi.fr//cn/%E5%8D%B0%E5%BA%A6', title: 'x', section: undefined },
    { url: 'http://www.bbc.com/zhongwen/simp/chinese-news-55433966', title: 'x', section: '中国' },
    { url: 'http://www.bbc.com/zhongwen/simp/world-51867084', title: 'x', section: '国际' },
    { url: 'https://www.voachinese.com/a/us/a-b-20240101/6900001.html', title: 'x', section: '美国' },
    { url: 'https://www.voachinese.com/a/5518367.html', title: 'x', section: undefined },
    { url: 'https://www.dw.com/zh/%E6%97%B6%E6%94%BF%E9%A3%8E%E4%BA%91/x/a-63000001', title: 'x', section: '政治' },
    { url: 'https://www.dw.com/zh/x/a-55560443', title: 'x', section: undefined },
    { url: 'https://www.cna.com.tw/news/acn/202009170180.aspx', title: 'x', section: '两岸' },
    { url: 'https://www.cna.com.tw/news/aopl/202009280009.aspx', title: 'x', section: '国际' },
    { url: 'https://www.rti.org.tw/news/view/id/2073313', title: '[國際] 美國指控俄羅斯', section: '国际' },
    { url: 'https://www.rti.org.tw/news/view/id/2073763', title: '[兩岸] 香港大學', section: '两岸' },
    { url: 'https://www.rfa.org/mandarin/yataibaodao/gangtai/hx-01052021094352.html', title: 'x', section: '港澳台' },
    { url: 'https://cn.nytimes.com/hk-taiwan/20201111/x/', title: 'x', section: '港澳台' },
    { url: 'https://www.economist.com/united-states/2020/10/24/x', title: 'x', section: '美国' },
    { url: 'https://www.zaobao.com/realtime/china/story20200727-1072402', title: 'x', section: '中国' },
    { url: 'https://cn.reuters.com/article/x-idCNKBS28E137', title: 'x', section: undefined },
    // Sub-domains and other hosts of an outlet are read by the outlet's entry too.
    { url: 'https://news.bbc.co.uk/zhongwen/trad/world-51867084', title: 'x', section: '国际' },
    { url: 'https://amp.dw.com/zh/%E6%97%B6%E6%94%BF%E9%A3%8E%E4%BA%91/x/a-63000001', title: 'x', section: '政治' },
    { url: 'https://www.theguardian.com/world/2021/jan/05/x', title: 'x', section: '国际' },
    { url: 'https://www.nytimes.com/2020/11/25/us/politics/x.html', title: 'x', section: undefined },
    { url: 'https://example.com/world/2020/x', title: 'x - 要闻分析', section: undefined },
  ];
  for (const { url, title, section } of cases) it(`${decodeURI(url).slice(0, 70)} → ${section}`, () => assert.equal(sectionOf(url, title), section));
});

describe('extractSubjects', () => {
  it('finds the people, places and organisations of both samples', () => {
    for (const seed of seeds) {
      for (const subject of ['特朗普', '北约', '日本', '台湾']) assert.ok(seed.data.subjects.includes(subject), `${seed.file} lacks ${subject}: ${seed.data.subjects}`);
    }
  });
  it('joins a transliterated name the dictionary splits', () => {
    assert.ok(seeds.some((seed) => seed.data.subjects.includes('斯托尔滕贝格')));
  });
  it('reads Traditional text in Simplified, so both scripts share subjects', () => {
    const subjects = extractSubjects(
      '自民黨總裁選舉 安倍路線誰來接班',
      '日本執政的自民黨本週展開總裁選舉，前首相安倍的支持者分成兩派。自民黨內部人士說，安倍的影響力仍在，東京政壇都在觀望。',
      'zh-Hant',
    );
    assert.ok(subjects.includes('自民党') && subjects.includes('安倍'), String(subjects));
  });
  it('names the people, places and organisations of English text, in full where the text gives a full name', () => {
    assert.deepEqual(extractSubjects('Trump and NATO', 'Donald Trump spoke to NATO in Brussels. Trump said the alliance had to pay more.', 'en'), ['Donald Trump', 'NATO']);
  });
  it('drops titles in front of a name, a family name alone, one-word common nouns and two-letter abbreviations', () => {
    const text = '“Mr Trump said the Department would act,” an aide told the IC team. President-elect Joe Biden disagreed. Trump and the Department stood firm; Biden and the IC did not.';
    assert.deepEqual(extractSubjects('Mr Trump and Joe Biden', text, 'en'), ['Joe Biden']);
  });
  it('gives none for text in other languages', () => {
    assert.deepEqual(extractSubjects('Trump und die NATO', 'Donald Trump sprach in Brüssel mit der NATO. Trump sagte, das Bündnis müsse mehr zahlen.', 'de'), []);
  });
  it('never returns function words, single characters, numbers or boilerplate, in any fixture', () => assertSubjectsClean(fixtures));
});

describe('topicSlug', () => {
  const cases = [
    { name: '特朗普', slug: '特朗普' },
    { name: 'Hong Kong', slug: 'hong-kong' },
    { name: '  C#/.NET ', slug: 'c-net' },
    { name: 'ＡＢＣ', slug: 'abc' },
    { name: '美国/欧洲', slug: '美国-欧洲' },
    { name: '?/#%', slug: '' },
  ];
  for (const { name, slug } of cases) it(`${JSON.stringify(name)} → ${JSON.stringify(slug)}`, () => assert.equal(topicSlug(name), slug));
});

describe('buildTopics', () => {
  it('gives the samples their sections and shared subjects', () => {
    const { topics, byArticle } = buildTopics(seeds, { minSubjectArticles: 2 });
    const names = topics.map((topic) => topic.name);
    for (const name of ['特朗普', '北约', '日本', '台湾', '美国', '要闻分析']) assert.ok(names.includes(name), `${name} missing from ${names}`);
    assert.ok(topics.find((topic) => topic.name === '美国')!.kinds.includes('section'));
    for (const seed of seeds) assert.ok(byArticle.get(seed.id)!.length >= 4);
  });
  it('keeps only subjects with enough articles, and never two topics on one URL', () => {
    assertTopicsConsistent(fixtures, 2);
  });
  it('reads a name shaped like a person as a place when titles speak of it as one (its foreign minister, its north)', () => {
    const outlets = ['a', 'b', 'c'];
    const article = (id: string, title: string, index: number) => ({ id, data: { title, lang: 'zh-Hans', outlet: { slug: outlets[index % 3] }, subjects: [] } });
    const titles = [
      '拉莫纳外长会见日本代表', '拉莫纳北部发生地震', '拉莫纳首都举行集会', '拉莫纳驻美大使回国', '拉莫纳南部洪水成灾', '拉莫纳外交部发表声明',
      '卡洛斯塔称将出访欧洲', '卡洛斯塔说经济好转', '卡洛斯塔表示不会辞职', '卡洛斯塔会见法国总统', '卡洛斯塔访问印度', '卡洛斯塔与德国总理通话',
    ];
    const { topics } = buildTopics(titles.map((title, index) => article(`t${index}`, title, index)), { minSubjectArticles: 3, minTitles: 3 });
    assert.deepEqual(Object.fromEntries(topics.filter((topic) => /拉莫纳|卡洛斯塔/.test(topic.name)).map((topic) => [topic.name, topic.kinds])), { 拉莫纳: ['place'], 卡洛斯塔: ['person'] });
  });
  it('merges names that make one slug into one topic', () => {
    const items = [
      { id: 'a', data: { section: 'Hong Kong', subjects: [] } },
      { id: 'b', data: { section: 'hong-kong', subjects: [] } },
    ];
    const { topics } = buildTopics(items, { minSubjectArticles: 1 });
    assert.deepEqual(topics.map((topic) => [topic.slug, topic.articleIds]), [['hong-kong', ['a', 'b']]]);
  });
  it("keeps a topic's name, kinds and other spellings in the order of their first use when newer articles come", () => {
    // Shown on every page of a topic, numbered pages too: a new article must not reorder them.
    const article = (id: string, section: string | undefined, subjects: string[]) => ({ id, data: { title: id, lang: 'zh-Hans', section, subjects } });
    const older = [article('o3', undefined, ['新冠肺炎']), article('o2', undefined, ['新冠']), article('o1', undefined, ['武汉肺炎']), article('o0', 'Hong Kong', [])];
    const newer = [article('n2', 'hong kong', []), article('n1', undefined, ['武汉肺炎']), ...older];
    const shown = (articles: typeof older) =>
      buildTopics(articles, { minSubjectArticles: 2 }).topics.map((topic) => ({ slug: topic.slug, name: topic.name, kinds: topic.kinds, variants: topic.variants }));
    assert.deepEqual(shown(older), [{ slug: '新冠', name: '新冠', kinds: ['other'], variants: ['武汉肺炎', '新冠肺炎'] }, { slug: 'hong-kong', name: 'Hong Kong', kinds: ['section'], variants: [] }]);
    assert.deepEqual(shown(newer), [{ slug: '新冠', name: '新冠', kinds: ['other'], variants: ['武汉肺炎', '新冠肺炎'] }, { slug: 'hong-kong', name: 'Hong Kong', kinds: ['section'], variants: [] }]);
    assert.deepEqual(
      buildTopics(newer, { minSubjectArticles: 2 }).topics.map((topic) => topic.articleIds),
      [['n1', 'o3', 'o2', 'o1'], ['n2', 'o0']],
    );
  });
});
