// The earnings feature inside the real service: settings persisted, market
// data fetched on first use from a loopback server replaying recorded
// mempool replies (test/core/earnings/mempool-server.ts), refreshed on a timer
// and on settings changes, and estimates built from simulated devices
// (demo mode on 127.0.90.200+). Never contacts a non-loopback address: every
// service here has its market pinned to 127.0.0.1 or runs in demo mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, requests, type EventName, type EventPayload, type RequestMethod, type RequestResult } from '../../../electron/contract/api.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { DEMO_CACHE_DIR } from '../../../electron/core/app/earnings.js';
import { createHearthService, type HearthService, type HearthServiceOptions } from '../../../electron/core/app/service.js';
import { EARNINGS_SETTINGS_FILE } from '../../../electron/core/earnings/settings-store.js';
import { startMempoolServer, type MempoolServer } from '../earnings/mempool-server.js';
import { assertClose } from '../earnings/approx.js';

type T = { after: (fn: () => Promise<void>) => void };

/** Recorded values (test/fixtures/mempool/README.md). */
const DIFFICULTY = 83126997340024.61;
const USD_PRICE = 69880;
const CNY_PER_USD = 7.2245;
const AVG_FEES_SATS = 1958654052 / 144;

async function tempDir(t: T): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-earnings-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function mempool(t: T): Promise<MempoolServer> {
  const server = await startMempoolServer();
  t.after(() => server.close());
  return server;
}

async function open(t: T, dataDir: string, extra: Partial<HearthServiceOptions> = {}): Promise<HearthService> {
  const service = await createHearthService({ dataDir, host: 'server', version: '0.0.0', log: () => undefined, ...extra });
  t.after(() => service.close());
  return service;
}

async function call<M extends RequestMethod>(service: HearthService, method: M, params: unknown): Promise<RequestResult<M>> {
  return requests[method].result.parse(await service.handle(method, params)) as RequestResult<M>;
}

function nextEvent<E extends EventName>(service: HearthService, event: E, pred: (p: EventPayload<E>) => boolean = () => true): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${event} event`));
    }, 5000);
    const off = service.on(event, (payload) => {
      events[event].parse(payload);
      if (!pred(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

async function waitFor(what: string, pred: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sources = (server: MempoolServer) => ({ baseUrl: server.baseUrl, ratesUrl: `${server.origin}/rates/latest` });

test('nothing is fetched before first use; then the market comes from the pinned source', async (t) => {
  const server = await mempool(t);
  const service = await open(t, await tempDir(t), { earnings: { market: sources(server) } });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(server.requests.length, 0, 'no request before anything asked for earnings');

  const market = await call(service, 'earnings.market', {});
  assert.equal(market.pinned, 'host');
  assert.equal(market.baseUrl, server.baseUrl);
  assert.deepEqual(market.errors, []);
  assert.equal(market.difficulty?.value, DIFFICULTY);
  assert.equal(market.difficulty?.source, 'live');
  assert.equal(market.tipHeight?.value, 837050);
  assert.deepEqual(market.btcPrice?.value, { currency: 'USD', amount: USD_PRICE, via: 'direct' });
  assert.ok(server.requests.includes('/api/v1/prices'));
  // USD is in the price table, so the rates source is not asked.
  assert.ok(!server.requests.includes('/rates/latest'));

  // Asking again does not fetch again, and the ages are today's.
  const fetched = server.requests.length;
  await new Promise((r) => setTimeout(r, 30));
  const later = await call(service, 'earnings.market', {});
  assert.equal(server.requests.length, fetched);
  assert.equal(later.difficulty?.fetchedAt, market.difficulty?.fetchedAt);
  assert.ok((later.difficulty?.ageMs ?? 0) >= (market.difficulty?.ageMs ?? 0) + 25, `age ${later.difficulty?.ageMs} after ${market.difficulty?.ageMs}`);
});

test('settings persist, are validated, and a currency change refetches with a conversion', async (t) => {
  const server = await mempool(t);
  const dir = await tempDir(t);
  const service = await open(t, dir, { earnings: { market: sources(server) } });
  const defaults = await call(service, 'earnings.settings.get', {});
  assert.equal(defaults.currency, 'USD');
  assert.equal(defaults.market.baseUrl, 'https://mempool.space/api', 'the default is the real API (the pinned source does not change the setting)');

  await call(service, 'earnings.market', {});
  const changedSettings = nextEvent(service, 'earnings.settings.changed');
  const converted = nextEvent(service, 'earnings.market.changed', (m) => m.btcPrice?.value.currency === 'CNY');
  const saved = await call(service, 'earnings.settings.set', { currency: 'CNY', tariff: { kind: 'flat', pricePerKwh: 0.6 } });
  assert.equal(saved.currency, 'CNY');
  assert.deepEqual((await changedSettings).tariff, { kind: 'flat', pricePerKwh: 0.6 });
  const market = await converted;
  // mempool.space has no CNY: USD price × CNY per USD from the rates source.
  assertClose(market.btcPrice?.value.amount, USD_PRICE * CNY_PER_USD);
  assert.equal(market.btcPrice?.value.via, 'via-usd');
  assert.deepEqual(market.usdRate?.value, { currency: 'CNY', perUsd: CNY_PER_USD });

  const onDisk = JSON.parse(await readFile(join(dir, EARNINGS_SETTINGS_FILE), 'utf8')) as { currency: string };
  assert.equal(onDisk.currency, 'CNY');
  await service.close();
  const reopened = await open(t, dir, { earnings: { market: sources(server) } });
  assert.deepEqual(await call(reopened, 'earnings.settings.get', {}), saved);

  for (const bad of [
    { tariff: { kind: 'day-night', dayPricePerKwh: 0.3, nightPricePerKwh: 0.1, nightStartHour: 22, nightEndHour: 22 } },
    { tariff: { kind: 'flat', pricePerKwh: -1 } },
    { currency: 'yen' },
    { market: { baseUrl: 'ftp://example.org/api' } },
    { pool: { scheme: 'pps', feePercent: 2 } },
    { colour: 'red' },
  ]) {
    await assert.rejects(reopened.handle('earnings.settings.set', bad), (err: unknown) => err instanceof ApiRequestError && err.code === 'invalid-params', JSON.stringify(bad));
  }
  assert.deepEqual(await call(reopened, 'earnings.settings.get', {}), saved, 'a refused change leaves the settings as they were');
});

test('overrides win and are labelled; a refresh request fetches again', async (t) => {
  const server = await mempool(t);
  const service = await open(t, await tempDir(t), { earnings: { market: sources(server) } });
  await call(service, 'earnings.market', {});
  const overridden = nextEvent(service, 'earnings.market.changed', (m) => m.difficulty?.source === 'override');
  await call(service, 'earnings.settings.set', { overrides: { difficulty: 1e14, btcPrice: 50_000 } });
  const market = await overridden;
  assert.deepEqual(market.difficulty, { value: 1e14, source: 'override', origin: 'user' });
  assert.deepEqual(market.btcPrice?.value, { currency: 'USD', amount: 50_000, via: 'user' });
  assert.equal(market.tipHeight?.source, 'live');

  const before = server.requests.filter((r) => r === '/api/v1/prices').length;
  await call(service, 'earnings.market', { refresh: true });
  assert.equal(server.requests.filter((r) => r === '/api/v1/prices').length, before + 1);
});

test('the timer refreshes the market until the service closes', async (t) => {
  const server = await mempool(t);
  const service = await open(t, await tempDir(t), { earnings: { market: sources(server), refreshIntervalMs: 40 } });
  await call(service, 'earnings.market', {});
  const priceFetches = () => server.requests.filter((r) => r === '/api/v1/prices').length;
  await waitFor('three timed refreshes', async () => priceFetches() >= 4, 3000);
  await service.close();
  const atClose = priceFetches();
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(priceFetches(), atClose, 'no fetch after close');
});

test('an unreachable market is reported per value, and estimates say what is missing', async (t) => {
  const server = await mempool(t);
  const base = server.baseUrl;
  await server.close();
  const service = await open(t, await tempDir(t), { earnings: { market: { baseUrl: base } }, demo: { count: 1, base: '127.0.90.210' } });
  const market = await call(service, 'earnings.market', {});
  assert.equal(market.difficulty, undefined);
  assert.deepEqual(new Set(market.errors.map((e) => e.kind)), new Set(['refused']));
  assert.ok(market.errors.some((e) => e.what === 'difficulty' && /refused/.test(e.message)));
  const fleet = await call(service, 'earnings.fleet', {});
  assert.equal(fleet.total.estimate, undefined);
  assert.ok(fleet.total.missing.includes('difficulty') && fleet.total.missing.includes('fees'));
  await assert.rejects(service.handle('earnings.device', { id: '10.9.9.9:4028' }), (err: unknown) => err instanceof ApiRequestError && err.code === 'not-found');
});

test('simulated devices: the daily net is revenue minus kWh × price, and follows the tariff', async (t) => {
  const server = await mempool(t);
  const service = await open(t, await tempDir(t), { earnings: { market: sources(server) }, demo: { count: 3, base: '127.0.90.200' } });
  await call(service, 'settings.set', { pollIntervalMs: 1000 });
  // The first three demo devices run without faults (electron/core/app/demo.ts).
  await waitFor('demo devices online', async () => (await call(service, 'fleet.list', {})).filter((d) => d.status === 'online' && d.snapshot).length === 3);

  await call(service, 'earnings.settings.set', { tariff: { kind: 'flat', pricePerKwh: 0.1 }, pool: { scheme: 'fpps', feePercent: 2 } });
  const cheap = await call(service, 'earnings.fleet', {});
  assert.equal(cheap.devices.length, 3);
  for (const device of cheap.devices) {
    const e = device.estimate;
    assert.ok(e, `estimate for ${device.deviceId}: missing ${device.missing.join(', ')}`);
    assert.equal(e.hashrateSource, 'reported');
    assert.ok(e.powerW !== undefined && e.powerW > 0 && e.powerSource !== undefined);
    assert.equal(e.nextHeight, 837051);
    assert.equal(e.btcPrice, USD_PRICE);
    const day = e.periods.find((p) => p.period === 'day');
    assert.ok(day?.revenue !== undefined && day.energyKwh !== undefined && day.net !== undefined);
    // sats/day = H × 86,400 × (subsidy + fees) / (D × 2^32) × (1 − 2 %); block 837051 is before the 2024 halving (6.25 BTC).
    const sats = ((e.hashrateHs * 86_400 * (625_000_000 + AVG_FEES_SATS)) / (DIFFICULTY * 2 ** 32)) * 0.98;
    assertClose(day.sats, sats, 1e-9);
    assertClose(day.revenue, (sats / 1e8) * USD_PRICE, 1e-9);
    assertClose(day.energyKwh, (e.powerW * 24) / 1000);
    assertClose(day.net, day.revenue - day.energyKwh * 0.1);
    assert.ok(device.solo && device.solo.chances.every((c) => c.probability > 0 && c.probability < 1));
  }
  assert.ok(cheap.total.estimate);
  assertClose(
    cheap.total.estimate.hashrateHs,
    cheap.devices.reduce((sum, d) => sum + (d.estimate?.hashrateHs ?? 0), 0),
  );

  await call(service, 'earnings.settings.set', { tariff: { kind: 'flat', pricePerKwh: 0.3 } });
  const id = cheap.devices[0]?.deviceId ?? '';
  const dear = await call(service, 'earnings.device', { id });
  const day = dear.estimate?.periods.find((p) => p.period === 'day');
  assert.ok(day?.revenue !== undefined && day.energyKwh !== undefined);
  assertClose(day.net, day.revenue - day.energyKwh * 0.3);
  assert.equal(dear.estimate?.effectivePricePerKwh, 0.3);
});

test('demo mode replays the recorded market on loopback and caches it apart', async (t) => {
  const dir = await tempDir(t);
  const service = await open(t, dir, { demo: { count: 1, base: '127.0.90.220' } });
  const market = await call(service, 'earnings.market', {});
  assert.equal(market.pinned, 'demo');
  assert.match(market.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
  assert.deepEqual(market.errors, []);
  assert.equal(market.difficulty?.value, DIFFICULTY);
  assert.equal(market.fees?.value.avgFeesPerBlockSats, AVG_FEES_SATS);
  assert.equal(market.nextAdjustment?.value.nextRetargetHeight, 838656);
  assert.equal(market.btcPrice?.value.amount, USD_PRICE);
  for (const value of [market.difficulty, market.tipHeight, market.fees, market.btcPrice]) assert.match(value?.origin ?? '', /^http:\/\/127\.0\.0\.1:/);
  const cached = JSON.parse(await readFile(join(dir, DEMO_CACHE_DIR, 'market-data.json'), 'utf8')) as { difficulty?: { value: number } };
  assert.equal(cached.difficulty?.value, DIFFICULTY);
  await assert.rejects(readFile(join(dir, 'market-data.json')), { code: 'ENOENT' }, 'the real cache is untouched');
});
