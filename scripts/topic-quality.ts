/**
 * How trustworthy the topics of a built collection are, against names labelled by hand:
 *   precision: the share of a random sample of its subject topics that are real subjects;
 *   recall: the share of the names its titles use most that are topics.
 *
 * Reads the articles from a build's content store (data-store.json in NEWS_CACHE_DIR), so it
 * measures any collection that has been built once, without parsing it again:
 *
 *   node scripts/topic-quality.ts --labels archive [--store DIR/data-store.json] [--sample 200] [--seed 1]
 *
 * Labels live in tests/data/topic-labels/: <name>-sample.tsv (name, tab, "yes" or "no") and
 * <name>-must-have.txt (one name a line). Topics of the sample that have no label yet are
 * listed, to be labelled and added.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { unflatten } from 'devalue';
import { sortNewestFirst } from '../src/lib/article-data.ts';
import { canonicalTopicName } from '../src/lib/topic-aliases.ts';
import { listingSettings } from '../src/lib/listing-settings.ts';
import { buildTopics, type Topic, type TopicSource } from '../src/lib/topics.ts';
import { precision, readMustHave, readSampleLabels, recall, seededSample } from '../tests/support/topic-labels.ts';

const { values } = parseArgs({
  options: {
    labels: { type: 'string', default: 'archive' },
    store: { type: 'string', default: resolve(process.env.NEWS_CACHE_DIR || 'node_modules/.astro', 'data-store.json') },
    sample: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
  },
});

if (!existsSync(values.store)) {
  console.error(`No content store at ${values.store}: build the collection first (NEWS_CONTENT_DIR=… NEWS_CACHE_DIR=… npm run build), or pass --store.`);
  process.exit(2);
}
const store = unflatten(JSON.parse(readFileSync(values.store, 'utf8'))) as Map<string, Map<string, { id: string; data: TopicSource['data'] & { capturedAt: Date } }>>;
const entries = [...(store.get('articles')?.values() ?? [])].map((entry) => ({ id: entry.id, data: entry.data }));
const articles = sortNewestFirst(entries);

const started = performance.now();
const { topics } = buildTopics(articles, listingSettings(articles.length));
const seconds = (performance.now() - started) / 1000;
const subjects = topics.filter((topic) => topic.kinds[0] !== 'section');

const labels = readSampleLabels(values.labels);
const sample: Topic[] = seededSample(subjects, Number(values.sample), Number(values.seed));
const sampled = precision(sample.map((topic) => topic.name), labels);
const mustHave = readMustHave(values.labels);
const found = recall(mustHave, new Set(topics.map((topic) => topic.name)), canonicalTopicName);

console.log(`${articles.length} articles → ${topics.length} topics (${subjects.length} subjects) in ${seconds.toFixed(1)} s`);
console.log(`precision: ${sampled.yes} of ${sampled.labelled} sampled subject topics are real subjects (${(sampled.share * 100).toFixed(1)}%)`);
if (sampled.no.length) console.log(`  not subjects: ${sampled.no.join(' | ')}`);
if (sampled.unlabelled.length) console.log(`  unlabelled (${sampled.unlabelled.length}), label them in tests/data/topic-labels/${values.labels}-sample.tsv: ${sampled.unlabelled.join(' | ')}`);
console.log(`recall: ${found.found} of ${mustHave.length} must-have names are topics (${(found.share * 100).toFixed(1)}%)`);
if (found.missing.length) console.log(`  missing: ${found.missing.join(' | ')}`);
