// The tuning feature through the service, against simulated miners over TCP
// (127.0.91.41-44): controls with current values, apply with read-back and
// audit, batch progress events, schedule storage and the scheduler on a
// controllable clock and timer.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { events, requests, type EventName, type EventPayload, type RequestMethod, type RequestResult } from '../../../electron/contract/api.js';
import type { BatchProgressEvent, Schedule } from '../../../electron/contract/tuning.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { createHearthService, type HearthService } from '../../../electron/core/app/service.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';

const MODELS = ['avalon-q', 'nano3', 'a1566', 'nano3s'];
let sim: Simulation;
let service: HearthService;
let dataDir: string;
const ids: string[] = [];
let clock = Date.UTC(2026, 5, 1, 21, 59);
let timerFn: (() => void) | undefined;
const seen: Array<{ event: EventName; payload: unknown }> = [];

async function call<M extends RequestMethod>(method: M, params: unknown): Promise<RequestResult<M>> {
  return requests[method].result.parse(await service.handle(method, params)) as RequestResult<M>;
}

async function waitFor(what: string, pred: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function collect<E extends EventName>(event: E): void {
  service.on(event, (payload: EventPayload<E>) => {
    events[event].parse(payload);
    seen.push({ event, payload });
  });
}

const privileged = (i: number) => sim.devices[i]!.commandLog.filter((e) => e.privileged);

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.91.41', port: 0, seed: 17, models: MODELS });
  dataDir = await mkdtemp(join(tmpdir(), 'hearth-tuning-'));
  service = await createHearthService({
    dataDir,
    host: 'server',
    version: 'test',
    log: () => undefined,
    tuning: {
      readBackTries: 5,
      readBackDelayMs: 100,
      now: () => clock,
      timer: {
        set: (fn) => {
          timerFn = fn;
          return fn;
        },
        clear: () => {
          timerFn = undefined;
        },
      },
    },
  });
  collect('tuning.audited');
  collect('tuning.batchProgress');
  await call('settings.set', { pollIntervalMs: 1000 });
  for (const t of sim.targets) ids.push((await call('device.add', { host: t.host, port: t.port })).id);
  await waitFor('every device polled', async () => (await call('fleet.list', {})).every((d) => d.snapshot !== undefined));
});

after(async () => {
  await service.close();
  await sim.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('tuning.controls', () => {
  it('lists the model\'s controls with their current values and pool operations', async () => {
    const q = await call('tuning.controls', { id: ids[0] });
    assert.equal(q.modelId, 'avalon-q');
    assert.deepEqual(q.controls.map((c) => c.control), ['workmode', 'worklevel', 'fan', 'voltage', 'freq', 'softoff', 'softon', 'reboot']);
    assert.equal(q.current.workmode, sim.devices[0]!.workMode);
    assert.equal(q.current.softoff, 'on');
    assert.deepEqual(q.poolOps, []);
    const n3s = await call('tuning.controls', { id: ids[3] });
    assert.deepEqual(n3s.poolOps, ['set', 'enable', 'disable', 'switch', 'priority']);
    assert.equal(n3s.current.led, 'off');
    await assert.rejects(service.handle('tuning.controls', { id: '127.0.91.99:4028' }), (e: unknown) => e instanceof ApiRequestError && e.code === 'not-found');
  });
});

describe('tuning.apply', () => {
  it('an interrupting change without confirmed is not sent; with it, applied, read back and audited', async () => {
    const sentBefore = privileged(0).length;
    const target = sim.devices[0]!.workMode === 0 ? 2 : 0;
    const skipped = await call('tuning.apply', { id: ids[0], request: { kind: 'control', control: 'workmode', value: target } });
    assert.deepEqual([skipped.status, skipped.skipReason], ['skipped', 'needs-confirmation']);
    assert.equal(privileged(0).length, sentBefore);

    const result = await call('tuning.apply', { id: ids[0], request: { kind: 'control', control: 'workmode', value: target, confirmed: true } });
    assert.deepEqual([result.status, result.verified, result.after], ['applied', true, target]);
    assert.deepEqual(privileged(0).slice(sentBefore).map((e) => e.parameter), [`0,workmode,set,${target}`]);

    const audit = await call('tuning.audit', { id: ids[0] });
    assert.equal(audit.length, 1, 'the skipped attempt sent nothing and is not a change');
    assert.deepEqual([audit[0]!.who, audit[0]!.control, audit[0]!.status, audit[0]!.after], ['user', 'workmode', 'applied', target]);
    assert.ok(seen.some((s) => s.event === 'tuning.audited' && (s.payload as { deviceId: string }).deviceId === ids[0]));
  });

  it('access denied comes back as a result with the fix, not an error', async () => {
    const result = await call('tuning.apply', { id: ids[2], request: { kind: 'control', control: 'led', value: 'on' } });
    assert.equal(result.status, 'access-denied');
    assert.match(result.message, /API allow/);
  });
});

describe('tuning.batch', () => {
  it('reports each device\'s progress by event; skipped devices carry the reason', async () => {
    const unknown = '127.0.91.98:4028';
    const { batchId } = await call('tuning.batch', { ids: [...ids, unknown], request: { kind: 'control', control: 'led', value: 'on' } });
    const done = (): BatchProgressEvent[] =>
      seen.filter((s) => s.event === 'tuning.batchProgress').map((s) => s.payload as BatchProgressEvent).filter((p) => p.batchId === batchId && p.phase === 'done');
    await waitFor('batch done', () => done().length === 5);
    const by = new Map(done().map((p) => [p.deviceId, p.result!]));
    assert.deepEqual([by.get(ids[0]!)!.status, by.get(ids[0]!)!.skipReason], ['skipped', 'not-offered']);
    assert.equal(by.get(ids[1]!)!.status, 'applied');
    assert.equal(by.get(ids[2]!)!.status, 'access-denied');
    assert.equal(by.get(ids[3]!)!.status, 'applied');
    assert.deepEqual([by.get(unknown)!.status, by.get(unknown)!.skipReason], ['skipped', 'unknown-model']);
    assert.equal(Math.max(...done().map((p) => p.done)), 5);
  });
});

describe('schedules', () => {
  const schedule: Schedule = {
    id: 'night',
    name: 'Night tariff',
    enabled: true,
    timeZone: 'UTC',
    deviceIds: [],
    rules: [
      { days: [0, 1, 2, 3, 4, 5, 6], at: '22:00', action: { control: 'workmode', value: 2 } },
      { days: [0, 1, 2, 3, 4, 5, 6], at: '22:30', action: { control: 'workmode', value: 2 } },
      { days: [0, 1, 2, 3, 4, 5, 6], at: '07:00', action: { control: 'workmode', value: 0 } },
    ],
  };

  /** Fires the scheduler's timer at `at` and waits for that run to finish: a run re-arms its timer last. */
  const fireAt = async (at: number) => {
    const fired = timerFn;
    assert.ok(fired, 'the scheduler armed its timer');
    clock = at;
    fired();
    await waitFor('the schedule run finished', () => timerFn !== undefined && timerFn !== fired, 30_000);
  };

  it('refuses an action the model lacks or a value out of range', async () => {
    await assert.rejects(
      service.handle('schedules.put', { schedule: { ...schedule, deviceIds: [ids[1]], rules: [{ days: [1], at: '22:00', action: { control: 'softoff' } }] } }),
      (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params' && /has no softoff control/.test(e.message),
    );
    await assert.rejects(
      service.handle('schedules.put', { schedule: { ...schedule, deviceIds: [ids[0]], rules: [{ days: [1], at: '22:00', action: { control: 'workmode', value: 7 } }] } }),
      (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params',
    );
    await assert.rejects(
      service.handle('schedules.put', { schedule: { ...schedule, deviceIds: [ids[0]], timeZone: 'Mars/Olympus' } }),
      (e: unknown) => e instanceof ApiRequestError && /unknown time zone/.test(e.message),
    );
  });

  it('runs at the boundary on the injected clock, audits as the schedule, and sends nothing when already in that mode', async () => {
    // Start from mode 0 so the 22:00 rule has something to do.
    await call('tuning.apply', { id: ids[0], request: { kind: 'control', control: 'workmode', value: 0, confirmed: true } });
    await call('schedules.put', { schedule: { ...schedule, deviceIds: [ids[0]] } });
    assert.deepEqual((await call('schedules.list', {})).map((s) => s.id), ['night']);
    const next = await call('schedules.next', { id: ids[0] });
    assert.deepEqual(next.next, { at: Date.UTC(2026, 5, 1, 22, 0), action: { control: 'workmode', value: 2 }, scheduleId: 'night' });
    const controls = await call('tuning.controls', { id: ids[0] });
    assert.equal(controls.nextChange?.at, Date.UTC(2026, 5, 1, 22, 0));

    // No wait for the monitor to see mode 0: the scheduler reads the device itself at the boundary.
    const sentBefore = privileged(0).length;
    clock = Date.UTC(2026, 5, 1, 22, 0, 5);
    assert.ok(timerFn, 'the scheduler armed its timer');
    timerFn();
    // The change is read back before it is audited (a few polls of the device): allow for a loaded machine.
    await waitFor('scheduled change audited', async () => (await call('tuning.audit', { id: ids[0] })).some((e) => e.who === 'schedule'), 30_000);
    const entry = (await call('tuning.audit', { id: ids[0] })).find((e) => e.who === 'schedule')!;
    assert.deepEqual([entry.scheduleId, entry.status, entry.after], ['night', 'applied', 2]);
    assert.deepEqual(privileged(0).slice(sentBefore).map((e) => e.parameter), ['0,workmode,set,2']);
    assert.equal(sim.devices[0]!.workMode, 2);

    // The 22:30 boundary (same mode): nothing may be sent.
    const sentAt2230 = privileged(0).length;
    const auditCount = (await call('tuning.audit', { id: ids[0] })).length;
    await fireAt(Date.UTC(2026, 5, 1, 22, 30, 5));
    assert.equal(privileged(0).length, sentAt2230);
    assert.equal((await call('tuning.audit', { id: ids[0] })).length, auditCount);

    assert.deepEqual(await call('schedules.remove', { id: 'night' }), { removed: true });
    assert.deepEqual(await call('schedules.next', { id: ids[0] }), {});
  });

  // The user changes the mode by hand just before a boundary, and the monitor has not polled the device
  // since: its latest snapshot is stale. Polling is paused so that it stays stale for certain.
  describe('a hand change just before a boundary, before any monitor poll', () => {
    const monitorSnapshot = async () => (await call('device.get', { id: ids[0] })).snapshot;
    const scheduledEntries = async () => (await call('tuning.audit', { id: ids[0] })).filter((e) => e.scheduleId === 'race');
    const setByHand = async (value: number) => {
      const result = await call('tuning.apply', { id: ids[0], request: { kind: 'control', control: 'workmode', value, confirmed: true } });
      assert.deepEqual([result.status, result.after], ['applied', value]);
    };
    let stale: { takenAt: number; workMode: number | undefined };

    before(async () => {
      await call('schedules.put', { schedule: { ...schedule, id: 'race', deviceIds: [ids[0]] } });
      await setByHand(0);
      await waitFor('monitor shows mode 0', async () => (await monitorSnapshot())?.modules[0]?.workMode === 0, 30_000);
      await call('fleet.pause', { paused: true });
      // A poll already in flight still lands, within its budget (0.8 s at 1 s polls).
      await new Promise((r) => setTimeout(r, 1000));
      const snapshot = (await monitorSnapshot())!;
      stale = { takenAt: snapshot.takenAt, workMode: snapshot.modules[0]?.workMode };
      assert.equal(stale.workMode, 0);
    });

    after(async () => {
      await call('fleet.pause', { paused: false });
      await call('schedules.remove', { id: 'race' });
    });

    it('the scheduled mode is sent when the hand change left the device in another one', async () => {
      // 06:59 the user sets mode 2; the 07:00 rule says 0, which the stale snapshot still shows.
      clock = Date.UTC(2026, 5, 2, 6, 59);
      await setByHand(2);
      const sentBefore = privileged(0).length;
      await fireAt(Date.UTC(2026, 5, 2, 7, 0, 5));
      assert.equal((await monitorSnapshot())?.takenAt, stale.takenAt, 'the monitor did not poll between the hand change and the boundary');
      assert.deepEqual(privileged(0).slice(sentBefore).map((e) => e.parameter), ['0,workmode,set,0']);
      assert.equal(sim.devices[0]!.workMode, 0);
      const entries = await scheduledEntries();
      assert.deepEqual(
        entries.map((e) => [e.who, e.status, e.before, e.after]),
        [['schedule', 'applied', 2, 0]],
      );
    });

    it('nothing is sent when the hand change already set the scheduled mode', async () => {
      // 21:59 the user sets mode 2; the 22:00 rule says 2, while the stale snapshot still shows 0.
      clock = Date.UTC(2026, 5, 2, 21, 59);
      await setByHand(2);
      const sentBefore = privileged(0).length;
      const entriesBefore = (await scheduledEntries()).length;
      await fireAt(Date.UTC(2026, 5, 2, 22, 0, 5));
      const snapshot = await monitorSnapshot();
      assert.deepEqual([snapshot?.takenAt, snapshot?.modules[0]?.workMode], [stale.takenAt, 0], 'the monitor still shows the mode before the hand change');
      assert.deepEqual(privileged(0).slice(sentBefore).map((e) => e.parameter), []);
      assert.equal(sim.devices[0]!.workMode, 2);
      assert.equal((await scheduledEntries()).length, entriesBefore);
    });
  });
});
