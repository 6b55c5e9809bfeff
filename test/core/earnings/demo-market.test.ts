// Demo mode's loopback market: it serves the same replies as the recorded
// test fixtures (its data is a copy of them), and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoMarket } from '../../../electron/core/earnings/demo-market.js';
import { fixture } from './mempool-server.js';

test('serves the recorded replies on loopback, GET only, known paths only', async (t) => {
  const market = await startDemoMarket();
  t.after(() => market.close());
  assert.match(market.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
  const pairs: [string, string][] = [
    ['/v1/difficulty-adjustment', 'v1-difficulty-adjustment.json'],
    ['/v1/prices', 'v1-prices.json'],
    ['/v1/mining/hashrate/3d', 'v1-mining-hashrate-3d.json'],
    ['/v1/mining/reward-stats/144', 'v1-mining-reward-stats-144.json'],
    ['/block/00000000000000000000e7d533924ecd9e2096bdf261ae3daf3f04861150c5a8', 'block-837050.json'],
  ];
  for (const [path, file] of pairs) {
    const reply = await fetch(market.baseUrl + path);
    assert.equal(reply.status, 200, path);
    assert.match(reply.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await reply.json(), JSON.parse(fixture(file)), path);
  }
  assert.equal(await (await fetch(`${market.baseUrl}/blocks/tip/height`)).text(), fixture('blocks-tip-height.txt').trim());
  assert.equal(await (await fetch(`${market.baseUrl}/blocks/tip/hash`)).text(), fixture('blocks-tip-hash.txt').trim());
  assert.deepEqual(await (await fetch(market.ratesUrl)).json(), JSON.parse(fixture('rates-usd.json')));
  assert.equal((await fetch(`${market.baseUrl}/v1/fees/recommended`)).status, 404);
  assert.equal((await fetch(`${market.baseUrl}/v1/prices`, { method: 'POST' })).status, 405);
});
