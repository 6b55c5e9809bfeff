// The history feature inside the real service: every snapshot the monitor
// produces is stored (compared poll for poll with the monitor's own ring),
// charts and CSV come back through the API, the data survives a restart,
// pausing stops recording, and a missing native module leaves the app
// running without history. Simulated devices on 127.0.94.200+ (loopback).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requests, type RequestMethod, type RequestResult } from '../../../electron/contract/api.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { createHearthService, type HearthService, type HearthServiceOptions } from '../../../electron/core/app/service.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-history-app-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function open(t: TestContext, dataDir: string, extra: Partial<HearthServiceOptions> = {}): Promise<HearthService> {
  const service = await createHearthService({ dataDir, host: 'server', version: '0.0.0', log: () => undefined, ...extra });
  t.after(() => service.close());
  return service;
}

async function call<M extends RequestMethod>(service: HearthService, method: M, params: unknown): Promise<RequestResult<M>> {
  return requests[method].result.parse(await service.handle(method, params)) as RequestResult<M>;
}

async function sim(t: TestContext, base: string, count = 2): Promise<Simulation> {
  const s = await startSimulation({ count, base });
  t.after(() => s.close());
  return s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Adds the simulated devices, polls every second until each has `polls` samples, then pauses. */
async function collect(service: HearthService, s: Simulation, polls: number): Promise<string[]> {
  await call(service, 'settings.set', { pollIntervalMs: 1000 });
  const ids: string[] = [];
  for (const target of s.targets) ids.push((await call(service, 'device.add', { host: target.host, port: target.port })).id);
  await until(`${polls} polls of each device`, async () => {
    for (const id of ids) if ((await call(service, 'device.history', { id })).length < polls) return false;
    return true;
  });
  assert.deepEqual(await call(service, 'fleet.pause', { paused: true }), { paused: true });
  // The poll in flight when pausing finishes and its round is committed.
  await sleep(1500);
  return ids;
}

test('every snapshot is recorded, committed per round, and charted through the API', async (t) => {
  const dataDir = await tempDir(t);
  const s = await sim(t, '127.0.94.200');
  const service = await open(t, dataDir);
  // Four polls a second apart span 3 s, more than one 1 h point (2572 ms at
  // 1400 points), so the chart below always has at least two points; three
  // polls (2 s) fell into one point about one run in five.
  const ids = await collect(service, s, 4);

  const live = await Promise.all(ids.map((id) => call(service, 'device.history', { id })));
  const polled = live.reduce((n, samples) => n + samples.length, 0);
  const status = await call(service, 'history.status', {});
  assert.equal(status.available, true);
  assert.equal(status.rows?.samples, polled, 'one stored row per successful poll');
  assert.ok((status.bytes ?? 0) > 0);

  // Paused: nothing more is polled or stored.
  await sleep(1500);
  assert.equal((await call(service, 'history.status', {})).rows?.samples, polled);

  for (const [i, id] of ids.entries()) {
    const samples = live[i]!;
    const series = await call(service, 'history.query', { target: { deviceId: id }, metrics: ['ghs', 'powerW', 'jPerTh'], range: '1h', maxPoints: 1400 });
    assert.equal(series.tier, 'raw');
    assert.ok(series.bucketMs <= 3000, `1 h in 1400 points: ${series.bucketMs} ms per point`);
    assert.equal(series.to - series.from, 3_600_000);
    const ghs = series.series.find((e) => e.metric === 'ghs')!;
    const filled = ghs.value.filter((v): v is number => v !== null);
    assert.ok(filled.length >= 2, `points with hashrate: ${filled.length}`);
    // Every stored point lies within what the monitor saw (its in-memory ring keeps 0.1 GH/s).
    const liveGhs = samples.map((x) => x.ghs).filter((v): v is number => v !== undefined);
    const lo = Math.min(...liveGhs);
    const hi = Math.max(...liveGhs);
    for (const v of filled) assert.ok(v >= lo - 0.1 && v <= hi + 0.1, `${v} within ${lo}..${hi}`);
    const maxes = ghs.max!.filter((v): v is number => v !== null);
    assert.ok(Math.abs(Math.max(...maxes) - hi) <= 0.1, `highest stored ${Math.max(...maxes)} vs live ${hi}`);
    const power = series.series.find((e) => e.metric === 'powerW')!.value;
    const eff = series.series.find((e) => e.metric === 'jPerTh')!.value;
    for (const [k, p] of power.entries()) {
      const g = ghs.value[k];
      if (p !== null && p !== undefined && g !== null && g !== undefined && g > 0) assert.ok(Math.abs(eff[k]! - (p / g) * 1000) < 1e-6);
    }
  }

  const fleet = await call(service, 'history.query', { target: 'fleet', metrics: ['ghs'], range: '24h' });
  assert.equal(fleet.target, 'fleet');
  assert.equal(fleet.to - fleet.from, 86_400_000);

  const csv = await call(service, 'history.csv', { target: { deviceId: ids[0]! }, metrics: ['ghs', 'tempMaxC'], range: '1h' });
  assert.match(csv.fileName, /^hearth-127\.0\.94\.200_4028-ghs_tempMaxC-1h-\d{8}-\d{4}\.csv$/);
  const lines = csv.csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'time,ghs,ghs_min,ghs_max,tempMaxC,tempMaxC_min,tempMaxC_max');
  const again = await call(service, 'history.query', { target: { deviceId: ids[0]! }, metrics: ['ghs'], range: '1h' });
  assert.equal(lines.length - 1, again.t.length);

  // The most points the API gives still keeps a 30-day chart on hourly rows (fast on a year of data: bench/history.ts).
  const month = await call(service, 'history.query', { target: 'fleet', metrics: ['ghs'], range: '30d', maxPoints: 1400 });
  assert.deepEqual([month.tier, month.bucketMs], ['1h', 3_600_000]);
  await assert.rejects(service.handle('history.query', { target: 'fleet', metrics: ['ghs'], range: '30d', maxPoints: 1401 }), (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params');
  await assert.rejects(service.handle('history.query', { target: 'fleet', metrics: [], range: '1h' }), (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params');

  // Resuming polls again and records again.
  await call(service, 'fleet.pause', { paused: false });
  await until('recording after resume', async () => ((await call(service, 'history.status', {})).rows?.samples ?? 0) > polled);
});

test('stored history survives a restart', async (t) => {
  const dataDir = await tempDir(t);
  const s = await sim(t, '127.0.94.210', 1);
  const first = await createHearthService({ dataDir, host: 'server', version: '0.0.0', log: () => undefined });
  let ids: string[];
  let before;
  try {
    ids = await collect(first, s, 2);
    before = await call(first, 'history.query', { target: { deviceId: ids[0]! }, metrics: ['ghs', 'tempMaxC'], range: '1h' });
  } finally {
    await first.close();
  }
  assert.ok(before.t.length >= 1);
  const second = await open(t, dataDir);
  await call(second, 'fleet.pause', { paused: true });
  const after = await call(second, 'history.query', { target: { deviceId: ids[0]! }, metrics: ['ghs', 'tempMaxC'], range: '1h' });
  // The restarted service may have polled once before the pause: the old points are all there, unchanged.
  assert.deepEqual(after.t.slice(0, before.t.length - 1), before.t.slice(0, -1));
  assert.deepEqual(after.series[0]!.value.slice(0, before.t.length - 1), before.series[0]!.value.slice(0, -1));
});

test('events are listed newest first and exported as CSV', async (t) => {
  const dataDir = await tempDir(t);
  const service = await open(t, dataDir);
  assert.deepEqual(await call(service, 'events.list', {}), []);
  const csv = await call(service, 'events.csv', {});
  assert.match(csv.fileName, /^hearth-events-\d{8}-\d{4}\.csv$/);
  assert.match(csv.csv, /^time,/);
  await assert.rejects(service.handle('events.list', { limit: 0 }), (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params');
});

test('without the native module the app runs on and says why', async (t) => {
  const dataDir = await tempDir(t);
  const service = await open(t, dataDir, {
    history: {
      store: {
        loadNative: () => {
          throw new Error('Cannot find module better-sqlite3');
        },
      },
    },
  });
  const status = await call(service, 'history.status', {});
  assert.equal(status.available, false);
  assert.match(status.reason ?? '', /better-sqlite3|native/);
  await assert.rejects(service.handle('history.query', { target: 'fleet', metrics: ['ghs'], range: '1h' }), (e: unknown) => e instanceof ApiRequestError && e.code === 'internal' && /unavailable/.test(e.message));
  assert.deepEqual(await call(service, 'fleet.list', {}), []);
  assert.equal((await call(service, 'alerts.overview', {})).active.length, 0);
});
