/**
 * The follow-up's chart: per year, a stacked bar of how the proposals ended. Built without Chart.js
 * (types only), so it is tested in Node; drawn by draw-outcomes.ts, loaded only with the chart. In a
 * right-to-left language the years run from the right.
 */
import type { ChartConfiguration } from 'chart.js';
import type { Result } from '../../../../shared/domain/proposal.ts';
import { RESULTS, type YearOutcomes } from '../archive/archive.ts';

export type OutcomeChartConfig = ChartConfiguration<'bar', number[], string | string[]>;

/** Distinguishable colours with AA contrast against white, in the results' order. */
const COLOURS: Readonly<Record<Result, string>> = {
  yes: '#1b7a3e',
  partly: '#0b5394',
  no: '#b3261e',
  pending: '#6b6b6b',
  withdrawn: '#7a4f01',
};

export function outcomeChartConfig(
  rows: readonly YearOutcomes[],
  settings: {
    readonly labels: (result: Result) => string;
    readonly locale: string;
    readonly rtl: boolean;
    readonly fontFamily: string;
    readonly reducedMotion: boolean;
  },
): OutcomeChartConfig {
  const font = { family: settings.fontFamily, size: 14 };
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => String(r.year)),
      datasets: RESULTS.map((result) => ({
        label: settings.labels(result),
        data: rows.map((r) => r.counts[result]),
        backgroundColor: COLOURS[result],
        stack: 'outcomes',
      })),
    },
    options: {
      locale: settings.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: settings.reducedMotion ? false : { duration: 250 },
      events: [],
      plugins: { legend: { display: true, rtl: settings.rtl, labels: { font, color: '#1a1a1a' } } },
      scales: {
        x: { type: 'category', stacked: true, reverse: settings.rtl, ticks: { font, color: '#1a1a1a' } },
        y: {
          type: 'linear',
          stacked: true,
          beginAtZero: true,
          position: settings.rtl ? 'right' : 'left',
          ticks: { precision: 0, font, color: '#1a1a1a' },
        },
      },
    },
  };
}
