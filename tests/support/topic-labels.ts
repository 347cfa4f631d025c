import { existsSync, readFileSync } from 'node:fs';

/** Hand labels of topic names (see scripts/topic-quality.ts): names only, never article text. */
const LABELS_DIR = new URL('../data/topic-labels/', import.meta.url);

function lines(file: URL): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/** name → whether it is a real subject. */
export function readSampleLabels(set: string): Map<string, boolean> {
  const labels = new Map<string, boolean>();
  for (const line of lines(new URL(`${set}-sample.tsv`, LABELS_DIR))) {
    const [name, label] = line.split('\t');
    if (label !== 'yes' && label !== 'no') throw new Error(`${set}-sample.tsv: "${line}" is not "name<TAB>yes|no"`);
    labels.set(name, label === 'yes');
  }
  return labels;
}

export function readMustHave(set: string): string[] {
  return lines(new URL(`${set}-must-have.txt`, LABELS_DIR));
}

/** A reproducible random sample (a seeded linear congruential generator, then a partial shuffle). */
export function seededSample<T>(items: readonly T[], size: number, seed: number): T[] {
  let state = seed >>> 0 || 1;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pool = [...items];
  for (let i = 0; i < Math.min(size, pool.length); i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.min(size, pool.length));
}

export function precision(names: readonly string[], labels: ReadonlyMap<string, boolean>) {
  const labelled = names.filter((name) => labels.has(name));
  const yes = labelled.filter((name) => labels.get(name)).length;
  return {
    labelled: labelled.length,
    yes,
    share: labelled.length ? yes / labelled.length : 0,
    no: labelled.filter((name) => !labels.get(name)),
    unlabelled: names.filter((name) => !labels.has(name)),
  };
}

/** Must-have names that are topics, a name counting when the topic of its alias group exists. */
export function recall(mustHave: readonly string[], topicNames: ReadonlySet<string>, canonical: (name: string) => string) {
  const missing = mustHave.filter((name) => !topicNames.has(canonical(name)));
  return { found: mustHave.length - missing.length, share: mustHave.length ? (mustHave.length - missing.length) / mustHave.length : 0, missing };
}
