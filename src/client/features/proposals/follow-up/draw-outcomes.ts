/** Chart.js for the follow-up: the dot-vote chart's bar parts (vote-chart.ts) and a legend for the stacked results. */
import { Chart, Legend } from 'chart.js';
export { drawChart } from '../../dialogues/voting/vote-chart.ts';

Chart.register(Legend);
