// The parsers on the recorded and documented replies (test/fixtures/mempool,
// sources in its README), then on broken and hostile variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BoundedReply } from '../../../electron/core/earnings/http-get.js';
import { MarketFetchError } from '../../../electron/core/earnings/market-error.js';
import {
  parseBlockDifficulty,
  parseDifficultyAdjustment,
  parseHashrateDifficulty,
  parsePrices,
  parseRewardStats,
  parseTipHash,
  parseTipHeight,
} from '../../../electron/core/earnings/mempool-replies.js';
import { parseUsdRates } from '../../../electron/core/earnings/rates-reply.js';
import { assertClose } from './approx.js';
import { fixture } from './mempool-server.js';

const reply = (body: string, contentType = 'application/json'): BoundedReply => ({ url: 'http://127.0.0.1:1/api/x', contentType, text: body });
const recorded = (name: string, contentType = 'application/json') => reply(fixture(name), contentType);

function rejects(fn: () => unknown, kind: MarketFetchError['kind'], pattern?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof MarketFetchError, `expected MarketFetchError, got ${String(err)}`);
    assert.equal(err.kind, kind, err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

test('difficulty adjustment: the recorded reply (Unix ms) and the documented example (Unix s)', () => {
  assert.deepEqual(parseDifficultyAdjustment(recorded('v1-difficulty-adjustment.json')), {
    changePercent: 5.914788959658535,
    progressPercent: 20.33730158730159,
    remainingBlocks: 1606,
    nextRetargetHeight: 838_656,
    estimatedRetargetAt: 1_712_766_704_114,
  });
  const docs = parseDifficultyAdjustment(recorded('v1-difficulty-adjustment.docs-example.json'));
  assert.equal(docs.estimatedRetargetAt, 1_627_762_478_000);
  assert.equal(docs.nextRetargetHeight, 741_888);
});

test('difficulty adjustment: impossible values', () => {
  const da = JSON.parse(fixture('v1-difficulty-adjustment.json')) as Record<string, unknown>;
  const variant = (patch: Record<string, unknown>) => reply(JSON.stringify({ ...da, ...patch }));
  rejects(() => parseDifficultyAdjustment(variant({ difficultyChange: 400 })), 'out-of-range', /difficulty change/);
  rejects(() => parseDifficultyAdjustment(variant({ progressPercent: -1 })), 'out-of-range');
  rejects(() => parseDifficultyAdjustment(variant({ remainingBlocks: 0 })), 'out-of-range');
  rejects(() => parseDifficultyAdjustment(variant({ nextRetargetHeight: 838_657 })), 'out-of-range', /retarget height/);
  rejects(() => parseDifficultyAdjustment(variant({ estimatedRetargetDate: -5 })), 'out-of-range');
  rejects(() => parseDifficultyAdjustment(variant({ remainingBlocks: '1606' })), 'invalid-reply', /remainingBlocks/);
});

test('tip height and hash: plain text', () => {
  assert.equal(parseTipHeight(recorded('blocks-tip-height.txt', 'text/plain')), 837_050);
  assert.equal(parseTipHeight(reply('837050\n', 'text/plain')), 837_050);
  assert.equal(parseTipHash(recorded('blocks-tip-hash.txt', 'text/plain')), '00000000000000000000e7d533924ecd9e2096bdf261ae3daf3f04861150c5a8');
  rejects(() => parseTipHeight(reply('-5', 'text/plain')), 'invalid-reply');
  rejects(() => parseTipHeight(reply('83.5', 'text/plain')), 'invalid-reply');
  rejects(() => parseTipHeight(reply('NaN', 'text/plain')), 'invalid-reply');
  rejects(() => parseTipHeight(reply('0', 'text/plain')), 'out-of-range');
  rejects(() => parseTipHeight(reply('<html><body>502 Bad Gateway</body></html>', 'text/html')), 'invalid-reply', /HTML page/);
  rejects(() => parseTipHash(reply('zz', 'text/plain')), 'invalid-reply');
});

test('difficulty: from the hashrate summary, 0 meaning "ask the tip block"', () => {
  assert.equal(parseHashrateDifficulty(recorded('v1-mining-hashrate-3d.json')), 83_126_997_340_024.61);
  assert.equal(parseHashrateDifficulty(recorded('v1-mining-hashrate-3d.docs-example.json')), 31_251_101_365_711.12);
  assert.equal(parseHashrateDifficulty(reply('{"hashrates":[],"difficulty":[],"currentHashrate":0,"currentDifficulty":0}')), undefined);
  const hash = '00000000000000000000e7d533924ecd9e2096bdf261ae3daf3f04861150c5a8';
  assert.equal(parseBlockDifficulty(recorded('block-837050.json'), hash), 83_126_997_340_024.61);
  rejects(() => parseBlockDifficulty(recorded('block-837050.json'), '00'.repeat(32)), 'invalid-reply', /not 0000/);
});

test('difficulty: negative, below 1 (a test network), absurd, a string, NaN as text', () => {
  const hr = (d: string) => reply(`{"hashrates":[],"difficulty":[],"currentHashrate":1,"currentDifficulty":${d}}`);
  rejects(() => parseHashrateDifficulty(hr('-83126997340024.61')), 'out-of-range');
  rejects(() => parseHashrateDifficulty(hr('0.00286032350920122')), 'out-of-range', /test network/);
  rejects(() => parseHashrateDifficulty(hr('1e300')), 'out-of-range');
  rejects(() => parseHashrateDifficulty(hr('"83126997340024.61"')), 'invalid-reply', /currentDifficulty/);
  // JSON has no NaN: a server printing one sends text that is not JSON.
  rejects(() => parseHashrateDifficulty(hr('NaN')), 'invalid-reply', /not send JSON/);
});

test('fees: reward stats over 144 blocks (and the documented 100-block example)', () => {
  // 1,958,654,052 sats over blocks 836,907..837,050 (144 blocks) = 13,601,764.25 sats a block
  assert.deepEqual(parseRewardStats(recorded('v1-mining-reward-stats-144.json'), 144), {
    avgFeesPerBlockSats: 13_601_764.25,
    fromHeight: 836_907,
    toHeight: 837_050,
  });
  // documented: 1,311,748,254 sats over 736,556..736,655 (100 blocks) = 13,117,482.54
  assertClose(parseRewardStats(recorded('v1-mining-reward-stats-100.docs-example.json'), 100).avgFeesPerBlockSats, 13_117_482.54);
  // Sums may also come as numbers.
  assert.equal(parseRewardStats(reply('{"startBlock":1,"endBlock":2,"totalFee":10}'), 144).avgFeesPerBlockSats, 5);
});

test('fees: hostile reward stats', () => {
  const rs = (start: number, end: number, fee: string) => reply(`{"startBlock":${start},"endBlock":${end},"totalFee":${fee}}`);
  rejects(() => parseRewardStats(rs(10, 1, '"5"'), 144), 'out-of-range', /block range/);
  rejects(() => parseRewardStats(rs(1, 1000, '"5"'), 144), 'out-of-range');
  rejects(() => parseRewardStats(rs(1, 144, '"-5"'), 144), 'invalid-reply');
  rejects(() => parseRewardStats(rs(1, 144, '-5'), 144), 'out-of-range');
  rejects(() => parseRewardStats(rs(1, 144, '"NaN"'), 144), 'invalid-reply');
  rejects(() => parseRewardStats(rs(1, 144, `"${'9'.repeat(30)}"`), 144), 'out-of-range', /fee total/);
});

test('prices: the recorded reply, the documented example, missing currencies', () => {
  assert.deepEqual(parsePrices(recorded('v1-prices.json')), {
    USD: 69_880,
    EUR: 64_823,
    GBP: 55_198,
    CAD: 95_154,
    CHF: 63_041,
    AUD: 107_374,
    JPY: 10_601_000,
  });
  assert.equal(parsePrices(recorded('v1-prices.docs-example.json')).USD, 43_753);
  // An instance with a conversion feed lists more currencies, -1 where it has none.
  const extended = parsePrices(reply('{"time":1711854906,"USD":69880,"CNY":-1,"BRL":349400}'));
  assert.deepEqual(extended, { USD: 69_880, BRL: 349_400 });
});

test('prices: absurd, negative, wrong types, no USD, an HTML page', () => {
  rejects(() => parsePrices(reply('{"time":1,"USD":1e12}')), 'out-of-range', /USD/);
  rejects(() => parsePrices(reply('{"time":1,"USD":69880,"EUR":-20}')), 'out-of-range', /EUR/);
  rejects(() => parsePrices(reply('{"time":1,"USD":0.5}')), 'out-of-range');
  rejects(() => parsePrices(reply('{"time":1,"USD":"69880"}')), 'invalid-reply', /USD is not a number/);
  rejects(() => parsePrices(reply('{"time":1,"USD":-1,"EUR":64823}')), 'invalid-reply', /no USD/);
  rejects(() => parsePrices(reply('[69880]')), 'invalid-reply');
  rejects(() => parsePrices(reply('<!DOCTYPE html><html>Not Found</html>', 'text/html; charset=utf-8')), 'invalid-reply', /HTML page/);
  rejects(() => parsePrices(reply('{"USD":69880', 'application/json')), 'invalid-reply', /not send JSON/);
});

test('exchange rates: base USD, another base, hostile values', () => {
  const usd = parseUsdRates(recorded('rates-usd.json'));
  assert.equal(usd.CNY, 7.2245);
  assert.equal(usd.USD, 1);
  // base EUR: CNY per USD = 7.8030 / 1.0801 = 7.22433108...; EUR per USD = 1 / 1.0801 = 0.92584020
  const eur = parseUsdRates(recorded('rates-eur.json'));
  assertClose(eur.CNY, 7.803 / 1.0801);
  assertClose(eur.EUR, 1 / 1.0801);
  rejects(() => parseUsdRates(reply('{"base":"EUR","rates":{"CNY":7.8}}')), 'invalid-reply', /none for USD/);
  rejects(() => parseUsdRates(reply('{"base":"USD","rates":{"CNY":-7.2}}')), 'out-of-range');
  rejects(() => parseUsdRates(reply('{"base":"USD","rates":{"CNY":1e9}}')), 'out-of-range');
  rejects(() => parseUsdRates(reply('{"base":"usd","rates":{"CNY":7.2}}')), 'invalid-reply');
  rejects(() => parseUsdRates(reply('{"base":"USD","rates":{"CNY":"7.2"}}')), 'invalid-reply');
});
