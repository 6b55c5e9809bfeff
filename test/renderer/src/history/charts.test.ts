// The stored-history charts' mapping from a HistorySeries to chart lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistorySeries } from '../../../../electron/contract/history.js';
import { CHART_METRICS, CHARTS, column, hasData, peak, refreshMs } from '../../../../renderer/src/history/charts.js';

const series: HistorySeries = {
  target: 'fleet',
  from: 0,
  to: 3_600_000,
  tier: 'raw',
  bucketMs: 1_800_000,
  t: [0, 1_800_000],
  series: [
    { metric: 'ghs', value: [190_000, null], min: [180_000, null], max: [200_000, null] },
    { metric: 'tempMaxC', value: [null, null] },
  ],
};

test('one request carries every charted metric, once', () => {
  assert.deepEqual(CHART_METRICS, ['ghs', 'tempMaxC', 'tempInletC', 'fanRpm', 'powerW', 'jPerTh']);
  assert.deepEqual(CHARTS.map((c) => c.key), ['hashrate', 'temperature', 'fans', 'power', 'efficiency']);
});

test('columns turn nulls into gaps; missing metrics are undefined', () => {
  assert.deepEqual(column(series, 'ghs'), [190_000, undefined]);
  assert.equal(column(series, 'powerW'), undefined);
  assert.equal(column(undefined, 'ghs'), undefined);
  assert.equal(hasData(series, CHARTS[0]!), true);
  assert.equal(hasData(series, CHARTS[1]!), false);
  assert.equal(peak(series, 'ghs'), 190_000);
  assert.equal(peak(series, 'tempMaxC'), 0);
});

test('short ranges refresh more often than long ones', () => {
  assert.deepEqual((['1h', '24h', '7d', '30d', 'all'] as const).map(refreshMs), [15_000, 60_000, 300_000, 300_000, 300_000]);
});
