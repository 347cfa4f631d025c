import type { BodyFiles } from './body-files.ts';
import { startFolderSurvey, type SurveyThread } from './folder-survey.ts';
import { startListingsThread, type ListingsThread } from './listings-ahead.ts';
import { createParsePool, type ParsePool } from './parse-pool.ts';

/**
 * Work a build starts as soon as Astro reads its configuration, seconds before it calls the
 * loader: Astro's start (its modules, then the whole content store read back) runs on one thread,
 * and the other core would idle. The folder survey (folder-survey.ts), the listing thread
 * (listings-ahead.ts) and, once the survey has counted new captures, their parsing threads, all of
 * which the load would start itself, get going then. It is left in the process (the configuration
 * and the loader are separate module instances) for the first load of the same folder to take.
 */
export interface LoadAheadOptions {
  directory: string;
  bodies?: BodyFiles;
  /** The loader's records file (load-records.ts). */
  recordsPath?: string;
  /** The parsing pool's size (createParsePool). */
  parseThreads: number;
}

export interface LoadAhead {
  survey: SurveyThread;
  listings: ListingsThread;
  pool: ParsePool;
}

const LOAD_AHEAD_KEY = Symbol.for('news-site.load-ahead');

type Holder = Record<symbol, (LoadAhead & { key: string }) | undefined>;

/** What a load must match to take what was started for it. */
function keyOf(options: LoadAheadOptions): string {
  return JSON.stringify([options.directory, options.bodies?.folder, options.recordsPath, options.parseThreads]);
}

/** Starts the survey of the folder, the listing thread and the parsing pool, for the next load to take (takeLoadAhead). */
export function startLoadAhead(options: LoadAheadOptions): LoadAhead {
  const { directory, bodies, recordsPath, parseThreads } = options;
  // Until a load takes them, the threads do not keep the process alive: a build may fail before it loads.
  const pool = createParsePool(parseThreads);
  pool.unref();
  const survey = startFolderSurvey(directory, { bodiesFolder: bodies?.folder, recordsPath });
  survey.unref();
  // The threads for new captures start once the survey is done, not when the load reaches them
  // (new captures sort last); not sooner, where they would slow Astro's own start. A failed survey
  // is the load's to report, when it lists the folder itself.
  survey.result.then((surveyed) => pool.warm(surveyed.newFiles)).catch(() => {});
  const ahead = { survey, listings: startListingsThread(bodies), pool };
  (globalThis as Holder)[LOAD_AHEAD_KEY] = { ...ahead, key: keyOf(options) };
  return ahead;
}

/**
 * What was started ahead for a load with these options, once: a load of another folder (or a
 * second load) starts its own, and what was started for nothing is stopped.
 */
export function takeLoadAhead(options: LoadAheadOptions): LoadAhead | undefined {
  const ahead = (globalThis as Holder)[LOAD_AHEAD_KEY];
  (globalThis as Holder)[LOAD_AHEAD_KEY] = undefined;
  if (!ahead) return undefined;
  if (ahead.key === keyOf(options)) {
    ahead.survey.ref();
    ahead.pool.ref();
    return ahead;
  }
  ahead.listings.stop();
  void ahead.pool.close();
  return undefined;
}
