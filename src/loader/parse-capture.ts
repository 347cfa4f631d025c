import { toArticleEntry, type ArticleEntry } from '../lib/article.ts';
import { bodyEdges, edgeKeys, type BodyEdges } from '../lib/boilerplate-suspects.ts';

/**
 * A capture parsed: its article entry with the edges of its body as the build report counts them
 * (src/lib/boilerplate-suspects.ts, as line keys), taken while the body is at hand: reading every
 * body back for them held up the end of a cold build by seconds. Or why it is no article.
 */
export type CaptureResult = { ok: true; entry: ArticleEntry; edges: BodyEdges } | { ok: false; reason: string; url?: string };

export function parseCapture(bytes: Uint8Array, now: number): CaptureResult {
  const result = toArticleEntry(bytes, { now });
  return result.ok ? { ...result, edges: edgeKeys(bodyEdges(result.entry.html)) } : result;
}
