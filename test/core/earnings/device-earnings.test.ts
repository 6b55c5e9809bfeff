import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceEarningsSchema, FleetEarningsSchema, type EarningsSettings, type MarketData } from '../../../electron/contract/earnings.js';
import { deviceEarnings, fleetEarnings, type DeviceFigures } from '../../../electron/core/earnings/device-earnings.js';
import { assertClose } from './approx.js';

const settings: EarningsSettings = {
  currency: 'USD',
  tariff: { kind: 'flat', pricePerKwh: 0.1 },
  pool: { scheme: 'solo', feePercent: 0 },
  market: { baseUrl: 'http://127.0.0.1:1/api' },
  overrides: {},
};

const market: MarketData = {
  assembledAt: 1_000,
  baseUrl: settings.market.baseUrl,
  difficulty: { value: 1e14, source: 'live', fetchedAt: 1_000, ageMs: 0, origin: 'x' },
  tipHeight: { value: 839_999, source: 'cache', fetchedAt: 500, ageMs: 500, origin: 'x' },
  fees: { value: { avgFeesPerBlockSats: 25_000_000 }, source: 'override', origin: 'user' },
  btcPrice: { value: { currency: 'USD', amount: 100_000, via: 'direct' }, source: 'live', fetchedAt: 1_000, ageMs: 0, origin: 'x' },
  errors: [],
};

const nano: DeviceFigures = {
  deviceId: '192.168.1.20:4028',
  hashrate: { hashrateHs: 6.6e12, source: 'reported' },
  power: { powerW: 140, source: 'measured' },
  bestShare: 1e9,
};

test('a device estimate starts at the block after the tip and carries its sources', () => {
  const result = deviceEarnings(nano, market, settings);
  assert.ok(DeviceEarningsSchema.safeParse(result).success);
  assert.deepEqual(result.missing, []);
  const e = result.estimate;
  assert.ok(e);
  // tip 839,999 -> next block 840,000: the day is all post-halving, 312,500,000 sats.
  assert.equal(e.nextHeight, 840_000);
  assert.equal(e.periods.find((p) => p.period === 'day')?.avgSubsidySats, 312_500_000);
  // 6.6 TH/s at 1e14 with 0.25 BTC fees: 448.09654355049133 sats/day (see estimator.test.ts)
  assertClose(e.periods.find((p) => p.period === 'day')?.sats, 448.09654355049133);
  assert.equal(e.hashrateSource, 'reported');
  assert.equal(e.powerSource, 'measured');
  assert.equal(e.btcPrice, 100_000);
  assert.equal(result.solo?.bestShare?.ratioToNetwork, 1e9 / 1e14);
});

test('a price cached for another currency is not used', () => {
  const result = deviceEarnings(nano, market, { ...settings, currency: 'EUR' });
  assert.equal(result.estimate?.btcPrice, undefined);
  assert.equal(result.estimate?.periods[0]?.revenue, undefined);
});

test('missing market values or hashrate are listed, and the solo odds still come when they can', () => {
  const { fees: _fees, tipHeight: _tip, ...partial } = market;
  const result = deviceEarnings(nano, partial, settings);
  assert.equal(result.estimate, undefined);
  assert.deepEqual(result.missing, ['tipHeight', 'fees']);
  assert.ok(result.solo);
  const idle = deviceEarnings({ deviceId: 'x' }, market, settings);
  assert.deepEqual(idle.missing, ['hashrate']);
  assert.equal(idle.solo, undefined);
});

test('the fleet adds hashrate and power, and marks mixed sources', () => {
  const q: DeviceFigures = {
    deviceId: '192.168.1.21:4028',
    hashrate: { hashrateHs: 90e12, source: 'verified-shares' },
    power: { powerW: 1674, source: 'nominal' },
    bestShare: 5e9,
  };
  const fleet = fleetEarnings([nano, q, { deviceId: 'offline' }], market, settings);
  assert.ok(FleetEarningsSchema.safeParse(fleet).success);
  assert.equal(fleet.devices.length, 3);
  const total = fleet.total.estimate;
  assert.ok(total);
  assert.equal(total.hashrateHs, 96.6e12);
  assert.equal(total.hashrateSource, 'mixed');
  assert.equal(total.powerW, 1814);
  assert.equal(total.powerSource, 'mixed');
  assert.equal(fleet.total.solo?.bestShare?.difficulty, 5e9);
  // Earnings are linear in hashrate: the fleet's sats equal the sum of the devices'.
  const daySats = (i: number) => fleet.devices[i]?.estimate?.periods[0]?.sats ?? Number.NaN;
  assertClose(total.periods[0]?.sats, daySats(0) + daySats(1));
});

test('the fleet leaves power out when a hashing device has no figure', () => {
  const unknownPower: DeviceFigures = { deviceId: 'u', hashrate: { hashrateHs: 1e12, source: 'reported' } };
  const fleet = fleetEarnings([nano, unknownPower], market, settings);
  assert.equal(fleet.total.estimate?.powerW, undefined);
  assert.equal(fleet.total.estimate?.hashrateSource, 'reported');
});
