// A year of 5-second history for 20 devices, stored as the real store would
// hold it at steady state: raw samples for the last 48 h (recorded through
// HistoryStore.record/flush, one commit per 5-s poll round, roll-ups and
// pruning running as in the app), one-minute roll-ups for days 2-30 and
// hourly roll-ups for days 30-365 written directly from a synthetic minute
// model (recording 126 M samples through the store would take an hour), then
// the store's own roll-up recomputes the fleet rows and hourly rows of the
// last 30 days. Figures: build time, size on disk (and per device), and the
// 30-day chart's query time for one device and for the fleet (target < 50 ms).
// Baselines, same run: the device chart computed from raw samples (a raw-only
// store, one device, 30 days), and the fleet chart computed from device
// minute rows (a store without fleet roll-ups). Also the commit cost of a
// poll round with synchronous=NORMAL against FULL.
// Run: node --import tsx bench/history.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { HistoryQuery } from '../electron/contract/history.js';
import { COUNTS, GAUGES, ROLLUP_COLUMNS } from '../electron/core/history/metrics.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../electron/core/history/plan.js';
import { FLEET_DEVICE, insertRawSql, rawBucketsSql, rollupBucketsSql } from '../electron/core/history/sql.js';
import { loadSqlite, type Database } from '../electron/core/history/sqlite.js';
import { HISTORY_FILE, HistoryStore } from '../electron/core/history/store.js';

const DEVICES = 20;
const POLL_MS = 5000;
const TARGET_MS = 50;
const RUNS = 25;
const NOW = Math.floor(Date.UTC(2026, 5, 1, 12, 0, 0) / HOUR_MS) * HOUR_MS + 17 * MINUTE_MS + 3000;
const RAW_FROM = NOW - 48 * HOUR_MS;
const MINUTE_FROM = Math.floor((NOW - 30 * DAY_MS) / HOUR_MS) * HOUR_MS;
const YEAR_FROM = Math.floor((NOW - 365 * DAY_MS) / HOUR_MS) * HOUR_MS;

const deviceKey = (i: number) => `192.168.1.${10 + i}:4028`;
const Sqlite = loadSqlite();

/** Cheap deterministic noise in [-1, 1). */
function noise(a: number, b: number): number {
  const x = Math.sin(a * 12.9898 + b * 78.233) * 43758.5453;
  return (x - Math.floor(x)) * 2 - 1;
}

/** A device's typical reading of each gauge at time t: a daily temperature swing, and noise. */
function gaugeMean(g: number, device: number, t: number): number {
  const day = Math.sin((2 * Math.PI * (t % DAY_MS)) / DAY_MS);
  const n = noise(device + g * 31, t / MINUTE_MS);
  switch (GAUGES[g]?.key) {
    case 'ghs':
      return 190_000 + device * 500 + n * 3000;
    case 'tempMaxC':
      return 72 + 4 * day + n * 2;
    case 'tempInletC':
      return 24 + 5 * day + n;
    case 'powerW':
      return 3700 + device * 5 + n * 40;
    default:
      return 4200 + n * 150;
  }
}

interface Stat {
  min: number;
  max: number;
  sum: number;
  n: number;
}

/** One device-minute of 12 polls as min/max/sum/count per gauge; integers where devices report integers. */
function minuteStats(device: number, t: number): Stat[] {
  return GAUGES.map((g, i) => {
    const mean = gaugeMean(i, device, t);
    const spread = Math.abs(noise(device, t + i)) * (g.key === 'ghs' ? 2000 : 3);
    const round = g.key === 'ghs' ? (v: number) => Math.round(v * 1000) / 1000 : Math.round;
    return { min: round(mean - spread), max: round(mean + spread), sum: round(mean * 12), n: 12 };
  });
}

function rollupRow(device: number, t: number, stats: Stat[], counts: number[]): number[] {
  return [device, t, ...stats.flatMap((s) => [s.min, s.max, s.sum, s.n]), ...counts];
}

function fleetValue(values: number[], combine: 'sum' | 'max' | 'avg'): number {
  if (combine === 'max') return Math.max(...values);
  const sum = values.reduce((a, b) => a + b, 0);
  return combine === 'sum' ? sum : sum / values.length;
}

/** Minute rows for days 2-30 and hourly rows (devices and fleet) for days 30-365, written straight into the tables. */
function writeSynthetic(db: Database): number {
  const ids = Array.from({ length: DEVICES }, (_, i) => {
    db.prepare('INSERT INTO devices (key) VALUES (?)').run(deviceKey(i));
    return Number((db.prepare('SELECT id FROM devices WHERE key = ?').get(deviceKey(i)) as { id: number }).id);
  });
  const columns = `device, t, ${ROLLUP_COLUMNS.join(', ')}`;
  const marks = ROLLUP_COLUMNS.map(() => '?').join(', ');
  const minute = db.prepare(`INSERT INTO rollup_1m (${columns}) VALUES (?, ?, ${marks})`);
  const hour = db.prepare(`INSERT INTO rollup_1h (${columns}) VALUES (?, ?, ${marks})`);
  let rows = 0;
  const counts = () => [36, 0, 0];

  const minuteRows = db.transaction(() => {
    for (let t = MINUTE_FROM; t < RAW_FROM - MINUTE_MS; t += MINUTE_MS) {
      ids.forEach((id, d) => minute.run(rollupRow(id, t, minuteStats(d, t), counts())));
      rows += DEVICES;
    }
  });
  minuteRows();

  // Older hours straight from the model (720 polls each); the fleet's hour from its devices' hourly means.
  const hourRows = db.transaction(() => {
    for (let h = YEAR_FROM; h < MINUTE_FROM; h += HOUR_MS) {
      const perDevice = ids.map((_, d) =>
        minuteStats(d, h + HOUR_MS / 2).map((s) => ({ min: s.min, max: s.max, sum: s.sum * 60, n: s.n * 60 })),
      );
      const fleet = GAUGES.map((g, gi) => {
        const v = fleetValue(
          perDevice.map((stats) => (g.fleet === 'max' ? stats[gi]!.max : stats[gi]!.sum / stats[gi]!.n)),
          g.fleet,
        );
        return { min: v, max: v, sum: v * 60, n: 60 };
      });
      ids.forEach((id, d) => hour.run(rollupRow(id, h, perDevice[d]!, [2160, 1, 0])));
      hour.run(rollupRow(FLEET_DEVICE, h, fleet, [2160 * DEVICES, DEVICES, 0]));
      rows += DEVICES + 1;
    }
  });
  hourRows();
  return rows;
}

/**
 * 48 h of polls through the store, roll-ups and pruning running as in the
 * app. One flush per simulated minute (12 rounds) keeps the bench short; the
 * commit cost of a single round is measured separately below.
 */
function recordRaw(dir: string): { store: HistoryStore; flushes: number; flushMs: number } {
  const clock = { now: RAW_FROM };
  const store = HistoryStore.open(dir, { now: () => clock.now });
  // The synthetic minute rows need the fleet rows and hours the store computes.
  store.invalidateRollups(MINUTE_FROM);
  let rounds = 0;
  let flushes = 0;
  let flushMs = 0;
  const totals = new Array<number>(DEVICES).fill(0);
  for (let t = RAW_FROM; t < NOW; t += POLL_MS) {
    clock.now = t;
    for (let d = 0; d < DEVICES; d++) {
      totals[d]! += 3;
      store.record(
        deviceKey(d),
        {
          ghs: Math.round(gaugeMean(0, d, t) * 1000) / 1000,
          tempMaxC: Math.round(gaugeMean(1, d, t)),
          tempInletC: Math.round(gaugeMean(2, d, t)),
          powerW: Math.round(gaugeMean(3, d, t)),
          fanRpm: Math.round(gaugeMean(4, d, t)),
          accepted: totals[d]!,
          rejected: 0,
          hwErrors: 0,
        },
        t + d * 50,
      );
    }
    if (++rounds % 12 !== 0) continue;
    const start = performance.now();
    store.flush();
    flushMs += performance.now() - start;
    flushes++;
  }
  clock.now = NOW;
  store.flush();
  return { store, flushes, flushMs };
}

function time(run: () => unknown, runs = RUNS): { median: number; p95: number; points: number } {
  run(); // warm the page cache and statement cache once
  const times: number[] = [];
  let points = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = run();
    times.push(performance.now() - start);
    if (Array.isArray(result)) points = result.length;
    else if (result && typeof result === 'object' && 't' in result && Array.isArray(result.t)) points = result.t.length;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]!, points };
}

/** The fleet chart without fleet roll-ups: every device's minute rows, combined per bucket at query time. */
function fleetFromDevicesSql(): string {
  const perDevice = GAUGES.map((g) => `sum(${g.column}_sum) * 1.0 / sum(${g.column}_n) AS ${g.column}, max(${g.column}_max) AS ${g.column}_top`).join(', ');
  const combined = GAUGES.map((g) => (g.fleet === 'max' ? `max(${g.column}_top)` : `${g.fleet}(${g.column})`)).join(', ');
  return `SELECT b, ${combined}, ${COUNTS.map((c) => `sum(${c.column})`).join(', ')} FROM (
    SELECT device, (t / CAST(@w AS INTEGER)) * CAST(@w AS INTEGER) AS b, ${perDevice}, ${COUNTS.map((c) => `sum(${c.column}) AS ${c.column}`).join(', ')}
    FROM rollup_1m WHERE device IN (SELECT id FROM devices) AND t >= @from AND t < @to GROUP BY device, b)
  GROUP BY b ORDER BY b`;
}

/** A raw-only store: one device, 30 days of 5-s samples. */
function buildRawOnly(dir: string): { db: Database; rows: number } {
  HistoryStore.open(dir).close();
  const db = new Sqlite(join(dir, HISTORY_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.prepare('INSERT INTO devices (id, key) VALUES (1, ?)').run(deviceKey(0));
  const insert = db.prepare(insertRawSql);
  let rows = 0;
  db.transaction(() => {
    for (let t = NOW - 30 * DAY_MS; t < NOW; t += POLL_MS) {
      insert.run(1, t, gaugeMean(0, 0, t), Math.round(gaugeMean(1, 0, t)), Math.round(gaugeMean(2, 0, t)), Math.round(gaugeMean(3, 0, t)), Math.round(gaugeMean(4, 0, t)), 3, 0, 0);
      rows++;
    }
  })();
  return { db, rows };
}

/** Mean commit time of a 20-device poll round at a given synchronous level. */
function commitCost(db: Database, level: 'NORMAL' | 'FULL'): number {
  db.pragma(`synchronous = ${level}`);
  const insert = db.prepare(insertRawSql);
  const round = db.transaction((t: number) => {
    for (let d = 0; d < DEVICES; d++) insert.run(100 + d, t, 190_000.5, 70, 25, 3700, 4200, 3, 0, 0);
  });
  const rounds = 300;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) round(NOW + (level === 'FULL' ? 10 * DAY_MS : DAY_MS) + i * POLL_MS);
  return (performance.now() - start) / rounds;
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const dir = mkdtempSync(join(tmpdir(), 'hearth-bench-history-'));
const rawDir = mkdtempSync(join(tmpdir(), 'hearth-bench-history-raw-'));
try {
  console.log(`history bench: ${DEVICES} devices, a year at one poll per ${POLL_MS / 1000} s, steady-state tiers`);
  const buildStart = performance.now();
  HistoryStore.open(dir, { now: () => RAW_FROM }).close();
  const direct = new Sqlite(join(dir, HISTORY_FILE));
  direct.pragma('journal_mode = WAL');
  direct.pragma('synchronous = NORMAL');
  const syntheticRows = writeSynthetic(direct);
  direct.close();
  const syntheticMs = performance.now() - buildStart;
  const recordStart = performance.now();
  const { store, flushes, flushMs } = recordRaw(dir);
  const recordMs = performance.now() - recordStart;
  const rollStart = performance.now();
  store.rollUp();
  const rollMs = performance.now() - rollStart;
  store.close();
  const buildMs = performance.now() - buildStart;

  const db = new Sqlite(join(dir, HISTORY_FILE), { readonly: true });
  const count = (table: string, where = '') => (db.prepare(`SELECT count(*) AS n FROM ${table} ${where}`).get() as { n: number }).n;
  const tableBytes = (name: string) => (db.prepare('SELECT sum(pgsize) AS b FROM dbstat WHERE name = ?').get(name) as { b: number | null }).b ?? 0;
  const tables = ['samples', 'rollup_1m', 'rollup_1h'].map((name) => {
    const rows = count(name);
    const bytes = tableBytes(name);
    return { name, rows, bytes, perRow: bytes / Math.max(1, rows) };
  });
  const fileBytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  db.close();
  console.log(
    `build: ${(buildMs / 1000).toFixed(1)} s total = synthetic roll-up rows ${(syntheticMs / 1000).toFixed(1)} s (${syntheticRows} rows) + ` +
      `48 h recorded through the store ${(recordMs / 1000).toFixed(1)} s (${flushes} flushes of 12 rounds x ${DEVICES} devices, mean ${ms(flushMs / flushes)}) + ` +
      `final roll-up ${ms(rollMs)}`,
  );
  for (const t of tables) console.log(`  ${t.name}: ${t.rows} rows, ${mb(t.bytes)}, ${t.perRow.toFixed(0)} B/row`);
  console.log(`size on disk: ${mb(fileBytes)} (${mb(fileBytes / DEVICES)} per device)`);
  const [raw, minute, hour] = tables as [(typeof tables)[0], (typeof tables)[0], (typeof tables)[0]];
  const steady = (48 * 3600 * 1000 / POLL_MS) * raw.perRow + 30 * 1440 * minute.perRow;
  console.log(
    `steady state per device: raw 48 h + one-minute 30 d = ${mb(steady)}, plus hourly ${mb(8760 * hour.perRow)} per year kept ` +
      `(the fleet's own minute and hourly rows count as one more device)`,
  );

  const reader = HistoryStore.open(dir, { now: () => NOW });
  const query = (q: Omit<HistoryQuery, 'metrics'>) => () =>
    reader.query({ ...q, metrics: ['ghs', 'tempMaxC', 'tempInletC', 'powerW', 'fanRpm', 'jPerTh'] });
  const device = { deviceId: deviceKey(7) };
  const month = reader.query({ target: device, metrics: ['ghs'], range: '30d' });
  const results = {
    device30: time(query({ target: device, range: '30d' })),
    fleet30: time(query({ target: 'fleet', range: '30d' })),
    device30fine: time(query({ target: device, range: '30d', maxPoints: 2000 })),
    fleet30fine: time(query({ target: 'fleet', range: '30d', maxPoints: 2000 })),
    device7: time(query({ target: device, range: '7d' })),
    device24: time(query({ target: device, range: '24h' })),
    device1h: time(query({ target: device, range: '1h' })),
    deviceAll: time(query({ target: device, range: 'all' })),
    fleetAll: time(query({ target: 'fleet', range: 'all' })),
  };
  reader.close();

  // Baselines: the same 30-day chart (same buckets) computed without the tables that make it cheap.
  const range = { w: month.bucketMs, from: NOW - 30 * DAY_MS, to: NOW };
  const baseline = new Sqlite(join(dir, HISTORY_FILE), { readonly: true });
  const deviceId = (baseline.prepare('SELECT id FROM devices WHERE key = ?').get(device.deviceId) as { id: number }).id;
  const fromMinutes = baseline.prepare(rollupBucketsSql('rollup_1m'));
  const deviceMinuteBase = time(() => fromMinutes.all({ ...range, device: deviceId }), 5);
  const fleetBaseline = baseline.prepare(fleetFromDevicesSql());
  const fleetBase = time(() => fleetBaseline.all(range), 3);
  baseline.close();

  const rawOnly = buildRawOnly(rawDir);
  const rawBuckets = rawOnly.db.prepare(rawBucketsSql);
  const deviceRawBase = time(() => rawBuckets.all({ ...range, device: 1 }), 3);
  const normal = commitCost(rawOnly.db, 'NORMAL');
  const full = commitCost(rawOnly.db, 'FULL');
  rawOnly.db.close();

  const line = (name: string, r: { median: number; p95: number; points: number }) =>
    console.log(`  ${name}: median ${ms(r.median)}, p95 ${ms(r.p95)}, ${r.points} points`);
  console.log(`queries (${RUNS} runs each, all 6 chart metrics; the 30-day chart is ${month.tier} rows, ${month.bucketMs / MINUTE_MS} min a point):`);
  line('device 30 d', results.device30);
  line('fleet 30 d', results.fleet30);
  line('device 30 d at 2000 points (one-minute rows)', results.device30fine);
  line('fleet 30 d at 2000 points (one-minute rows)', results.fleet30fine);
  line('device 7 d', results.device7);
  line('device 24 h', results.device24);
  line('device 1 h', results.device1h);
  line('device all (1 year)', results.deviceAll);
  line('fleet all (1 year)', results.fleetAll);
  const ratio = (base: number, ours: number) => `${(base / ours).toFixed(1)}x`;
  console.log(`baselines, same 30-day chart:`);
  console.log(`  device from one-minute rows: median ${ms(deviceMinuteBase.median)} (${ratio(deviceMinuteBase.median, results.device30.median)})`);
  console.log(`  device from raw samples (raw-only store, ${rawOnly.rows} rows): median ${ms(deviceRawBase.median)} (${ratio(deviceRawBase.median, results.device30.median)})`);
  console.log(`  fleet from every device's one-minute rows (no fleet roll-up): median ${ms(fleetBase.median)} (${ratio(fleetBase.median, results.fleet30.median)})`);
  console.log(`commit of one ${DEVICES}-device poll round: synchronous=NORMAL ${ms(normal)}, FULL ${ms(full)} (${(full / normal).toFixed(1)}x)`);
  const worst = Math.max(results.device30.median, results.fleet30.median);
  console.log(`30-day chart query: ${ms(worst)} against a target of ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'MISSED'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(rawDir, { recursive: true, force: true });
}
