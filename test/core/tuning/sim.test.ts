// The tuning stack against the product simulator over TCP (electron/core/sim):
// work mode, fan and soft off on the models it already models with state.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChangeRequest } from '../../../electron/contract/tuning.js';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { applyChange } from '../../../electron/core/tuning/apply.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';

const MODELS = ['avalon-q', 'nano3s', 'mini3'];
let sim: Simulation;
// The simulator advances in whole simulated seconds; each read-back moves its clock on by two.
let clock = Date.UTC(2026, 0, 5, 12);

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.93.1', port: 0, seed: 5, models: MODELS, now: () => clock });
});
after(() => sim.close());

function target(id: string): { host: string; port: number } {
  return sim.targets[MODELS.indexOf(id)]!;
}

async function change(id: string, request: ChangeRequest) {
  const t = target(id);
  return applyChange(t, modelById(id) as AvalonModel, request, {
    query,
    readBack: () => {
      clock += 2000;
      return readSnapshot(t, { timeoutMs: 2000 });
    },
    now: () => clock,
    readBackTries: 5,
    readBackDelayMs: 50,
  });
}

describe('tuning against the simulator', () => {
  it('Avalon Q work mode: sent, read back as applied', async () => {
    const before = await readSnapshot(target('avalon-q'));
    const next = before.modules[0]?.workMode === 2 ? 0 : 2;
    const result = await change('avalon-q', { kind: 'control', control: 'workmode', value: next, confirmed: true });
    assert.equal(result.status, 'applied', result.message);
    assert.equal(result.verified, true);
    assert.equal(result.after, next);
    assert.deepEqual(result.sent, { command: 'ascset', parameter: `0,workmode,set,${next}` });
  });

  it('Nano 3S fan: out of range never reaches the device; in range is applied', async () => {
    const refused = await change('nano3s', { kind: 'control', control: 'fan', value: 5 });
    assert.equal(refused.skipReason, 'invalid-value');
    const result = await change('nano3s', { kind: 'control', control: 'fan', value: 80 });
    assert.equal(result.status, 'applied', result.message);
    assert.equal(result.after, 80);
  });

  it('Nano 3S work mode above its maximum is refused by the app before sending', async () => {
    const result = await change('nano3s', { kind: 'control', control: 'workmode', value: 3, confirmed: true });
    assert.equal(result.status, 'skipped');
    assert.equal(result.skipReason, 'invalid-value');
  });

  it('Mini 3 soft off then soft on: idle, then hashing again', async () => {
    const off = await change('mini3', { kind: 'control', control: 'softoff', value: null, confirmed: true });
    assert.equal(off.status, 'applied', off.message);
    assert.equal(off.after, 'off');
    assert.match(off.deviceMessage ?? '', /^ASC 0 set info: success softoff:\d+$/);
    const on = await change('mini3', { kind: 'control', control: 'softon', value: null });
    assert.equal(on.status, 'applied', on.message);
    assert.equal(on.after, 'on');
  });
});
