import { collapseWhitespace } from './text.ts';

/**
 * Reads one capture file: line 1 `<!--{Unix ms}-->`, line 2 `[title](url)`, line 3 `------`,
 * a blank line, then the item's HTML. Every step scans with indexOf or a fixed-size
 * pattern, so a multi-megabyte line costs linear time (no backtracking expressions).
 */

/** Files larger than this are rejected before they are read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The earliest capture time accepted: nothing in this format predates 1990. */
export const EARLIEST_CAPTURE_MS = Date.UTC(1990, 0, 1);

/** How far past the build time a capture may lie (clock skew between capture and build). */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
/** How a refusal for a capture time in the future ends (see refusalDependsOnTime). */
const IN_THE_FUTURE = 'is in the future';

export interface ParsedCapture {
  title: string;
  /** The URL exactly as captured (after trimming). */
  url: string;
  capturedAt: Date;
  /** The untrusted item HTML: clean it before it goes anywhere. */
  bodyHtml: string;
}

/** A failure names the original URL when line 2 could be read, so that the file can be counted against its outlet. */
export type ParseResult = { ok: true; value: ParsedCapture } | { ok: false; reason: string; url?: string };

export interface ParseOptions {
  /** Build time in ms; captures later than this plus a day are rejected. */
  now: number;
}

const fail = (reason: string): ParseResult => ({ ok: false, reason });

/**
 * Decodes file bytes as text. UTF-8 (with or without a byte order mark) and UTF-16 with a
 * byte order mark are read; any other bytes are refused rather than published as mojibake.
 */
export function decodeCaptureBytes(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, start] = ['utf-16be', 2];
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    return { ok: true, text };
  } catch {
    return { ok: false, reason: `not valid ${encoding.toUpperCase()} text (the file must be UTF-8)` };
  }
}

/**
 * Removes characters that must never reach a page or a feed: C0 and C1 controls other than
 * tab and line breaks (NUL included), U+FFFD left by an earlier bad decode, and the
 * non-characters U+FFFE/U+FFFF that XML 1.0 forbids.
 */
export function stripControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ufffe\uffff]/g, '');
}

/** Direction overrides, embeddings and isolates: in a title they reverse or reorder the text around it. */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Invisible characters with no place in a title: zero-width space, word joiner, an inner byte order mark, the Mongolian vowel separator. */
const INVISIBLE_IN_TITLE = /[\u200b\u2060\ufeff\u180e]/g;

/** Combining marks kept on one character; a longer run only smears over the lines around it. */
export const MAX_COMBINING_MARKS = 6;

/**
 * A title as it may be shown: whitespace collapsed, direction controls and invisible
 * characters removed, runs of combining marks cut to MAX_COMBINING_MARKS. Joiners (U+200C,
 * U+200D) stay: emoji sequences and several scripts need them.
 */
export function cleanTitle(text: string): string {
  const stripped = text.replace(DIRECTION_CONTROLS, '').replace(INVISIBLE_IN_TITLE, '');
  const capped = stripped.replace(/\p{M}+/gu, (marks) => [...marks].slice(0, MAX_COMBINING_MARKS).join(''));
  return collapseWhitespace(capped);
}

/** Characters that show nothing on their own: spaces, format and control characters, lone marks, blank-looking letters. */
const SHOWS_NOTHING = /[\s\p{Cf}\p{Cc}\p{M}\u115f\u1160\u2800\u3164\uffa0]/gu;

/** Whether text has at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
  return text.replace(SHOWS_NOTHING, '') !== '';
}

/** Reads the timestamp comment of line 1 and returns milliseconds, or a reason. */
export function parseTimestampLine(line: string, options: ParseOptions): { ok: true; ms: number } | { ok: false; reason: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith('<!--')) return { ok: false, reason: 'line 1 is not a timestamp comment <!--ms-->' };
  if (!trimmed.endsWith('-->') || trimmed.length < 7) return { ok: false, reason: 'line 1: the timestamp comment is not closed with -->' };
  const digits = trimmed.slice(4, -3).trim();
  if (digits === '') return { ok: false, reason: 'line 1: the timestamp is missing' };
  if (!/^[0-9]+$/.test(digits)) return { ok: false, reason: `line 1: timestamp "${preview(digits)}" is not a decimal number of milliseconds` };
  if (digits.length > 16) return { ok: false, reason: `line 1: timestamp "${preview(digits)}" is out of range` };
  // A 10-digit value is Unix seconds (such captures exist); 13 digits is the usual milliseconds.
  const ms = digits.length === 10 ? Number(digits) * 1000 : Number(digits);
  if (ms < EARLIEST_CAPTURE_MS) return { ok: false, reason: `line 1: timestamp ${digits} is before 1990` };
  if (ms > options.now + FUTURE_TOLERANCE_MS) return { ok: false, reason: `line 1: timestamp ${digits} ${IN_THE_FUTURE}` };
  return { ok: true, ms };
}

/** Reads line 2, `[title](url)`: the last `](` splits title from URL, the last `)` closes it. */
export function parseTitleLine(line: string): { ok: true; title: string; url: string } | { ok: false; reason: string } {
  const trimmed = line.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(')')) return { ok: false, reason: 'line 2 is not a link [title](url)' };
  const split = trimmed.lastIndexOf('](');
  if (split < 0) return { ok: false, reason: 'line 2 is not a link [title](url)' };
  const title = cleanTitle(trimmed.slice(1, split));
  const url = trimmed.slice(split + 2, -1).trim();
  if (!hasVisibleText(title)) return { ok: false, reason: 'line 2: the title is blank' };
  if (url === '') return { ok: false, reason: 'line 2: the URL is empty' };
  const urlProblem = checkOriginalUrl(url);
  if (urlProblem) return { ok: false, reason: `line 2: ${urlProblem}` };
  return { ok: true, title, url };
}

/** Returns why a URL is not an absolute http(s) URL with a host, or null when it is one. */
export function checkOriginalUrl(url: string): string | null {
  // The authority must follow `//` directly: WHATWG would read `http:///x` as host "x".
  if (!/^https?:\/\/[^/\\?#]/i.test(url)) return `URL "${preview(url)}" is not an absolute http(s) URL with a host`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `URL "${preview(url)}" cannot be parsed`;
  }
  // https://outlet.example@elsewhere.example/ reads as the outlet but leads elsewhere.
  if (parsed.username || parsed.password) {
    return `URL "${preview(url)}" carries a user name or password`;
  }
  const host = parsed.hostname;
  if (!host || !(host.includes('.') || host.startsWith('[') || host === 'localhost')) {
    return `URL "${preview(url)}" has no valid host`;
  }
  return null;
}

/** Parses the text of one capture file (already decoded). Pure: the caller supplies `now`. */
export function parseCaptureText(rawText: string, options: ParseOptions): ParseResult {
  const text = stripControlCharacters(rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText);
  if (text.trim() === '') return fail('the file is empty');
  const lines: string[] = [];
  let position = 0;
  for (let n = 0; n < 3; n++) {
    const end = text.indexOf('\n', position);
    if (end < 0) {
      const count = n + (text.slice(position).trim() ? 1 : 0);
      return fail(`the file ends after ${count} line${count === 1 ? '' : 's'}: no body`);
    }
    lines.push(text.slice(position, end).replace(/\r$/, ''));
    position = end + 1;
  }
  const time = parseTimestampLine(lines[0], options);
  if (!time.ok) return time;
  const link = parseTitleLine(lines[1]);
  if (!link.ok) return link;
  if (!/^-{3,}$/.test(lines[2].trim())) return { ok: false, reason: 'line 3 is not the ------ separator', url: link.url };
  const bodyHtml = text.slice(position).trim();
  if (bodyHtml === '') return { ok: false, reason: 'the body is blank', url: link.url };
  return { ok: true, value: { title: link.title, url: link.url, capturedAt: new Date(time.ms), bodyHtml } };
}

/** Returns why a file of `size` bytes is refused unread, or null when it may be read. */
export function checkFileSize(size: number): string | null {
  return size > MAX_FILE_BYTES ? `the file is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit` : null;
}

/** Decodes and parses one capture file's bytes. */
export function parseCaptureBytes(bytes: Uint8Array, options: ParseOptions): ParseResult {
  const sizeProblem = checkFileSize(bytes.length);
  if (sizeProblem) return fail(sizeProblem);
  if (bytes.length === 0) return fail('the file is empty');
  const decoded = decodeCaptureBytes(bytes);
  if (!decoded.ok) return decoded;
  return parseCaptureText(decoded.text, options);
}

/** A short, single-line excerpt of untrusted text for an error message. */
function preview(text: string): string {
  const flat = collapseWhitespace(text);
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}


/** Whether a refusal holds only until some time has passed (a timestamp in the future): such a file must be read again by a later build. */
export function refusalDependsOnTime(reason: string): boolean {
  return reason.endsWith(IN_THE_FUTURE);
}
