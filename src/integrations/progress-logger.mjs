// @ts-check
import nodeLogger from 'astro/logger/node';
import { PageProgress } from '../lib/page-progress.ts';

/**
 * The build's logger (astro.config.mjs `logger`): Astro's own console output, but with a count
 * and rate of pages every few seconds instead of a line per page (see page-progress.ts), and the
 * total once the pages are written. NEWS_LOG_PAGES=1 brings the line per page back.
 * @param {{ level?: import('astro').AstroLoggerLevel } | undefined} config
 */
export default function progressLogger(config) {
  // Astro's command line ends with process.exit() as soon as the build is done. Output to a pipe
  // (a CI log, `| tee`) is written asynchronously, and what a slow reader had not taken yet was
  // lost: the end of the log, where the skipped files, the report and the summary are. Blocking
  // writes keep it; a terminal or a file is written synchronously already.
  for (const stream of [process.stdout, process.stderr]) {
    /** @type {{ _handle?: { setBlocking?: (blocking: boolean) => void } }} */ (/** @type {unknown} */ (stream))._handle?.setBlocking?.(true);
  }
  const destination = nodeLogger(config);
  /** @type {PageProgress | undefined} */
  let progress;
  return {
    /** @param {import('astro').AstroLoggerMessage} message */
    write(message) {
      if (process.env.NEWS_LOG_PAGES === '1') return destination.write(message);
      const text = String(message.message);
      if (text.includes('generating static routes')) progress = new PageProgress();
      if (progress) {
        const seen = progress.take({ label: message.label ?? null, level: message.level, message: text });
        if (seen === 'hide') return;
        if (typeof seen === 'object') return destination.write({ ...message, label: 'pages', message: seen.progress, newLine: true });
        // The page writing ends with Astro's "Completed" line: the total comes just before it.
        if (/Completed in/.test(text) && progress.written > 0) {
          destination.write({ ...message, label: 'pages', message: progress.line(), newLine: true });
          progress = undefined;
        }
      }
      destination.write(message);
    },
  };
}
