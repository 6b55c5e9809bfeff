import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { BatchProgress, ChangeRequest } from '../../../electron/contract/tuning.js';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { applyChange } from '../../../electron/core/tuning/apply.js';
import { applyBatch, type BatchDevice } from '../../../electron/core/tuning/batch.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';
import { FakeMiner } from './fake-miner.js';

function model(id: string): AvalonModel {
  const m = modelById(id);
  assert.ok(m, id);
  return m;
}

const miners: FakeMiner[] = [];
after(async () => {
  await Promise.all(miners.map((m) => m.stop()));
});

describe('applyBatch', () => {
  it('20 mixed devices: applied, skipped with the reason, one access-denied; the failure stops nothing', async () => {
    const plan: Array<[string, number]> = [
      ['avalon-q', 5],
      ['nano3s', 5],
      ['mini3', 4],
      ['a1066', 2],
      ['nano3', 2],
      ['a1566', 1],
    ];
    for (const [id, n] of plan) for (let i = 0; i < n; i++) miners.push(await new FakeMiner(model(id), { workMode: 0 }).start());
    const failing = await new FakeMiner(model('avalon-q'), { workMode: 0, denyWrites: true }).start();
    miners.splice(7, 0, failing);
    assert.equal(miners.length, 20);

    const byId = new Map(miners.map((m) => [`127.0.0.1:${m.port}`, m]));
    const devices: BatchDevice[] = [...byId].map(([deviceId, m]) => ({ deviceId, model: m.model }));
    const request: ChangeRequest = { kind: 'control', control: 'workmode', value: 1, confirmed: true };
    const progress: BatchProgress[] = [];
    let inFlight = 0;
    let maxInFlight = 0;

    const results = await applyBatch(
      devices,
      request,
      async (device, req) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const m = byId.get(device.deviceId)!;
          return await applyChange(m.target, device.model, req, {
            query,
            readBack: () => readSnapshot(m.target, { timeoutMs: 1000 }),
            readBackTries: 4,
            readBackDelayMs: 20,
            commandTimeoutMs: 1000,
          });
        } finally {
          inFlight--;
        }
      },
      { concurrency: 4, onProgress: (p) => progress.push(p) },
    );

    assert.equal(results.length, 20);
    assert.deepEqual(
      results.map((r) => r.deviceId),
      devices.map((d) => d.deviceId),
    );
    const count = (status: string): number => results.filter((r) => r.result.status === status).length;
    assert.equal(count('applied'), 16);
    assert.equal(count('skipped'), 3);
    assert.equal(count('access-denied'), 1);
    assert.equal(results[7]?.result.status, 'access-denied');
    for (const r of results.filter((x) => x.result.status === 'skipped')) {
      assert.equal(r.result.skipReason, 'not-offered');
      assert.match(r.result.message, /does not offer the workmode control/);
    }
    // Skipped devices were never contacted; every other got exactly one write.
    for (const m of miners) {
      const offered = m.model.controls.includes('workmode');
      assert.equal(m.writes().length, offered ? 1 : 0, m.model.id);
      if (offered && m !== failing) assert.equal(m.state.workMode, 1, m.model.id);
    }
    assert.ok(maxInFlight <= 4 && maxInFlight >= 2, `max in flight ${maxInFlight}`);
    const done = progress.filter((p) => p.phase === 'done');
    assert.equal(done.length, 20);
    assert.deepEqual(done.map((p) => p.done), Array.from({ length: 20 }, (_, i) => i + 1));
    assert.equal(progress.filter((p) => p.phase === 'running').length, 17);
  });

  it('an apply that throws becomes that device\'s result only', async () => {
    const q = model('avalon-q');
    const devices: BatchDevice[] = [
      { deviceId: 'a', model: q },
      { deviceId: 'b', model: q },
      { deviceId: 'c', model: undefined },
    ];
    const results = await applyBatch(devices, { kind: 'control', control: 'fan', value: 50 }, async (d) => {
      if (d.deviceId === 'a') throw new Error('boom');
      return { status: 'applied', message: 'ok', verified: true };
    });
    assert.deepEqual(
      results.map((r) => [r.deviceId, r.result.status, r.result.skipReason]),
      [
        ['a', 'not-applied', undefined],
        ['b', 'applied', undefined],
        ['c', 'skipped', 'unknown-model'],
      ],
    );
    assert.match(results[0]!.result.message, /boom/);
  });
});
