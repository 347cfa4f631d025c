import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortNewestFirst } from '../../src/lib/article-data.ts';
import { canonicalTopicName } from '../../src/lib/topic-aliases.ts';
import { defaultMinSubjectArticles, defaultMinTitles } from '../../src/lib/listing-settings.ts';
import { buildTopics } from '../../src/lib/topics.ts';
import { loadReal } from '../support/articles.ts';
import { precision, readMustHave, readSampleLabels, recall } from '../support/topic-labels.ts';
import { assertSubjectsClean, assertTopicsConsistent } from '../support/topics.ts';

const real = sortNewestFirst(loadReal());

describe('subjects and topics of the real captures', () => {
  it('reads a Traditional capture in Simplified, so both scripts share subjects', () => {
    const cna = real.find((article) => article.file.startsWith('145_'));
    assert.ok(cna, 'capture 145_… (CNA, Traditional) is not in the corpus');
    assert.equal(cna.data.lang, 'zh-Hant');
    assert.ok(cna.data.subjects.includes('自民党') && cna.data.subjects.includes('安倍'), String(cna.data.subjects));
  });
  it('never returns function words, single characters, numbers or boilerplate, in any real capture', () => assertSubjectsClean(real));
  it('keeps only subjects with enough articles, never two topics on one URL, and finds the main names', () => {
    const min = defaultMinSubjectArticles(real.length);
    assert.equal(min, 3);
    const names = assertTopicsConsistent(real, min);
    for (const name of ['中国', '美国', '特朗普', '台湾', '香港', '习近平']) assert.ok(names.includes(name), `${name} missing`);
  });

  describe('against hand labels (tests/data/topic-labels/real-*)', () => {
    const { topics } = buildTopics(real, { minSubjectArticles: defaultMinSubjectArticles(real.length), minTitles: defaultMinTitles(real.length) });
    const subjects = topics.filter((topic) => topic.kinds[0] !== 'section').map((topic) => topic.name);
    it('every subject topic is labelled, and at least 95% of them are real subjects', () => {
      const measured = precision(subjects, readSampleLabels('real'));
      assert.deepEqual(measured.unlabelled, [], 'label these topics in tests/data/topic-labels/real-sample.tsv');
      assert.ok(measured.share >= 0.95, `precision ${(measured.share * 100).toFixed(1)}%; not subjects: ${measured.no}`);
    });
    it('at least 90% of the names its titles use most are topics', () => {
      const measured = recall(readMustHave('real'), new Set(topics.map((topic) => topic.name)), canonicalTopicName);
      assert.ok(measured.share >= 0.9, `recall ${(measured.share * 100).toFixed(1)}%; missing: ${measured.missing}`);
    });
    it('gives a name spelled two ways one topic, with its other spelling', () => {
      const abe = topics.find((topic) => topic.name === '安倍晋三');
      assert.ok(abe?.variants.includes('安倍'), JSON.stringify(abe));
      assert.ok(!topics.some((topic) => topic.name === '安倍'));
    });
  });
});
