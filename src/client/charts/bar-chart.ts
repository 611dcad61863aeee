/**
 * Chart.js, loaded only when a chart is shown (BarChart.svelte imports this module dynamically),
 * with only what a horizontal bar chart needs registered, so the rest is left out of the bundle. No
 * tooltip or legend: the table beside every chart has the numbers.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';
import type { BarChartConfig } from './chart-config.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale);

export interface DrawnChart {
  /** Show new numbers or settings (a vote arrived, the language changed). */
  update(config: BarChartConfig): void;
  /** As Chart.js resolved them: is the value axis reversed, and where do the theme names stand? */
  layout(): { readonly mirrored: boolean; readonly labelsAt: string };
  destroy(): void;
}

export function drawChart(canvas: HTMLCanvasElement, config: BarChartConfig): DrawnChart {
  const chart = new Chart(canvas, config);
  return {
    update(next) {
      chart.data = next.data;
      chart.options = next.options ?? {};
      chart.update();
    },
    layout() {
      const scales = chart.options.scales ?? {};
      return {
        mirrored: scales.x?.reverse === true,
        labelsAt: String(scales.y?.position ?? ''),
      };
    },
    destroy() {
      chart.destroy();
    },
  };
}
