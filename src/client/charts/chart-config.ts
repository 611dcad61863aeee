/**
 * A horizontal bar chart (a dot vote's results, Open Space actions by status) as a Chart.js
 * configuration: built here without Chart.js itself (types only), so it is tested in Node and the
 * library loads only with the chart (bar-chart.ts). One bar per row; in a right-to-left language the
 * chart is mirrored: bars grow from the right and the names stand on the right.
 */
import type { ChartConfiguration } from 'chart.js';

/** One bar: its name and its value (a whole number). */
export interface BarRow {
  readonly name: string;
  readonly value: number;
}

export type BarChartConfig = ChartConfiguration<'bar', number[], string | string[]>;

export interface ChartSettings {
  /** The axis title, in the app's language. */
  readonly axis: string;
  /** The app's language: numbers on the axis are written as in it. */
  readonly locale: string;
  readonly rtl: boolean;
  /** The page's font stack, so theme names in any script draw as in the rest of the app. */
  readonly fontFamily: string;
  readonly reducedMotion: boolean;
}

// The app's colours (app.css): brand blue bars, ink text, a light grid; AA contrast on white.
const BAR = '#0b5394';
const INK = '#1a1a1a';
const GRID = '#d9d9d9';
/** Names longer than this wrap onto more lines, so a phone's narrow chart keeps its bars. */
export const LABEL_LINE = 22;

/** A name as lines of at most `width` characters, broken between words (a long word stays whole). */
export function wrapLabel(name: string, width: number = LABEL_LINE): string | string[] {
  if (name.length <= width) return name;
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.length === 1 ? lines[0]! : lines;
}

export function barChartConfig(rows: readonly BarRow[], settings: ChartSettings): BarChartConfig {
  const font = { family: settings.fontFamily, size: 14 };
  return {
    type: 'bar',
    data: {
      labels: rows.map((row) => wrapLabel(row.name)),
      datasets: [
        {
          label: settings.axis,
          data: rows.map((row) => row.value),
          backgroundColor: BAR,
          borderRadius: 4,
          maxBarThickness: 36,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      locale: settings.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: settings.reducedMotion ? false : { duration: 250 },
      // Nothing to hover or tap: the numbers are in the table beside the chart.
      events: [],
      scales: {
        x: {
          type: 'linear',
          reverse: settings.rtl,
          beginAtZero: true,
          ticks: { precision: 0, color: INK, font },
          grid: { color: GRID },
          title: { display: true, text: settings.axis, color: INK, font },
        },
        y: {
          type: 'category',
          position: settings.rtl ? 'right' : 'left',
          ticks: { color: INK, font },
          grid: { display: false },
        },
      },
    },
  };
}
