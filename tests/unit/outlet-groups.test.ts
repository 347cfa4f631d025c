import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortNewestFirst } from '../../src/lib/article-data.ts';
import { groupByOutlet } from '../../src/lib/outlet-groups.ts';
import { loadFixtureArticles } from '../support/articles.ts';

const article = (id: string, slug: string, name = slug) => ({ id, data: { outlet: { slug, name } } });

describe('groupByOutlet', () => {
  const cases = [
    { name: 'no articles, no outlets', articles: [], groups: [] },
    {
      name: 'each outlet’s articles in the order given',
      articles: [article('3', 'rfi'), article('2', 'bbc'), article('1', 'rfi')],
      groups: [{ slug: 'rfi', name: 'rfi', articleIds: ['3', '1'] }, { slug: 'bbc', name: 'bbc', articleIds: ['2'] }],
    },
    {
      name: 'outlets with as many articles by slug',
      articles: [article('1', 'voa'), article('2', 'dw')],
      groups: [{ slug: 'dw', name: 'dw', articleIds: ['2'] }, { slug: 'voa', name: 'voa', articleIds: ['1'] }],
    },
    {
      name: 'named as the first (newest) article names it',
      articles: [article('2', 'medium.com', 'Medium'), article('1', 'medium.com', 'medium.com')],
      groups: [{ slug: 'medium.com', name: 'Medium', articleIds: ['2', '1'] }],
    },
  ];
  for (const { name, articles, groups } of cases) it(name, () => assert.deepEqual(groupByOutlet(articles), groups));

  it('puts every fixture article under exactly one outlet', () => {
    const fixtures = sortNewestFirst(loadFixtureArticles());
    const groups = groupByOutlet(fixtures);
    assert.equal(groups.flatMap((group) => group.articleIds).length, fixtures.length);
    assert.equal(new Set(groups.map((group) => group.slug)).size, groups.length);
    for (const group of groups) assert.ok(group.articleIds.every((id) => fixtures.find((a) => a.id === id)!.data.outlet.slug === group.slug));
  });
});
