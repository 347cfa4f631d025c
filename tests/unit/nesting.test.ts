import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Parser } from 'htmlparser2';
import { toArticleEntry } from '../../src/lib/article.ts';
import { cleanArticleHtml } from '../../src/lib/clean.ts';
import { NESTING_LIMIT } from '../../src/lib/sanitize.ts';
import { flattenBeyond, nestsDeeperThan } from '../../src/lib/nesting.ts';
import { FIXED_NOW } from '../support/clock.ts';
import { FIXTURES_DIR } from '../support/corpus.ts';
import { listGoldenCases, readGoldenCapture } from '../support/golden.ts';

/** The most elements htmlparser2 holds open at once over the whole of `html`, with no limit. */
function parserDepth(html: string): number {
  let depth = 0;
  let max = 0;
  const parser = new Parser({ onopentag: () => (max = Math.max(max, ++depth)), onclosetag: () => depth-- }, { decodeEntities: true });
  parser.end(html);
  return max;
}

/** The elements the parser builds, by name, and its text, for comparing markup before and after. */
function elementsAndText(html: string): { elements: Map<string, number>; text: string } {
  const elements = new Map<string, number>();
  let text = '';
  const parser = new Parser({ onopentag: (name) => elements.set(name, (elements.get(name) ?? 0) + 1), ontext: (data) => (text += data) }, { decodeEntities: true });
  parser.end(html);
  return { elements, text };
}

const hostileBodies = () =>
  readdirSync(join(FIXTURES_DIR, 'hostile'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ name: `hostile/${file}`, html: readFileSync(join(FIXTURES_DIR, 'hostile', file), 'utf8') }));
const captureBodies = () => listGoldenCases().map((name) => ({ name, html: readGoldenCapture(name).bodyHtml }));

const nested = (open: string, close: string, count: number, middle = 'x') => open.repeat(count) + middle + close.repeat(count);

/** Shapes that nest deep, each written to trip a different reading of the markup. */
const DEEP_SHAPES: { name: string; html: string }[] = [
  { name: 'closed divs', html: nested('<div>', '</div>', 2000, '文') },
  { name: 'unclosed inline tags', html: '<b>文'.repeat(2000) },
  { name: 'paragraphs each holding an unclosed font', html: '<p><font color="red">文'.repeat(2000) },
  { name: 'end tags of elements that are not open', html: '<div>文</span>'.repeat(2000) },
  { name: 'end tags inside comments', html: '<div>文<!--</div>-->'.repeat(2000) },
  { name: 'end tags inside a script', html: '<div>文<script></div></div></script>'.repeat(2000) },
  { name: 'end tags inside a textarea', html: '<span>文<textarea></span></textarea>'.repeat(2000) },
  { name: 'attributes holding markup', html: '<div title="</div>" data-x=\'<div>\'>文'.repeat(2000) },
  { name: 'mixed case and tags ended by the text', html: '<DIV>文<Section class=a'.repeat(2000) },
  { name: 'a lone < before each tag', html: '<<b>文>'.repeat(2000) },
];

describe('nestsDeeperThan: htmlparser2’s own depth', () => {
  const cases = [...captureBodies(), ...hostileBodies(), ...DEEP_SHAPES];
  for (const { name, html } of cases) {
    it(name, () => {
      const depth = parserDepth(html);
      assert.equal(nestsDeeperThan(html, depth), false);
      if (depth > 0) assert.equal(nestsDeeperThan(html, depth - 1), true);
    });
  }
  it('counts what the parser closes by itself, and void elements, as the parser does', () => {
    assert.equal(nestsDeeperThan('<p>a'.repeat(2000), 1), false);
    assert.equal(nestsDeeperThan('<li>a'.repeat(2000), 1), false);
    assert.equal(nestsDeeperThan('<br><img src="x.jpg"><hr>'.repeat(2000), 1), false);
    assert.equal(nestsDeeperThan('<br><img src="x.jpg"><hr>'.repeat(2000), 0), true);
    assert.equal(nestsDeeperThan(`<script>${'<div>'.repeat(2000)}</script>`, 1), false);
    assert.equal(nestsDeeperThan(`<b>${'<div>'.repeat(2000)}</b>`, 1999), true);
  });
});

describe('flattenBeyond', () => {
  it('returns every real body as it is, at the limit the cleaning uses: none nests near it', () => {
    for (const { name, html } of captureBodies()) assert.equal(flattenBeyond(html, NESTING_LIMIT - 1), html, name);
  });
  for (const { name, html } of DEEP_SHAPES) {
    it(`${name}: the parser then nests no deeper than the limit (a raw-text element one deeper), and every text stays`, () => {
      const limit = 32;
      assert.ok(parserDepth(html) > limit);
      const flat = flattenBeyond(html, limit);
      const allowed = /<(script|textarea)/.test(html) ? limit + 1 : limit;
      assert.ok(parserDepth(flat) <= allowed, `${parserDepth(flat)} deep`);
      const before = elementsAndText(html);
      const after = elementsAndText(flat);
      assert.equal(after.text.replace(/\s+/g, ''), before.text.replace(/\s+/g, ''));
      for (const [element, count] of after.elements) assert.ok(count <= (before.elements.get(element) ?? 0), `no new <${element}>`);
    });
  }
  it('keeps the elements within the limit whole, with their attributes', () => {
    const html = `<blockquote cite="https://a.org/"><p>${nested('<span class="k">', '</span>', 10, '深')}</p></blockquote>`;
    assert.equal(flattenBeyond(html, 3), '<blockquote cite="https://a.org/"><p><span class="k">深</span></p></blockquote>');
  });
  it('never drops the start of a raw-text element, whose text would turn into markup', () => {
    const flat = flattenBeyond(`${'<div>'.repeat(40)}<script>${'<div>'.repeat(2000)}</script>`, 32);
    assert.ok(parserDepth(flat) <= 33);
    assert.ok(flat.endsWith(`<script>${'<div>'.repeat(2000)}</script>`));
  });
});

describe('cleanArticleHtml on markup nested too deep', () => {
  const baseUrl = 'https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/20240202-x';
  for (const { name, html } of DEEP_SHAPES) {
    it(`${name}, 6,000 times over: flattened, its text kept`, () => {
      const deep = html.repeat(3);
      const cleaned = cleanArticleHtml(deep, { baseUrl });
      assert.equal(cleaned.refusal, undefined);
      assert.ok(parserDepth(cleaned.html) <= NESTING_LIMIT, 'the allow-list’s own nesting limit holds');
      assert.equal(cleaned.text.match(/文/g)?.length, deep.match(/文/g)?.length);
    });
  }
  it('refuses a body that nests too deep in a way the flattening does not read (a style element inside SVG)', () => {
    const html = `<p>前言</p><svg><style>${'<g>'.repeat(600)}</style></svg>`;
    assert.ok(nestsDeeperThan(html, 512));
    const refusal = `its markup nests more than ${NESTING_LIMIT} elements deep, in a way that cannot be flattened`;
    assert.deepEqual(cleanArticleHtml(html, { baseUrl }), { html: '', text: '', lead: '', refusal });
    const capture = `<!--1706900000000-->\n[标题](${baseUrl})\n------\n\n${html}\n`;
    const result = toArticleEntry(new TextEncoder().encode(capture), { now: FIXED_NOW });
    assert.deepEqual(result, { ok: false, reason: `the body cannot be read: ${refusal}`, url: baseUrl });
  });
  it('cleans a body just within the limit unflattened, and flattens one just past it', () => {
    const within = cleanArticleHtml(nested('<div>', '</div>', NESTING_LIMIT - 2, '<p>深<b>度</b></p>'), { baseUrl });
    assert.equal(parserDepth(within.html), NESTING_LIMIT);
    assert.ok(within.html.includes('<p>深<b>度</b></p>'));
    const past = cleanArticleHtml(nested('<div>', '</div>', NESTING_LIMIT + 5, '<p>深<b>度</b></p>'), { baseUrl });
    assert.equal(past.refusal, undefined);
    assert.ok(parserDepth(past.html) < NESTING_LIMIT);
    assert.equal(past.text, '深度');
  });
});
