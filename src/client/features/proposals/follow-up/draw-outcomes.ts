/** Chart.js for the follow-up: the bar chart's parts (charts/bar-chart.ts) and a legend for the stacked results. */
import { Chart, Legend } from 'chart.js';
export { drawChart } from '../../../charts/bar-chart.ts';

Chart.register(Legend);
