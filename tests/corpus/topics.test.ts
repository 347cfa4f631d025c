import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortNewestFirst } from '../../src/lib/article.ts';
import { defaultMinSubjectArticles } from '../../src/lib/topics.ts';
import { loadReal } from '../support/articles.ts';
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
});
