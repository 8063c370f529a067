// Charts with Chart.js (tree-shaken: only what these two charts use), in the staff bundle only.
import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { formatNumber } from '../../i18n/format.ts';
import { LOCALE, type Lang } from '../../i18n/lang.ts';
import { chartMessages } from './chart.messages.ts';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export function ChartView({ config, label, height = 280 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, { ...config, options: { animation: false, maintainAspectRatio: false, ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return <div style={{ position: 'relative', height }}><canvas ref={canvas} role="img" aria-label={label} /></div>;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Cumulative completions per day against the expected total, with the deadline marked; the legend in `lang`. */
export function completionsConfig(timeline: { day: string; completed: number }[], opensAt: string, deadline: string, expected: number, targetRate: number, lang: Lang): ChartConfiguration {
  const t = chartMessages[lang];
  const start = new Date(opensAt.slice(0, 10) + 'T00:00:00Z');
  const deadlineDay = deadline.slice(0, 10);
  const last = [deadlineDay, timeline.at(-1)?.day ?? deadlineDay, day(new Date())].sort().at(-1)!;
  const labels: string[] = [];
  for (const d = new Date(start); day(d) <= last && labels.length < 400; d.setUTCDate(d.getUTCDate() + 1)) labels.push(day(d));
  const perDay = new Map(timeline.map((t) => [t.day, t.completed]));
  let sum = 0;
  const today = day(new Date());
  // the running total stops today: the days to the deadline are still empty, not flat
  const cumulative = labels.map((l) => (l > today ? null : (sum += perDay.get(l) ?? 0)));
  return {
    type: 'bar',
    data: {
      labels: labels.map((l) => (l === deadlineDay ? t.deadlineDay(l.slice(5)) : l.slice(5))),
      datasets: [
        { type: 'bar', label: t.perDay, data: labels.map((l) => perDay.get(l) ?? 0), backgroundColor: labels.map((l) => (l > deadlineDay ? '#d9534f' : '#7aa6d8')) },
        { type: 'line', label: t.total, data: cumulative, borderColor: '#1f5aa6', pointRadius: 0 },
        { type: 'line', label: t.targetRate(formatNumber(lang, targetRate)), data: labels.map(() => Math.round((expected * targetRate) / 100)), borderColor: '#3c9a52', borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { locale: LOCALE[lang], scales: { y: { beginAtZero: true } } },
  };
}

const ZONE_COLOR: Record<string, string> = { green: '#5cb85c', yellow: '#f0ad4e', red: '#d9534f' };

/** One indicator across units: bars coloured by zone, the target as a line; the legend in `lang`. */
export function indicatorConfig(units: string[], values: (number | null)[], zones: (string | null)[], target: number | null, unit: string, lang: Lang): ChartConfiguration {
  const t = chartMessages[lang];
  return {
    type: 'bar',
    data: {
      labels: units.map((u) => (u.length > 28 ? u.slice(0, 27) + '…' : u)),
      datasets: [
        { type: 'bar', label: t.value(unit === '%'), data: values, backgroundColor: zones.map((z) => (z ? ZONE_COLOR[z] : '#9aa3ad')) },
        ...(target !== null ? [{ type: 'line' as const, label: t.target(formatNumber(lang, target)), data: units.map(() => target), borderColor: '#1a1a1a', borderDash: [6, 4], pointRadius: 0 }] : []),
      ],
    },
    options: { locale: LOCALE[lang], indexAxis: 'x', scales: { y: { beginAtZero: true } } },
  };
}
