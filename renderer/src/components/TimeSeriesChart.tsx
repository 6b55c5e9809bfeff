// A live time-series chart on uPlot. The chart is created once per theme and
// language (colours and tick labels change) and fed new data with setData.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { useI18n } from '../i18n/context.js';
import { cssVar } from '../theme.js';

const MIN_SPAN_S = 60;
/** Whole seconds and up: polls are seconds apart, sub-second ticks would only repeat labels. */
const TIME_TICK_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800, 2_592_000];

export interface ChartSeries {
  label: string;
  values: readonly (number | undefined)[];
  /** CSS custom property holding the line colour, e.g. "--chart-1". */
  colorVar: string;
}

export function TimeSeriesChart({
  title,
  unit,
  timesMs,
  series,
  formatValue,
  testId,
  height = 200,
  spanMs,
}: {
  title: string;
  unit: string;
  timesMs: readonly number[];
  series: readonly ChartSeries[];
  formatValue(value: number): string;
  testId: string;
  height?: number;
  /** A fixed time axis (stored-history ranges); default: the data's own span, at least a minute. */
  spanMs?: { from: number; to: number };
}) {
  const { fmt, t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const [themeKey, setThemeKey] = useState(() => document.documentElement.dataset.theme ?? '');
  const seriesKey = series.map((s) => `${s.label}|${s.colorVar}`).join(',');
  const spanFrom = spanMs?.from;
  const spanTo = spanMs?.to;

  useEffect(() => {
    const onTheme = (event: Event) => setThemeKey((event as CustomEvent<string>).detail);
    window.addEventListener('hearth-theme', onTheme);
    return () => window.removeEventListener('hearth-theme', onTheme);
  }, []);

  // The chart's callbacks read the newest props through this ref.
  const latest = useRef({ timesMs, series, formatValue });
  useEffect(() => {
    latest.current = { timesMs, series, formatValue };
  });

  // Create (or re-create on theme / language / series change).
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const text = cssVar('--text-muted');
    const grid = cssVar('--border');
    const tickMinutes = new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit' });
    const tickSeconds = new Intl.DateTimeFormat(fmt.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const tickDays = new Intl.DateTimeFormat(fmt.locale, { month: 'short', day: 'numeric' });
    // Seconds only matter while the visible span is short (the first minutes of a session); days once it is past two.
    const tickLabels = (splits: number[]) => {
      const span = (splits.at(-1) ?? 0) - (splits[0] ?? 0);
      const format = span < 600 ? tickSeconds : span > 2 * 86_400 ? tickDays : tickMinutes;
      return splits.map((s) => format.format(s * 1000));
    };
    const axis: uPlot.Axis = {
      stroke: text,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1, size: 4 },
      font: `11px ${cssVar('--font-ui')}`,
    };
    const { series: initial } = latest.current;
    const fixedSpan: [number, number] | undefined = spanFrom === undefined || spanTo === undefined ? undefined : [spanFrom / 1000, spanTo / 1000];
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      padding: [8, 28, 0, 0],
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      legend: { show: true, live: true },
      // At least a minute is shown, so the first samples do not stretch over the whole width.
      scales: { x: { time: true, range: (_u, min, max) => fixedSpan ?? (max - min < MIN_SPAN_S ? [max - MIN_SPAN_S, max] : [min, max]) }, y: { range: (_u, min, max) => (max > min ? [Math.min(0, min), max * 1.1] : [0, Math.max(1, max * 1.2)]) } },
      series: [
        { value: (_u, v) => (v == null ? '—' : fmt.time(v * 1000)) },
        ...initial.map((s) => ({
          label: s.label,
          stroke: cssVar(s.colorVar),
          fill: cssVar(`${s.colorVar}-fill`),
          width: 2,
          // A line needs two points; until then, show the lone sample as a dot.
          points: { show: (_u: uPlot, _s: number, i0: number, i1: number) => i1 - i0 < 1, size: 6 },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : latest.current.formatValue(v)),
        })),
      ],
      axes: [
        { ...axis, space: 90, size: 34, incrs: TIME_TICK_STEPS_S, values: (_u, splits) => tickLabels(splits) },
        { ...axis, size: 56, label: unit, labelSize: 16, labelFont: `11px ${cssVar('--font-ui')}`, values: (_u, splits) => splits.map((v) => fmt.number(v, 1)) },
      ],
    };
    const u = new uPlot(options, toData(latest.current.timesMs, latest.current.series), el);
    chart.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [themeKey, fmt, unit, seriesKey, height, spanFrom, spanTo]);

  useEffect(() => {
    chart.current?.setData(toData(timesMs, series));
  }, [timesMs, series]);

  const last = series[0]?.values.at(-1);
  const summary = timesMs.length
    ? t('chart.summary', { title, points: timesMs.length, latest: last === undefined ? '—' : formatValue(last) })
    : t('chart.empty');
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <div ref={host} className="chart-canvas" role="img" aria-label={summary} />
      {timesMs.length ? null : <p className="chart-empty">{t('chart.empty')}</p>}
    </figure>
  );
}

function toData(timesMs: readonly number[], series: readonly ChartSeries[]): uPlot.AlignedData {
  return [timesMs.map((ms) => ms / 1000), ...series.map((s) => s.values.map((v) => v ?? null))];
}
