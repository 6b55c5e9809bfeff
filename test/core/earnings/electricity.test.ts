import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TariffSchema } from '../../../electron/contract/earnings.js';
import { breakEvenPricePerKwh, effectivePricePerKwh, energyKwh, joulesPerTerahash, nightHours } from '../../../electron/core/earnings/electricity.js';
import { assertClose } from './approx.js';

test('energy: watts × hours / 1000', () => {
  // 3,300 W for a day: 3,300 × 24 / 1000 = 79.2 kWh; for a 30.4375-day month: 2,410.65 kWh
  assertClose(energyKwh(3300, 1), 79.2);
  assertClose(energyKwh(3300, 30.4375), 2410.65);
});

test('night hours wrap midnight', () => {
  assert.equal(nightHours(22, 6), 8);
  assert.equal(nightHours(0, 7), 7);
  assert.equal(nightHours(22.5, 6.5), 8);
  assert.equal(nightHours(6, 22), 16);
});

test('effective price of a flat and a day/night tariff', () => {
  assert.equal(effectivePricePerKwh({ kind: 'flat', pricePerKwh: 0.12 }), 0.12);
  // 23:00-07:00 at 0.08, else 0.25: (16 × 0.25 + 8 × 0.08) / 24 = 4.64 / 24 = 0.19333...
  assertClose(
    effectivePricePerKwh({ kind: 'day-night', dayPricePerKwh: 0.25, nightPricePerKwh: 0.08, nightStartHour: 23, nightEndHour: 7 }),
    4.64 / 24,
  );
});

test('J/TH and break-even', () => {
  // Avalon Q class: 1,674 W at 90 TH/s -> 18.6 J/TH
  assertClose(joulesPerTerahash(1674, 90e12), 18.6);
  assert.equal(joulesPerTerahash(100, 0), undefined);
  // revenue 2.00 a day at 140 W (3.36 kWh): break-even 2 / 3.36 = 0.5952380952 per kWh
  assertClose(breakEvenPricePerKwh(2, 140), 2 / 3.36);
  assert.equal(breakEvenPricePerKwh(2, 0), undefined);
});

test('tariff settings are validated', () => {
  assert.equal(TariffSchema.safeParse({ kind: 'flat', pricePerKwh: -0.1 }).success, false);
  assert.equal(TariffSchema.safeParse({ kind: 'flat', pricePerKwh: Number.NaN }).success, false);
  assert.equal(TariffSchema.safeParse({ kind: 'day-night', dayPricePerKwh: 0.2, nightPricePerKwh: 0.1, nightStartHour: 22, nightEndHour: 22 }).success, false);
  assert.equal(TariffSchema.safeParse({ kind: 'day-night', dayPricePerKwh: 0.2, nightPricePerKwh: 0.1, nightStartHour: 24, nightEndHour: 6 }).success, false);
  assert.equal(TariffSchema.safeParse({ kind: 'day-night', dayPricePerKwh: 0.2, nightPricePerKwh: 0.1, nightStartHour: 22, nightEndHour: 6 }).success, true);
});
