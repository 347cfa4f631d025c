import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isChinesePersonName, isTransliteration, subjectKind } from '../../src/lib/subject-kinds.ts';
import { barePlaceName, canonicalTopicName } from '../../src/lib/topic-aliases.ts';
import { groupTopicsByKind, pinyinKey, topicsByInitial } from '../../src/lib/topic-index.ts';
import { topicRedirects } from '../../src/lib/topic-redirects.ts';
import type { Topic } from '../../src/lib/topics.ts';

describe('subjectKind: names and their kinds, ordinary words none', () => {
  const cases: [string, string | undefined][] = [
    // names the segmenter's dictionary knows
    ['习近平', 'person'], ['拜登', 'person'], ['台湾', 'place'], ['澳大利亚', 'place'], ['联合国', 'organisation'], ['陆委会', 'organisation'],
    // names it does not know, recognised by their shape
    ['蔡英文', 'person'], ['孟晚舟', 'person'], ['黎智英', 'person'], ['菅义伟', 'person'], ['蓬佩奥', 'person'], ['林郑月娥', 'person'],
    ['中国商务部', 'organisation'], ['蚂蚁集团', 'organisation'], ['香港终审法院', 'organisation'],
    ['TikTok', 'other'], ['新冠', 'other'],
    // ordinary words the dictionary files as names, and phrases
    ['令人', undefined], ['上路', undefined], ['日增', undefined], ['最大化', undefined], ['满天飞', undefined], ['严峻考验', undefined], ['玉米地', undefined],
    // combinations (pieces of longer names are told apart across titles: title-names.test.ts)
    ['因特朗普', undefined], ['北京打压香港', undefined], ['欧盟新', undefined], ['沪港', undefined],
    ['中国农村', undefined], ['关注组', undefined], ['特朗普签署', undefined], ['万人', undefined], ['国新', undefined],
  ];
  for (const [name, kind] of cases) it(`${name} → ${kind}`, () => assert.equal(subjectKind(name), kind));
});

describe('shapes of names', () => {
  const people: [string, boolean][] = [['王毅', true], ['林郑月娥', true], ['欧阳娜娜', true], ['蔡总统', false], ['万人', false], ['国新', false], ['特朗普', false]];
  for (const [name, yes] of people) it(`${name} is ${yes ? '' : 'not '}a Chinese personal name`, () => assert.equal(isChinesePersonName(name), yes));
  const foreign: [string, boolean][] = [['蓬佩奥', true], ['泽连斯基', true], ['斯坦', false], ['中国', false]];
  for (const [name, yes] of foreign) it(`${name} is ${yes ? '' : 'not '}a transliteration`, () => assert.equal(isTransliteration(name), yes));
});

describe('topic aliases: one topic per name', () => {
  const cases = [
    ['川普', '特朗普'], ['梅克尔', '默克尔'], ['蓬佩欧', '蓬佩奥'], ['澳洲', '澳大利亚'], ['美中关系', '中美关系'], ['安倍', '安倍晋三'],
    ['武汉肺炎', '新冠'], ['COVID', '新冠'], ['Donald Trump', '特朗普'], ['UN', '联合国'], ['António Guterres', 'Antonio Guterres'], ['林郑', '林郑月娥'], ['中国共产党', '中共'], ['拜登', '拜登'],
  ];
  for (const [spelling, topic] of cases) it(`${spelling} → ${topic}`, () => assert.equal(canonicalTopicName(spelling), topic));
  const places = new Set(['吉林', '东京', '北京']);
  const bare = [['吉林省', '吉林'], ['东京都', '东京'], ['北京市', '北京'], ['上海市', undefined], ['市', undefined]];
  for (const [name, stem] of bare) it(`${name} → ${stem}`, () => assert.equal(barePlaceName(name!, (other) => places.has(other)), stem));
});

describe('the topics index', () => {
  const topic = (name: string, kinds: Topic['kinds'], count: number): Topic => ({ slug: name.toLowerCase(), name, kinds, variants: [], articleIds: Array.from({ length: count }, (_, i) => `${name}${i}`) });
  const topics = [topic('特朗普', ['person'], 5), topic('拜登', ['person'], 9), topic('美国', ['section', 'place'], 20), topic('东京', ['place'], 3), topic('TikTok', ['other'], 4), topic('北约', ['organisation'], 2), topic('2020大选', ['other'], 2)];
  it('groups by first kind, most-covered first, in a fixed order of kinds', () => {
    assert.deepEqual(groupTopicsByKind(topics).map((group) => [group.kind, group.topics.map((t) => t.name)]), [
      ['person', ['拜登', '特朗普']], ['place', ['东京']], ['organisation', ['北约']], ['other', ['TikTok', '2020大选']], ['section', ['美国']],
    ]);
  });
  it('orders every topic by pinyin under its initial, with others last', () => {
    assert.deepEqual(topicsByInitial(topics).map((group) => [group.letter, group.topics.map((t) => t.name)]), [
      ['B', ['拜登', '北约']], ['D', ['东京']], ['M', ['美国']], ['T', ['特朗普', 'TikTok']], ['#', ['2020大选']],
    ]);
  });
  it('spells Chinese names in toneless pinyin', () => assert.equal(pinyinKey('重庆'), 'chong qing'));
});

describe('topicRedirects: topic URLs that keep working', () => {
  const topic = (name: string, variants: string[] = []): Topic => ({ slug: name.toLowerCase(), name, kinds: ['person'], variants, articleIds: ['a'] });
  it('sends another spelling to its topic, a topic gone to the index, and leaves current topics alone', () => {
    const published = new Map([['川普', '川普'], ['令人', '令人'], ['拜登', '拜登']]);
    assert.deepEqual(topicRedirects([topic('特朗普', ['川普', 'Donald Trump']), topic('拜登')], published), [
      { slug: 'donald-trump', name: 'Donald Trump', to: { slug: '特朗普', name: '特朗普' } },
      { slug: '令人', name: '令人' },
      { slug: '川普', name: '川普', to: { slug: '特朗普', name: '特朗普' } },
    ]);
  });
  it('never shadows a topic that exists under the spelling', () => {
    assert.deepEqual(topicRedirects([topic('特朗普', ['川普']), topic('川普')], new Map()), []);
  });
});
