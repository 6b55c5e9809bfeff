import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseHashrate,
  choosePower,
  hashrateFromShares,
  MIN_VERIFIED_SHARES,
  reportedHashrateHs,
} from '../../../electron/core/earnings/inputs.js';
import { assertClose } from './approx.js';

test('hashrate proved by shares: Σ difficulty × 2^32 / seconds', () => {
  // 600 shares at pool difficulty 4,096 in one hour: 2,457,600 × 4,294,967,296 / 3,600 = 2,932,031,007,402.67 H/s (2.93 TH/s)
  assertClose(hashrateFromShares(600 * 4096, 3600), (2_457_600 * 4_294_967_296) / 3600);
  assertClose(hashrateFromShares(600 * 4096, 3600), 2_932_031_007_402.6665);
  assert.throws(() => hashrateFromShares(1, 0), RangeError);
});

test('verified shares win once there are enough of them; else the reported hashrate', () => {
  const verified = { difficultySum: 600 * 4096, count: 600, windowS: 3600 };
  assert.deepEqual(chooseHashrate(6.6e12, verified), { hashrateHs: hashrateFromShares(600 * 4096, 3600), source: 'verified-shares' });
  const few = { difficultySum: 10 * 4096, count: MIN_VERIFIED_SHARES - 1, windowS: 60 };
  assert.deepEqual(chooseHashrate(6.6e12, few), { hashrateHs: 6.6e12, source: 'reported' });
  assert.deepEqual(chooseHashrate(6.6e12), { hashrateHs: 6.6e12, source: 'reported' });
  assert.equal(chooseHashrate(undefined, few), undefined);
  assert.equal(chooseHashrate(Number.NaN), undefined);
});

test('reported hashrate: the longest average the device gives, GH/s to H/s', () => {
  assert.equal(reportedHashrateHs({ ghsAvg: 6600, ghs1m: 6000, ghs5s: 7000 }), 6.6e12);
  assert.equal(reportedHashrateHs({ ghs15m: 6500, ghs1m: 6000 }), 6.5e12);
  assert.equal(reportedHashrateHs({ ghs5s: 7000 }), 7e12);
  assert.equal(reportedHashrateHs({}), undefined);
});

test('power: measured, else the catalog nominal, else none', () => {
  assert.deepEqual(choosePower(138.5, 140), { powerW: 138.5, source: 'measured' });
  assert.deepEqual(choosePower(undefined, 140), { powerW: 140, source: 'nominal' });
  // A device that reports 0 W has not measured anything.
  assert.deepEqual(choosePower(0, 140), { powerW: 140, source: 'nominal' });
  assert.equal(choosePower(undefined, null), undefined);
});
