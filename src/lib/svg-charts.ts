/**
 * Charts as geometry: where each bar, line and label of a small SVG chart goes, computed at build
 * time so that a page draws the chart with no script. Coordinates are in the chart's own units
 * (its viewBox); labels are plain text the page writes as text, never markup.
 */

/** Width of every chart: about a phone's width in CSS pixels, so that its text stays legible when it is shown that wide. */
export const CHART_WIDTH = 340;
/** Font size of labels, in chart units. */
export const FONT_SIZE = 12;

export interface ChartItem {
  label: string;
  value: number;
}

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  item: ChartItem;
}

export interface ChartText {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  /** A value or axis label (drawn muted) rather than a category's name. */
  muted?: boolean;
}

export interface ChartLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Chart {
  width: number;
  height: number;
  bars: ChartBar[];
  texts: ChartText[];
  gridLines: ChartLine[];
}

/** Estimated width of text in chart units: CJK and other wide characters one em, the rest about 0.6 em. */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let ems = 0;
  for (const char of text) ems += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(char) ? 1 : 0.6;
  return ems * fontSize;
}

/** The text cut to fit `width` (with "…"), whole when it fits. */
export function fitText(text: string, width: number, fontSize = FONT_SIZE): string {
  if (textWidth(text, fontSize) <= width) return text;
  const chars = [...text];
  while (chars.length && textWidth(`${chars.join('')}…`, fontSize) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** The smallest number of the form 1, 2 or 5 × 10ⁿ at or above `value` (1 for 0 or less). */
export function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;
const GAP = 6;

/**
 * Horizontal bars, one row per item in the order given: the label on the left (cut to at most 45%
 * of the width), the bar, and the value after it.
 */
export function horizontalBarChart(items: readonly ChartItem[], width = CHART_WIDTH): Chart {
  const labelWidth = Math.min(Math.max(0, ...items.map((item) => textWidth(item.label))), width * 0.45);
  const valueWidth = Math.max(0, ...items.map((item) => textWidth(item.value.toLocaleString('en'))));
  const barStart = labelWidth + GAP;
  const barSpace = Math.max(width - barStart - GAP - valueWidth, 1);
  const max = Math.max(1, ...items.map((item) => item.value));
  const bars: ChartBar[] = [];
  const texts: ChartText[] = [];
  items.forEach((item, row) => {
    const top = row * ROW_HEIGHT;
    const length = round((item.value / max) * barSpace);
    const baseline = round(top + ROW_HEIGHT / 2 + FONT_SIZE * 0.35);
    bars.push({ x: round(barStart), y: top + (ROW_HEIGHT - BAR_HEIGHT) / 2, width: length, height: BAR_HEIGHT, item });
    texts.push({ x: round(labelWidth), y: baseline, text: fitText(item.label, labelWidth), anchor: 'end' });
    texts.push({ x: round(barStart + length + GAP / 2), y: baseline, text: item.value.toLocaleString('en'), anchor: 'start', muted: true });
  });
  return { width, height: items.length * ROW_HEIGHT, bars, texts, gridLines: [] };
}

const PLOT_TOP = 8;
const PLOT_HEIGHT = 130;
const AXIS_LABEL_HEIGHT = 20;
const MAX_COLUMN = 28;

/**
 * Columns over time, one per item in the order given (months, say, oldest first): grid lines at
 * zero, half and the top of the scale with their values on the left, and under the columns the
 * labels `axisLabel` gives (the year at January, say), thinned so that they never overlap.
 */
export function columnChart(items: readonly ChartItem[], axisLabel: (item: ChartItem, index: number) => string | undefined, width = CHART_WIDTH): Chart {
  const top = niceCeiling(Math.max(0, ...items.map((item) => item.value)));
  const ticks = [0, top / 2, top].filter((tick) => Number.isInteger(tick));
  const left = Math.max(...ticks.map((tick) => textWidth(tick.toLocaleString('en')))) + GAP;
  const slot = (width - left) / Math.max(items.length, 1);
  // Few items do not make a wall: a column is at most MAX_COLUMN wide, in the middle of its slot.
  const columnWidth = round(Math.min(Math.max(slot * 0.8, Math.min(slot, 1)), MAX_COLUMN));
  const yOf = (value: number) => round(PLOT_TOP + PLOT_HEIGHT * (1 - value / top));
  const bars = items.map((item, index) => ({
    x: round(left + index * slot + (slot - columnWidth) / 2),
    y: yOf(item.value),
    width: columnWidth,
    height: round(PLOT_HEIGHT * (item.value / top)),
    item,
  }));
  const gridLines = ticks.map((tick) => ({ x1: left, y1: yOf(tick), x2: width, y2: yOf(tick) }));
  const texts: ChartText[] = ticks.map((tick) => ({ x: left - GAP / 2, y: round(yOf(tick) + FONT_SIZE * 0.35), text: tick.toLocaleString('en'), anchor: 'end', muted: true }));
  let freeFrom = left;
  items.forEach((item, index) => {
    const label = axisLabel(item, index);
    if (!label) return;
    const x = bars[index].x;
    if (x < freeFrom) return;
    const labelWidth = textWidth(label);
    if (x + labelWidth > width) return;
    texts.push({ x: round(x), y: PLOT_TOP + PLOT_HEIGHT + AXIS_LABEL_HEIGHT - 4, text: label, anchor: 'start' });
    freeFrom = x + labelWidth + GAP;
  });
  return { width, height: PLOT_TOP + PLOT_HEIGHT + AXIS_LABEL_HEIGHT, bars, texts, gridLines };
}

/** To a tenth of a unit: enough for any screen, and short in the page. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** The first `limit` items, and when more are left, one more item that sums them under the label `rest(count)`. */
export function withRest(items: readonly ChartItem[], limit: number, rest: (count: number) => string): ChartItem[] {
  if (items.length <= limit) return [...items];
  const left = items.slice(limit - 1);
  return [...items.slice(0, limit - 1), { label: rest(left.length), value: left.reduce((sum, item) => sum + item.value, 0) }];
}
