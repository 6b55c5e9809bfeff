// The stateful wrapper: events in order (clears before raises), handed to
// the notifier, and alerts restored after a restart are not raised twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert, AlertEvent } from '../../../electron/contract/alerts.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { AlertMonitor, DEFAULT_RULES } from '../../../electron/core/alerts/index.js';

const T0 = Date.UTC(2026, 0, 1);
const record = { id: '127.0.60.200:4028', host: '127.0.60.200', port: 4028, nickname: 'Attic', source: 'manual' as const, addedAt: 0 };

function offline(t: number, failures: number): FleetDevice {
  return { record, status: 'offline', lastSuccessAt: T0 - 3600_000, lastPollAt: t, consecutiveFailures: failures, lastError: { kind: 'timeout', message: 'timed out' } };
}
function online(t: number): FleetDevice {
  return { record, status: 'online', lastSuccessAt: t, lastPollAt: t, consecutiveFailures: 0 };
}

test('events go to the notifier; an alert restored from history is not raised again and clears normally', async () => {
  const sent: AlertEvent[][] = [];
  const restored: Alert = {
    id: `${record.id}|offline|${T0 - 600_000}`,
    kind: 'offline',
    severity: 'warning',
    deviceId: record.id,
    deviceName: 'Attic',
    raisedAt: T0 - 600_000,
    message: 'Attic is offline.',
  };
  const monitor = new AlertMonitor({
    getRules: () => DEFAULT_RULES,
    restore: [restored],
    notifier: {
      notify: (events) => {
        sent.push([...events]);
        return Promise.resolve();
      },
    },
  });
  assert.deepEqual(monitor.active(), [restored]);
  assert.deepEqual(monitor.update([offline(T0, 40)], T0), [], 'still offline: nothing new');
  assert.deepEqual(monitor.update([online(T0 + 30_000)], T0 + 30_000), []);
  const events = monitor.update([online(T0 + 90_000)], T0 + 90_000);
  assert.deepEqual(events, [{ type: 'cleared', at: T0 + 90_000, alert: { ...restored, clearedAt: T0 + 90_000 } }]);
  assert.deepEqual(sent, [events]);
  assert.deepEqual(monitor.active(), []);
});

test('a notifier that throws does not break evaluation; the error is reported', async () => {
  const errors: unknown[] = [];
  const monitor = new AlertMonitor({
    getRules: () => DEFAULT_RULES,
    notifier: { notify: () => Promise.reject(new Error('boom')) },
    onNotifyError: (e) => errors.push(e),
  });
  monitor.update([offline(T0, 1)], T0);
  const events = monitor.update([offline(T0 + 1000, 5)], T0 + 1000);
  assert.deepEqual(events.map((e) => [e.type, e.alert.kind]), [['raised', 'offline']]);
  await new Promise((r) => setImmediate(r));
  assert.equal((errors[0] as Error).message, 'boom');
});
