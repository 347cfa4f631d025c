import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bodyEdges, edgeKeys, edgeLineKey, findBoilerplateSuspects, SuspectCounter, SUSPECT_OPTIONS, withLineText } from '../../src/lib/boilerplate-suspects.ts';
import { loadSmallArchive } from '../support/small-archive.ts';

const paragraphs = (...lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('');

describe('bodyEdges', () => {
  const cases = [
    { name: 'the first and last three lines of a long body', html: paragraphs('1', '2', '3', '4', '5', '6', '7', '8'), start: ['1', '2', '3'], end: ['6', '7', '8'] },
    { name: 'a short body is read once: its end is what the start left', html: paragraphs('1', '2', '3', '4'), start: ['1', '2', '3'], end: ['4'] },
    { name: 'a body of one line has only a start', html: paragraphs('only'), start: ['only'], end: [] },
    { name: 'breaks, list items and headings end lines too', html: '<h2>a</h2><p>b<br>c</p><ul><li>d</li><li>e</li></ul>', start: ['a', 'b', 'c'], end: ['d', 'e'] },
    { name: 'blanks are collapsed and entities read', html: paragraphs('  a \u00a0 b  ', 'x &amp; y'), start: ['a b', 'x & y'], end: [] },
    { name: 'lines without a letter or digit are not lines', html: paragraphs('—', '* * *', 'text', '·'), start: ['text'], end: [] },
    { name: 'a line repeated at one edge counts once', html: paragraphs('same', 'same', 'other'), start: ['same', 'other'], end: [] },
    { name: 'images alone make no line', html: '<figure><img src="https://a.example/1.jpg" alt="x"></figure><p>text</p>', start: ['text'], end: [] },
  ];
  for (const { name, html, start, end } of cases) it(name, () => assert.deepEqual(bodyEdges(html), { start, end }));
  it('cuts a long line to the length kept', () => {
    const [line] = bodyEdges(`<p>${'长'.repeat(500)}</p>`).start;
    assert.equal(line, `${'长'.repeat(SUSPECT_OPTIONS.maxLineLength - 1)}…`);
  });
});

describe('findBoilerplateSuspects', () => {
  const body = (n: number, ...extra: string[]) => ({ id: `id-${String(n).padStart(2, '0')}`, html: paragraphs(...extra) });
  const filler = (n: number) => [`first ${n}`, `second ${n}`, `third ${n}`, `fourth ${n}`, `fifth ${n}`, `sixth ${n}`, `seventh ${n}`];
  it('finds a closing line in one article of five, with its count, share and smallest id', () => {
    const bodies = Array.from({ length: 20 }, (_, n) => body(n, ...filler(n), ...(n % 5 === 2 ? ['Copyright line.'] : [])));
    assert.deepEqual(findBoilerplateSuspects(bodies), [{ line: 'Copyright line.', edge: 'end', articles: 4, share: 0.2, example: 'id-02' }]);
  });
  it('leaves a line just under one in five alone', () => {
    const bodies = Array.from({ length: 21 }, (_, n) => body(n, ...filler(n), ...(n % 5 === 2 ? ['Copyright line.'] : [])));
    assert.deepEqual(findBoilerplateSuspects(bodies), []);
  });
  it('needs the minimum count however few articles an outlet has', () => {
    const bodies = [body(1, 'Subscribe.', ...filler(1)), body(2, 'Subscribe.', ...filler(2)), body(3, ...filler(3))];
    assert.deepEqual(findBoilerplateSuspects(bodies), []);
    assert.equal(findBoilerplateSuspects(bodies, { ...SUSPECT_OPTIONS, minArticles: 2 })[0].articles, 2);
  });
  it('never counts a line in the middle of the bodies', () => {
    const bodies = Array.from({ length: 6 }, (_, n) => body(n, ...filler(n).slice(0, 3), 'A middle line.', ...filler(n).slice(3)));
    assert.deepEqual(findBoilerplateSuspects(bodies), []);
  });
  it('counts an opening and a closing line apart, most articles first', () => {
    const bodies = Array.from({ length: 6 }, (_, n) => body(n, 'Dateline.', ...filler(n), ...(n < 4 ? ['Ends.'] : [])));
    assert.deepEqual(findBoilerplateSuspects(bodies).map(({ line, edge, articles }) => [line, edge, articles]), [['Dateline.', 'start', 6], ['Ends.', 'end', 4]]);
  });
});

describe('findBoilerplateSuspects on the small archive', () => {
  const { articles } = loadSmallArchive();
  const ofOutlet = (slug: string) => [...articles.values()].filter((article) => article.data.outlet.slug === slug);
  it('finds the opening tag and the copyright line of one outlet', () => {
    const harbour = ofOutlet('harbour-times.example');
    const example = (line: string) => harbour.filter((article) => article.html.includes(line)).map((article) => article.id).sort()[0];
    assert.deepEqual(findBoilerplateSuspects(harbour), [
      { line: '港湾时报版权所有，未经许可请勿转载。', edge: 'end', articles: 5, share: 0.833, example: example('版权所有') },
      { line: '【港湾时报讯】', edge: 'start', articles: 4, share: 0.667, example: example('港湾时报讯') },
    ]);
  });
  it('leaves a line that closes half of another outlet’s four bodies alone', () => {
    assert.deepEqual(findBoilerplateSuspects(ofOutlet('valley-post.example')), []);
  });
});

describe('suspects counted over line keys', () => {
  const paragraphsOf = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('');
  // Ties in count and edge, so that the order by line text shows; and lines that differ only slightly.
  const bodies = Array.from({ length: 12 }, (_, n) => ({
    id: `id-${String(n).padStart(2, '0')}`,
    html: paragraphsOf([n % 2 ? '本报讯' : '本报讯。', n % 2 ? 'Zeta 开头' : 'Alpha 开头', `正文 ${n}`, `正文 ${n} 续`, n % 2 ? '版权所有' : '（完）', n % 4 ? '编辑：甲' : '编辑：乙']),
  }));
  it('are the suspects counted over the text, once each line key is read back from its example', () => {
    const counter = new SuspectCounter();
    const text = new Map<string, string>();
    for (const { id, html } of bodies) {
      const edges = bodyEdges(html);
      for (const line of [...edges.start, ...edges.end]) text.set(edgeLineKey(line), line);
      counter.add(id, edgeKeys(edges));
    }
    const examples: string[] = [];
    const suspects = withLineText(counter.suspects(), (key, _edge, example) => {
      examples.push(example);
      return text.get(key)!;
    });
    const expected = findBoilerplateSuspects(bodies);
    assert.ok(expected.length >= 6, `${expected.length} suspects`);
    assert.deepEqual(suspects, expected);
    assert.deepEqual(examples.toSorted(), expected.map((suspect) => suspect.example).toSorted());
  });
  it('keys lines apart that differ by one character', () => {
    assert.notEqual(edgeLineKey('本报讯'), edgeLineKey('本报讯。'));
    assert.equal(edgeLineKey('本报讯'), edgeLineKey('本报讯'));
    assert.equal(edgeLineKey('港湾时报版权所有，未经许可请勿转载。').length, 16);
  });
});
