// Every simulator fault mode, on a model it makes sense for, raises exactly
// one alert of the expected kind; ending the fault clears it; healthy devices
// raise nothing. The simulator serves the real CGMiner API on 127.0.60.x and
// runs on a fake clock, so 25 minutes of fleet life take a few seconds.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Alert, AlertKind } from '../../../electron/contract/alerts.js';
import { evaluate, initialAlertState, type AlertState } from '../../../electron/core/alerts/engine.js';
import type { Fault } from '../../../electron/core/sim/index.js';
import { startSimFleet, type SimFleet } from './sim-fleet.js';

const STEP_MS = 60_000;

interface Case {
  model: string;
  fault: Fault | 'reboot' | 'none';
  expect: AlertKind | undefined;
}

const CASES: Case[] = [
  { model: 'a1566', fault: 'overheat', expect: 'overheat' },
  { model: 'nano3s', fault: 'fan-failure', expect: 'fan-stopped' },
  { model: 'a1246', fault: 'fan-failure', expect: 'fan-stopped' },
  { model: 'a1566', fault: 'board-down', expect: 'board-error' },
  { model: 'avalon-q', fault: 'board-down', expect: 'board-error' },
  { model: 'mini3', fault: 'pool-dead', expect: 'pool-down' },
  { model: 'a1466', fault: 'offline', expect: 'offline' },
  { model: 'nano3', fault: 'slow-reply', expect: 'offline' },
  { model: 'a1366', fault: 'garbage', expect: 'offline' },
  { model: 'a1246', fault: 'reset', expect: 'offline' },
  { model: 'a1566', fault: 'reboot', expect: 'rebooted' },
  { model: 'a1566', fault: 'none', expect: undefined },
  { model: 'nano3s', fault: 'none', expect: undefined },
];

let fleet: SimFleet;
let state: AlertState = initialAlertState();
const raised: Alert[] = [];
const cleared: Alert[] = [];

async function run(steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    const devices = await fleet.advance(STEP_MS);
    const r = evaluate(state, devices, fleet.now());
    state = r.state;
    raised.push(...r.raised);
    cleared.push(...r.cleared);
  }
}

const idOf = (i: number): string => `${fleet.sim.targets[i]!.host}:${fleet.sim.targets[i]!.port}`;

before(async () => {
  fleet = await startSimFleet({
    count: CASES.length,
    base: '127.0.60.1',
    port: 4028,
    seed: 7,
    models: CASES.map((c) => c.model),
    slowReplyMs: 3000,
    pollTimeoutMs: 400,
    intervalMs: STEP_MS,
  });
});
after(() => fleet.close());

test('each fault raises exactly one alert of its kind, and clearing the fault clears it', async () => {
  await run(3);
  assert.equal(raised.length, 0, 'a healthy fleet raises nothing');

  for (const [i, c] of CASES.entries()) {
    if (c.fault === 'reboot') fleet.sim.devices[i]!.reboot();
    else if (c.fault !== 'none') await fleet.sim.setFault(i, c.fault);
  }
  await run(15);

  for (const [i, c] of CASES.entries()) {
    const mine = raised.filter((a) => a.deviceId === idOf(i));
    assert.deepEqual(
      mine.map((a) => a.kind),
      c.expect ? [c.expect] : [],
      `${c.model} with ${c.fault}: ${mine.map((a) => a.message).join(' / ')}`,
    );
    assert.ok(mine.every((a) => a.deviceName === `rig ${i}` && a.message.startsWith(`rig ${i}`)));
  }
  // The reboot is over after 10 minutes of uptime: that alert has cleared by itself.
  const rebootIndex = CASES.findIndex((c) => c.fault === 'reboot');
  assert.deepEqual(
    cleared.map((a) => a.deviceId),
    [idOf(rebootIndex)],
  );

  for (const [i, c] of CASES.entries()) if (c.fault !== 'reboot' && c.fault !== 'none') await fleet.sim.setFault(i, 'none');
  await run(12);

  assert.equal(raised.length, CASES.filter((c) => c.expect).length, `no alert raised after the faults ended: ${raised.slice(-3).map((a) => a.message).join(' / ')}`);
  assert.deepEqual(
    cleared.map((a) => a.id).sort(),
    raised.map((a) => a.id).sort(),
    'every raised alert is cleared once',
  );
  for (const a of cleared) assert.ok(a.clearedAt !== undefined && a.clearedAt > a.raisedAt);
});
