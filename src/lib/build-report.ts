import { SUSPECT_OPTIONS, SuspectCounter, withLineText, type BodyEdges, type BoilerplateSuspect, type Edge, type SuspectOptions } from './boilerplate-suspects.ts';
import type { FileOutcome } from './capture-files.ts';
import { outletForUrl, type Outlet } from './outlets.ts';

/**
 * The build report: what the build did with every file of the content folder, and per outlet what
 * it published, skipped and merged, how long its bodies are, how many have a lead image, and the
 * lines suspected to be leftover boilerplate (see boilerplate-suspects.ts). Made from the loader's
 * per-file outcomes and the stored articles, so a rebuild that parses nothing still reports all.
 */

/** What the report reads of a stored article. */
export interface ReportArticle {
  id: string;
  outlet: Outlet;
  /** Characters of body text (see articleSchema). */
  textLength: number;
  hasLeadImage: boolean;
  /** The lines at the start and end of its cleaned body (see bodyEdges), where leftover boilerplate shows: as text, or as keys (edgeKeys) with `lineText`. */
  edges: BodyEdges;
}

export interface OutletReport extends Outlet {
  published: number;
  /** Skipped files whose line 2 named a URL of this outlet. */
  skipped: number;
  /** Captures that lost to a newer capture of the same article. */
  superseded: number;
  withLeadImage: number;
  withoutLeadImage: number;
  /** Median characters of body text of the published articles; null when none is published. */
  medianLength: number | null;
  boilerplateSuspects: BoilerplateSuspect[];
}

export interface BuildReport {
  totals: { files: number; published: number; skipped: number; superseded: number; ignored: number; hidden: number };
  /** Most published first; ties by slug. */
  outlets: OutletReport[];
  /** Skipped files whose outlet cannot be told: their line 2 could not be read as a link. */
  skippedWithoutOutlet: number;
  /** Every capture file read, sorted by name (see FileOutcome). */
  files: FileOutcome[];
  /** Files of the content folder that are not captures (not `.txt`): never read. */
  ignored: string[];
  /** Captures with a hidden name or in a hidden folder: never read. */
  hidden: string[];
}

export interface BuildReportInput {
  files: readonly FileOutcome[];
  /** Every published article, once. */
  articles: Iterable<ReportArticle>;
  ignored: readonly string[];
  hidden: readonly string[];
  /** With edges given as keys: the text of a suspect's line, from the example article's body (see withLineText). */
  lineText?: (key: string, edge: Edge, example: string) => string;
}

/** The middle value, or the mean of the two middle values, rounded to a whole number; null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return Math.round(sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
}

function outletOfUrl(url: string | undefined): Outlet | undefined {
  if (!url) return undefined;
  try {
    return outletForUrl(url);
  } catch {
    return undefined;
  }
}

/** Builds the report; see BuildReport. */
export function buildReport(input: BuildReportInput, options: SuspectOptions = SUSPECT_OPTIONS): BuildReport {
  const outlets = new Map<string, { report: OutletReport; lengths: number[]; counter: SuspectCounter }>();
  const outletEntry = (outlet: Outlet) => {
    let entry = outlets.get(outlet.slug);
    if (!entry) {
      const report: OutletReport = { ...outlet, published: 0, skipped: 0, superseded: 0, withLeadImage: 0, withoutLeadImage: 0, medianLength: null, boilerplateSuspects: [] };
      outlets.set(outlet.slug, (entry = { report, lengths: [], counter: new SuspectCounter() }));
    }
    return entry;
  };
  const outletById = new Map<string, string>();
  for (const article of input.articles) {
    const entry = outletEntry(article.outlet);
    outletById.set(article.id, article.outlet.slug);
    entry.report.published++;
    entry.report[article.hasLeadImage ? 'withLeadImage' : 'withoutLeadImage']++;
    entry.lengths.push(article.textLength);
    entry.counter.add(article.id, article.edges);
  }
  let skippedWithoutOutlet = 0;
  const totals = { files: input.files.length, published: 0, skipped: 0, superseded: 0, ignored: input.ignored.length, hidden: input.hidden.length };
  for (const file of input.files) {
    totals[file.outcome]++;
    if (file.outcome === 'superseded') {
      const slug = outletById.get(file.id);
      if (slug) outlets.get(slug)!.report.superseded++;
    } else if (file.outcome === 'skipped') {
      const outlet = outletOfUrl(file.url);
      if (outlet) outletEntry(outlet).report.skipped++;
      else skippedWithoutOutlet++;
    }
  }
  const reports = [...outlets.values()].map(({ report, lengths, counter }) => ({
    ...report,
    medianLength: medianOf(lengths),
    boilerplateSuspects: input.lineText ? withLineText(counter.suspects(options), input.lineText) : counter.suspects(options),
  }));
  return {
    totals,
    outlets: reports.sort((a, b) => b.published - a.published || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
    skippedWithoutOutlet,
    files: [...input.files],
    ignored: [...input.ignored],
    hidden: [...input.hidden],
  };
}

/** A suspect with the outlet it was found in and the outlet's published count. */
export type OutletSuspect = BoilerplateSuspect & { outlet: Outlet; published: number };

/** The suspects of every outlet, the largest share first (then the most articles), at most `limit`. */
export function topSuspects(report: Pick<BuildReport, 'outlets'>, limit: number): OutletSuspect[] {
  return report.outlets
    .flatMap(({ slug, name, published, boilerplateSuspects }) => boilerplateSuspects.map((suspect) => ({ ...suspect, outlet: { slug, name }, published })))
    .sort((a, b) => b.share - a.share || b.articles - a.articles || (a.outlet.slug < b.outlet.slug ? -1 : a.outlet.slug > b.outlet.slug ? 1 : 0))
    .slice(0, limit);
}

/** One suspect as a line of the build log, the line itself cut to `maxChars`. */
export function formatSuspect(suspect: OutletSuspect, maxChars = 60): string {
  const line = suspect.line.length > maxChars ? `${suspect.line.slice(0, maxChars - 1)}…` : suspect.line;
  const verb = suspect.edge === 'start' ? 'opens' : 'closes';
  return `${suspect.outlet.name}: "${line}" ${verb} ${suspect.articles} of ${suspect.published} articles (${Math.round(suspect.share * 100)}%), e.g. article ${suspect.example}`;
}

/**
 * The report as JSON for people and tools alike: indented, with each file's outcome on one line
 * (so that `grep superseded` finds whole entries), the list of files last.
 */
export function toReportJson(report: object & { files: readonly object[] }): string {
  const { files, ...rest } = report;
  const body = JSON.stringify(rest, null, 2);
  // An object of several lines ends in "\n}": the files go before that brace.
  const head = body === '{}' ? '{' : `${body.slice(0, -2)},`;
  const lines = files.map((file) => `    ${JSON.stringify(file)}`).join(',\n');
  return `${head}\n  "files": [${lines ? `\n${lines}\n  ` : ''}]\n}\n`;
}
