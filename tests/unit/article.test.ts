import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleSchema, type ArticleData } from '../../src/lib/article-data.ts';
import { loadFixtureArticles } from '../support/articles.ts';

const fixtures = loadFixtureArticles();

describe('articleSchema', () => {
  it('accepts every article the fixtures parse into, unchanged', () => {
    for (const { file, data } of fixtures) assert.deepEqual(articleSchema.parse(data), data, file);
  });
  const valid: ArticleData = fixtures.find((article) => article.data.leadImage && article.data.author)!.data;
  const cases: { name: string; change: Record<string, unknown> }[] = [
    { name: 'an empty title', change: { title: '' } },
    { name: 'a URL that is no URL', change: { url: 'not a url' } },
    { name: 'a capture time that is no Date', change: { capturedAt: '2024-02-02T10:00:00Z' } },
    { name: 'an outlet without a slug', change: { outlet: { slug: '', name: 'x' } } },
    { name: 'no reading time', change: { readingMinutes: 0 } },
    { name: 'a fractional text length', change: { textLength: 1.5 } },
    { name: 'a lead image without a URL', change: { leadImage: { src: '', alt: '' } } },
    { name: 'subjects that are no list', change: { subjects: '特朗普' } },
  ];
  for (const { name, change } of cases) {
    it(`refuses ${name}`, () => assert.equal(articleSchema.safeParse({ ...valid, ...change }).success, false));
  }
  it('lets the optional fields go', () => {
    const { dateline: _d, author: _a, leadImage: _l, section: _s, ...required } = valid;
    assert.equal(articleSchema.safeParse(required).success, true);
  });
});
