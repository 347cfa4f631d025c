import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHART_WIDTH, columnChart, fitText, horizontalBarChart, niceCeiling, textWidth, withRest, type Chart } from '../../src/lib/svg-charts.ts';

/** Every drawn thing lies inside the chart's box. */
function assertInside(chart: Chart) {
  for (const bar of chart.bars) {
    assert.ok(bar.x >= 0 && bar.y >= 0 && bar.width >= 0 && bar.height >= 0, JSON.stringify(bar));
    assert.ok(bar.x + bar.width <= chart.width + 0.05 && bar.y + bar.height <= chart.height + 0.05, JSON.stringify(bar));
  }
  for (const text of chart.texts) {
    const width = textWidth(text.text);
    const left = text.anchor === 'end' ? text.x - width : text.anchor === 'middle' ? text.x - width / 2 : text.x;
    assert.ok(left >= -0.05 && left + width <= chart.width + 0.05 && text.y <= chart.height, JSON.stringify(text));
  }
}

describe('textWidth, fitText and niceCeiling', () => {
  const widths = [
    { name: 'a Chinese character is one em', text: '中', width: 12 },
    { name: 'a Latin letter about 0.6 em', text: 'ab', width: 14.4 },
    { name: 'full-width punctuation is wide', text: '（）', width: 24 },
  ];
  for (const { name, text, width } of widths) it(name, () => assert.ok(Math.abs(textWidth(text) - width) < 1e-9));
  it('keeps text that fits, and cuts text that does not with an ellipsis that fits', () => {
    assert.equal(fitText('中国', 24), '中国');
    assert.equal(fitText('中华人民共和国', 48), '中华人…');
    assert.ok(textWidth(fitText('x'.repeat(100), 50)) <= 50);
  });
  const nice = [[0, 1], [1, 1], [3, 5], [7, 10], [10, 10], [11, 20], [260, 500], [5001, 10000]] as const;
  for (const [value, ceiling] of nice) it(`${value} rounds up to ${ceiling}`, () => assert.equal(niceCeiling(value), ceiling));
});

describe('horizontalBarChart', () => {
  const items = [{ label: 'RFI 法广', value: 25 }, { label: '中央社', value: 17 }, { label: 'A very long outlet name that cannot fit', value: 1 }, { label: '零', value: 0 }];
  const chart = horizontalBarChart(items);
  it('draws a row per item, in order, the largest bar the longest, bars in proportion', () => {
    assert.equal(chart.bars.length, 4);
    assert.deepEqual(chart.bars.map((bar) => bar.item), items);
    assert.ok(chart.bars.every((bar, i) => i === 0 || bar.y > chart.bars[i - 1].y));
    assert.ok(Math.abs(chart.bars[1].width / chart.bars[0].width - 17 / 25) < 0.01);
    assert.equal(chart.bars[3].width, 0);
  });
  it('labels each row with its name (cut when long) and its value', () => {
    const texts = chart.texts.map((text) => text.text);
    for (const label of ['RFI 法广', '中央社', '25', '17', '1', '0']) assert.ok(texts.includes(label), label);
    assert.ok(texts.some((text) => text.startsWith('A very') && text.endsWith('…')));
  });
  it('keeps everything inside its box, at the width of a phone', () => {
    assert.equal(chart.width, CHART_WIDTH);
    assert.equal(chart.height, 4 * 22);
    assertInside(chart);
  });
  it('draws nothing for no items', () => assert.deepEqual(horizontalBarChart([]).bars, []));
});

describe('columnChart', () => {
  const months = Array.from({ length: 30 }, (_, i) => ({ label: `${2023 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, '0')}`, value: (i * 37) % 120 }));
  const yearAtJanuary = (item: { label: string }, index: number) => (index === 0 || item.label.endsWith('-01') ? item.label.slice(0, 4) : undefined);
  const chart = columnChart(months, yearAtJanuary);
  it('draws a column per item, oldest first, heights in proportion on a round scale', () => {
    assert.equal(chart.bars.length, 30);
    assert.ok(chart.bars.every((bar, i) => i === 0 || bar.x > chart.bars[i - 1].x));
    const tallest = chart.bars.reduce((a, b) => (b.item.value > a.item.value ? b : a));
    assert.ok(Math.abs(tallest.height / 130 - tallest.item.value / 200) < 0.01, `${tallest.height}`);
    assert.deepEqual(chart.texts.filter((text) => text.muted).map((text) => text.text), ['0', '100', '200']);
    assert.equal(chart.gridLines.length, 3);
  });
  it('labels the first column and each January with its year', () => {
    assert.deepEqual(chart.texts.filter((text) => !text.muted).map((text) => text.text), ['2023', '2024', '2025']);
  });
  it('thins labels that would overlap', () => {
    const crowded = columnChart(months, (item) => item.label);
    const labels = crowded.texts.filter((text) => !text.muted);
    assert.ok(labels.length < 30 && labels.length > 3, `${labels.length}`);
    labels.forEach((text, i) => assert.ok(i === 0 || text.x >= labels[i - 1].x + textWidth(labels[i - 1].text)));
    assertInside(crowded);
  });
  it('keeps everything inside its box', () => assertInside(chart));
  it('draws one month, and an archive of zeros, without dividing by zero', () => {
    const one = columnChart([{ label: '2024-02', value: 2 }], () => '2024年2月');
    assert.equal(one.bars.length, 1);
    assert.ok(one.bars[0].height > 0 && one.bars[0].width === 28, JSON.stringify(one.bars[0]));
    assertInside(one);
    assert.ok(columnChart([{ label: 'x', value: 0 }], () => undefined).bars.every((bar) => bar.height === 0));
  });
});

describe('withRest', () => {
  const items = [5, 4, 3, 2, 1].map((value) => ({ label: `i${value}`, value }));
  const rest = (count: number) => `${count} more`;
  it('keeps a list that fits', () => assert.deepEqual(withRest(items, 5, rest), items));
  it('sums what does not fit into one last item, keeping the limit', () => {
    assert.deepEqual(withRest(items, 3, rest), [items[0], items[1], { label: '3 more', value: 6 }]);
  });
});
