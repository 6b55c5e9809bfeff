// The monitor against simulated miners over real TCP on loopback (127.0.30.x):
// cadence per device, status transitions, back-off, coalesced events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requests } from '../../../electron/contract/api.js';
import type { DeviceRecord, FleetDevice } from '../../../electron/contract/fleet.js';
import { FleetMonitor } from '../../../electron/core/fleet/monitor.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';

function records(sim: Simulation): DeviceRecord[] {
  return sim.targets.map((t) => ({ id: `${t.host}:${t.port}`, host: t.host, port: t.port, source: 'manual', addedAt: 0 }));
}

async function waitFor(what: string, pred: () => boolean, timeoutMs = 4000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a slow and a dead device never delay the others: each healthy one keeps its 1 s cadence', async (t) => {
  const sim = await startSimulation({ count: 10, base: '127.0.30.1', faults: { 3: 'slow-reply', 7: 'offline' }, slowReplyMs: 5000 });
  const monitor = new FleetMonitor({ pollIntervalMs: 1000, startGapMs: 20, emitThrottleMs: 500 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const fleetEvents: FleetDevice[][] = [];
  monitor.onChange((fleet) => fleetEvents.push(fleet));
  const list = records(sim);
  for (const r of list) monitor.track(r);
  const started = Date.now();
  await sleep(3400);
  const elapsed = Date.now() - started;

  for (const [i, r] of list.entries()) {
    const device = monitor.get(r.id)!;
    if (i === 3) {
      assert.equal(device.status, 'offline', 'never answered in time');
      assert.equal(device.lastError?.kind, 'timeout');
      assert.ok(device.lastPollMs! >= 750 && device.lastPollMs! < 1000, `gave up after ${device.lastPollMs} ms`);
      continue;
    }
    if (i === 7) {
      assert.equal(device.status, 'offline');
      assert.equal(device.lastError?.kind, 'refused');
      assert.equal(monitor.history(r.id)?.length, 0);
      continue;
    }
    assert.equal(device.status, 'online', r.id);
    assert.ok(device.snapshot !== undefined && device.snapshot.identity.modelId !== 'unknown', `${r.id} identified`);
    const times = monitor.history(r.id)!.map((s) => s.t);
    assert.ok(times.length >= 3, `${r.id}: ${times.length} polls in ${elapsed} ms`);
    const gaps = times.slice(1).map((t, k) => t - times[k]!);
    for (const gap of gaps) assert.ok(gap >= 800 && gap <= 1300, `${r.id}: gaps ${gaps.join(', ')}`);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    assert.ok(mean >= 950 && mean <= 1100, `${r.id}: mean gap ${mean}`);
  }

  // Coalesced: at most one event per 500 ms, each the whole fleet, slim.
  assert.ok(fleetEvents.length >= 3 && fleetEvents.length <= Math.ceil(elapsed / 500) + 1, `${fleetEvents.length} events`);
  const last = fleetEvents.at(-1)!;
  requests['fleet.list'].result.parse(last);
  assert.equal(last.length, 10);
  const slim = last.find((d) => d.snapshot !== undefined)!.snapshot!;
  assert.deepEqual(slim.raw, {});
  assert.ok(slim.modules.every((m) => Object.keys(m.raw).length === 0 && m.boards.every((b) => b.chipTempsC === undefined)));
  // The device page gets the raw replies.
  const full = monitor.get(list[0]!.id)!.snapshot!;
  assert.ok('summary' in full.raw && 'estats' in full.raw, Object.keys(full.raw).join(','));
});

test('status goes online -> stale -> offline -> online as a device dies and comes back', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.30.40' });
  const monitor = new FleetMonitor({ pollIntervalMs: 200, startGapMs: 0, maxBackoffMs: 800, emitThrottleMs: 20 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const [r] = records(sim);
  const seen: string[] = [];
  monitor.onChange((fleet) => {
    const s = fleet[0]!.status;
    if (seen.at(-1) !== s) seen.push(s);
  });
  monitor.track(r!);
  await waitFor('online', () => monitor.get(r!.id)?.status === 'online');
  const wentDown = Date.now();
  await sim.setFault(0, 'offline');
  await waitFor('stale', () => monitor.get(r!.id)?.status === 'stale');
  await waitFor('offline', () => monitor.get(r!.id)?.status === 'offline');
  const down = monitor.get(r!.id)!;
  // Offline once the last success is more than three intervals old.
  assert.ok(down.lastPollAt! - down.lastSuccessAt! > 600, `${down.lastPollAt! - down.lastSuccessAt!} ms`);
  assert.ok(Date.now() - wentDown < 2000);
  assert.equal(down.lastError?.kind, 'refused');
  assert.ok(down.consecutiveFailures >= 3);
  assert.ok(down.snapshot !== undefined, 'the last snapshot is kept');
  await sim.setFault(0, 'none');
  await waitFor('online again', () => monitor.get(r!.id)?.status === 'online', 3000);
  assert.equal(monitor.get(r!.id)!.consecutiveFailures, 0);
  assert.equal(monitor.get(r!.id)!.lastError, undefined);
  await sleep(50);
  assert.deepEqual(seen, ['unknown', 'online', 'stale', 'offline', 'online'].slice(seen[0] === 'unknown' ? 0 : 1));
});

test('an offline device is polled with exponential back-off up to the cap', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.30.50', faults: { 0: 'offline' } });
  const monitor = new FleetMonitor({ pollIntervalMs: 100, startGapMs: 0, maxBackoffMs: 800 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const [r] = records(sim);
  monitor.track(r!);
  const attempts: number[] = [];
  const until = Date.now() + 2900;
  while (Date.now() < until) {
    const at = monitor.get(r!.id)?.lastPollAt;
    if (at !== undefined && at !== attempts.at(-1)) attempts.push(at);
    await sleep(5);
  }
  const gaps = attempts.slice(1).map((t, k) => t - attempts[k]!);
  // 2x, 4x, 8x the interval, then the 800 ms cap.
  const expected = [200, 400, 800, 800];
  assert.ok(gaps.length >= 4, `gaps ${gaps.join(', ')}`);
  expected.forEach((want, k) => assert.ok(Math.abs(gaps[k]! - want) <= 100, `gap ${k}: ${gaps[k]} (want ${want}); all ${gaps.join(', ')}`));
});

test('a poll in flight is never duplicated, and untracking aborts it', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.30.60', faults: { 0: 'slow-reply' }, slowReplyMs: 400 });
  const monitor = new FleetMonitor({ pollIntervalMs: 1000, pollTimeoutMs: 900, startGapMs: 0 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const [r] = records(sim);
  const dev = sim.devices[0]!;
  monitor.track(r!);
  await waitFor('the first request', () => dev.commandLog.length > 0);
  for (let i = 0; i < 5; i++) monitor.pollNow(r!.id);
  await waitFor('the slow answer', () => monitor.get(r!.id)?.status === 'online', 2000);
  assert.equal(dev.commandLog.length, 1, 'one joined request, no duplicates');
  assert.equal(monitor.get(r!.id)!.lastPollMs! >= 380, true);

  monitor.pollNow(r!.id);
  await waitFor('the second request', () => dev.commandLog.length === 2);
  assert.equal(monitor.untrack(r!.id), true);
  await sleep(600);
  assert.equal(monitor.get(r!.id), undefined);
  assert.equal(monitor.list().length, 0);
  assert.equal(dev.commandLog.length, 2, 'nothing polled after untrack');
});

test('a new interval applies at once; history capacity follows it', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.30.70' });
  const monitor = new FleetMonitor({ pollIntervalMs: 5000, startGapMs: 0 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const [r] = records(sim);
  monitor.track(r!);
  await waitFor('first poll', () => monitor.history(r!.id)?.length === 1);
  monitor.setPollInterval(100);
  assert.equal(monitor.pollIntervalMs, 100);
  await waitFor('polls at the new interval', () => (monitor.history(r!.id)?.length ?? 0) >= 4, 1500);
  assert.throws(() => monitor.setPollInterval(0), RangeError);
});

test('poll listeners get every finished poll, with the new snapshot when the device answered', async (t) => {
  const sim = await startSimulation({ count: 2, base: '127.0.30.80', faults: { 1: 'offline' } });
  const monitor = new FleetMonitor({ pollIntervalMs: 300, maxBackoffMs: 300, emitThrottleMs: 50 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const polls: { id: string; ok: boolean; takenAt?: number }[] = [];
  const off = monitor.onPoll((p) => polls.push({ id: p.id, ok: p.ok, ...(p.snapshot ? { takenAt: p.snapshot.takenAt } : {}) }));
  const [healthy, dead] = records(sim);
  monitor.track(healthy!);
  monitor.track(dead!);
  await waitFor('three polls of the healthy device', () => polls.filter((p) => p.id === healthy!.id).length >= 3);
  const good = polls.filter((p) => p.id === healthy!.id);
  assert.ok(good.every((p) => p.ok && p.takenAt !== undefined));
  // Each successful poll is one ring sample, in the same order.
  assert.deepEqual(good.map((p) => p.takenAt), monitor.history(healthy!.id)!.map((s) => s.t).slice(0, good.length));
  const bad = polls.filter((p) => p.id === dead!.id);
  assert.ok(bad.length >= 1 && bad.every((p) => !p.ok && p.takenAt === undefined));
  off();
  const seen = polls.length;
  await sleep(700);
  assert.equal(polls.length, seen, 'unsubscribed');
});

test('pausing stops polling until resumed', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.30.85' });
  const monitor = new FleetMonitor({ pollIntervalMs: 200, emitThrottleMs: 50 });
  t.after(async () => {
    monitor.close();
    await sim.close();
  });
  const [record] = records(sim);
  monitor.track(record!);
  await waitFor('two polls', () => (monitor.history(record!.id)?.length ?? 0) >= 2);
  monitor.setPaused(true);
  assert.equal(monitor.isPaused, true);
  await sleep(300); // a poll in flight at the pause finishes
  const paused = monitor.history(record!.id)!.length;
  monitor.pollNow(record!.id);
  await sleep(700);
  assert.equal(monitor.history(record!.id)!.length, paused, 'no poll while paused, not even pollNow');
  monitor.setPaused(false);
  assert.equal(monitor.isPaused, false);
  await waitFor('polls after resuming', () => monitor.history(record!.id)!.length >= paused + 2);
});
