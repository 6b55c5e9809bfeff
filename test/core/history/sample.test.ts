import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { sampleOf } from '../../../electron/core/fleet/views.js';
import { counterDelta, sampleFromSnapshot } from '../../../electron/core/history/sample.js';
import { captureJson } from '../avalon/fixtures.js';

test('a snapshot of the real A1566 gives the live chart values plus inlet temperature and counters', () => {
  const snapshot = buildSnapshot(
    {
      version: captureJson('a1566-version.json'),
      pools: captureJson('a1566-pools.json'),
      estats: captureJson('a1566-estats.json'),
      devs: captureJson('a1566-devs.json'),
    },
    1_700_000_000_000,
  );
  const sample = sampleFromSnapshot(snapshot);
  const { t: _t, ...live } = sampleOf(snapshot);
  assert.ok(live.ghs !== undefined && live.tempMaxC !== undefined && live.fanRpm !== undefined);
  assert.deepEqual({ ghs: sample.ghs, tempMaxC: sample.tempMaxC, powerW: sample.powerW, fanRpm: sample.fanRpm }, live);
  const inlets = snapshot.modules.map((m) => m.tempInletC).filter((v) => v !== undefined);
  assert.ok(inlets.length > 0, 'the capture reports an inlet temperature');
  assert.equal(sample.tempInletC, Math.max(...inlets));
  // The capture's summary: Accepted 148, Rejected 1, Hardware Errors 0; ITemp 31.
  assert.deepEqual([sample.accepted, sample.rejected, sample.hwErrors, sample.tempInletC], [148, 1, 0, 31]);
});

test('an empty snapshot gives an empty sample', () => {
  const snapshot = buildSnapshot({}, 1);
  assert.deepEqual(sampleFromSnapshot({ ...snapshot, summary: {}, modules: [], derived: { fansRpm: [] } }), {});
});

test('counter increases: plain, after a reboot, and unknown', () => {
  assert.equal(counterDelta(100, 130), 30);
  assert.equal(counterDelta(100, 100), 0);
  assert.equal(counterDelta(100, 7), 7);
  assert.equal(counterDelta(undefined, 7), undefined);
  assert.equal(counterDelta(7, undefined), undefined);
});
