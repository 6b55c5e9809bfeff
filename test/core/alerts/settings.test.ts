// The alert settings schema: the documented defaults (docs/alerts.md), and
// bad channel settings refused with a message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertSettingsSchema, MetricsSettingsSchema, SetChannelSecretParamsSchema } from '../../../electron/contract/alerts.js';

test('defaults are the documented ones', () => {
  const s = AlertSettingsSchema.parse({});
  assert.deepEqual(s.rules.offline, { enabled: true, failedPolls: 3, afterS: 300, clearHoldS: 60 });
  assert.deepEqual(s.rules.overheat, { enabled: true, overTargetC: 10, limitC: 100, hysteresisC: 5, holdS: 60, clearHoldS: 120 });
  assert.deepEqual(s.rules.fanStopped, { enabled: true, holdS: 30, clearHoldS: 60 });
  assert.deepEqual(s.rules.boardError, { enabled: true, holdS: 60, clearHoldS: 120 });
  assert.deepEqual(s.rules.poolDown, { enabled: true, holdS: 120, clearHoldS: 60 });
  assert.deepEqual(s.rules.hashrateLow, { enabled: true, belowShare: 0.8, clearAboveShare: 0.85, holdS: 600, clearHoldS: 300 });
  assert.deepEqual(s.rules.hwErrors, { enabled: true, abovePercent: 1, windowS: 900, holdS: 0, clearHoldS: 600 });
  assert.deepEqual(s.rules.rebooted, { enabled: true, settleS: 600 });
  assert.deepEqual(s.quietHours, { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC', letCriticalThrough: true, summaryAtEnd: true });
  assert.equal(s.minSeverity, 'warning');
  assert.equal(s.telegram, undefined);
  assert.deepEqual(MetricsSettingsSchema.parse({}), { enabled: false, host: '127.0.0.1', port: 9745, allowNonLoopback: false });
});

test('channel settings are checked', () => {
  const ok = AlertSettingsSchema.parse({ telegram: { enabled: true, chatId: '@hearth_alerts' }, ntfy: { topic: 'a-b_c1' } });
  assert.equal(ok.telegram?.apiBaseUrl, 'https://api.telegram.org');
  assert.equal(ok.ntfy?.serverUrl, 'https://ntfy.sh');
  assert.equal(ok.ntfy?.enabled, false);
  for (const bad of [
    { telegram: { chatId: 'not a chat' } },
    { telegram: { chatId: '42', apiBaseUrl: 'file:///etc/passwd' } },
    { telegram: { chatId: '42', apiBaseUrl: 'https://user:pw@example.org' } },
    { ntfy: { topic: 'a/b' } },
    { ntfy: { topic: 'x', serverUrl: 'javascript:alert(1)' } },
    { rules: { hashrateLow: { belowShare: 3 } } },
    { quietHours: { start: '25:00' } },
  ]) {
    assert.equal(AlertSettingsSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
  assert.equal(SetChannelSecretParamsSchema.safeParse({ channel: 'discord', value: null }).success, true);
  assert.equal(SetChannelSecretParamsSchema.safeParse({ channel: 'slack', value: 'x' }).success, false);
});
