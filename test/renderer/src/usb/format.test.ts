import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatDifficulty, formatHs, scaleHs } from '../../../../renderer/src/usb/format.js';

it('scales hashrates from H/s up', () => {
  assert.deepEqual(scaleHs(0), { value: 0, unit: 'H/s' });
  assert.deepEqual(scaleHs(999), { value: 999, unit: 'H/s' });
  assert.deepEqual(scaleHs(12_345), { value: 12.345, unit: 'kH/s' });
  assert.deepEqual(scaleHs(3.5e9), { value: 3.5, unit: 'GH/s' });
  assert.deepEqual(scaleHs(2e18), { value: 2000, unit: 'PH/s' });
});

it('formats hashrates with digits by size, and a dash when unknown', () => {
  assert.equal(formatHs(0, 'en-US'), '0 H/s');
  assert.equal(formatHs(6543, 'en-US'), '6.54 kH/s');
  assert.equal(formatHs(24_680, 'en-US'), '24.7 kH/s');
  assert.equal(formatHs(432_100_000, 'en-US'), '432 MH/s');
  assert.equal(formatHs(3.5e9, 'de-DE'), '3,5 GH/s');
  assert.equal(formatHs(undefined, 'en-US'), '—');
  assert.equal(formatHs(Number.NaN, 'en-US'), '—');
});

it('formats share difficulties from tiny to huge in three significant digits', () => {
  assert.equal(formatDifficulty(2 ** -18, 'en-US'), '3.81E-6');
  assert.equal(formatDifficulty(0.0123456, 'en-US'), '0.0123');
  assert.equal(formatDifficulty(512, 'en-US'), '512');
  assert.equal(formatDifficulty(65_536, 'en-US'), '65.5k');
  assert.equal(formatDifficulty(1.234e12, 'en-US'), '1.23T');
  assert.equal(formatDifficulty(0, 'en-US'), '—', 'no share yet');
  assert.equal(formatDifficulty(null, 'en-US'), '—');
});
