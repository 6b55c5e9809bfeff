import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeChance, describeDuration, roundSignificant } from '../../../electron/core/earnings/describe.js';

test('two significant figures', () => {
  assert.equal(roundSignificant(4312.7), 4300);
  assert.equal(roundSignificant(856_806.02), 860_000);
  assert.equal(roundSignificant(1.649), 1.6);
  assert.equal(roundSignificant(0.012345), 0.012);
});

test('chances read as "1 in N" below one half, as a percentage up to 99 %, then "almost certain"', () => {
  // 1 / 0.000232 = 4,310.3 -> "about 1 in 4,300"
  assert.deepEqual(describeChance(0.000232), { form: 'one-in', oneIn: 4300 });
  // 1 / 0.4 = 2.5
  assert.deepEqual(describeChance(0.4), { form: 'one-in', oneIn: 2.5 });
  assert.deepEqual(describeChance(0.5), { form: 'percent', percent: 50 });
  assert.deepEqual(describeChance(0.6321), { form: 'percent', percent: 63 });
  assert.deepEqual(describeChance(0.99), { form: 'percent', percent: 99 });
  assert.deepEqual(describeChance(0.995), { form: 'almost-certain' });
  assert.deepEqual(describeChance(1), { form: 'almost-certain' });
  assert.deepEqual(describeChance(0), { form: 'none' });
  assert.deepEqual(describeChance(Number.NaN), { form: 'none' });
  assert.deepEqual(describeChance(Number.MIN_VALUE), { form: 'none' });
});

test('durations pick a readable unit: switch at 90 s, 90 min, 48 h and 2 years', () => {
  assert.deepEqual(describeDuration(45), { form: 'about', value: 45, unit: 'seconds' });
  assert.deepEqual(describeDuration(600), { form: 'about', value: 10, unit: 'minutes' });
  // 36 h stays in hours; 3 days = 259,200 s
  assert.deepEqual(describeDuration(36 * 3600), { form: 'about', value: 36, unit: 'hours' });
  assert.deepEqual(describeDuration(259_200), { form: 'about', value: 3, unit: 'days' });
  // 400 days < 2 years -> days; 3 years = 94,672,800 s -> 3 years
  assert.deepEqual(describeDuration(400 * 86_400), { form: 'about', value: 400, unit: 'days' });
  assert.deepEqual(describeDuration(94_672_800), { form: 'about', value: 3, unit: 'years' });
  assert.deepEqual(describeDuration(Number.POSITIVE_INFINITY), { form: 'never' });
  assert.deepEqual(describeDuration(0), { form: 'never' });
});
