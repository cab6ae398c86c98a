import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { formatCount, formatFen, formatYuanShort, monthLabel } from '../shared/format';
import type { ImpactPoint } from './queries';

// Only the pieces used, so the bundle keeps Chart.js's tree-shaken size.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const FONT = getComputedStyle(document.documentElement).getPropertyValue('--font') || 'sans-serif';
Chart.defaults.font.family = FONT;
Chart.defaults.color = '#5b6661';

const INCOME = '#e07a1f';
const VILLAGES = '#0f6e4f';

/**
 * Income to registered-poor households per month (bars, yuan, left axis) and villages reached since
 * the start of the range (line, right axis). The same numbers are in a table below it for screen
 * readers and for anyone who wants the exact figures.
 */
export function ImpactChart(props: { points: ImpactPoint[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    const labels = props.points.map((p) => monthLabel(p.periodStart));
    const income = props.points.map((p) => p.incomeToRegisteredPoorFen / 100);
    const villages = props.points.map((p) => p.cumulativeVillagesReached);
    if (!chart.current) {
      chart.current = new Chart(canvas.current!, {
        data: {
          labels,
          datasets: [
            {
              type: 'line',
              label: 'Villages reached (cumulative)',
              data: villages,
              yAxisID: 'villages',
              borderColor: VILLAGES,
              backgroundColor: VILLAGES,
              borderWidth: 3,
              pointRadius: 3,
              stepped: false,
              tension: 0,
              order: 0,
            },
            {
              type: 'bar',
              label: 'Income to registered-poor households (¥)',
              data: income,
              yAxisID: 'income',
              backgroundColor: INCOME,
              borderRadius: 3,
              maxBarThickness: 36,
              order: 1,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 14, usePointStyle: false } },
            tooltip: {
              callbacks: {
                label: (item) =>
                  item.dataset.yAxisID === 'income'
                    ? ` Income to registered-poor: ${formatFen(Math.round((item.parsed.y ?? 0) * 100))}`
                    : ` Villages reached so far: ${formatCount(item.parsed.y ?? 0)}`,
              },
            },
          },
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
            income: {
              type: 'linear',
              position: 'left',
              beginAtZero: true,
              title: { display: true, text: 'Income (¥)', color: INCOME },
              ticks: { callback: (v) => formatYuanShort(Number(v)), maxTicksLimit: 6 },
              grid: { color: '#e9eeeb' },
            },
            villages: {
              type: 'linear',
              position: 'right',
              beginAtZero: true,
              title: { display: true, text: 'Villages', color: VILLAGES },
              ticks: { precision: 0, maxTicksLimit: 6 },
              grid: { display: false },
            },
          },
        },
      });
    } else {
      const c = chart.current;
      c.data.labels = labels;
      c.data.datasets[0].data = villages;
      c.data.datasets[1].data = income;
      c.update();
    }
  }, [props.points]);

  useEffect(() => () => chart.current?.destroy(), []);

  const empty = props.points.length === 0;
  return (
    <figure class="chart" data-testid="impact-chart" data-points={props.points.length}>
      <div class="chart__canvas">
        <canvas ref={canvas} role="img" aria-label="Chart: villages reached (cumulative) and income to registered-poor households by month. The exact figures are in the table below." />
        {empty && <p class="chart__empty">No delivered sales in this range.</p>}
      </div>
      <details class="chart__data">
        <summary>Figures by month</summary>
        <div class="table-scroll">
          <table class="table table--compact" data-testid="chart-data">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" class="num">Income to registered-poor</th>
                <th scope="col" class="num">Villages reached that month</th>
                <th scope="col" class="num">Villages reached so far</th>
              </tr>
            </thead>
            <tbody>
              {props.points.map((p) => (
                <tr key={p.periodStart}>
                  <th scope="row">{monthLabel(p.periodStart)}</th>
                  <td class="num">{formatFen(p.incomeToRegisteredPoorFen)}</td>
                  <td class="num">{formatCount(p.villagesReached)}</td>
                  <td class="num">{formatCount(p.cumulativeVillagesReached)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
