import type { LoaderContext } from 'astro/loaders';

/**
 * Just enough of Astro's loader context for the article loader: its collection's name, a store,
 * the meta store, a logger and identity parsing, with what the loader did kept for the test.
 */
export function memoryContext() {
  const entries = new Map<string, { id: string; digest?: string }>();
  const meta = new Map<string, string>();
  const warnings: string[] = [];
  const infos: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: { id: string; digest?: string }) => (entries.set(entry.id, entry), true),
    keys: () => [...entries.keys()],
    values: () => [...entries.values()],
    entries: () => [...entries],
    delete: (id: string) => void entries.delete(id),
  };
  const logger = { warn: (message: string) => warnings.push(message), info: (message: string) => infos.push(message) };
  const parseData = async ({ data }: { data: Record<string, unknown> }) => data;
  return { collection: 'articles', store, meta, logger, parseData, entries, warnings, infos } as never as LoaderContext & {
    entries: Map<string, unknown>;
    meta: Map<string, string>;
    warnings: string[];
    infos: string[];
  };
}
