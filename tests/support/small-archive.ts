import { bodyEdges } from '../../src/lib/boilerplate-suspects.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toArticleEntry, type ArticleEntry } from '../../src/lib/article.ts';
import type { ReportArticle } from '../../src/lib/build-report.ts';
import { captureDigest, classifyCaptureFiles, offerCapture, toFileOutcomes, toFileRecord, type Capture, type FileOutcome, type FileRecord, type SkippedFile } from '../../src/lib/capture-files.ts';
import { listFiles } from './build.ts';
import { FIXED_NOW } from './clock.ts';
import { FIXTURES_DIR } from './corpus.ts';

/**
 * The small archive (tests/fixtures/small-archive, see its README): captures of three made-up
 * outlets over five months, written for the project, with leftover boilerplate lines, a
 * re-capture and two broken files. Read here as the loader reads a folder.
 */
export const SMALL_ARCHIVE_DIR = join(FIXTURES_DIR, 'small-archive');

export interface SmallArchive {
  files: FileOutcome[];
  /** The published articles, by id. */
  articles: Map<string, ArticleEntry>;
  ignored: string[];
}

export function loadSmallArchive(): SmallArchive {
  const listing = classifyCaptureFiles(listFiles(SMALL_ARCHIVE_DIR).map((path) => ({ path: path.split('\\').join('/'), kind: 'file' as const })));
  const records: Record<string, FileRecord> = {};
  const chosen = new Map<string, Capture<ArticleEntry>>();
  const skipped: SkippedFile[] = [];
  for (const file of listing.files) {
    const bytes = readFileSync(join(SMALL_ARCHIVE_DIR, file));
    const result = toArticleEntry(bytes, { now: FIXED_NOW });
    if (!result.ok) {
      skipped.push(result.url ? { file, reason: result.reason, url: result.url } : { file, reason: result.reason });
      continue;
    }
    records[file] = toFileRecord(captureDigest(bytes, ''), result.entry);
    offerCapture(chosen, { file, record: records[file], entry: result.entry });
  }
  const articles = new Map([...chosen.values()].map(({ entry }) => [entry!.id, entry!]));
  return { files: toFileOutcomes(records, chosen, skipped), articles, ignored: listing.ignored };
}

/** What the build report reads of an article. */
export function toReportArticle({ id, data, html }: ArticleEntry): ReportArticle {
  return { id, outlet: data.outlet, textLength: data.textLength, hasLeadImage: Boolean(data.leadImage), edges: bodyEdges(html) };
}
