// Bucket rows (start, then min/max/sum/count per gauge, then count totals)
// into the column-oriented series a chart draws. Pure.
import type { HistoryMetric, HistorySeriesEntry } from '../../contract/history.js';
import { COUNTS, GAUGES } from './metrics.js';

export type BucketRow = readonly (number | null)[];

const GAUGE_OFFSET = new Map(GAUGES.map((g, i) => [g.key as HistoryMetric, 1 + i * 4]));
const COUNT_OFFSET = new Map(COUNTS.map((c, i) => [c.key as HistoryMetric, 1 + GAUGES.length * 4 + i]));

function at(row: BucketRow, i: number): number | null {
  return row[i] ?? null;
}

function mean(row: BucketRow, offset: number): number | null {
  const sum = at(row, offset + 2);
  const n = at(row, offset + 3);
  return sum === null || n === null || n === 0 ? null : sum / n;
}

function entryFor(metric: HistoryMetric, rows: readonly BucketRow[]): HistorySeriesEntry {
  const gauge = GAUGE_OFFSET.get(metric);
  if (gauge !== undefined) {
    return {
      metric,
      value: rows.map((r) => mean(r, gauge)),
      min: rows.map((r) => at(r, gauge)),
      max: rows.map((r) => at(r, gauge + 1)),
    };
  }
  const count = COUNT_OFFSET.get(metric);
  if (count !== undefined) return { metric, value: rows.map((r) => at(r, count)) };
  // jPerTh: mean power over mean hashrate in the same point; W / (GH/s / 1000) = J/TH.
  const power = GAUGE_OFFSET.get('powerW') ?? 0;
  const ghs = GAUGE_OFFSET.get('ghs') ?? 0;
  return {
    metric,
    value: rows.map((r) => {
      const w = mean(r, power);
      const g = mean(r, ghs);
      return w === null || g === null || g <= 0 ? null : (w * 1000) / g;
    }),
  };
}

/**
 * Joins bucket rows read from several tables (sorted by start): rows of the
 * same bucket, one each side of a roll-up watermark, become one, exactly.
 */
export function mergeBuckets(rows: readonly BucketRow[]): BucketRow[] {
  const out: (number | null)[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (!last || last[0] !== row[0]) {
      out.push([...row]);
      continue;
    }
    for (let i = 1; i < row.length; i++) last[i] = combine(i, last[i] ?? null, row[i] ?? null);
  }
  return out;
}

const GAUGE_END = 1 + GAUGES.length * 4;

function combine(column: number, a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  if (column < GAUGE_END) {
    const part = (column - 1) % 4;
    if (part === 0) return Math.min(a, b);
    if (part === 1) return Math.max(a, b);
  }
  return a + b;
}

export function toSeries(metrics: readonly HistoryMetric[], rows: readonly BucketRow[]): { t: number[]; series: HistorySeriesEntry[] } {
  return {
    t: rows.map((r) => at(r, 0) ?? 0),
    series: metrics.map((m) => entryFor(m, rows)),
  };
}
