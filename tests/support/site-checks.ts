import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { listFiles, readText } from './build.ts';

/** Checks on a built site, shared by the build tests and scripts/check-site.ts (for builds too big for a test). */

/** Every internal href and src of every page resolves to a file in the build; returns how many were checked. */
export function assertLinksResolve(outDir: string, base: string): number {
  let checked = 0;
  for (const page of listFiles(outDir).filter((file) => file.endsWith('.html'))) {
    const $ = load(readText(join(outDir, page)));
    $('[href], [src]').each((_, el) => {
      const value = $(el).attr('href') ?? $(el).attr('src')!;
      // Elsewhere, or a place on the same page (the skip link).
      if (/^(?:https?:)?\/\/|^mailto:|^#/.test(value)) return;
      assert.ok(value.startsWith(base), `${page}: ${value} is outside ${base}`);
      const target = join(outDir, decodeURIComponent(value.slice(base.length).split(/[?#]/)[0]));
      assert.ok(existsSync(value.endsWith('/') ? join(target, 'index.html') : target), `${page}: ${value}`);
      checked++;
    });
  }
  return checked;
}

/** Ids of the articles linked from the pages under `folder` (all their paginated pages included). */
export function articlesLinkedUnder(outDir: string, folder: string): Set<string> {
  const ids = new Set<string>();
  for (const page of listFiles(outDir).filter((file) => file.startsWith(folder) && file.endsWith('.html'))) {
    const $ = load(readText(join(outDir, page)));
    $('.article-card .card-title a').each((_, a) => {
      const id = /\/articles\/([0-9a-f]{16})\/$/.exec($(a).attr('href') ?? '')?.[1];
      if (id) ids.add(id);
    });
  }
  return ids;
}


/** The year, month and day counts of the archive pages add up; returns the total on the archive root. */
export function assertArchiveCountsAddUp(outDir: string): number {
  const count = (text: string) => Number(/(\d+)/.exec(text)![1]);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const root = load(readText(join(outDir, 'archive/index.html')));
  const total = sum(root('.archive-years > li h2 .count').map((_, el) => count(root(el).text())).get());
  for (const year of readdirSync(join(outDir, 'archive')).filter((name) => /^\d{4}$/.test(name))) {
    const $ = load(readText(join(outDir, 'archive', year, 'index.html')));
    assert.equal(sum($('.archive-months li .count').map((_, el) => count($(el).text())).get()), count($('main > p.muted').text()), year);
    for (const month of readdirSync(join(outDir, 'archive', year)).filter((name) => /^\d{2}$/.test(name))) {
      const m = load(readText(join(outDir, 'archive', year, month, 'index.html')));
      assert.equal(sum(m('.archive-days li .count').map((_, el) => count(m(el).text())).get()), count(m('main > p.muted').text()), `${year}-${month}`);
    }
  }
  return total;
}

/** Ids of all article pages in the build. */
export function articlePageIds(outDir: string): Set<string> {
  return new Set(listFiles(outDir).flatMap((file) => /^articles\/([0-9a-f]{16})\/index\.html$/.exec(file)?.[1] ?? []));
}
