import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HistoryMetric, HistorySeries } from '../../../electron/contract/history.js';
import { DEFAULT_HISTORY_RETENTION } from '../../../electron/contract/history.js';
import { HistoryError } from '../../../electron/core/history/errors.js';
import { HOUR_MS, MINUTE_MS } from '../../../electron/core/history/plan.js';
import type { HistorySample } from '../../../electron/core/history/sample.js';
import { loadSqlite } from '../../../electron/core/history/sqlite.js';
import { HistoryStore } from '../../../electron/core/history/store.js';
import { tempDir } from './temp-dir.js';

const START = Date.UTC(2026, 0, 10, 9, 0, 7); // deliberately not on a minute
const STEP = 5000;
const DEVICES = ['10.0.0.1:4028', '10.0.0.2:4028', '10.0.0.3:4028'];

/** Deterministic values; multiples of 1/4 so sums are exact in binary and SQL and JS agree to the last bit. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Recorded {
  device: string;
  t: number;
  sample: HistorySample;
  /** Increase of `accepted` since this device's previous sample, as the store should compute it. */
  acceptedDelta: number | undefined;
}

/** Three hours of polls. Device 3 is offline for 20 minutes; device 1 reboots at the half (counters restart). */
function* polls(hours: number): Generator<Recorded[]> {
  const rand = lcg(42);
  const counters = new Map<string, number>();
  for (let t = START; t < START + hours * HOUR_MS; t += STEP) {
    const round: Recorded[] = [];
    for (const [i, device] of DEVICES.entries()) {
      if (i === 2 && t > START + 40 * MINUTE_MS && t < START + 60 * MINUTE_MS) continue;
      const rebooted = i === 0 && t === START + (hours / 2) * HOUR_MS;
      const previous = counters.get(device);
      const accepted = rebooted ? 3 : (previous ?? 1000 * i) + Math.floor(rand() * 5);
      counters.set(device, accepted);
      const sample: HistorySample = {
        ghs: 90_000 + Math.floor(rand() * 40_000) / 4,
        tempMaxC: 60 + Math.floor(rand() * 80) / 4,
        tempInletC: 20 + Math.floor(rand() * 20) / 4,
        fanRpm: 3000 + Math.floor(rand() * 800),
        accepted,
      };
      // Power is missing from some polls: a gauge's count is its own, not the row's.
      if (rand() > 0.2) sample.powerW = 3000 + Math.floor(rand() * 400) / 4;
      const acceptedDelta = previous === undefined ? undefined : rebooted ? accepted : accepted - previous;
      round.push({ device, t: t + i * 137, sample, acceptedDelta });
    }
    yield round;
  }
}

/** Fills a store through its public API with a clock that follows the polls, flushing each round. */
function fill(dir: string, hours: number, retention = DEFAULT_HISTORY_RETENTION): { store: HistoryStore; all: Recorded[]; clock: { now: number } } {
  const clock = { now: START };
  const store = HistoryStore.open(dir, { now: () => clock.now, retention });
  const all: Recorded[] = [];
  for (const round of polls(hours)) {
    for (const r of round) {
      clock.now = r.t;
      assert.equal(store.record(r.device, r.sample, r.t), true);
      all.push(r);
    }
    store.flush();
  }
  return { store, all, clock };
}

interface Agg {
  min: number;
  max: number;
  sum: number;
  n: number;
}
const GAUGE_KEYS = ['ghs', 'tempMaxC', 'tempInletC', 'powerW', 'fanRpm'] as const;
type Gauge = (typeof GAUGE_KEYS)[number];

/** Expected bucket aggregates of one device, computed from the raw samples in JS. */
function expectedBuckets(rows: Recorded[], width: number): Map<number, { gauges: Map<Gauge, Agg>; accepted: number | null }> {
  const out = new Map<number, { gauges: Map<Gauge, Agg>; accepted: number | null }>();
  for (const r of rows) {
    const b = Math.floor(r.t / width) * width;
    let bucket = out.get(b);
    if (!bucket) out.set(b, (bucket = { gauges: new Map(), accepted: null }));
    for (const key of GAUGE_KEYS) {
      const v = r.sample[key];
      if (v === undefined) continue;
      const a = bucket.gauges.get(key);
      if (!a) bucket.gauges.set(key, { min: v, max: v, sum: v, n: 1 });
      else bucket.gauges.set(key, { min: Math.min(a.min, v), max: Math.max(a.max, v), sum: a.sum + v, n: a.n + 1 });
    }
    if (r.acceptedDelta !== undefined) bucket.accepted = (bucket.accepted ?? 0) + r.acceptedDelta;
  }
  return out;
}

function column(series: HistorySeries, metric: HistoryMetric, part: 'value' | 'min' | 'max' = 'value'): (number | null)[] {
  const entry = series.series.find((s) => s.metric === metric);
  assert.ok(entry, `series has ${metric}`);
  const values = entry[part];
  assert.ok(values, `${metric} has ${part}`);
  return values;
}

function assertDeviceMatches(series: HistorySeries, rows: Recorded[], width: number): void {
  const expected = expectedBuckets(rows, width);
  assert.deepEqual(series.t, [...expected.keys()]);
  for (const key of GAUGE_KEYS) {
    const aggs = [...expected.values()].map((b) => b.gauges.get(key));
    assert.deepEqual(column(series, key, 'min'), aggs.map((a) => a?.min ?? null), `${key} min`);
    assert.deepEqual(column(series, key, 'max'), aggs.map((a) => a?.max ?? null), `${key} max`);
    assert.deepEqual(column(series, key), aggs.map((a) => (a ? a.sum / a.n : null)), `${key} mean`);
  }
  assert.deepEqual(column(series, 'accepted'), [...expected.values()].map((b) => b.accepted), 'accepted per bucket');
}

const ALL_METRICS: HistoryMetric[] = ['ghs', 'tempMaxC', 'tempInletC', 'powerW', 'fanRpm', 'accepted', 'jPerTh'];

test('one-minute and hourly roll-ups equal aggregates computed from the raw samples', (t) => {
  const { store, all, clock } = fill(tempDir(t), 3);
  clock.now = START + 5 * HOUR_MS; // every minute and hour closed
  store.rollUp();
  const from = Math.floor(START / HOUR_MS) * HOUR_MS;
  for (const device of DEVICES) {
    const rows = all.filter((r) => r.device === device);
    // 4 h at 240 points: one point per minute, read from the one-minute table.
    const minutes = store.query({ target: { deviceId: device }, metrics: ALL_METRICS, from, to: from + 4 * HOUR_MS, maxPoints: 240 });
    assert.equal(minutes.tier, '1m');
    assert.equal(minutes.bucketMs, MINUTE_MS);
    assertDeviceMatches(minutes, rows, MINUTE_MS);
    // 10 h at 10 points: hourly rows, each built from one-minute rows, still exact against raw.
    const hours = store.query({ target: { deviceId: device }, metrics: ALL_METRICS, from: from - 6 * HOUR_MS, to: from + 4 * HOUR_MS, maxPoints: 10 });
    assert.equal(hours.tier, '1h');
    assertDeviceMatches(hours, rows, HOUR_MS);
    // The same range over raw rows agrees with both.
    const raw = store.query({ target: { deviceId: device }, metrics: ALL_METRICS, from, to: from + 4 * HOUR_MS, maxPoints: 5000 });
    assert.equal(raw.tier, 'raw');
    assertDeviceMatches(raw, rows, raw.bucketMs);
  }
  // Efficiency is mean power over mean hashrate, in J/TH.
  const m = store.query({ target: { deviceId: DEVICES[0]! }, metrics: ['ghs', 'powerW', 'jPerTh'], from, to: from + HOUR_MS, maxPoints: 60 });
  const [ghs, power, eff] = [column(m, 'ghs'), column(m, 'powerW'), column(m, 'jPerTh')];
  eff.forEach((e, i) => assert.equal(e, (power[i]! * 1000) / ghs[i]!));
  store.close();
});

test('the fleet adds hashrate and power, takes the hottest temperature, and averages fans', (t) => {
  const { store, all, clock } = fill(tempDir(t), 2);
  clock.now = START + 4 * HOUR_MS;
  store.rollUp();
  const from = Math.floor(START / HOUR_MS) * HOUR_MS;
  const fleet = store.query({ target: 'fleet', metrics: ['ghs', 'powerW', 'tempMaxC', 'fanRpm', 'accepted'], from, to: from + 3 * HOUR_MS, maxPoints: 180 });
  assert.equal(fleet.tier, '1m');
  const perDevice = DEVICES.map((d) => expectedBuckets(all.filter((r) => r.device === d), MINUTE_MS));
  const minutes = [...new Set(perDevice.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  assert.deepEqual(fleet.t, minutes);
  const mean = (a: Agg | undefined) => (a ? a.sum / a.n : undefined);
  const defined = (xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);
  minutes.forEach((minute, i) => {
    const buckets = perDevice.map((m) => m.get(minute)).filter((b) => b !== undefined);
    const sumOf = (key: Gauge) => defined(buckets.map((b) => mean(b.gauges.get(key)))).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(column(fleet, 'ghs')[i]! - sumOf('ghs')) < 1e-6, `ghs at ${minute}`);
    assert.ok(Math.abs(column(fleet, 'powerW')[i]! - sumOf('powerW')) < 1e-6, `power at ${minute}`);
    assert.equal(column(fleet, 'tempMaxC')[i], Math.max(...defined(buckets.map((b) => b.gauges.get('tempMaxC')?.max))));
    const fans = defined(buckets.map((b) => mean(b.gauges.get('fanRpm'))));
    assert.ok(Math.abs(column(fleet, 'fanRpm')[i]! - fans.reduce((a, b) => a + b, 0) / fans.length) < 1e-6);
    const accepted = buckets.map((b) => b.accepted).filter((a) => a !== null);
    assert.equal(column(fleet, 'accepted')[i], accepted.length > 0 ? accepted.reduce((a, b) => a + b, 0) : null);
  });
  // While device 3 is offline the fleet sum counts two devices: it drops by about a third.
  const offlineMinute = Math.floor((START + 50 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS;
  const before = column(fleet, 'ghs')[fleet.t.indexOf(offlineMinute - 20 * MINUTE_MS)]!;
  const during = column(fleet, 'ghs')[fleet.t.indexOf(offlineMinute)]!;
  assert.ok(during < before * 0.8 && during > before * 0.5, `${during} vs ${before}`);
  // Hourly fleet points are the mean of its minute values.
  const hourly = store.query({ target: 'fleet', metrics: ['ghs'], from: from - 7 * HOUR_MS, to: from + 3 * HOUR_MS, maxPoints: 10 });
  assert.equal(hourly.tier, '1h');
  const firstHour = column(fleet, 'ghs')
    .filter((_, i) => fleet.t[i]! < from + HOUR_MS)
    .map((v) => v ?? Number.NaN);
  assert.ok(Math.abs(column(hourly, 'ghs')[0]! - firstHour.reduce((a, b) => a + b, 0) / firstHour.length) < 1e-6);
  store.close();
});

test('a sample that arrives after its minute was rolled up is rolled up again', (t) => {
  const clock = { now: START };
  const store = HistoryStore.open(tempDir(t), { now: () => clock.now });
  const device = DEVICES[0]!;
  const minute = Math.floor(START / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  store.record(device, { ghs: 100 }, minute + 1000);
  clock.now = minute + 3 * MINUTE_MS;
  store.flush();
  const query = () => store.query({ target: { deviceId: device }, metrics: ['ghs'], from: minute, to: minute + 10 * MINUTE_MS, maxPoints: 10 });
  assert.equal(query().tier, '1m');
  assert.deepEqual(column(query(), 'ghs'), [100]);
  store.record(device, { ghs: 200 }, minute + 30_000);
  store.flush();
  assert.deepEqual(column(query(), 'ghs'), [150]);
  assert.deepEqual(column(query(), 'ghs', 'max'), [200]);
  store.close();
});

test('samples older than raw retention are refused and counted', (t) => {
  const store = HistoryStore.open(tempDir(t), { now: () => START });
  assert.equal(store.record(DEVICES[0]!, { ghs: 1 }, START - 49 * HOUR_MS), false);
  assert.equal(store.record(DEVICES[0]!, { ghs: 1, tempMaxC: Number.NaN }, START - 47 * HOUR_MS), true);
  store.flush();
  const stats = store.stats();
  assert.equal(stats.dropped, 1);
  assert.equal(stats.rows.samples, 1);
  const s = store.query({ target: { deviceId: DEVICES[0]! }, metrics: ['ghs', 'tempMaxC'], range: '24h', to: START - 46 * HOUR_MS });
  assert.deepEqual(column(s, 'tempMaxC'), [null], 'NaN is stored as missing');
  store.close();
});

test('retention deletes old rows in bounded batches, and never raw rows not yet rolled up', (t) => {
  const dir = tempDir(t);
  const { store, all, clock } = fill(dir, 2, { ...DEFAULT_HISTORY_RETENTION, rawHours: 24 });
  const end = clock.now;
  assert.equal(store.stats().rows.samples, all.length, 'nothing was old enough to prune yet');
  const firstMinute = Math.floor(START / MINUTE_MS) * MINUTE_MS;
  const minuteCount = () => {
    const s = store.query({ target: { deviceId: DEVICES[0]! }, metrics: ['ghs'], from: firstMinute, to: firstMinute + 2 * HOUR_MS, maxPoints: 120 });
    assert.deepEqual([s.tier, s.bucketMs], ['1m', MINUTE_MS]);
    return s.t.length;
  };
  const minutesBefore = minuteCount();
  assert.ok(minutesBefore >= 118, `${minutesBefore} minutes rolled up`);
  // Shorter retention: the first hour of raw rows goes, a batch at a time.
  store.setRetention({ ...DEFAULT_HISTORY_RETENTION, rawHours: 1 });
  assert.deepEqual(store.prune(100), { deleted: 100, more: true });
  let total = 100;
  for (;;) {
    const r = store.prune(100);
    assert.ok(r.deleted <= 100);
    total += r.deleted;
    if (!r.more) break;
  }
  assert.equal(total, all.filter((r) => r.t < end - HOUR_MS).length);
  assert.equal(store.stats().rows.samples, all.length - total);
  // One-minute rows are untouched.
  assert.equal(minuteCount(), minutesBefore);

  // Days later, before any roll-up has run: raw rows past retention but not yet rolled up are kept.
  clock.now = end + 100 * HOUR_MS;
  const db = new (loadSqlite())(store.path, { readonly: true });
  t.after(() => db.close());
  const mark = (db.prepare("SELECT value FROM meta WHERE key = 'rolled_1m'").get() as { value: number }).value;
  store.prune(10_000);
  const kept = all.filter((r) => r.t >= mark).length;
  assert.ok(kept > 0);
  assert.equal(store.stats().rows.samples, kept);
  store.rollUp();
  store.prune(10_000);
  assert.equal(store.stats().rows.samples, 0);
  store.close();
});

test('counters become per-poll increases; a counter that goes down means a reboot', (t) => {
  const clock = { now: START };
  const store = HistoryStore.open(tempDir(t), { now: () => clock.now });
  const d = DEVICES[0]!;
  const totals = [undefined, 10, 15, 15, 2, 7];
  totals.forEach((accepted, i) => {
    const sample: HistorySample = { ghs: 1 };
    if (accepted !== undefined) sample.accepted = accepted;
    if (i === 3) sample.hwErrors = 4;
    store.record(d, sample, START + i * STEP);
  });
  store.flush();
  const s = store.query({ target: { deviceId: d }, metrics: ['accepted', 'hwErrors'], from: START, to: START + 6 * STEP, maxPoints: 5000 });
  assert.equal(s.tier, 'raw');
  assert.deepEqual(column(s, 'accepted'), [null, null, 5, 0, 2, 5]);
  assert.deepEqual(column(s, 'hwErrors'), [null, null, null, null, null, null], 'one reading is not an increase');
  store.close();
});

test('queries: named ranges end now, reach the last poll, unknown devices give an empty series, bad queries a typed error', (t) => {
  const { store, all, clock } = fill(tempDir(t), 1);
  const s = store.query({ target: { deviceId: DEVICES[1]! }, metrics: ['ghs'], range: '1h' });
  assert.equal(s.to, clock.now + 1, 'a sample taken this very millisecond is in');
  assert.equal(s.from, s.to - HOUR_MS);
  assert.equal(s.tier, 'raw');
  assert.ok(s.t.length > 600 && s.t.length <= 1000, `${s.t.length} points`);
  const whole = store.query({ target: { deviceId: DEVICES[1]! }, metrics: ['ghs'], range: 'all' });
  assert.equal(whole.from, Math.floor(START / MINUTE_MS) * MINUTE_MS, 'all starts at the oldest stored minute');
  // A 30-day chart reads hourly rows, yet its last point already holds the last poll: the
  // unrolled hour comes from one-minute rows and the unrolled minute from raw rows, merged exactly.
  const month = store.query({ target: { deviceId: DEVICES[1]! }, metrics: ['ghs'], range: '30d' });
  assert.equal(month.tier, '1h');
  const mine = all.filter((r) => r.device === DEVICES[1]);
  const expected = expectedBuckets(mine, HOUR_MS);
  assert.deepEqual(month.t, [...expected.keys()]);
  assert.deepEqual(column(month, 'ghs', 'max'), [...expected.values()].map((b) => b.gauges.get('ghs')?.max));
  assert.deepEqual(column(month, 'ghs'), [...expected.values()].map((b) => b.gauges.get('ghs')!.sum / b.gauges.get('ghs')!.n));
  const nobody = store.query({ target: { deviceId: 'nobody:1' }, metrics: ['ghs'], range: '24h' });
  assert.deepEqual([nobody.t, nobody.series[0]?.value], [[], []]);
  for (const bad of [
    { target: 'fleet', metrics: [], range: '1h' },
    { target: 'fleet', metrics: ['ghs'] },
    { target: 'fleet', metrics: ['bogus'], range: '1h' },
    { target: { deviceId: '' }, metrics: ['ghs'], range: '1h' },
    { target: 'fleet', metrics: ['ghs'], range: '1h', maxPoints: 1e9 },
  ]) {
    assert.throws(
      () => store.query(bad as never),
      (e: unknown) => e instanceof HistoryError && e.kind === 'invalid-input',
      JSON.stringify(bad),
    );
  }
  assert.throws(() => store.record('', { ghs: 1 }, START), (e: unknown) => e instanceof HistoryError && e.kind === 'invalid-input');
  assert.throws(() => store.record('a:1', { ghs: 1 }, Number.NaN), (e: unknown) => e instanceof HistoryError && e.kind === 'invalid-input');
  store.close();
  store.close();
  assert.throws(() => store.query({ target: 'fleet', metrics: ['ghs'], range: '1h' }), (e: unknown) => e instanceof HistoryError && e.kind === 'closed');
});

test('recorded samples are committed by themselves within the flush delay', async (t) => {
  const dir = tempDir(t);
  const store = HistoryStore.open(dir, { flushDelayMs: 20 });
  t.after(() => store.close());
  store.record(DEVICES[0]!, { ghs: 5 }, Date.now());
  assert.equal(store.stats().pending, 1);
  // No explicit flush: the store's timer commits (generous deadline for a busy machine).
  for (let waited = 0; store.stats().pending > 0 && waited < 3000; waited += 10) await sleep(10);
  assert.equal(store.stats().pending, 0);
  const db = new (loadSqlite())(store.path, { readonly: true });
  t.after(() => db.close());
  assert.equal((db.prepare('SELECT count(*) AS n FROM samples').get() as { n: number }).n, 1, 'visible to another connection');
});

test('events: stored, filtered, paged newest first, validated', (t) => {
  const store = HistoryStore.open(tempDir(t), { now: () => START });
  const [a, b] = DEVICES as [string, string];
  const added = [
    store.addEvent({ deviceId: a, at: START, kind: 'alert.raised', severity: 'critical', message: 'Overheating: 91 °C', data: { rule: 'temp', value: 91 } }),
    store.addEvent({ deviceId: a, at: START + 1000, kind: 'alert.cleared', severity: 'info', message: 'Temperature normal' }),
    store.addEvent({ deviceId: b, at: START + 2000, kind: 'device.rebooted', severity: 'warning', message: 'Uptime went back to 12 s' }),
    store.addEvent({ at: START + 3000, kind: 'app.started', severity: 'info', message: 'Hearth started' }),
  ];
  assert.deepEqual(added.map((e) => e.id), [1, 2, 3, 4]);
  assert.deepEqual(store.listEvents().map((e) => e.id), [4, 3, 2, 1]);
  assert.deepEqual(store.listEvents({ deviceId: a }), [added[1], added[0]]);
  assert.deepEqual(store.listEvents({ kinds: ['alert.raised', 'device.rebooted'] }).map((e) => e.id), [3, 1]);
  assert.deepEqual(store.listEvents({ minSeverity: 'warning' }).map((e) => e.id), [3, 1]);
  assert.deepEqual(store.listEvents({ since: START + 1000, until: START + 3000 }).map((e) => e.id), [3, 2]);
  assert.deepEqual(store.listEvents({ limit: 2 }).map((e) => e.id), [4, 3]);
  assert.deepEqual(store.listEvents({ limit: 2, beforeId: 3 }).map((e) => e.id), [2, 1]);
  const invalid = (e: unknown) => e instanceof HistoryError && e.kind === 'invalid-input';
  assert.throws(() => store.addEvent({ at: START, kind: 'Bad Kind', severity: 'info', message: '' }), invalid);
  assert.throws(() => store.addEvent({ at: START, kind: 'x', severity: 'fatal' as never, message: '' }), invalid);
  assert.throws(() => store.addEvent({ at: START, kind: 'x', severity: 'info', message: '', data: { blob: 'x'.repeat(9000) } }), invalid);
  assert.throws(() => store.listEvents({ limit: 0 }), invalid);
  store.close();
});

test('old events and shares are pruned by their own retention', (t) => {
  const clock = { now: START };
  const store = HistoryStore.open(tempDir(t), { now: () => clock.now });
  const day = 24 * HOUR_MS;
  store.addEvent({ at: START - 400 * day, kind: 'old', severity: 'info', message: 'a year ago' });
  store.addEvent({ at: START - 10 * day, kind: 'recent', severity: 'info', message: 'last week' });
  store.addShare({ deviceId: 'usb:1', at: START - 40 * day, difficulty: 512, result: 'accepted' });
  store.addShare({ deviceId: 'usb:1', at: START - day, difficulty: 512, result: 'accepted' });
  store.addShare({ deviceId: 'usb:1', at: START - day, difficulty: 256, result: 'accepted' });
  store.addShare({ deviceId: 'usb:1', at: START - day, difficulty: 512, result: 'rejected' });
  assert.deepEqual(store.shareTotals('usb:1', START - 2 * day), {
    accepted: { count: 2, difficulty: 768 },
    rejected: { count: 1, difficulty: 512 },
    stale: { count: 0, difficulty: 0 },
    invalid: { count: 0, difficulty: 0 },
  });
  assert.throws(() => store.addShare({ deviceId: 'usb:1', at: START, difficulty: -1, result: 'accepted' }), HistoryError);
  assert.deepEqual(store.prune(), { deleted: 2, more: false });
  assert.deepEqual(store.listEvents().map((e) => e.kind), ['recent']);
  assert.equal(store.stats().rows.shares, 3);
  store.close();
});
