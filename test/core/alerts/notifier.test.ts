// The notifier end to end against local receivers: each service's request
// format, retries and the delivery status, quiet hours and their summary,
// the test button, and tokens kept out of every status text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertSettingsSchema, SECRET_KEYS, type Alert, type AlertEvent, type AlertSettings } from '../../../electron/contract/alerts.js';
import { AlertNotifier } from '../../../electron/core/alerts/notifier.js';
import { createMemorySecretStore } from '../../../electron/core/alerts/secret-store.js';
import { deadPort, startReceiver, type Receiver } from './receiver.js';

const TOKEN = '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
const NOON = Date.UTC(2026, 5, 1, 12, 0);

function alert(patch: Partial<Alert> = {}): Alert {
  return {
    id: `127.0.0.1:4028|overheat|${NOON}`,
    kind: 'overheat',
    severity: 'critical',
    deviceId: '127.0.0.1:4028',
    deviceName: 'Garage Q',
    raisedAt: NOON,
    value: 104,
    threshold: 100,
    message: 'Garage Q is overheating: hottest reading 104 °C (limit 100 °C).',
    ...patch,
  };
}

const raised = (a: Alert): AlertEvent => ({ type: 'raised', at: a.raisedAt, alert: a });

async function setup(settings: Record<string, unknown>, secrets: Partial<Record<keyof typeof SECRET_KEYS, string>>, clock = { t: NOON }, timeoutMs = 1000) {
  const store = createMemorySecretStore();
  for (const [k, v] of Object.entries(secrets)) await store.set(SECRET_KEYS[k as keyof typeof SECRET_KEYS], v);
  const parsed: AlertSettings = AlertSettingsSchema.parse(settings);
  const waits: number[] = [];
  const notifier = new AlertNotifier({
    getSettings: () => parsed,
    secrets: store,
    countActive: () => 2,
    now: () => clock.t,
    delivery: {
      attempts: 3,
      baseDelayMs: 10,
      timeoutMs,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    },
  });
  return { notifier, waits, clock };
}

async function withReceiver<T>(replies: Parameters<typeof startReceiver>[0], fn: (rx: Receiver) => Promise<T>): Promise<T> {
  const rx = await startReceiver(replies);
  try {
    return await fn(rx);
  } finally {
    await rx.close();
  }
}

test('Telegram: sendMessage with chat_id and text, JSON, token only in the path', async () => {
  await withReceiver([{ status: 200, body: '{"ok":true,"result":{"message_id":1}}' }], async (rx) => {
    const { notifier } = await setup({ telegram: { enabled: true, chatId: '-1001234', apiBaseUrl: rx.base } }, { telegram: TOKEN });
    await notifier.notify([raised(alert())]);
    assert.equal(rx.requests.length, 1);
    const r = rx.requests[0]!;
    assert.equal(r.url, `/bot${TOKEN}/sendMessage`);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(r.body), {
      chat_id: '-1001234',
      text: 'Hearth: overheat on Garage Q\nGarage Q is overheating: hottest reading 104 °C (limit 100 °C).',
      disable_notification: false,
    });
    const status = notifier.status().find((s) => s.channel === 'telegram')!;
    assert.equal(status.state, 'ok');
    assert.equal(status.lastSuccessAt, NOON);
    assert.equal(status.attempts, 1);
  });
});

test('Telegram: a 429 with parameters.retry_after is waited out, then delivered', async () => {
  await withReceiver(
    [
      { status: 429, body: '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}' },
      { status: 200, body: '{"ok":true,"result":{}}' },
    ],
    async (rx) => {
      const { notifier, waits } = await setup({ telegram: { enabled: true, chatId: '42', apiBaseUrl: rx.base } }, { telegram: TOKEN });
      await notifier.notify([raised(alert())]);
      assert.deepEqual(waits, [3000]);
      assert.equal(rx.requests.length, 2);
      assert.equal(notifier.status()[0]!.state, 'ok');
      assert.equal(notifier.status()[0]!.attempts, 2);
    },
  );
});

test('Discord: content, username, and mentions disabled', async () => {
  await withReceiver([{ status: 204 }], async (rx) => {
    const hook = `${rx.base}/api/webhooks/123/secret-webhook-token`;
    const { notifier } = await setup({ discord: { enabled: true } }, { discord: hook });
    await notifier.notify([raised(alert({ deviceName: '@everyone rig', message: '@everyone rig is *hot*' }))]);
    const r = rx.requests[0]!;
    assert.equal(r.url, '/api/webhooks/123/secret-webhook-token');
    assert.deepEqual(JSON.parse(r.body), {
      username: 'Hearth',
      content: '**Hearth: overheat on @everyone rig**\n@everyone rig is \\*hot\\*',
      allowed_mentions: { parse: [] },
    });
    assert.equal(notifier.status()[1]!.state, 'ok');
  });
});

test('ntfy: POST to the topic with Title, Priority and Tags headers; non-ASCII title RFC 2047-encoded', async () => {
  await withReceiver([{ status: 200, body: '{"id":"x"}' }], async (rx) => {
    const { notifier } = await setup({ ntfy: { enabled: true, serverUrl: rx.base, topic: 'hearth_k3y' } }, { ntfy: 'tk_abcdefghijklmnop' });
    await notifier.notify([raised(alert({ deviceName: 'Küche', message: 'Küche is overheating.' }))]);
    const r = rx.requests[0]!;
    assert.equal(r.url, '/hearth_k3y');
    assert.equal(r.body, 'Küche is overheating.');
    assert.equal(r.headers['title'], `=?UTF-8?B?${Buffer.from('Hearth: overheat on Küche').toString('base64')}?=`);
    assert.equal(r.headers['priority'], '5');
    assert.equal(r.headers['tags'], 'rotating_light');
    assert.equal(r.headers['authorization'], 'Bearer tk_abcdefghijklmnop');
  });
});

test('a receiver answering errors: retried, then the status says failed (without the token)', async () => {
  await withReceiver([{ status: 502, body: 'bad gateway' }], async (rx) => {
    const { notifier, waits } = await setup({ telegram: { enabled: true, chatId: '42', apiBaseUrl: rx.base } }, { telegram: TOKEN });
    await notifier.notify([raised(alert())]);
    assert.equal(rx.requests.length, 3);
    assert.deepEqual(waits, [10, 20]);
    const s = notifier.status()[0]!;
    assert.equal(s.state, 'failed');
    assert.equal(s.httpStatus, 502);
    assert.equal(s.failedCount, 1);
    assert.match(s.error!, /^Telegram: HTTP 502/);
    assert.ok(!JSON.stringify(notifier.status()).includes(TOKEN));
  });
});

test('a receiver that is down: the Discord URL (a secret) stays out of the error', async () => {
  const port = await deadPort();
  const hook = `http://127.0.0.1:${port}/api/webhooks/9/very-secret`;
  const { notifier } = await setup({ discord: { enabled: true } }, { discord: hook });
  await notifier.notify([raised(alert())]);
  const s = notifier.status()[1]!;
  assert.equal(s.state, 'failed');
  assert.equal(s.error, 'Discord: connection refused (gave up after 3 attempts)');
  assert.ok(!JSON.stringify(notifier.status()).includes('very-secret'));
});

test('quiet hours hold warnings back, let critical through, and send a summary when they end', async () => {
  await withReceiver([{ status: 200 }], async (rx) => {
    const clock = { t: Date.UTC(2026, 5, 1, 21, 30) }; // 23:30 in Berlin (CEST)
    const { notifier } = await setup(
      {
        ntfy: { enabled: true, serverUrl: rx.base, topic: 'quiet' },
        quietHours: { enabled: true, start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' },
      },
      {},
      clock,
    );
    assert.equal(notifier.isQuiet(), true);
    const offline = alert({ kind: 'offline', severity: 'warning', deviceName: 'Shed', message: 'Shed is offline.' });
    await notifier.notify([raised(offline)]);
    assert.equal(rx.requests.length, 0, 'a warning waits');
    await notifier.notify([raised(alert())]);
    assert.equal(rx.requests.length, 1, 'a critical alert goes out');
    assert.equal(rx.requests[0]!.headers['priority'], '5');

    clock.t = Date.UTC(2026, 5, 2, 4, 59); // 06:59 local: still quiet
    await notifier.tick();
    assert.equal(rx.requests.length, 1);
    clock.t = Date.UTC(2026, 5, 2, 5, 0); // 07:00 local
    await notifier.tick();
    assert.equal(rx.requests.length, 2);
    assert.equal(rx.requests[1]!.headers['title'], 'Hearth: during quiet hours, 1 raised, 0 resolved');
    assert.equal(rx.requests[1]!.body, '- Shed is offline.\n2 alerts still active.');
    await notifier.tick();
    assert.equal(rx.requests.length, 2, 'the summary is sent once');
  });
});

test('the test button ignores quiet hours and reports a missing setup', async () => {
  await withReceiver([{ status: 200, body: '{"ok":true}' }], async (rx) => {
    const clock = { t: Date.UTC(2026, 5, 1, 23, 0) };
    const { notifier } = await setup(
      { telegram: { enabled: true, chatId: '42', apiBaseUrl: rx.base }, quietHours: { enabled: true, timeZone: 'UTC' } },
      { telegram: TOKEN },
      clock,
    );
    assert.deepEqual(await notifier.testSend('telegram'), { ok: true, attempts: 1, httpStatus: 200 });
    assert.match(JSON.parse(rx.requests[0]!.body).text, /^Hearth: test message/);
    const missing = await notifier.testSend('discord');
    assert.equal(missing.ok, false);
    assert.equal(missing.error, 'Discord is not set up');
    assert.equal(notifier.status()[1]!.state, 'not-configured');
    assert.equal(notifier.status()[1]!.failedCount, 0);
  });
});

test('many events at once go out as one digest; info alerts below minSeverity are not sent', async () => {
  await withReceiver([{ status: 200 }], async (rx) => {
    const { notifier } = await setup({ ntfy: { enabled: true, serverUrl: rx.base, topic: 'fleet' } }, {});
    const events = [1, 2, 3, 4, 5].map((n) => raised(alert({ id: `d${n}`, kind: 'offline', severity: 'warning', deviceName: `rig ${n}`, message: `rig ${n} is offline.` })));
    await notifier.notify(events);
    assert.equal(rx.requests.length, 1);
    assert.equal(rx.requests[0]!.headers['title'], 'Hearth: 5 alert changes');
    assert.equal(rx.requests[0]!.body.split('\n').length, 5);
    assert.equal(rx.requests[0]!.headers['priority'], '4');
    await notifier.notify([raised(alert({ kind: 'rebooted', severity: 'info', message: 'rig restarted.' }))]);
    assert.equal(rx.requests.length, 1);
  });
});

test('a slow receiver: every attempt times out, then the status says failed', async () => {
  await withReceiver([{ status: 200, delayMs: 3000 }], async (rx) => {
    const { notifier } = await setup({ ntfy: { enabled: true, serverUrl: rx.base, topic: 'slow' } }, {}, { t: NOON }, 100);
    await notifier.notify([raised(alert())]);
    assert.equal(rx.requests.length, 3);
    const s = notifier.status()[2]!;
    assert.equal(s.state, 'failed');
    assert.equal(s.error, 'ntfy: no reply within 100 ms (gave up after 3 attempts)');
    assert.equal(s.failedCount, 1);
  });
});

test('Telegram: HTTP 200 with ok: false is a failure, not a delivery', async () => {
  await withReceiver([{ status: 200, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' }], async (rx) => {
    const { notifier } = await setup({ telegram: { enabled: true, chatId: '42', apiBaseUrl: rx.base } }, { telegram: TOKEN });
    const r = await notifier.testSend('telegram');
    assert.deepEqual(r, { ok: false, attempts: 1, httpStatus: 200, error: 'Telegram: HTTP 200: Bad Request: chat not found' });
  });
});
