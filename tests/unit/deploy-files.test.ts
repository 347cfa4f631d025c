import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { HOST_HEADERS, IMMUTABLE_CACHE } from '../../src/lib/security-policy.ts';
import { PROJECT_ROOT } from '../support/corpus.ts';
import { configForTest } from '../support/nginx.ts';

/** The files under deploy/ agree with the site they serve (nginx itself reads its config in tests/e2e/nginx.test.ts). */

describe('deploy/nginx/news-site.conf', () => {
  const config = readFileSync(join(PROJECT_ROOT, 'deploy/nginx/news-site.conf'), 'utf8');
  it('sends each host header with the value the site states, on every response', () => {
    for (const [name, value] of Object.entries(HOST_HEADERS)) assert.ok(config.includes(`add_header ${name} "${value}" always;`), name);
  });
  it('caches only _astro/ for long', () => assert.match(config, new RegExp(`~/_astro/\\s+"${IMMUTABLE_CACHE}";\\n\\s+default\\s+"no-cache";`)));
  it('has each line an operator sets exactly once, so that a test can set it too', () => {
    const set = configForTest(config, { port: 8080, root: '/srv/x', basePath: '/news/' });
    for (const line of ['listen 127.0.0.1:8080;', 'root /srv/x;', 'error_page 404 /news/404.html;']) assert.ok(set.includes(`    ${line}\n`), line);
    assert.throws(() => configForTest(`${config}\nserver {\n    listen 81;\n}\n`, { port: 1, root: '/', basePath: '/' }), /expected one line matching/);
  });
});

describe('deploy/github-pages.yml', () => {
  const workflow = readFileSync(join(PROJECT_ROOT, 'deploy/github-pages.yml'), 'utf8');
  const env = (name: string) => new RegExp(`^\\s+${name}: (\\S+)$`, 'm').exec(workflow)?.[1];
  it('keeps the cache folder it builds with and the output folder between runs, and the report written there', () => {
    assert.equal(env('NEWS_CACHE_DIR'), '.news-cache');
    assert.match(workflow, /uses: actions\/cache@v\d+\n\s+with:\n(?:\s+#.*\n)*\s+path: \|\n\s+\$\{\{ env\.NEWS_CACHE_DIR \}\}\n\s+dist\n/);
    assert.match(workflow, /path: \$\{\{ env\.NEWS_CACHE_DIR \}\}\/build-report\.json/);
  });
  it('builds the captures with the site address and base path of the Pages site, and publishes the output folder', () => {
    assert.ok(env('NEWS_CONTENT_DIR'));
    assert.match(workflow, /run: npm install --no-audit --no-fund\n[\s\S]*run: npm run build\n\s+env:\n\s+[\s\S]*SITE_URL: \$\{\{ steps\.pages\.outputs\.origin \}\}\n\s+BASE_PATH: \$\{\{ steps\.pages\.outputs\.base_path \}\}\//);
    assert.match(workflow, /uses: actions\/upload-pages-artifact@v\d+\n\s+with:\n\s+path: dist\n/);
  });
});
