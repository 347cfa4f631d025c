import { defineCollection } from 'astro:content';
import { articleSchema } from './lib/article.ts';
import { articleLoader } from './loader/article-loader.ts';
import { SITE } from './site.config.ts';

const articles = defineCollection({
  loader: articleLoader({ directory: SITE.contentDir, strict: SITE.strict, parseThreads: SITE.parseThreads }),
  schema: articleSchema,
});

export const collections = { articles };
