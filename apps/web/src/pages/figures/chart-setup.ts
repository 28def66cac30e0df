import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip } from 'chart.js';

/** Only the parts these charts use, so the figures chunk stays small. */
Chart.register(CategoryScale, LinearScale, BarElement, LineElement, PointElement, Tooltip, Legend);

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by pattern and legend text too. */
export const COLOURS = {
  blue: '#1f5fbf',
  orange: '#a34f00',
  green: '#2e7d32',
  grey: '#5f6368',
  red: '#b3261e',
};
