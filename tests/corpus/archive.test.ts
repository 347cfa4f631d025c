import { describe, it } from 'node:test';
import { sortNewestFirst } from '../../src/lib/article-data.ts';
import { assertArchiveConsistent } from '../support/archive.ts';
import { loadReal } from '../support/articles.ts';

describe('buildArchive over the real captures', () => {
  const articles = sortNewestFirst(loadReal());
  for (const zone of ['Asia/Shanghai', 'Europe/Paris', 'America/Los_Angeles', 'UTC']) {
    it(`puts every article on exactly one day, and the counts add up (${zone})`, () => assertArchiveConsistent(articles, zone));
  }
});
