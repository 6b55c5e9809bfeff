// The stored-history charts: which metrics each chart plots and how a
// HistorySeries (column-oriented, from history.query) becomes chart lines.
// Pure, so the mapping is tested without a browser.
import type { HistoryMetric, HistoryRange, HistorySeries } from '../../../electron/contract/history.js';

export const RANGES: readonly HistoryRange[] = ['1h', '24h', '7d', '30d', 'all'];

export type ChartKey = 'hashrate' | 'temperature' | 'fans' | 'power' | 'efficiency';

export interface ChartDef {
  key: ChartKey;
  /** Metrics plotted, one line each, in the order of the chart colours. */
  metrics: readonly HistoryMetric[];
}

export const CHARTS: readonly ChartDef[] = [
  { key: 'hashrate', metrics: ['ghs'] },
  { key: 'temperature', metrics: ['tempMaxC', 'tempInletC'] },
  { key: 'fans', metrics: ['fanRpm'] },
  { key: 'power', metrics: ['powerW'] },
  { key: 'efficiency', metrics: ['jPerTh'] },
];

/** Every metric the charts need, asked for in one request. */
export const CHART_METRICS: readonly HistoryMetric[] = [...new Set(CHARTS.flatMap((c) => c.metrics))];

/** 30 days at this many points stays on hourly rows (docs/history.md); more would not fit a chart's pixels anyway. */
export const CHART_POINTS = 1000;

/** A metric's per-point values (null = no data then), or undefined when the series lacks it. */
export function column(series: HistorySeries | undefined, metric: HistoryMetric): readonly (number | undefined)[] | undefined {
  const entry = series?.series.find((e) => e.metric === metric);
  return entry?.value.map((v) => v ?? undefined);
}

/** Whether a chart has at least one value to draw. */
export function hasData(series: HistorySeries | undefined, chart: ChartDef): boolean {
  return chart.metrics.some((m) => column(series, m)?.some((v) => v !== undefined) === true);
}

/** The highest value of a metric, for choosing the hashrate unit. */
export function peak(series: HistorySeries | undefined, metric: HistoryMetric): number {
  let max = 0;
  for (const v of column(series, metric) ?? []) if (v !== undefined && v > max) max = v;
  return max;
}

/** How often a range's chart is fetched again while shown: about one new point each time. */
export function refreshMs(range: HistoryRange): number {
  return range === '1h' ? 15_000 : range === '24h' ? 60_000 : 300_000;
}
