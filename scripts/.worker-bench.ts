import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { parse } from 'devalue';
import { sortNewestFirst } from '../src/lib/article.ts';
import { listingSettings } from '../src/lib/listing-data.ts';

const store = parse(readFileSync(process.argv[2], 'utf8')) as Map<string, Map<string, any>>;
const articles = sortNewestFirst([...store.get('articles')!.values()]).map(({ id, digest, data }) => ({
  id, digest,
  data: { title: data.title, lang: data.lang, summary: data.summary, outlet: { slug: data.outlet.slug }, section: data.section, subjects: data.subjects, capturedAt: data.capturedAt },
}));
const settings = listingSettings(articles.length);
const young = Number(process.argv[4] ?? 0);
for (let run = 0; run < 2; run++) {
  const t = performance.now();
  const result = await new Promise<any>((resolve, reject) => {
    const worker = new Worker(new URL('../src/loader/listings-worker.ts', import.meta.url), { workerData: { articles, settings, bodiesFolder: process.argv[3] }, ...(young ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}) });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  console.log(`young ${young || 'default'}: ${((performance.now() - t) / 1000).toFixed(1)} s (thread says ${result.seconds.toFixed(1)} s), ${result.listings.topics.length} topics, ${result.listings.pairs.length} pairs`);
}
