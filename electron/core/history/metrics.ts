// The stored metrics and how each one aggregates. One table drives every
// generated statement (record, roll-up, query), so adding a metric is one
// entry here plus a migration that adds its columns.
import type { HistoryMetric } from '../../contract/history.js';

/** How a device's per-minute means combine into the fleet's minute value. */
export type FleetCombine = 'sum' | 'max' | 'avg';

export interface GaugeMetric {
  key: Exclude<HistoryMetric, 'jPerTh' | CountMetric['key']>;
  /** Raw column; roll-ups hold `<column>_min`, `_max`, `_sum`, `_n`. */
  column: string;
  fleet: FleetCombine;
}

export interface CountMetric {
  key: 'accepted' | 'rejected' | 'hwErrors';
  /** Per-poll increase in raw rows, total per bucket in roll-ups. */
  column: string;
}

export const GAUGES: readonly GaugeMetric[] = [
  { key: 'ghs', column: 'ghs', fleet: 'sum' },
  // The fleet's temperature is its hottest device: that is what overheats.
  { key: 'tempMaxC', column: 'temp_max', fleet: 'max' },
  { key: 'tempInletC', column: 'temp_inlet', fleet: 'avg' },
  { key: 'powerW', column: 'power', fleet: 'sum' },
  { key: 'fanRpm', column: 'fan', fleet: 'avg' },
];

export const COUNTS: readonly CountMetric[] = [
  { key: 'accepted', column: 'acc' },
  { key: 'rejected', column: 'rej' },
  { key: 'hwErrors', column: 'hw' },
];

/** Raw-table value columns, in insert order. */
export const RAW_COLUMNS: readonly string[] = [...GAUGES.map((g) => g.column), ...COUNTS.map((c) => c.column)];

/** Roll-up value columns, in insert order. */
export const ROLLUP_COLUMNS: readonly string[] = [
  ...GAUGES.flatMap((g) => ['min', 'max', 'sum', 'n'].map((part) => `${g.column}_${part}`)),
  ...COUNTS.map((c) => c.column),
];
