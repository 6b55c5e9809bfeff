// Device events derived from successive fleet views: one event per change,
// one error per failing streak, removals noticed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { DeviceEventLog } from '../../../electron/core/diagnostics/device-events.js';

function device(id: string, status: FleetDevice['status'], failures = 0, kind?: 'refused' | 'timeout'): FleetDevice {
  const [host = '', port = '4028'] = id.split(':');
  return {
    record: { id, host, port: Number(port), source: 'manual', addedAt: 0 },
    status,
    consecutiveFailures: failures,
    ...(kind === undefined ? {} : { lastError: { kind, message: `${kind} at poll ${failures}` } }),
  };
}

test('added, status changes, one error per failing streak and per change of kind, removed', () => {
  const log = new DeviceEventLog();
  const a = '192.0.2.1:4028';
  const b = '192.0.2.2:4028';
  const seen = (fleet: FleetDevice[], t: number) => log.observe(fleet, t).map((e) => `${e.kind} ${e.deviceId} ${e.status ?? e.error?.kind ?? ''}`.trim());
  assert.deepEqual(seen([device(a, 'unknown'), device(b, 'unknown')], 1), [`added ${a} unknown`, `added ${b} unknown`]);
  assert.deepEqual(seen([device(a, 'online'), device(b, 'unknown')], 2), [`status ${a} online`]);
  assert.deepEqual(seen([device(a, 'online'), device(b, 'unknown')], 3), []);
  assert.deepEqual(seen([device(a, 'stale', 1, 'timeout'), device(b, 'unknown')], 4), [`status ${a} stale`, `error ${a} timeout`]);
  // The same failure again: no new event.
  assert.deepEqual(seen([device(a, 'stale', 2, 'timeout'), device(b, 'unknown')], 5), []);
  assert.deepEqual(seen([device(a, 'offline', 3, 'refused'), device(b, 'unknown')], 6), [`status ${a} offline`, `error ${a} refused`]);
  // A success clears the streak; the old lastError lingering on the view is not an event.
  assert.deepEqual(seen([{ ...device(a, 'online', 0, 'refused') }, device(b, 'unknown')], 7), [`status ${a} online`]);
  assert.deepEqual(seen([device(a, 'online')], 8), [`removed ${b}`]);
  assert.deepEqual(log.for(a).map((e) => e.t), [1, 2, 4, 4, 6, 6, 7]);
  assert.equal(log.for(b).at(-1)?.kind, 'removed');
  assert.deepEqual(log.for('198.51.100.1:4028'), []);
});

test('each device keeps its newest events only', () => {
  const log = new DeviceEventLog(3);
  const id = '192.0.2.9:4028';
  const statuses: FleetDevice['status'][] = ['unknown', 'online', 'stale', 'online', 'stale', 'online'];
  statuses.forEach((s, t) => log.observe([device(id, s)], t));
  assert.deepEqual(log.for(id).map((e) => e.t), [3, 4, 5]);
});
