import { createHash } from 'node:crypto';
import { plainTextOfHtml } from './search-records.ts';

/**
 * Suspected leftover boilerplate: lines of text that open or close many of one outlet's published
 * bodies (a copyright line, a "subscribe" line, a credit), which the cleaning rules may have
 * missed. A finding for whoever writes those rules to read, never a rule itself: a line is only
 * counted, never removed.
 */

export interface SuspectOptions {
  /** Lines read at each end of a body. */
  edgeLines: number;
  /** Share of an outlet's articles a line must open or close to be suspected (0.2: one in five). */
  minShare: number;
  /** Articles it must open or close at least, however few the outlet has. */
  minArticles: number;
  /** Characters of a line kept: longer lines are cut (with "…") before they are counted and reported. */
  maxLineLength: number;
}

export const SUSPECT_OPTIONS: SuspectOptions = { edgeLines: 3, minShare: 0.2, minArticles: 3, maxLineLength: 200 };

export type Edge = 'start' | 'end';

/** The first and the last lines of one body's text; the middle is not read. */
export interface BodyEdges {
  start: string[];
  end: string[];
}

export interface BoilerplateSuspect {
  line: string;
  /** Whether the line opens or closes the bodies. */
  edge: Edge;
  /** Articles whose body it opens (or closes). */
  articles: number;
  /** That count over the outlet's published articles, rounded to three places. */
  share: number;
  /** One such article: the smallest id, so that the choice never depends on order. */
  example: string;
}

/** A line as it is counted: blanks collapsed, cut to the length kept; empty when it holds no letter or digit (a rule, a bullet). */
function toCountedLine(line: string, maxLength: number): string {
  const flat = line.replace(/\s+/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(flat)) return '';
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}

/**
 * The first `edgeLines` lines of a cleaned body's text, and the last `edgeLines` lines that are not
 * among the first (a short body is read once). Each distinct line once per edge; lines in between
 * are split off but never looked at.
 */
export function bodyEdges(html: string, options: Pick<SuspectOptions, 'edgeLines' | 'maxLineLength'> = SUSPECT_OPTIONS): BodyEdges {
  const lines = plainTextOfHtml(html).split('\n');
  const start: string[] = [];
  let next = 0;
  for (; next < lines.length && start.length < options.edgeLines; next++) {
    const line = toCountedLine(lines[next], options.maxLineLength);
    if (line) start.push(line);
  }
  const end: string[] = [];
  for (let last = lines.length - 1; last >= next && end.length < options.edgeLines; last--) {
    const line = toCountedLine(lines[last], options.maxLineLength);
    if (line) end.unshift(line);
  }
  return { start: [...new Set(start)], end: [...new Set(end)] };
}

/** Counts the lines at the edges of one outlet's bodies, an article at a time. */
export class SuspectCounter {
  private readonly seen = new Map<string, { edge: Edge; line: string; articles: number; example: string }>();
  private total = 0;

  /** Counts one article's edges (see bodyEdges). */
  add(id: string, edges: BodyEdges): void {
    this.total++;
    for (const edge of ['start', 'end'] as const) {
      for (const line of edges[edge]) {
        const key = `${edge}\n${line}`;
        const held = this.seen.get(key);
        if (!held) this.seen.set(key, { edge, line, articles: 1, example: id });
        else {
          held.articles++;
          if (id < held.example) held.example = id;
        }
      }
    }
  }

  /** The suspects: lines at an edge of at least `minShare` of the articles and `minArticles` of them; most articles first. */
  suspects(options: Pick<SuspectOptions, 'minShare' | 'minArticles'> = SUSPECT_OPTIONS): BoilerplateSuspect[] {
    const needed = Math.max(options.minArticles, Math.ceil(options.minShare * this.total - 1e-9));
    return [...this.seen.values()]
      .filter((line) => line.articles >= needed)
      .map(({ line, edge, articles, example }) => ({ line, edge, articles, share: Math.round((articles / this.total) * 1000) / 1000, example }))
      .sort(compareSuspects);
  }
}

/** Most articles first, then lines that close before lines that open, then by line. */
function compareSuspects(a: BoilerplateSuspect, b: BoilerplateSuspect): number {
  return b.articles - a.articles || (a.edge < b.edge ? 1 : a.edge > b.edge ? -1 : 0) || (a.line < b.line ? -1 : a.line > b.line ? 1 : 0);
}

/**
 * A short stand-in for a counted line: lines are counted by their keys just as by their text
 * (two lines share a key only by a 96-bit chance), and a body's edges kept as keys between
 * builds take a few bytes each rather than whole paragraphs.
 */
export function edgeLineKey(line: string): string {
  return createHash('sha1').update(line).digest('base64url').slice(0, 16);
}

export function edgeKeys(edges: BodyEdges): BodyEdges {
  return { start: edges.start.map(edgeLineKey), end: edges.end.map(edgeLineKey) };
}

/**
 * Suspects counted over edge keys (edgeKeys), with their lines' text put back: `textOf` finds
 * the line of a key, given an article whose body has it at that edge. Ordered as if counted over the text.
 */
export function withLineText(suspects: readonly BoilerplateSuspect[], textOf: (key: string, edge: Edge, example: string) => string): BoilerplateSuspect[] {
  return suspects.map((suspect) => ({ ...suspect, line: textOf(suspect.line, suspect.edge, suspect.example) })).sort(compareSuspects);
}

/** The suspects among one outlet's bodies, read at once (see SuspectCounter for a stream). */
export function findBoilerplateSuspects(bodies: Iterable<{ id: string; html: string }>, options: SuspectOptions = SUSPECT_OPTIONS): BoilerplateSuspect[] {
  const counter = new SuspectCounter();
  for (const { id, html } of bodies) counter.add(id, bodyEdges(html, options));
  return counter.suspects(options);
}
