// The market-data client against a local server replaying mempool.space
// replies (test/fixtures/mempool), then offline, slow, malformed and hostile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarketDataSchema, type MarketData, type MarketOverrides } from '../../../electron/contract/earnings.js';
import { MARKET_CACHE_FILE, MarketCacheSchema } from '../../../electron/core/earnings/market-cache.js';
import { MarketDataClient, REORG_SLACK_BLOCKS } from '../../../electron/core/earnings/market.js';
import type { MarketSettings } from '../../../electron/core/earnings/market-view.js';
import { assertClose } from './approx.js';
import { closedPort, json, startMempoolServer, text, type MempoolServer } from './mempool-server.js';

const T0 = Date.UTC(2024, 2, 31, 3, 15); // around the capture

class Clock {
  t = T0;
  now = (): number => this.t;
}

async function withSetup(fn: (ctx: { server: MempoolServer; dataDir: string; clock: Clock }) => Promise<void>): Promise<void> {
  const server = await startMempoolServer();
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-market-'));
  try {
    await fn({ server, dataDir, clock: new Clock() });
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function settingsFor(server: MempoolServer, patch: Partial<MarketSettings> = {}, overrides: MarketOverrides = {}): MarketSettings {
  return { currency: 'USD', market: { baseUrl: server.baseUrl, ratesUrl: `${server.origin}/rates/latest` }, overrides, ...patch };
}

function client(dataDir: string, clock: Clock, timeoutMs = 1000): MarketDataClient {
  return new MarketDataClient({ dataDir, now: clock.now, http: { timeoutMs } });
}

function errorKinds(data: MarketData): string[] {
  return data.errors.map((e) => `${e.what}:${e.kind}`).sort();
}

test('a refresh against the recorded replies: every value live, validated and cached on disk', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const data = await client(dataDir, clock).refresh(settingsFor(server));
    assert.ok(MarketDataSchema.safeParse(data).success);
    assert.deepEqual(data.errors, []);
    assert.equal(data.difficulty?.value, 83_126_997_340_024.61);
    assert.equal(data.difficulty?.source, 'live');
    assert.equal(data.difficulty?.origin, `${server.baseUrl}/v1/mining/hashrate/3d`);
    assert.equal(data.tipHeight?.value, 837_050);
    assert.equal(data.fees?.value.avgFeesPerBlockSats, 13_601_764.25);
    assert.equal(data.nextAdjustment?.value.nextRetargetHeight, 838_656);
    assert.deepEqual(data.btcPrice?.value, { currency: 'USD', amount: 69_880, via: 'direct' });
    assert.equal(data.btcPrice?.ageMs, 0);
    // USD is priced directly: the rates source is not asked.
    assert.ok(!server.requests.includes('/rates/latest'));
    // A base URL typed with a trailing slash works the same.
    const slash = await client(dataDir, clock).refresh(settingsFor(server, { market: { baseUrl: `${server.baseUrl}/` } }));
    assert.deepEqual(slash.errors, []);

    const onDisk = MarketCacheSchema.parse(JSON.parse(await readFile(join(dataDir, MARKET_CACHE_FILE), 'utf8')));
    assert.equal(onDisk.tipHeight?.value, 837_050);
    assert.equal(onDisk.prices?.fetchedAt, T0);
    // Atomic write: no temp files left beside it.
    assert.deepEqual((await readdir(dataDir)).filter((f) => f.endsWith('.tmp')), []);
  });
});

test('offline: connection refused -> the cached values, labelled with their age', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    await client(dataDir, clock).refresh(settingsFor(server));
    // Later, a fresh start of the app, and the server is gone.
    clock.t = T0 + 3 * 3600_000;
    const port = await closedPort();
    const offline = client(dataDir, clock);
    const before = await offline.current(settingsFor(server));
    assert.equal(before.difficulty?.source, 'cache');
    const data = await offline.refresh(settingsFor(server, { market: { baseUrl: `http://127.0.0.1:${port}/api` } }));
    assert.ok(MarketDataSchema.safeParse(data).success);
    assert.deepEqual(errorKinds(data), ['difficulty:refused', 'fees:refused', 'nextAdjustment:refused', 'prices:refused', 'tipHeight:refused']);
    for (const value of [data.difficulty, data.tipHeight, data.fees, data.nextAdjustment, data.btcPrice]) {
      assert.equal(value?.source, 'cache');
      assert.equal(value?.ageMs, 3 * 3600_000);
      assert.equal(value?.fetchedAt, T0);
    }
    assert.equal(data.difficulty?.value, 83_126_997_340_024.61);
    assert.equal(data.btcPrice?.value.amount, 69_880);
  });
});

test('slow: a server that stalls on one endpoint times it out; the rest stays live', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const c = client(dataDir, clock, 300);
    await c.refresh(settingsFor(server));
    clock.t += 60_000;
    server.routes.set('/api/v1/prices', () => undefined);
    const data = await c.refresh(settingsFor(server));
    assert.deepEqual(errorKinds(data), ['prices:timeout']);
    assert.equal(data.btcPrice?.source, 'cache');
    assert.equal(data.btcPrice?.ageMs, 60_000);
    assert.equal(data.difficulty?.source, 'live');
    assert.equal(data.difficulty?.ageMs, 0);
  });
});

test('malformed: HTML pages and broken JSON are refused with a clear message; the cache stands', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const c = client(dataDir, clock);
    await c.refresh(settingsFor(server));
    server.routes.set('/api/v1/prices', text('<html><body><h1>502 Bad Gateway</h1></body></html>', 200, 'text/html'));
    server.routes.set('/api/v1/difficulty-adjustment', json('{"progressPercent": 20.3, "difficultyChange": '));
    server.routes.set('/api/v1/mining/reward-stats/144', json('{"startBlock":"a lot"}'));
    const data = await c.refresh(settingsFor(server));
    assert.deepEqual(errorKinds(data), ['fees:invalid-reply', 'nextAdjustment:invalid-reply', 'prices:invalid-reply']);
    assert.match(data.errors.find((e) => e.what === 'prices')?.message ?? '', /HTML page, not API data/);
    assert.equal(data.errors.find((e) => e.what === 'prices')?.url, `${server.baseUrl}/v1/prices`);
    assert.equal(data.btcPrice?.value.amount, 69_880);
    assert.equal(data.fees?.value.avgFeesPerBlockSats, 13_601_764.25);
    assert.equal(data.fees?.source, 'cache');
  });
});

test('hostile: oversized, redirected to another host, negative and impossible values', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const other = await startMempoolServer(new Map([['/api/blocks/tip/height', text('999999')]]), '127.0.0.2');
    try {
      server.routes.set('/api/v1/difficulty-adjustment', json(`{"pad":"${'x'.repeat(300 * 1024)}"}`));
      server.routes.set('/api/blocks/tip/height', (_q, r) => r.writeHead(302, { location: `${other.baseUrl}/blocks/tip/height` }).end());
      server.routes.set('/api/v1/mining/hashrate/3d', json('{"hashrates":[],"difficulty":[],"currentHashrate":1,"currentDifficulty":-5}'));
      server.routes.set('/api/v1/prices', json('{"time":1711854906,"USD":1e15}'));
      // The tip-block fallback for difficulty is also broken, so the first error is kept.
      server.routes.set('/api/blocks/tip/hash', text('not a hash'));
      const data = await client(dataDir, clock).refresh(settingsFor(server));
      assert.ok(MarketDataSchema.safeParse(data).success);
      assert.deepEqual(errorKinds(data), [
        'difficulty:out-of-range',
        'nextAdjustment:too-large',
        'prices:out-of-range',
        'tipHeight:redirect-refused',
      ]);
      assert.deepEqual(other.requests, []);
      // Nothing was cached before, and nothing hostile got in.
      assert.equal(data.difficulty, undefined);
      assert.equal(data.tipHeight, undefined);
      assert.equal(data.btcPrice, undefined);
      assert.equal(data.fees?.source, 'live');
    } finally {
      await other.close();
    }
  });
});

test('difficulty falls back to the tip block when the summary has none (0) or is missing (404)', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const c = client(dataDir, clock);
    server.routes.set('/api/v1/mining/hashrate/3d', json('{"hashrates":[],"difficulty":[],"currentHashrate":0,"currentDifficulty":0}'));
    const zero = await c.refresh(settingsFor(server));
    assert.equal(zero.difficulty?.value, 83_126_997_340_024.61);
    assert.match(zero.difficulty?.origin ?? '', /\/api\/block\/0{20}e7d5/);
    server.routes.delete('/api/v1/mining/hashrate/3d');
    const missing = await c.refresh(settingsFor(server));
    assert.equal(missing.difficulty?.value, 83_126_997_340_024.61);
    assert.deepEqual(missing.errors, []);
  });
});

test('a tip height far behind the cached one is refused; a short reorg is not', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const c = client(dataDir, clock);
    await c.refresh(settingsFor(server));
    server.routes.set('/api/blocks/tip/height', text(String(837_050 - REORG_SLACK_BLOCKS - 1)));
    const behind = await c.refresh(settingsFor(server));
    assert.deepEqual(errorKinds(behind), ['tipHeight:out-of-range']);
    assert.match(behind.errors[0]?.message ?? '', /behind the 837050/);
    assert.equal(behind.tipHeight?.value, 837_050);
    server.routes.set('/api/blocks/tip/height', text(String(837_050 - 1)));
    const reorg = await c.refresh(settingsFor(server));
    assert.equal(reorg.tipHeight?.value, 837_049);
  });
});

test('CNY: no mempool price, so USD × the rate from the rates source; or a typed rate; or a typed price', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const c = client(dataDir, clock);
    const data = await c.refresh(settingsFor(server, { currency: 'CNY' }));
    assert.ok(MarketDataSchema.safeParse(data).success);
    // 69,880 USD × 7.2245 CNY/USD = 504,848.06 CNY
    assert.equal(data.btcPrice?.value.via, 'via-usd');
    assertClose(data.btcPrice?.value.amount, 504_848.06);
    assert.deepEqual(data.usdRate?.value, { currency: 'CNY', perUsd: 7.2245 });
    assert.equal(data.usdRate?.source, 'live');
    assert.equal(data.usdRate?.origin, `${server.origin}/rates/latest`);
    assert.ok(server.requests.includes('/rates/latest'));

    // A typed rate wins over the source: 69,880 × 7 = 489,160
    const typed = await c.current(settingsFor(server, { currency: 'CNY' }, { usdRate: 7 }));
    assert.equal(typed.btcPrice?.value.amount, 489_160);
    assert.equal(typed.usdRate?.source, 'override');
    assert.equal(typed.usdRate?.origin, 'user');

    // A typed price wins over everything.
    const own = await c.current(settingsFor(server, { currency: 'CNY' }, { btcPrice: 500_000 }));
    assert.deepEqual(own.btcPrice?.value, { currency: 'CNY', amount: 500_000, via: 'user' });
    assert.equal(own.btcPrice?.source, 'override');
  });
});

test('CNY offline: the cached rate still converts, labelled with the older age', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const c = client(dataDir, clock);
    await c.refresh(settingsFor(server, { currency: 'CNY' }));
    clock.t += 600_000;
    // Prices refresh, but the rates source is down.
    server.routes.set('/rates/latest', text('Service Unavailable', 503));
    const data = await c.refresh(settingsFor(server, { currency: 'CNY' }));
    assert.deepEqual(errorKinds(data), ['usdRate:http-status']);
    assert.equal(data.btcPrice?.source, 'cache');
    assert.equal(data.btcPrice?.ageMs, 600_000);
    assertClose(data.btcPrice?.value.amount, 504_848.06);
  });
});

test('CNY without any rate source: a clear "missing" error and no price', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const data = await client(dataDir, clock).refresh({ currency: 'CNY', market: { baseUrl: server.baseUrl }, overrides: {} });
    assert.equal(data.btcPrice, undefined);
    assert.deepEqual(errorKinds(data), ['usdRate:missing']);
    assert.match(data.errors[0]?.message ?? '', /no CNY price/);
    // A currency the API has (EUR) needs no rate.
    const eur = await client(dataDir, clock).current({ currency: 'EUR', market: { baseUrl: server.baseUrl }, overrides: {} });
    assert.deepEqual(eur.btcPrice?.value, { currency: 'EUR', amount: 64_823, via: 'direct' });
  });
});

test('every value can be overridden by hand, and says so', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    const overrides: MarketOverrides = { difficulty: 1e14, tipHeight: 1_049_999, avgFeesPerBlockSats: 25_000_000, btcPrice: 100_000 };
    const data = await client(dataDir, clock).refresh(settingsFor(server, {}, overrides));
    assert.deepEqual(data.difficulty, { value: 1e14, source: 'override', origin: 'user' });
    assert.deepEqual(data.tipHeight, { value: 1_049_999, source: 'override', origin: 'user' });
    assert.deepEqual(data.fees, { value: { avgFeesPerBlockSats: 25_000_000 }, source: 'override', origin: 'user' });
    assert.equal(data.btcPrice?.source, 'override');
    // The fetched values are still cached underneath: dropping the override shows them.
    const plain = await client(dataDir, clock).current(settingsFor(server));
    assert.equal(plain.difficulty?.value, 83_126_997_340_024.61);
  });
});

test('a corrupt cache file is set aside and reported, and the client still works', async () => {
  await withSetup(async ({ server, dataDir, clock }) => {
    await writeFile(join(dataDir, MARKET_CACHE_FILE), '{"version":1,"difficulty":{"value":-1');
    const c = client(dataDir, clock);
    const first = await c.current(settingsFor(server));
    assert.match(first.cacheProblem ?? '', /unusable/);
    assert.equal(first.difficulty, undefined);
    const data = await c.refresh(settingsFor(server));
    assert.equal(data.difficulty?.source, 'live');
    assert.equal(data.cacheProblem, undefined);
    assert.ok((await readdir(dataDir)).some((f) => f.startsWith(`${MARKET_CACHE_FILE}.corrupt-`)));
  });
});
