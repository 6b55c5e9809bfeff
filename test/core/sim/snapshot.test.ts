// The real proof that the simulator speaks each model's dialect: the app's
// own parsers turn its replies into snapshots whose figures match the
// simulator's state, with no parser warnings.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { PROFILES, startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { ManualClock, askJson, type Json } from './helpers.js';

const clock = new ManualClock();
let sim: Simulation;
// The A10 and controller-era dialects report other figures (no wall power, no chip lists): generations.test.ts.
const MODELS = PROFILES.filter((p) => p.dialect !== 'a10' && p.dialect !== 'controller').map((p) => p.id);

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.62.1', seed: 77, models: MODELS, now: clock.now });
  // Let the rolling averages move away from their settled starting values.
  clock.advance(120);
});
after(() => sim.close());

const close = (actual: number | undefined, expected: number, tolerance: number, what: string): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
};

describe('simulated replies parse into snapshots that match the simulator', () => {
  for (const [i, model] of MODELS.entries()) {
    it(model, async () => {
      const dev = sim.devices[i]!;
      const joined = await askJson(sim.targets[i]!, 'version+summary+pools+devs+estats');
      const part = (cmd: string): Json => (joined[cmd] as Json[])[0]!;
      const snap = buildSnapshot({ version: part('version'), summary: part('summary'), pools: part('pools'), devs: part('devs'), estats: part('estats') }, clock.now());
      const r = dev.reading();
      assert.deepEqual(snap.warnings, []);
      assert.equal(snap.identity.modelId, model);
      assert.equal(snap.identity.product, dev.profile.product);
      close(snap.summary.ghs1m, r.ghs1m, 0.01, 'summary 1m GH/s');
      close(snap.summary.ghsAvg, r.ghsAvg, 0.01, 'summary average GH/s');
      assert.equal(snap.summary.accepted, r.accepted);
      assert.equal(snap.summary.hardwareErrors, r.hwErrors);
      assert.equal(snap.pools.length, 3);
      assert.deepEqual(snap.pools.map((p) => p.active === true), r.pools.map((p) => p.active));
      const m = snap.modules[0]!;
      close(m.ghsSpd, r.ghs5s, 0.01, 'GHSspd');
      assert.equal(m.tempMaxC, r.tempMaxC);
      assert.deepEqual(m.fansRpm, r.fanRpm);
      assert.equal(m.fanPercent, r.fanDuty);
      assert.equal(m.powerW, r.wallW);
      assert.equal(snap.derived.powerW, r.wallW);
      assert.deepEqual(m.errorCodes.echu, r.boards.map((b) => b.echu));
      assert.equal(dev.profile.modeKey === 'WORKLEVEL' ? m.workLevel : m.workMode, r.mode.value);
      if (dev.profile.dialect !== 'nano3') assert.equal(m.state, 'work');
      assert.equal(m.boards.length, dev.profile.hashBoards);
      for (const b of m.boards) {
        assert.equal(b.chipTempsC?.length, dev.profile.chipsPerBoard);
        assert.deepEqual(b.chipTempsC, r.boards[b.index]!.chipTempsC);
      }
    });
  }

  it('a board-down fault shows as that board\'s error code and a fault-free rest', async () => {
    const i = MODELS.indexOf('a1566');
    await sim.setFault(i, 'board-down');
    const snap = buildSnapshot({ estats: await askJson(sim.targets[i]!, 'estats') }, clock.now());
    assert.deepEqual(snap.modules[0]!.errorCodes.echu, [0, 513, 0]);
    assert.deepEqual(snap.modules[0]!.boards.map((b) => b.errorCode), [0, 513, 0]);
  });
});
