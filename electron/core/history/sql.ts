// SQL text generated from the metric table (metrics.ts). Roll-up rows keep
// min, max, sum and count per gauge rather than a mean, so any coarser point
// is exact: its mean is the sum of sums over the sum of counts, never a mean
// of means.
import { COUNTS, GAUGES, RAW_COLUMNS, ROLLUP_COLUMNS, type FleetCombine } from './metrics.js';

export type RollupTable = 'rollup_1m' | 'rollup_1h';

/** Every device's rows, found through the (device, t) key one device at a time. */
const DEVICES = 'device IN (SELECT id FROM devices)';
const DEVICES_AND_FLEET = 'device IN (SELECT 0 UNION ALL SELECT id FROM devices)';

/** Reserved device number of the fleet's own roll-up rows. */
export const FLEET_DEVICE = 0;

export const insertRawSql = `INSERT OR REPLACE INTO samples (device, t, ${RAW_COLUMNS.join(', ')}) VALUES (${['?', '?', ...RAW_COLUMNS.map(() => '?')].join(', ')})`;

const rawAggregates = [
  ...GAUGES.flatMap((g) => [`min(${g.column})`, `max(${g.column})`, `sum(${g.column})`, `count(${g.column})`]),
  ...COUNTS.map((c) => `sum(${c.column})`),
].join(', ');

const rollupAggregates = [
  ...GAUGES.flatMap((g) => [`min(${g.column}_min)`, `max(${g.column}_max)`, `sum(${g.column}_sum)`, `sum(${g.column}_n)`]),
  ...COUNTS.map((c) => `sum(${c.column})`),
].join(', ');

/** Raw rows of [@from, @to) -> one-minute rows per device. */
export const rollupMinutesSql = `INSERT OR REPLACE INTO rollup_1m (device, t, ${ROLLUP_COLUMNS.join(', ')})
  SELECT device, (t / 60000) * 60000 AS b, ${rawAggregates}
  FROM samples WHERE ${DEVICES} AND t >= @from AND t < @to GROUP BY device, b`;

/** One-minute rows (devices and fleet) of [@from, @to) -> hourly rows. */
export const rollupHoursSql = `INSERT OR REPLACE INTO rollup_1h (device, t, ${ROLLUP_COLUMNS.join(', ')})
  SELECT device, (t / 3600000) * 3600000 AS b, ${rollupAggregates}
  FROM rollup_1m WHERE ${DEVICES_AND_FLEET} AND t >= @from AND t < @to GROUP BY device, b`;

function fleetValue(column: string, combine: FleetCombine): string {
  if (combine === 'max') return `max(${column}_max)`;
  return `${combine}(1.0 * ${column}_sum / nullif(${column}_n, 0))`;
}

/**
 * The fleet's minute rows from its devices' minute rows of [@from, @to): one
 * value per minute (sum of hashrates and power, hottest temperature, mean
 * fan and inlet), stored as a single reading so hourly roll-ups treat it like
 * any device's.
 */
export const rollupFleetMinutesSql = `INSERT OR REPLACE INTO rollup_1m (device, t, ${ROLLUP_COLUMNS.join(', ')})
  SELECT ${FLEET_DEVICE}, t, ${[
    ...GAUGES.flatMap((g) => [`v_${g.column}`, `v_${g.column}`, `v_${g.column}`, `v_${g.column} IS NOT NULL`]),
    ...COUNTS.map((c) => `v_${c.column}`),
  ].join(', ')}
  FROM (SELECT t, ${[
    ...GAUGES.map((g) => `${fleetValue(g.column, g.fleet)} AS v_${g.column}`),
    ...COUNTS.map((c) => `sum(${c.column}) AS v_${c.column}`),
  ].join(', ')}
    FROM rollup_1m WHERE ${DEVICES} AND t >= @from AND t < @to GROUP BY t)`;

// Parameters arrive as doubles: the bucket width is cast so `t / w` is integer division.
const BUCKET = '(t / CAST(@w AS INTEGER)) * CAST(@w AS INTEGER)';

/** Bucketed chart rows of one device from raw samples; columns as BUCKET_COLUMNS. */
export const rawBucketsSql = `SELECT ${BUCKET} AS b, ${rawAggregates}
  FROM samples WHERE device = @device AND t >= @from AND t < @to GROUP BY b ORDER BY b`;

/** Bucketed chart rows of one device (or the fleet) from a roll-up table. */
export function rollupBucketsSql(table: RollupTable): string {
  return `SELECT ${BUCKET} AS b, ${rollupAggregates}
  FROM ${table} WHERE device = @device AND t >= @from AND t < @to GROUP BY b ORDER BY b`;
}

/** Bucket rows come back as arrays in this order: start, then ROLLUP_COLUMNS. */
export const BUCKET_COLUMNS: readonly string[] = ['b', ...ROLLUP_COLUMNS];

export function oldestSql(table: 'samples' | RollupTable): string {
  return `SELECT min(t) AS t FROM ${table} WHERE device = ?`;
}

/** Deletes up to @n rows of one device older than @cut, oldest first, through the key. */
export function pruneDeviceSql(table: 'samples' | RollupTable): string {
  return `DELETE FROM ${table} WHERE device = @device AND t IN (SELECT t FROM ${table} WHERE device = @device AND t < @cut ORDER BY t LIMIT @n)`;
}

export function pruneLogSql(table: 'events' | 'shares'): string {
  return `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE at < @cut ORDER BY at LIMIT @n)`;
}
