import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeBuckets, toSeries } from '../../../electron/core/history/series.js';

// Layout: start, then min/max/sum/count for ghs, tempMaxC, tempInletC, powerW, fanRpm, then accepted, rejected, hwErrors.
const row = (b: number, ghs: [number, number, number, number] | null, power: [number, number, number, number] | null, accepted: number | null) => [
  b,
  ...(ghs ?? [null, null, null, 0]),
  ...[null, null, null, 0],
  ...[null, null, null, 0],
  ...(power ?? [null, null, null, 0]),
  ...[null, null, null, 0],
  accepted,
  null,
  null,
];

test('rows of one bucket from two tables merge exactly: min of mins, max of maxes, sums of sums and counts', () => {
  const merged = mergeBuckets([
    row(0, [10, 30, 60, 3], [100, 100, 100, 1], 5),
    row(60, [20, 40, 120, 4], null, null),
    row(60, [5, 25, 30, 2], [200, 300, 500, 2], 7),
    row(120, null, null, 1),
  ]);
  assert.deepEqual(merged, [row(0, [10, 30, 60, 3], [100, 100, 100, 1], 5), row(60, [5, 40, 150, 6], [200, 300, 500, 2], 7), row(120, null, null, 1)]);
  const s = toSeries(['ghs', 'powerW', 'jPerTh', 'accepted', 'rejected'], merged);
  assert.deepEqual(s.t, [0, 60, 120]);
  assert.deepEqual(s.series, [
    { metric: 'ghs', value: [20, 25, null], min: [10, 5, null], max: [30, 40, null] },
    { metric: 'powerW', value: [100, 250, null], min: [100, 200, null], max: [100, 300, null] },
    { metric: 'jPerTh', value: [5000, 10000, null] },
    { metric: 'accepted', value: [5, 7, 1] },
    { metric: 'rejected', value: [null, null, null] },
  ]);
});
