/**
 * Progress of a build's page writing, in place of the line per page the build tool prints
 * (73,000 lines for a large archive): a count and a rate every few seconds, and a total at the
 * end. It reads the tool's log messages: a page starts with a "├─ /path" message and ends with
 * its time, "(+12ms)". (Pages left in place are never given to the tool: src/lib/page-plan.ts.)
 */

export interface LogMessage {
  label: string | null;
  level: string;
  message: string;
  newLine?: boolean;
}

/** Terminal colour codes, which the tool wraps its messages in. */
const ANSI = /\u001b\[[0-9;]*m/g;
const PAGE_START = /^\s*[├└]─ \//;
const PAGE_END = /^\s*\(\+[\d.]+m?s\)/;

export class PageProgress {
  written = 0;
  private readonly now: () => number;
  private readonly everyMs: number;
  private readonly started: number;
  private lastReport: number;

  constructor(now: () => number = () => performance.now(), everyMs = 5000) {
    this.now = now;
    this.everyMs = everyMs;
    this.started = now();
    this.lastReport = this.started;
  }

  /**
   * Reads one message. Returns 'hide' for a per-page message (counted instead), the progress
   * line to print when it is time for one, or 'show' for any other message.
   */
  take(message: LogMessage): 'show' | 'hide' | { progress: string } {
    if (message.level !== 'info') return 'show';
    const text = message.message.replace(ANSI, '');
    if (message.label === null && PAGE_START.test(text)) return 'hide';
    if (message.label === 'SKIP_FORMAT' && PAGE_END.test(text)) {
      this.written++;
      const now = this.now();
      if (now - this.lastReport < this.everyMs) return 'hide';
      this.lastReport = now;
      return { progress: this.line(now) };
    }
    return 'show';
  }

  /** The progress line: pages so far, and the rate since the first one. */
  line(now = this.now()): string {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    return `${this.written} pages and feeds rendered in ${seconds.toFixed(1)} s, ${Math.round(this.written / seconds)}/s`;
  }
}
