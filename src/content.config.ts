import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { articleLoader } from './loader/article-loader.ts';
import { SITE } from './site.config.ts';

const articleSchema = z.object({
  title: z.string().min(1),
  url: z.url(),
  capturedAt: z.date(),
  outlet: z.object({ slug: z.string().min(1), name: z.string().min(1) }),
  lang: z.string(),
  readingMinutes: z.number().int().positive(),
  summary: z.string(),
  textLength: z.number().int().nonnegative(),
  dateline: z.string().optional(),
  author: z.string().optional(),
  leadImage: z.object({ src: z.url(), alt: z.string() }).optional(),
  section: z.string().optional(),
  subjects: z.array(z.string()),
  storyFeatures: z.string(),
  sourceFile: z.string(),
});

const articles = defineCollection({
  loader: articleLoader({ directory: SITE.contentDir, strict: SITE.strict }),
  schema: articleSchema,
});

export const collections = { articles };
