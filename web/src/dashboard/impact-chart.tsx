import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { formatCount, formatFen, formatYuanShort } from '../shared/format';
import { Language, useT } from '../shared/i18n';
import { TableScroll, Th } from '../shared/ui';
import { NS } from './messages';
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
const monthFormats = new Map<Language, Intl.DateTimeFormat>();

/** "2026年3月" / "Mar 2026" for an instant in that Asia/Shanghai month. */
function monthName(iso: string, lang: Language): string {
  let format = monthFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'short' });
    monthFormats.set(lang, format);
  }
  return format.format(new Date(iso));
}

export function ImpactChart(props: { points: ImpactPoint[] }) {
  const { t, lang } = useT(NS);
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);

  useEffect(() => {
    const labels = props.points.map((p) => monthName(p.periodStart, lang));
    const income = props.points.map((p) => p.incomeToRegisteredPoorFen / 100);
    const villages = props.points.map((p) => p.cumulativeVillagesReached);
    if (!chart.current) {
      chart.current = new Chart(canvas.current!, {
        data: {
          labels,
          datasets: [
            {
              type: 'line',
              label: t('chart.villagesCum'),
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
              label: t('chart.income'),
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
                    ? t('chart.tipIncome', { amount: formatFen(Math.round((item.parsed.y ?? 0) * 100)) })
                    : t('chart.tipVillages', { count: formatCount(item.parsed.y ?? 0) }),
              },
            },
          },
          scales: {
            x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 8 } },
            income: {
              type: 'linear',
              position: 'left',
              beginAtZero: true,
              title: { display: true, text: t('chart.incomeAxis'), color: INCOME },
              ticks: { callback: (v) => formatYuanShort(Number(v)), maxTicksLimit: 6 },
              grid: { color: '#e9eeeb' },
            },
            villages: {
              type: 'linear',
              position: 'right',
              beginAtZero: true,
              title: { display: true, text: t('chart.villagesAxis'), color: VILLAGES },
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
      // The language may have changed since: the labels follow it.
      c.data.datasets[0].label = t('chart.villagesCum');
      c.data.datasets[1].label = t('chart.income');
      c.options.plugins!.tooltip!.callbacks!.label = (item) =>
        item.dataset.yAxisID === 'income'
          ? t('chart.tipIncome', { amount: formatFen(Math.round((item.parsed.y ?? 0) * 100)) })
          : t('chart.tipVillages', { count: formatCount(item.parsed.y ?? 0) });
      (c.options.scales!.income as { title: { text: string } }).title.text = t('chart.incomeAxis');
      (c.options.scales!.villages as { title: { text: string } }).title.text = t('chart.villagesAxis');
      c.update();
    }
  }, [props.points, lang]);

  useEffect(() => () => chart.current?.destroy(), []);

  const empty = props.points.length === 0;
  return (
    <figure class="chart" data-testid="impact-chart" data-points={props.points.length}>
      <div class="chart__canvas">
        <canvas ref={canvas} role="img" aria-label={t('chart.aria')} />
        {empty && <p class="chart__empty">{t('chart.empty')}</p>}
      </div>
      <details class="chart__data">
        <summary>{t('chart.data')}</summary>
        <TableScroll>
          <table class="table table--compact" data-testid="chart-data">
            <thead>
              <tr>
                <th scope="col">{t('month')}</th>
                <Th num>{t('impact.fig.incomeToRegisteredPoorFen')}</Th>
                <Th num>{t('chart.villagesMonth')}</Th>
                <Th num>{t('chart.villagesSoFar')}</Th>
              </tr>
            </thead>
            <tbody>
              {props.points.map((p) => (
                <tr key={p.periodStart}>
                  <th scope="row">{monthName(p.periodStart, lang)}</th>
                  <td class="num">{formatFen(p.incomeToRegisteredPoorFen)}</td>
                  <td class="num">{formatCount(p.villagesReached)}</td>
                  <td class="num">{formatCount(p.cumulativeVillagesReached)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
