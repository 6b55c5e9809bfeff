// The pure parts of the desktop shell: what the tray says, which alerts become
// desktop notifications (in English and Simplified Chinese), and when the OS
// secret storage is trusted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Alert, AlertNotice } from '../../../electron/contract/alerts.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import type { DeviceSnapshot } from '../../../electron/contract/snapshot.js';
import { notificationsFor } from '../../../electron/main/alert-notices.js';
import { osSealingAvailable } from '../../../electron/main/secrets.js';
import { formatHashrate, summarize, trayTitle, trayTooltip } from '../../../electron/main/tray-state.js';
import { translator } from '../../../electron/main/texts.js';

const en = translator('en');
const zh = translator('zh-CN');

function device(id: string, status: FleetDevice['status'], ghs1m?: number): FleetDevice {
  const record = { id, host: id.split(':')[0]!, port: 4028, source: 'manual' as const, addedAt: 0 };
  if (ghs1m === undefined) return { record, status, consecutiveFailures: 0 };
  const snapshot = { takenAt: 1, summary: { ghs1m }, derived: { fansRpm: [] }, modules: [], pools: [] } as unknown as DeviceSnapshot;
  return { record, status, consecutiveFailures: 0, snapshot };
}

function alert(i: number, severity: Alert['severity'] = 'warning'): Alert {
  return { id: `d${i}|offline|1`, kind: 'offline', severity, deviceId: `10.0.0.${i}:4028`, deviceName: `rig ${i}`, raisedAt: 1, message: `rig ${i} is offline` };
}

test('the tray sums the online devices and counts alerts', () => {
  const fleet = [device('a:4028', 'online', 190_000), device('b:4028', 'online', 56_500), device('c:4028', 'stale', 90_000), device('d:4028', 'offline')];
  const s = summarize(fleet, [alert(1), alert(2, 'critical')], false);
  assert.deepEqual(s, { devices: 4, online: 2, ghs: 246_500, alerts: 2, critical: 1, paused: false });
  assert.equal(trayTooltip(s, en), 'Hearth: 247 TH/s · 2/4 online · 2 alerts (1 critical)');
  assert.equal(trayTitle(s), '247 TH/s ⚠ 2');
  const quiet = summarize([], [], true);
  assert.equal(trayTooltip(quiet, en), 'Hearth: 0 H/s · 0/0 online · no alerts · polling paused');
  assert.equal(trayTitle(quiet), '0 H/s');
  assert.equal(trayTooltip(summarize([], [alert(1)], false), en), 'Hearth: 0 H/s · 0/0 online · 1 alert');
});

test('the tray speaks Simplified Chinese', () => {
  const s = summarize([device('a:4028', 'online', 190_000), device('b:4028', 'offline')], [alert(1), alert(2, 'critical')], false);
  assert.equal(trayTooltip(s, zh), 'Hearth：190 TH/s · 1/2 在线 · 2 个警报（1 个严重）');
  assert.equal(trayTooltip(summarize([], [], true), zh), 'Hearth：0 H/s · 0/0 在线 · 无警报 · 轮询已暂停');
  assert.equal(trayTooltip(summarize([], [alert(1)], false), zh), 'Hearth：0 H/s · 0/0 在线 · 1 个警报');
});

test('hash rates are shown in the largest fitting unit', () => {
  assert.equal(formatHashrate(0), '0 H/s');
  assert.equal(formatHashrate(0.5), '500 MH/s');
  assert.equal(formatHashrate(37.24), '37.2 GH/s');
  assert.equal(formatHashrate(1_234_000), '1.2 PH/s');
  assert.equal(formatHashrate(194_000), '194 TH/s');
});

test('only raises marked for the desktop are shown, a burst as one', () => {
  const raised = (i: number, desktop: boolean, severity: Alert['severity'] = 'warning'): AlertNotice => ({ type: 'raised', at: 1, alert: alert(i, severity), desktop });
  const cleared: AlertNotice = { type: 'cleared', at: 2, alert: alert(9), desktop: true };
  assert.deepEqual(notificationsFor([raised(1, true), raised(2, false), cleared], en), [{ title: 'Hearth: Device offline', body: 'rig 1 is offline', critical: false }]);
  const events = [1, 2, 3, 4, 5, 6, 7].map((i) => raised(i, true, i === 7 ? 'critical' : 'warning'));
  assert.deepEqual(notificationsFor(events, en), [{ title: 'Hearth: 7 alerts', body: 'rig 1, rig 2, rig 3, rig 4, rig 5 and 2 more', critical: true }]);
  assert.deepEqual(notificationsFor(events.slice(0, 4), en), [{ title: 'Hearth: 4 alerts', body: 'rig 1, rig 2, rig 3, rig 4', critical: false }]);
  assert.deepEqual(notificationsFor([], en), []);

  // In Chinese: the title and the summary are translated; a single alert's body is the core's message, as in the app's alert list.
  const overheat: AlertNotice = { type: 'raised', at: 1, alert: { ...alert(1, 'critical'), kind: 'overheat', message: 'rig 1 is overheating' }, desktop: true };
  assert.deepEqual(notificationsFor([overheat], zh), [{ title: 'Hearth：过热', body: 'rig 1 is overheating', critical: true }]);
  assert.deepEqual(notificationsFor(events, zh), [{ title: 'Hearth：7 个警报', body: 'rig 1、rig 2、rig 3、rig 4、rig 5 及另外 2 台', critical: true }]);
  assert.deepEqual(notificationsFor(events.slice(0, 4), zh), [{ title: 'Hearth：4 个警报', body: 'rig 1、rig 2、rig 3、rig 4', critical: false }]);
});

test('the OS secret storage is trusted only with a real key', () => {
  const storage = (available: boolean, backend: ReturnType<NonNullable<Parameters<typeof osSealingAvailable>[0]['getSelectedStorageBackend']>>) => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => Buffer.from(s),
    decryptString: (b: Buffer) => b.toString(),
  });
  assert.equal(osSealingAvailable(storage(true, 'gnome_libsecret'), 'linux'), true);
  assert.equal(osSealingAvailable(storage(true, 'basic_text'), 'linux'), false);
  assert.equal(osSealingAvailable(storage(false, 'kwallet5'), 'linux'), false);
  assert.equal(osSealingAvailable(storage(true, 'unknown'), 'darwin'), true);
  assert.equal(osSealingAvailable(storage(false, 'unknown'), 'win32'), false);
});
