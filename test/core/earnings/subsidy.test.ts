import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageSubsidySats, halvingEpoch, HALVING_INTERVAL, nextHalvingHeight, subsidySats } from '../../../electron/core/earnings/subsidy.js';
import { assertClose } from './approx.js';

test('subsidy at the first blocks and across the first halving', () => {
  assert.equal(subsidySats(0), 5_000_000_000);
  assert.equal(subsidySats(209_999), 5_000_000_000);
  // 2,500,000,000 does not fit in a 32-bit int: a plain `5e9 >> 1` in JavaScript would give a wrong number.
  assert.equal(subsidySats(210_000), 2_500_000_000);
});

test('subsidy just before and just after the 2024 halving (840,000)', () => {
  // Epoch 3 (630,000..839,999): 5e9 >> 3 = 625,000,000 sats = 6.25 BTC; epoch 4: 5e9 >> 4 = 312,500,000 = 3.125 BTC.
  assert.equal(subsidySats(839_999), 625_000_000);
  assert.equal(subsidySats(840_000), 312_500_000);
});

test('subsidy just before and just after the next halving (1,050,000)', () => {
  // Epoch 4 ends at 1,049,999; epoch 5: 5e9 >> 5 = 156,250,000 sats = 1.5625 BTC.
  assert.equal(subsidySats(1_049_999), 312_500_000);
  assert.equal(subsidySats(1_050_000), 156_250_000);
  assert.equal(halvingEpoch(1_049_999), 4);
  assert.equal(halvingEpoch(1_050_000), 5);
  assert.equal(nextHalvingHeight(1_049_999), 1_050_000);
  assert.equal(nextHalvingHeight(1_050_000), 1_260_000);
});

test('subsidy runs out: 1 sat in epoch 32, 0 from epoch 33, still 0 at and after the 64th halving', () => {
  // 5,000,000,000 / 2^32 = 1.16 -> 1 sat; / 2^33 = 0.58 -> 0.
  assert.equal(subsidySats(32 * HALVING_INTERVAL), 1);
  assert.equal(subsidySats(33 * HALVING_INTERVAL - 1), 1);
  assert.equal(subsidySats(33 * HALVING_INTERVAL), 0);
  assert.equal(subsidySats(64 * HALVING_INTERVAL), 0);
  assert.equal(subsidySats(1_000 * HALVING_INTERVAL), 0);
});

test('the subsidies add up to the known total supply, 20,999,999.9769 BTC', () => {
  let total = 0;
  for (let epoch = 0; epoch < 64; epoch++) total += HALVING_INTERVAL * subsidySats(epoch * HALVING_INTERVAL);
  assert.equal(total, 2_099_999_997_690_000);
});

test('average subsidy over a day of blocks that crosses a halving', () => {
  // From 839,999: 1 block at 625,000,000 and 143 at 312,500,000:
  // (625,000,000 + 143 × 312,500,000) / 144 = 45,312,500,000 / 144 = 314,670,138.888...
  assertClose(averageSubsidySats(839_999, 144), 45_312_500_000 / 144);
  assertClose(averageSubsidySats(839_999, 144), 314_670_138.8888889, 1e-9);
  // From 840,000 the whole day is in epoch 4.
  assert.equal(averageSubsidySats(840_000, 144), 312_500_000);
  // From 1,049,999: (312,500,000 + 143 × 156,250,000) / 144 = 22,656,250,000 / 144 = 157,335,069.44...
  assertClose(averageSubsidySats(1_049_999, 144), 22_656_250_000 / 144);
  assert.equal(averageSubsidySats(1_050_000, 144), 156_250_000);
});

test('average subsidy over a fractional block count weighs each epoch by its share', () => {
  // 839,990 + 20.5 blocks: 10 blocks before 840,000 at 625,000,000, 10.5 after at 312,500,000:
  // (6,250,000,000 + 3,281,250,000) / 20.5 = 464,939,024.39...
  assertClose(averageSubsidySats(839_990, 20.5), 9_531_250_000 / 20.5);
});

test('bad heights and counts are refused', () => {
  assert.throws(() => subsidySats(-1), RangeError);
  assert.throws(() => subsidySats(1.5), RangeError);
  assert.throws(() => subsidySats(Number.NaN), RangeError);
  assert.throws(() => averageSubsidySats(0, 0), RangeError);
  assert.throws(() => averageSubsidySats(0, Number.POSITIVE_INFINITY), RangeError);
});
