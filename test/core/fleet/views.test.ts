import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceSnapshot } from '../../../electron/contract/snapshot.js';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { sampleOf, slimDevice, slimSnapshot } from '../../../electron/core/fleet/views.js';
import { captureJson } from '../avalon/fixtures.js';

// The real A1566 replies, decoded as a poll decodes them.
const a1566: DeviceSnapshot = buildSnapshot(
  {
    version: captureJson('a1566-version.json'),
    pools: captureJson('a1566-pools.json'),
    estats: captureJson('a1566-estats.json'),
    devs: captureJson('a1566-devs.json'),
  },
  1_700_000_000_000,
);

test('a chart sample takes the 1-minute rate, the hottest reading, power and the mean fan speed', () => {
  const s = sampleOf(a1566);
  assert.equal(s.t, 1_700_000_000_000);
  assert.equal(s.ghs, a1566.summary.ghs1m ?? a1566.summary.ghs5s ?? a1566.summary.ghsAvg);
  assert.ok(s.ghs !== undefined && s.ghs > 0);
  assert.equal(s.tempMaxC, a1566.derived.hottestC);
  assert.equal(s.powerW, a1566.derived.powerW);
  const fans = a1566.derived.fansRpm;
  assert.ok(fans.length >= 2);
  assert.equal(s.fanRpm, Math.round(fans.reduce((a, b) => a + b, 0) / fans.length));
  // Figures the device did not report stay out.
  assert.deepEqual(sampleOf({ ...a1566, summary: {}, derived: { fansRpm: [] } }), { t: 1_700_000_000_000 });
});

test('the slim snapshot drops raw replies, raw module items and per-chip arrays, and nothing else', () => {
  assert.ok(Object.keys(a1566.raw).length > 0);
  assert.ok(a1566.modules[0]!.boards.some((b) => (b.chipTempsC?.length ?? 0) > 0), 'the capture has per-chip temperatures');
  const slim = slimSnapshot(a1566);
  assert.deepEqual(slim.raw, {});
  assert.deepEqual(slim.modules[0]!.raw, {});
  assert.ok(slim.modules[0]!.boards.every((b) => b.chipTempsC === undefined && b.chipVoltages === undefined));
  assert.deepEqual(slim.modules[0]!.boards.map((b) => b.tempMaxC), a1566.modules[0]!.boards.map((b) => b.tempMaxC));
  assert.deepEqual({ ...slim, raw: a1566.raw, modules: a1566.modules }, a1566);
  assert.ok(JSON.stringify(slim).length * 4 < JSON.stringify(a1566).length, 'at least 4x smaller');
  // The original is untouched.
  assert.ok(Object.keys(a1566.modules[0]!.raw).length > 0);
  const device = { record: { id: 'a:1', host: 'a', port: 1, source: 'manual' as const, addedAt: 0 }, status: 'unknown' as const, consecutiveFailures: 0 };
  assert.equal(slimDevice(device), device);
});
