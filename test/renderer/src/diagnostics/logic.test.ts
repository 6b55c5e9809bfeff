// Pure helpers of the diagnostics views.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BoardHeatMap, HealthReport, OpenedBundleContents } from '../../../../electron/contract/diagnostics.js';
import { base64ToBytes, bundleDevice, bundleEvents, bytesToBase64, formatSize, HEAT_STEPS, heatRange, heatStep, statusCounts } from '../../../../renderer/src/diagnostics/logic.js';

const map = (temps: number[], volts: number[]): BoardHeatMap => ({ module: 'MM ID0', board: 0, chipTempsC: temps, chipVoltages: volts, outliers: [] });

test('heat maps share one scale over every board; silent chips are apart', () => {
  const maps = [map([60, 0, 70], [0.3, 0.31]), map([80, 65], [0.29, 0])];
  assert.deepEqual(heatRange(maps, 'temperature'), { min: 60, max: 80 });
  assert.deepEqual(heatRange(maps, 'voltage'), { min: 0.29, max: 0.31 });
  assert.equal(heatRange([map([0, 0], [])], 'temperature'), undefined);
  const r = { min: 60, max: 80 };
  assert.equal(heatStep(60, r), 0);
  assert.equal(heatStep(80, r), HEAT_STEPS - 1);
  assert.equal(heatStep(70, r), 4);
  assert.equal(heatStep(0, r), -1);
  assert.equal(heatStep(70, { min: 70, max: 70 }), 4, 'one value: the middle');
});

test('base64 both ways, across the chunk boundary', () => {
  const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
  const text = bytesToBase64(bytes);
  assert.equal(text, Buffer.from(bytes).toString('base64'));
  assert.deepEqual(base64ToBytes(text), bytes);
});

const report: HealthReport = {
  formatVersion: 1,
  deviceId: '[fe80::1]:4029',
  generatedAt: 5,
  modelId: 'nano3s',
  overall: 'fail',
  checks: [
    { id: 'fans', status: 'fail', title: 'Fans', explanation: 'x', nextStep: 'y' },
    { id: 'pools', status: 'pass', title: 'Pools', explanation: 'x', nextStep: 'y' },
    { id: 'chips', status: 'unknown', title: 'Chips', explanation: 'x', nextStep: 'y' },
  ],
  decodedErrors: [],
  heatMaps: [],
};

test('counts by status', () => {
  assert.deepEqual(statusCounts(report), { pass: 1, warn: 0, fail: 1, unknown: 1 });
});

test('the device view of a bundle, and its events', () => {
  const bundle = {
    manifest: { createdAt: 9, device: { id: '[fe80::1]:4029' } },
    report: { ...report, pollError: { kind: 'refused', message: 'no' } },
    events: [{ t: 1, deviceId: 'a:1', kind: 'added', message: 'a:1 is watched' }, { t: 'bad' }, 'text'],
  } as unknown as OpenedBundleContents;
  const device = bundleDevice(bundle);
  assert.deepEqual(device.record, { id: '[fe80::1]:4029', host: 'fe80::1', port: 4029, source: 'manual', addedAt: 9 });
  assert.equal(device.status, 'offline');
  assert.equal(device.lastError?.kind, 'refused');
  assert.deepEqual(bundleEvents(bundle.events).map((e) => e.message), ['a:1 is watched']);
  assert.equal(formatSize(512), '512 B');
  assert.equal(formatSize(2048), '2 KiB');
  assert.equal(formatSize(3.5 * 1024 * 1024), '3.5 MiB');
});
