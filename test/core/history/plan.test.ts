import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_HISTORY_RETENTION } from '../../../electron/contract/history.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, planQuery, RANGE_MS, segments, tierReach } from '../../../electron/core/history/plan.js';

const now = Date.UTC(2026, 5, 1, 12, 0, 0);
const retention = DEFAULT_HISTORY_RETENTION;
const plan = (span: number, fleet = false, maxPoints = 1000) =>
  planQuery({ from: now - span, to: now, maxPoints, now, retention, fleet });

test('each chart range reads the coarsest table that still gives at least half the points asked for', () => {
  assert.deepEqual(plan(RANGE_MS['1h']), { tier: 'raw', bucketMs: 3600 });
  // 24 h / 1000 = 86.4 s: one-minute rows, two per point.
  assert.deepEqual(plan(RANGE_MS['24h']), { tier: '1m', bucketMs: 2 * MINUTE_MS });
  // 7 d in hours would be 168 points, too few: one-minute rows, 11 per point.
  assert.deepEqual(plan(RANGE_MS['7d']), { tier: '1m', bucketMs: 11 * MINUTE_MS });
  // 30 d in hours is 720 points: enough, and 60 times fewer rows than minutes.
  assert.deepEqual(plan(RANGE_MS['30d']), { tier: '1h', bucketMs: HOUR_MS });
  assert.deepEqual(plan(RANGE_MS['30d'], false, 2000), { tier: '1m', bucketMs: 22 * MINUTE_MS });
  assert.deepEqual(plan(365 * DAY_MS), { tier: '1h', bucketMs: 9 * HOUR_MS });
});

test('no plan returns more points than asked', () => {
  for (const span of [HOUR_MS, 5 * HOUR_MS, DAY_MS, 7 * DAY_MS, 29 * DAY_MS, 30 * DAY_MS, 400 * DAY_MS]) {
    for (const maxPoints of [10, 500, 1000, 5000]) {
      const p = plan(span, false, maxPoints);
      assert.ok(Math.ceil(span / p.bucketMs) <= maxPoints, `${span} ms at ${maxPoints} points gave ${p.tier}/${p.bucketMs}`);
    }
  }
});

test('a table is used only when its retention reaches back to the start', () => {
  // 3 days at 5000 points is 52 s a point, finer than a minute, but raw rows are gone after 48 h.
  assert.deepEqual(plan(3 * DAY_MS, false, 5000), { tier: '1m', bucketMs: MINUTE_MS });
  // 40 days: one-minute rows are gone after 30 days.
  assert.deepEqual(plan(40 * DAY_MS, false, 5000), { tier: '1h', bucketMs: HOUR_MS });
});

test('fleet charts never read raw rows', () => {
  assert.deepEqual(plan(RANGE_MS['1h'], true), { tier: '1m', bucketMs: MINUTE_MS });
  assert.deepEqual(plan(RANGE_MS['24h'], true), { tier: '1m', bucketMs: 2 * MINUTE_MS });
});

test('table reach follows the retention settings', () => {
  assert.equal(tierReach('raw', now, retention), now - 48 * HOUR_MS);
  assert.equal(tierReach('1m', now, retention), now - 30 * DAY_MS);
  assert.equal(tierReach('1h', now, retention), Number.NEGATIVE_INFINITY);
  assert.equal(tierReach('1h', now, { ...retention, hourlyDays: 400 }), now - 400 * DAY_MS);
});

test('the part of a range not yet rolled up is read from the finer tables', () => {
  const from = now - 30 * DAY_MS;
  const marks = { hour: now - 50 * MINUTE_MS, minute: now - MINUTE_MS };
  assert.deepEqual(segments({ tier: '1h', bucketMs: HOUR_MS }, { from, to: now }, marks, false), [
    { tier: '1h', from, to: marks.hour },
    { tier: '1m', from: marks.hour, to: marks.minute },
    { tier: 'raw', from: marks.minute, to: now },
  ]);
  assert.deepEqual(segments({ tier: '1h', bucketMs: HOUR_MS }, { from, to: now }, marks, true), [
    { tier: '1h', from, to: marks.hour },
    { tier: '1m', from: marks.hour, to: now },
  ]);
  assert.deepEqual(segments({ tier: '1m', bucketMs: MINUTE_MS }, { from: now - DAY_MS, to: now - HOUR_MS }, marks, false), [
    { tier: '1m', from: now - DAY_MS, to: now - HOUR_MS },
  ]);
  assert.deepEqual(segments({ tier: 'raw', bucketMs: 3600 }, { from: now - HOUR_MS, to: now }, marks, false), [
    { tier: 'raw', from: now - HOUR_MS, to: now },
  ]);
  // Before the first roll-up everything comes from raw rows.
  assert.deepEqual(segments({ tier: '1h', bucketMs: HOUR_MS }, { from, to: now }, { hour: undefined, minute: undefined }, false), [
    { tier: 'raw', from, to: now },
  ]);
});
