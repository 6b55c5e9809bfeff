import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EarningsSettingsSchema, MarketSourcesSchema, PoolTermsSchema } from '../../../electron/contract/earnings.js';
import { defaultEarningsSettings } from '../../../electron/core/earnings/settings.js';

test('the first-run settings are valid and point at mempool.space', () => {
  const defaults = defaultEarningsSettings();
  assert.deepEqual(EarningsSettingsSchema.parse(defaults), defaults);
  assert.equal(defaults.market.baseUrl, 'https://mempool.space/api');
});

test('market sources: http(s) only, no credentials in the URL', () => {
  const ok = (baseUrl: string) => MarketSourcesSchema.safeParse({ baseUrl }).success;
  assert.equal(ok('http://umbrel.local:3006/api'), true);
  assert.equal(ok('https://mempool.space/api'), true);
  assert.equal(ok('ftp://mempool.space/api'), false);
  assert.equal(ok('javascript:alert(1)'), false);
  assert.equal(ok('https://user:secret@mempool.space/api'), false);
  assert.equal(ok('mempool.space/api'), false);
});

test('currency codes and pool fees are checked', () => {
  const base = defaultEarningsSettings();
  assert.equal(EarningsSettingsSchema.safeParse({ ...base, currency: 'cny' }).success, false);
  assert.equal(EarningsSettingsSchema.safeParse({ ...base, currency: 'CNY' }).success, true);
  assert.equal(PoolTermsSchema.safeParse({ scheme: 'fpps', feePercent: 101 }).success, false);
  assert.equal(PoolTermsSchema.safeParse({ scheme: 'pps', feePercent: 2 }).success, false);
  assert.equal(PoolTermsSchema.safeParse({ scheme: 'pps-plus', feePercent: 4, txFeePartFeePercent: 2 }).success, true);
  assert.equal(EarningsSettingsSchema.safeParse({ ...base, overrides: { difficulty: -1 } }).success, false);
  assert.equal(EarningsSettingsSchema.safeParse({ ...base, overrides: { tipHeight: 1.5 } }).success, false);
});
