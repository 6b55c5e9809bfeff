// The earnings settings form: settings -> strings -> settings, and every
// problem a user can type.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EarningsSettingsSchema, type EarningsSettings } from '../../../../electron/contract/earnings.js';
import { fromDraft, toDraft } from '../../../../renderer/src/earnings/settings-draft.js';

const SETTINGS: EarningsSettings = {
  currency: 'CNY',
  tariff: { kind: 'day-night', dayPricePerKwh: 0.62, nightPricePerKwh: 0.31, nightStartHour: 22.5, nightEndHour: 6 },
  pool: { scheme: 'pps-plus', feePercent: 2.5, txFeePartFeePercent: 4 },
  market: { baseUrl: 'http://umbrel.local:3006/api', ratesUrl: 'https://rates.example/latest?base=USD' },
  overrides: { difficulty: 1e14, usdRate: 7.2 },
};

test('settings survive the round trip through the form', () => {
  const draft = toDraft(SETTINGS);
  assert.equal(draft.nightStart, '22:30');
  assert.equal(draft.difficulty, '100000000000000');
  assert.equal(draft.btcPrice, '');
  assert.deepEqual(fromDraft(draft), { settings: SETTINGS });
  const flat: EarningsSettings = { ...SETTINGS, tariff: { kind: 'flat', pricePerKwh: 0.15 }, pool: { scheme: 'fpps', feePercent: 2 }, market: { baseUrl: 'https://mempool.space/api' }, overrides: {} };
  assert.deepEqual(fromDraft(toDraft(flat)), { settings: flat });
});

test('switching a flat tariff to day/night starts from the flat price and a 22:00-06:00 night', () => {
  const draft = { ...toDraft({ ...SETTINGS, tariff: { kind: 'flat', pricePerKwh: 0.2 } }), tariffKind: 'day-night' as const };
  const result = fromDraft(draft);
  assert.ok(!result.problems);
  assert.deepEqual(result.settings.tariff, { kind: 'day-night', dayPricePerKwh: 0.2, nightPricePerKwh: 0.2, nightStartHour: 22, nightEndHour: 6 });
  assert.ok(EarningsSettingsSchema.safeParse(result.settings).success);
});

test('every bad value is reported with its field, and nothing is half-saved', () => {
  const draft = {
    ...toDraft(SETTINGS),
    dayPrice: '-1',
    nightPrice: 'abc',
    nightEnd: '22:30',
    fee: '101',
    txFee: 'x',
    baseUrl: 'umbrel.local/api',
    ratesUrl: 'ftp://rates',
    difficulty: '0',
    tipHeight: '12.5',
    fees: '-3',
    btcPrice: '0',
    usdRate: 'seven',
  };
  const result = fromDraft(draft);
  assert.deepEqual(result.problems, [
    { field: 'dayPrice', kind: 'number' },
    { field: 'nightPrice', kind: 'number' },
    { field: 'nightEnd', kind: 'same-hours' },
    { field: 'fee', kind: 'percent' },
    { field: 'txFee', kind: 'percent' },
    { field: 'baseUrl', kind: 'url' },
    { field: 'ratesUrl', kind: 'url' },
    { field: 'difficulty', kind: 'positive' },
    { field: 'tipHeight', kind: 'integer' },
    { field: 'fees', kind: 'number' },
    { field: 'btcPrice', kind: 'positive' },
    { field: 'usdRate', kind: 'positive' },
  ]);
  assert.deepEqual(fromDraft({ ...toDraft(SETTINGS), nightStart: '25:00' }).problems, [{ field: 'nightStart', kind: 'time' }]);
  assert.deepEqual(fromDraft({ ...toDraft(SETTINGS), tariffKind: 'flat', price: '' }).problems, [{ field: 'price', kind: 'number' }]);
});

test('an empty rates source means none; the PPS+ fee part only applies to PPS+', () => {
  const result = fromDraft({ ...toDraft(SETTINGS), ratesUrl: '  ', scheme: 'fpps', txFee: 'not used' });
  assert.ok(!result.problems);
  assert.deepEqual(result.settings.market, { baseUrl: 'http://umbrel.local:3006/api' });
  assert.deepEqual(result.settings.pool, { scheme: 'fpps', feePercent: 2.5 });
});
