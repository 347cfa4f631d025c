import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { sitemap } from '../../src/integrations/sitemap.mjs';
import { tempDir } from '../support/temp.ts';

/** Runs the integration's hooks as Astro would, for a site under /news/ with the given page paths. */
async function writeSitemap(pathnames: string[]): Promise<string> {
  const outDir = tempDir('news-sitemap');
  const integration = sitemap({ exclude: (pathname) => /^404\/?$/.test(pathname) });
  const hooks = integration.hooks as Record<string, (options: unknown) => unknown>;
  await hooks['astro:config:done']({ config: { site: 'https://example.org', base: '/news' } });
  const logger = { info: () => {}, warn: () => {} };
  await hooks['astro:build:done']({ dir: pathToFileURL(`${outDir}/`), pages: pathnames.map((pathname) => ({ pathname })), logger });
  return outDir;
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);

describe('sitemap', () => {
  it('lists every page but the 404 page, as absolute URLs under the base path, CJK percent-encoded', async () => {
    const out = await writeSitemap(['', 'articles/1598d743f4e2cf7b/', 'topics/北约/', '404/']);
    assert.deepEqual(readdirSync(out).sort(), ['sitemap-0.xml', 'sitemap-index.xml']);
    assert.deepEqual(locs(readFileSync(join(out, 'sitemap-index.xml'), 'utf8')), ['https://example.org/news/sitemap-0.xml']);
    assert.deepEqual(locs(readFileSync(join(out, 'sitemap-0.xml'), 'utf8')), [
      'https://example.org/news/',
      'https://example.org/news/articles/1598d743f4e2cf7b/',
      'https://example.org/news/topics/%E5%8C%97%E7%BA%A6/',
    ]);
  });

  it('writes well-formed XML, escaping what a page address may hold that XML text may not', async () => {
    const out = await writeSitemap(['', 'a&b/', "it's/"]);
    const xml = readFileSync(join(out, 'sitemap-0.xml'), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?><urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"><url><loc>/);
    assert.ok(xml.includes('<loc>https://example.org/news/a&#38;b/</loc>'), xml);
    assert.doesNotThrow(() => execFileSync('xmllint', ['--noout', join(out, 'sitemap-0.xml'), join(out, 'sitemap-index.xml')], { stdio: 'pipe' }));
    assert.deepEqual(locs(xml).map((loc) => loc.replaceAll('&#38;', '&').replaceAll('&#39;', "'")), ['https://example.org/news/', 'https://example.org/news/a&b/', "https://example.org/news/it's/"]);
  });

  it('splits past 45,000 pages into several files, each named in the index', async () => {
    const pages = Array.from({ length: 45_001 }, (_, index) => `articles/${index.toString(16).padStart(16, '0')}/`);
    const out = await writeSitemap(pages);
    const index = locs(readFileSync(join(out, 'sitemap-index.xml'), 'utf8'));
    assert.deepEqual(index, ['https://example.org/news/sitemap-0.xml', 'https://example.org/news/sitemap-1.xml']);
    const listed = ['sitemap-0.xml', 'sitemap-1.xml'].map((file) => locs(readFileSync(join(out, file), 'utf8')));
    assert.deepEqual(listed.map((urls) => urls.length), [45_000, 1]);
    assert.equal(new Set(listed.flat()).size, 45_001);
  });
});
