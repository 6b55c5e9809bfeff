// The alerts feature inside the real service: a simulated device whose port
// closes raises one offline alert (stored in the event history, pushed as
// alerts.changed with the desktop flag, sent to a webhook receiver), clears
// when it answers again, and an alert active at shutdown is restored, not
// raised twice. Tokens: stored through the SecretStore, never shown; a
// headless store without opt-in refuses them. The metrics endpoint follows
// its setting. Everything on loopback (127.0.94.220+, receivers on 127.0.0.1).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, requests, type EventName, type EventPayload, type RequestMethod, type RequestResult } from '../../../electron/contract/api.js';
import { createMemorySecretStore, type SecretStore } from '../../../electron/core/alerts/secret-store.js';
import { ALERT_SETTINGS_FILE } from '../../../electron/core/alerts/settings-store.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { createHearthService, type HearthService, type HearthServiceOptions } from '../../../electron/core/app/service.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { startReceiver } from '../alerts/receiver.js';

const FAST_DELIVERY = { timeoutMs: 1000, baseDelayMs: 10, maxDelayMs: 50 };
/** Offline at the first failed poll, cleared at the first answer: the test need not wait minutes. */
const QUICK_OFFLINE = { offline: { enabled: true, failedPolls: 1, afterS: 0, clearHoldS: 0 } };

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-alerts-app-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function options(dataDir: string, secrets: SecretStore, extra: Partial<HearthServiceOptions> = {}): HearthServiceOptions {
  return {
    dataDir,
    host: 'server',
    version: '0.0.0',
    log: () => undefined,
    secrets,
    monitor: { maxBackoffMs: 1000, emitThrottleMs: 50 },
    alerts: { delivery: FAST_DELIVERY, evaluateEveryMs: 200 },
    ...extra,
  };
}

async function open(t: TestContext, dataDir: string, secrets: SecretStore = createMemorySecretStore(), extra: Partial<HearthServiceOptions> = {}): Promise<HearthService> {
  const service = await createHearthService(options(dataDir, secrets, extra));
  t.after(() => service.close());
  return service;
}

async function call<M extends RequestMethod>(service: HearthService, method: M, params: unknown): Promise<RequestResult<M>> {
  return requests[method].result.parse(await service.handle(method, params)) as RequestResult<M>;
}

function nextEvent<E extends EventName>(service: HearthService, event: E, pred: (p: EventPayload<E>) => boolean, timeoutMs = 20_000): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${event} event`));
    }, timeoutMs);
    const off = service.on(event, (payload) => {
      events[event].parse(payload);
      if (!pred(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

async function sim(t: TestContext, base: string): Promise<Simulation> {
  const s = await startSimulation({ count: 1, base });
  t.after(() => s.close());
  return s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function settings(service: HearthService, patch: Record<string, unknown>) {
  const current = await call(service, 'alerts.settings.get', {});
  return call(service, 'alerts.settings.set', { alerts: { ...current.alerts, ...patch } });
}

test('a device going offline raises one alert, stored, pushed and sent; it clears when the device answers', async (t) => {
  const dataDir = await tempDir(t);
  const receiver = await startReceiver([{ status: 200, body: '{}' }]);
  t.after(() => receiver.close());
  const s = await sim(t, '127.0.94.220');
  const service = await open(t, dataDir);
  await call(service, 'settings.set', { pollIntervalMs: 1000 });
  await settings(service, { rules: { ...(await call(service, 'alerts.settings.get', {})).alerts.rules, ...QUICK_OFFLINE }, ntfy: { enabled: true, serverUrl: receiver.base, topic: 'hearth-test' } });
  const device = await call(service, 'device.add', { host: s.targets[0]!.host, port: s.targets[0]!.port });
  await sleep(1500);
  assert.deepEqual((await call(service, 'alerts.overview', {})).active, [], 'a healthy device raises nothing');

  const raised = nextEvent(service, 'alerts.changed', (p) => p.events.some((e) => e.type === 'raised'));
  await s.setFault(0, 'offline');
  const up = await raised;
  assert.equal(up.events.length, 1);
  const notice = up.events[0]!;
  assert.equal(notice.alert.kind, 'offline');
  assert.equal(notice.alert.deviceId, device.id);
  assert.equal(notice.desktop, true, 'a warning outside quiet hours is shown on the desktop');
  assert.deepEqual(up.active.map((a) => a.id), [notice.alert.id]);

  const stored = await call(service, 'events.list', { kinds: ['alert.raised'] });
  assert.equal(stored.length, 1);
  assert.equal(stored[0]!.deviceId, device.id);
  assert.equal(stored[0]!.severity, 'warning');
  assert.equal(stored[0]!.message, notice.alert.message);

  // The webhook got it (ntfy: POST /topic, the message as body).
  for (let i = 0; i < 40 && receiver.requests.length === 0; i++) await sleep(50);
  assert.equal(receiver.requests.length, 1);
  assert.equal(receiver.requests[0]!.url, '/hearth-test');
  assert.match(receiver.requests[0]!.body, new RegExp(device.id.replace(/\./g, '\\.')));

  const cleared = nextEvent(service, 'alerts.changed', (p) => p.events.some((e) => e.type === 'cleared'));
  await s.setFault(0, 'none');
  const down = await cleared;
  assert.equal(down.events[0]!.alert.id, notice.alert.id);
  assert.equal(down.events[0]!.desktop, false, 'clears are not desktop notifications');
  assert.deepEqual(down.active, []);

  const history = await call(service, 'alerts.history', {});
  assert.deepEqual(history.map((e) => [e.type, e.alert.id]), [['cleared', notice.alert.id], ['raised', notice.alert.id]]);
  assert.deepEqual((await call(service, 'alerts.history', { deviceId: 'other:4028' })), []);
  const csv = await call(service, 'events.csv', { kinds: ['alert.raised', 'alert.cleared'] });
  assert.equal(csv.csv.trimEnd().split('\r\n').length, 3);
});

test('an alert active at shutdown is restored at start and not raised again', async (t) => {
  const dataDir = await tempDir(t);
  const s = await sim(t, '127.0.94.225');
  await s.setFault(0, 'offline');
  const first = await createHearthService(options(dataDir, createMemorySecretStore()));
  let alertId: string;
  try {
    await call(first, 'settings.set', { pollIntervalMs: 1000 });
    const rules = { ...(await call(first, 'alerts.settings.get', {})).alerts.rules, ...QUICK_OFFLINE };
    await settings(first, { rules });
    const raised = nextEvent(first, 'alerts.changed', (p) => p.events.some((e) => e.type === 'raised'));
    await call(first, 'device.add', { host: s.targets[0]!.host, port: s.targets[0]!.port });
    alertId = (await raised).events[0]!.alert.id;
  } finally {
    await first.close();
  }
  const second = await open(t, dataDir);
  assert.deepEqual((await call(second, 'alerts.overview', {})).active.map((a) => a.id), [alertId]);
  let raisedAgain = 0;
  second.on('alerts.changed', (p) => (raisedAgain += p.events.filter((e) => e.type === 'raised').length));
  await sleep(2500);
  assert.equal(raisedAgain, 0);
  assert.equal((await call(second, 'events.list', { kinds: ['alert.raised'] })).length, 1);
});

test('tokens are stored through the secret store and never shown; test sends reach the receiver or report the failure', async (t) => {
  const dataDir = await tempDir(t);
  const ok = await startReceiver([{ status: 200, body: '{}' }]);
  const failing = await startReceiver([{ status: 503 }]);
  t.after(() => ok.close());
  t.after(() => failing.close());
  const secrets = createMemorySecretStore();
  const service = await open(t, dataDir, secrets);
  const token = 'tk_secret-value-123';

  const before = await call(service, 'alerts.overview', {});
  assert.deepEqual(before.secretsSet, { telegram: false, discord: false, ntfy: false });
  assert.equal(before.secretProtection, 'memory');

  // Not configured: a clear failure, no request.
  const unconfigured = await call(service, 'alerts.test', { channel: 'ntfy' });
  assert.equal(unconfigured.ok, false);
  assert.equal(unconfigured.attempts, 0);

  await settings(service, { ntfy: { enabled: true, serverUrl: ok.base, topic: 'hearth-t' } });
  assert.deepEqual((await call(service, 'alerts.secret.set', { channel: 'ntfy', value: token })).secretsSet, { telegram: false, discord: false, ntfy: true });
  assert.equal(await secrets.get('alerts.ntfy.accessToken'), token);

  const sent = await call(service, 'alerts.test', { channel: 'ntfy' });
  assert.deepEqual([sent.ok, sent.attempts, sent.httpStatus], [true, 1, 200]);
  assert.equal(ok.requests[0]!.headers.authorization, `Bearer ${token}`);

  // Nothing the renderer can read holds the token.
  const visible = JSON.stringify([await call(service, 'alerts.overview', {}), await call(service, 'alerts.settings.get', {})]);
  assert.ok(!visible.includes(token));
  assert.ok(!(await readFile(join(dataDir, ALERT_SETTINGS_FILE), 'utf8')).includes(token));

  // A receiver answering 503 is retried, then reported; the token is not in the error.
  await settings(service, { ntfy: { enabled: true, serverUrl: failing.base, topic: 'hearth-t' } });
  const failed = await call(service, 'alerts.test', { channel: 'ntfy' });
  assert.deepEqual([failed.ok, failed.attempts, failed.httpStatus], [false, 4, 503]);
  assert.equal(failing.requests.length, 4);
  assert.ok(!(failed.error ?? '').includes(token));
  const delivery = (await call(service, 'alerts.overview', {})).delivery.find((d) => d.channel === 'ntfy')!;
  assert.equal(delivery.state, 'failed');

  // A receiver that is down.
  const downBase = ok.base;
  await ok.close();
  await settings(service, { ntfy: { enabled: true, serverUrl: downBase, topic: 'hearth-t' } });
  const down = await call(service, 'alerts.test', { channel: 'ntfy' });
  assert.equal(down.ok, false);
  assert.equal(down.attempts, 4);

  assert.deepEqual((await call(service, 'alerts.secret.set', { channel: 'ntfy', value: null })).secretsSet.ntfy, false);
  assert.equal(await secrets.get('alerts.ntfy.accessToken'), undefined);
});

test('the headless default refuses to store tokens; bad settings are refused', async (t) => {
  const dataDir = await tempDir(t);
  const service = await createHearthService({ dataDir, host: 'server', version: '0.0.0', log: () => undefined });
  t.after(() => service.close());
  assert.equal((await call(service, 'alerts.overview', {})).secretProtection, 'none');
  await assert.rejects(service.handle('alerts.secret.set', { channel: 'telegram', value: '123:abc' }), (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params' && (e.details as { reason: string }).reason === 'refused');
  const current = await call(service, 'alerts.settings.get', {});
  await assert.rejects(
    service.handle('alerts.settings.set', { alerts: { ...current.alerts, quietHours: { ...current.alerts.quietHours, timeZone: 'Mars/Olympus' } } }),
    (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params' && /time zone/.test(e.message),
  );
  await assert.rejects(service.handle('alerts.settings.set', { alerts: { ...current.alerts, ntfy: { enabled: true, serverUrl: 'file:///etc/passwd', topic: 'x' } } }), (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params');
  // Quiet hours default to this system's zone.
  assert.equal(current.alerts.quietHours.timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone);
});

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: await res.text() };
}

test('the metrics endpoint is off by default and follows its setting', async (t) => {
  const dataDir = await tempDir(t);
  const s = await sim(t, '127.0.94.230');
  const service = await open(t, dataDir);
  const initial = await call(service, 'alerts.settings.get', {});
  assert.deepEqual(initial.metrics, { enabled: false, host: '127.0.0.1', port: 9745, allowNonLoopback: false });
  assert.deepEqual(initial.metricsState, { state: 'off' });

  await call(service, 'device.add', { host: s.targets[0]!.host, port: s.targets[0]!.port });
  const port = await freePort();
  const on = await call(service, 'alerts.settings.set', { metrics: { enabled: true, host: '127.0.0.1', port, allowNonLoopback: false } });
  assert.deepEqual(on.metricsState, { state: 'running', url: `http://127.0.0.1:${port}/metrics` });
  await sleep(500);
  const scrape = await get(`http://127.0.0.1:${port}/metrics`);
  assert.equal(scrape.status, 200);
  assert.match(scrape.body, /hearth_device_up\{device="127\.0\.94\.230:4028"/);

  const off = await call(service, 'alerts.settings.set', { metrics: { enabled: false, host: '127.0.0.1', port, allowNonLoopback: false } });
  assert.deepEqual(off.metricsState, { state: 'off' });
  await assert.rejects(get(`http://127.0.0.1:${port}/metrics`));

  // A LAN address without the explicit allowance is refused (nothing is bound).
  const lan = await call(service, 'alerts.settings.set', { metrics: { enabled: true, host: '192.0.2.1', port, allowNonLoopback: false } });
  assert.equal(lan.metricsState.state, 'failed');
  assert.match(lan.metricsState.error ?? '', /loopback/);
  // The setting is kept across a restart.
  assert.deepEqual((await call(service, 'alerts.settings.get', {})).metrics.host, '192.0.2.1');
});
