import { defineCollection } from 'astro:content';
import { articleSchema } from './lib/article-data.ts';
import { articleLoader } from './loader/article-loader.ts';
import { LoadRecordsFile } from './loader/load-records.ts';
import { articleBodies } from './data/article-bodies.ts';
import { BUILD, SITE } from './site.config.ts';

const articles = defineCollection({
  loader: articleLoader({ directory: SITE.contentDir, strict: SITE.strict, parseThreads: SITE.parseThreads, bodies: articleBodies, records: new LoadRecordsFile(BUILD.captureRecords), listingsAhead: { minSubjectArticles: SITE.minSubjectArticles } }),
  schema: articleSchema,
});

export const collections = { articles };
