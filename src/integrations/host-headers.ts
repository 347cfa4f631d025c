import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { toHeadersFile } from '../lib/security-policy.ts';

/**
 * Writes `_headers` into the output folder: the security headers and the caching of `_astro/`
 * for hosts that read that file (Netlify, Cloudflare Pages). Other hosts serve it as a plain file
 * or ignore it; nginx gets the same headers from deploy/nginx/news-site.conf.
 */
export function hostHeaders(): AstroIntegration {
  let base = '/';
  return {
    name: 'news-host-headers',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': ({ dir }) => {
        writeFileSync(fileURLToPath(new URL('_headers', dir)), toHeadersFile(base));
      },
    },
  };
}
