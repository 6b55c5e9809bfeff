// The pure engine, rule by rule, on the captured A1566 snapshot with one
// reading changed at a time: hold times, hysteresis, clearing, inhibition,
// restarts, the hardware-error window, and devices that go away.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { AlertRulesSchema, type Alert } from '../../../electron/contract/alerts.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import type { DeviceSnapshot } from '../../../electron/contract/snapshot.js';
import { activeAlerts, evaluate, initialAlertState, type AlertState } from '../../../electron/core/alerts/engine.js';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';

const CAPTURES = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'captures', 'avalon');
const capture = (name: string): unknown => JSON.parse(readFileSync(join(CAPTURES, name), 'utf8'));
const T0 = Date.UTC(2026, 0, 1);
const BASE: DeviceSnapshot = buildSnapshot(
  { version: capture('a1566-version.json') as never, pools: capture('a1566-pools.json') as never, estats: capture('a1566-estats.json') as never },
  T0,
);

interface Reading {
  hottest?: number;
  fans?: number[];
  share?: number;
  elapsedS?: number;
  hwErrors?: number;
  ghs1m?: number;
  poolStatus?: string;
  echu?: number[];
  softOff?: number;
}

function snapshot(t: number, r: Reading = {}): DeviceSnapshot {
  const m = BASE.modules[0]!;
  return {
    ...BASE,
    takenAt: t,
    summary: { ...BASE.summary, elapsedS: r.elapsedS ?? 100_000 + (t - T0) / 1000, ghs1m: r.ghs1m ?? 190_000, hardwareErrors: r.hwErrors ?? 0 },
    pools: BASE.pools.map((p) => ({ ...p, status: r.poolStatus ?? p.status })),
    modules: [
      {
        ...m,
        fansRpm: r.fans ?? m.fansRpm,
        softOff: r.softOff ?? m.softOff,
        errorCodes: { ...m.errorCodes, echu: r.echu ?? m.errorCodes.echu },
      },
    ],
    derived: {
      ...BASE.derived,
      hottestC: r.hottest ?? BASE.derived.hottestC,
      fansRpm: r.fans ?? BASE.derived.fansRpm,
      ...(r.share === undefined ? { hashrateVsNominal: 0.98 } : { hashrateVsNominal: r.share }),
    },
  };
}

function online(t: number, r: Reading = {}, nickname = 'Shed'): FleetDevice {
  return {
    record: { id: '127.0.60.9:4028', host: '127.0.60.9', port: 4028, nickname, source: 'manual', addedAt: T0 },
    status: 'online',
    snapshot: snapshot(t, r),
    lastSuccessAt: t,
    lastPollAt: t,
    consecutiveFailures: 0,
  };
}

function failing(t: number, lastSuccessAt: number | undefined, failures: number): FleetDevice {
  const d = online(lastSuccessAt ?? T0);
  const { lastSuccessAt: _s, ...rest } = d;
  return {
    ...(lastSuccessAt === undefined ? { ...rest, snapshot: undefined } : d),
    status: 'offline',
    lastPollAt: t,
    consecutiveFailures: failures,
    lastError: { kind: 'refused', message: 'connection refused' },
  };
}

/** Runs the engine over (time, device) steps; collects everything raised and cleared. */
function run(steps: readonly [number, FleetDevice[]][], rules = AlertRulesSchema.parse({}), start: AlertState = initialAlertState()) {
  let state = start;
  const raised: Alert[] = [];
  const cleared: Alert[] = [];
  for (const [t, fleet] of steps) {
    const r = evaluate(state, fleet, t, rules);
    state = r.state;
    raised.push(...r.raised);
    cleared.push(...r.cleared);
  }
  return { state, raised, cleared };
}

const every = (fromS: number, toS: number, stepS: number, make: (t: number) => FleetDevice[]): [number, FleetDevice[]][] => {
  const out: [number, FleetDevice[]][] = [];
  for (let s = fromS; s <= toS; s += stepS) out.push([T0 + s * 1000, make(T0 + s * 1000)]);
  return out;
};

test('the captured healthy A1566 raises nothing over an hour', () => {
  assert.equal(BASE.identity.modelId, 'a1566');
  assert.deepEqual(BASE.warnings, []);
  const { raised } = run(every(0, 3600, 30, (t) => [online(t)]));
  assert.deepEqual(raised, []);
});

test('overheat: raised after the hold, once; held through the hysteresis band; cleared after the clear hold', () => {
  const hot = every(0, 600, 15, (t) => [online(t, { hottest: 104 })]);
  const band = every(615, 900, 15, (t) => [online(t, { hottest: 97 })]);
  const cool = every(915, 1200, 15, (t) => [online(t, { hottest: 80 })]);
  const { raised, cleared, state } = run([...hot, ...band, ...cool]);
  assert.equal(raised.length, 1);
  assert.equal(raised[0]!.kind, 'overheat');
  assert.equal(raised[0]!.severity, 'critical');
  assert.equal(raised[0]!.raisedAt, T0 + 60_000, 'the 60 s hold');
  assert.equal(raised[0]!.value, 104);
  assert.equal(raised[0]!.message, 'Shed is overheating: hottest reading 104 °C (limit 100 °C).');
  assert.equal(cleared.length, 1);
  assert.equal(cleared[0]!.clearedAt, T0 + 1035_000, 'cool from 915 s, cleared 120 s later');
  assert.deepEqual(activeAlerts(state), []);
});

test('a reading that flaps around the threshold never stays long enough to raise', () => {
  const { raised } = run(every(0, 1800, 20, (t) => [online(t, { hottest: ((t - T0) / 20_000) % 2 === 0 ? 101 : 99 })]));
  assert.deepEqual(raised, []);
});

test('offline: raised once polls have failed 3 times and for 5 minutes; cleared after a minute back online', () => {
  const lastOk = T0;
  const steps: [number, FleetDevice[]][] = [[T0, [online(T0)]]];
  for (let s = 30, n = 1; s <= 600; s += 30, n++) steps.push([T0 + s * 1000, [failing(T0 + s * 1000, lastOk, n)]]);
  steps.push(...every(630, 720, 30, (t) => [online(t)]));
  const { raised, cleared } = run(steps);
  assert.deepEqual(
    raised.map((a) => [a.kind, a.raisedAt, a.value]),
    [['offline', T0 + 300_000, 300]],
  );
  assert.match(raised[0]!.message, /^Shed is offline: no answer for 5 min, 10 failed polls \(last error: refused\)\.$/);
  assert.deepEqual(
    cleared.map((a) => [a.kind, a.clearedAt]),
    [['offline', T0 + 690_000]],
  );
});

test('a device that never answered is offline 5 minutes after Hearth first saw it fail', () => {
  const steps: [number, FleetDevice[]][] = [];
  for (let s = 0, n = 1; s <= 400; s += 20, n++) steps.push([T0 + s * 1000, [failing(T0 + s * 1000, undefined, n)]]);
  const { raised } = run(steps);
  assert.deepEqual(
    raised.map((a) => [a.kind, a.raisedAt]),
    [['offline', T0 + 300_000]],
  );
});

test('snapshot rules freeze while the device is not online: no clear from an old snapshot, no raise', () => {
  const hot = every(0, 120, 30, (t) => [online(t, { hottest: 104 })]);
  const away: [number, FleetDevice[]][] = every(150, 900, 30, (t) => {
    const d = failing(t, T0 + 120_000, 1);
    return [{ ...d, status: 'stale', snapshot: snapshot(T0 + 120_000, { hottest: 70 }) }];
  });
  const { raised, cleared, state } = run([...hot, ...away]);
  assert.deepEqual(
    raised.map((a) => a.kind),
    ['overheat'],
  );
  assert.deepEqual(cleared, []);
  assert.deepEqual(
    activeAlerts(state).map((a) => a.kind),
    ['overheat'],
  );
});

test('fan stopped: raised while running, not in standby; it explains the heat, so no overheat alert', () => {
  const { raised } = run(every(0, 900, 30, (t) => [online(t, { fans: [0, 4200], hottest: 104 })]));
  assert.deepEqual(
    raised.map((a) => [a.kind, a.message]),
    [['fan-stopped', 'Shed: fan 1 has stopped (0 rpm) while the device is running.']],
  );
  const standby = run(every(0, 900, 30, (t) => [online(t, { fans: [0, 0], softOff: 1, share: 0.1 })]));
  assert.deepEqual(standby.raised, [], 'soft-off: stopped fans and no hash rate are what the user asked for');
});

test('hash rate low: only after 10 minutes, only when nothing else explains it, cleared above 85 %', () => {
  const low = run([...every(0, 900, 30, (t) => [online(t, { share: 0.7 })]), ...every(930, 1500, 30, (t) => [online(t, { share: 0.9 })])]);
  assert.deepEqual(
    low.raised.map((a) => [a.kind, a.raisedAt, a.value]),
    [['hashrate-low', T0 + 600_000, 0.7]],
  );
  assert.equal(low.raised[0]!.message, 'Shed hashes at 70 % of its rated rate (alert below 80 %).');
  assert.deepEqual(
    low.cleared.map((a) => a.clearedAt),
    [T0 + 1230_000],
  );

  const deadPool = run(every(0, 1800, 30, (t) => [online(t, { share: 0.2, poolStatus: 'Dead' })]));
  assert.deepEqual(
    deadPool.raised.map((a) => a.kind),
    ['pool-down'],
  );
  const badBoard = run(every(0, 1800, 30, (t) => [online(t, { share: 0.66, echu: [0, 513, 0] })]));
  assert.deepEqual(
    badBoard.raised.map((a) => [a.kind, a.message]),
    [['board-error', 'Shed: hash board 2 reports error code 513 (ECHU) and may not be hashing.']],
  );
  const normal512 = run(every(0, 900, 30, (t) => [online(t, { echu: [512, 512, 512] })]));
  assert.deepEqual(normal512.raised, [], 'ECHU 512 is normal (Canaan log guide)');
});

test('rebooted: Elapsed going backwards raises it; ten minutes of uptime clear it', () => {
  const steps: [number, FleetDevice[]][] = [
    [T0, [online(T0, { elapsedS: 5000 })]],
    [T0 + 30_000, [online(T0 + 30_000, { elapsedS: 5030 })]],
    ...every(60, 900, 30, (t) => [online(t, { elapsedS: (t - T0) / 1000 - 50 })]),
  ];
  const { raised, cleared } = run(steps);
  assert.deepEqual(
    raised.map((a) => [a.kind, a.raisedAt, a.severity, a.value]),
    [['rebooted', T0 + 60_000, 'info', 10]],
  );
  assert.deepEqual(
    cleared.map((a) => a.clearedAt),
    [T0 + 660_000],
  );
});

test('rebooted: a restart hidden in a long gap is seen from the boot time moving', () => {
  const { raised } = run([
    [T0, [online(T0, { elapsedS: 100 })]],
    [T0 + 7200_000, [online(T0 + 7200_000, { elapsedS: 300 })]],
  ]);
  assert.deepEqual(
    raised.map((a) => [a.kind, a.value]),
    [['rebooted', 300]],
  );
  const none = run([
    [T0, [online(T0, { elapsedS: 100 })]],
    [T0 + 7200_000, [online(T0 + 7200_000, { elapsedS: 7301 })]],
  ]);
  assert.deepEqual(none.raised, [], 'uptime that kept counting is no restart');
});

test('hardware errors: a windowed rate above 1 % raises once; back to normal clears', () => {
  // 190 TH/s is 44 238 diff-1 shares a second; 900 errors a second is about 2 %.
  let hw = 0;
  const bad = every(0, 900, 30, (t) => {
    if (t > T0) hw += 900 * 30;
    return [online(t, { hwErrors: hw })];
  });
  const good = every(930, 3000, 30, (t) => [online(t, { hwErrors: hw })]);
  const { raised, cleared } = run([...bad, ...good]);
  assert.equal(raised.length, 1);
  assert.equal(raised[0]!.kind, 'hw-errors');
  assert.equal(raised[0]!.raisedAt, T0 + 450_000, 'half the 15-minute window is needed');
  assert.ok(Math.abs(raised[0]!.value! - 1.993) < 0.01, `rate ${raised[0]!.value}`);
  assert.equal(cleared.length, 1);
  assert.ok(cleared[0]!.clearedAt! > T0 + 930_000);
});

test('a device removed from the fleet, or a rule switched off, clears its alerts', () => {
  const hot = run(every(0, 120, 30, (t) => [online(t, { hottest: 104 })]));
  assert.equal(hot.raised.length, 1);
  const removed = evaluate(hot.state, [], T0 + 150_000);
  assert.deepEqual(
    removed.cleared.map((a) => [a.kind, a.clearedAt]),
    [['overheat', T0 + 150_000]],
  );
  assert.deepEqual(removed.state.devices, {});

  const off = AlertRulesSchema.parse({ overheat: { enabled: false } });
  const disabled = evaluate(hot.state, [online(T0 + 150_000, { hottest: 104 })], T0 + 150_000, off);
  assert.deepEqual(
    disabled.cleared.map((a) => a.kind),
    ['overheat'],
  );
  assert.deepEqual(activeAlerts(disabled.state), []);
});

test('rule thresholds come from settings: a lower limit raises sooner', () => {
  const rules = AlertRulesSchema.parse({ overheat: { limitC: 80, holdS: 0 } });
  const { raised } = run([[T0, [online(T0, { hottest: 85 })]]], rules);
  assert.deepEqual(
    raised.map((a) => [a.kind, a.threshold]),
    [['overheat', 80]],
  );
});
