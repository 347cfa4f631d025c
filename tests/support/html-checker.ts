import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { listFiles } from './build.ts';
import { serveStatic } from './static-server.ts';

/**
 * The Nu Html Checker (the W3C's validator, npm `vnu-jar`) over every HTML page of a built site.
 * Pages are checked as served over HTTP, not as files: the page policy allows the site's own
 * origin, which a file has none of.
 */

export interface CheckerMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

export interface CheckerReport {
  pages: number;
  errors: CheckerMessage[];
  warnings: CheckerMessage[];
}

const VNU_JAR = createRequire(import.meta.url)('vnu-jar') as string;

export async function checkBuiltPages(siteDir: string, basePath = '/'): Promise<CheckerReport> {
  const pages = listFiles(siteDir).filter((file) => file.endsWith('.html'));
  const server = await serveStatic(siteDir, basePath);
  try {
    // Percent-encoded: the checker reads a raw CJK path as another origin, and the policy then blocks the site's own files.
    const urls = pages.map((file) => new URL(file.replace(/(^|\/)index\.html$/, '$1'), server.url).href);
    let output: string;
    try {
      // The report goes to stderr; --exit-zero-always keeps errors in it rather than in the exit code.
      ({ stderr: output } = await promisify(execFile)('java', ['-Xss8m', '-Dnu.validator.servlet.allow-forbidden-hosts=true', '-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', ...urls], { maxBuffer: 256 * 1024 * 1024 }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('the Nu Html Checker needs Java: apt-get install default-jre-headless');
      throw error;
    }
    const { messages } = JSON.parse(output) as { messages: CheckerMessage[] };
    const local = (message: CheckerMessage) => ({ ...message, url: decodeURI(message.url.slice(server.url.length)) });
    return {
      pages: pages.length,
      errors: messages.filter((message) => message.type !== 'info').map(local),
      warnings: messages.filter((message) => message.type === 'info').map(local),
    };
  } finally {
    await server.close();
  }
}

/** One line per message, for assertion output and the test log. */
export const describeMessage = (message: CheckerMessage) => `${message.url || '/'}:${message.lastLine ?? '?'}: ${message.message}${message.extract ? ` [${message.extract.replace(/\s+/g, ' ').trim().slice(0, 80)}]` : ''}`;
