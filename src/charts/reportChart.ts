import { createCanvas } from '@napi-rs/canvas';
import {
  type ChartConfiguration,
  type ChartItem,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
} from 'chart.js';
import { monthLabel, type ProgrammeReport } from '../domain/report/index.js';
import { CHART_FONT, registerChartFont } from './fonts.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Title);

export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 500;

/**
 * A PNG of check-ins met per month (bars) and the average check-in rating per month (line; months with
 * fewer answers than the aggregation threshold have no point). Rendered server-side with Chart.js on
 * @napi-rs/canvas (Skia, prebuilt per platform in npm packages: nothing to compile or download).
 */
export async function renderReportChart(report: ProgrammeReport): Promise<Buffer> {
  registerChartFont();
  const canvas = createCanvas(CHART_WIDTH, CHART_HEIGHT);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
  const labels = report.checkInsByMonth.map((m) => monthLabel(m.month));
  const chart = new Chart(
    ctx as unknown as ChartItem,
    {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'bar',
            label: 'Check-ins met',
            data: report.checkInsByMonth.map((m) => m.met),
            backgroundColor: '#2e8b57',
            yAxisID: 'met',
            order: 2,
          },
          {
            type: 'line',
            label: 'Average rating (1-5)',
            data: report.ratingsByMonth.map((m) => (m.average === null ? null : Math.round(m.average * 100) / 100)),
            borderColor: '#c0392b',
            backgroundColor: '#c0392b',
            yAxisID: 'rating',
            spanGaps: false,
            order: 1,
          },
        ],
      },
      options: {
        animation: false,
        responsive: false,
        devicePixelRatio: 1,
        font: { family: CHART_FONT },
        plugins: {
          title: {
            display: true,
            text: `${report.programme.name}: check-ins met and average rating per month`,
            font: { family: CHART_FONT, size: 18 },
          },
          legend: { labels: { font: { family: CHART_FONT, size: 13 } } },
        },
        scales: {
          x: { ticks: { font: { family: CHART_FONT } } },
          met: {
            type: 'linear',
            position: 'left',
            beginAtZero: true,
            title: { display: true, text: 'Check-ins met', font: { family: CHART_FONT } },
            ticks: { precision: 0, font: { family: CHART_FONT } },
          },
          rating: {
            type: 'linear',
            position: 'right',
            min: 1,
            max: 5,
            grid: { drawOnChartArea: false },
            title: { display: true, text: 'Average rating', font: { family: CHART_FONT } },
            ticks: { font: { family: CHART_FONT } },
          },
        },
      },
    } as ChartConfiguration<'bar', Array<number | null>, string>,
  );
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
