// Wording of earnings figures in English and Chinese locales.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ageParts,
  describeChanceText,
  describeDurationText,
  describeSource,
  formatBtc,
  formatLarge,
  formatMoney,
  formatRatio,
  formatSats,
  hoursToTime,
  timeToHours,
} from '../../../../renderer/src/earnings/format.js';

test('money keeps the digits the amount needs, in the currency and locale given', () => {
  assert.equal(formatMoney('en-US', 'USD', 1234.567), '$1,235');
  assert.equal(formatMoney('en-US', 'USD', 19.584), '$19.58');
  assert.equal(formatMoney('en-US', 'USD', -7.5), '-$7.50');
  // Below 1: two or three significant digits (a price per kWh, a Nano's daily revenue).
  assert.equal(formatMoney('en-US', 'USD', 0.4), '$0.40');
  assert.equal(formatMoney('en-US', 'USD', 0.041234), '$0.0412');
  assert.equal(formatMoney('en-US', 'USD', 0), '$0.00');
  assert.equal(formatMoney('en-US', 'CNY', 504848.06), 'CN¥504,848');
  assert.equal(formatMoney('zh-CN', 'CNY', 504848.06), '¥504,848');
  assert.equal(formatMoney('en-US', 'JPY', 12.6), '¥13');
  assert.equal(formatMoney('de-DE', 'EUR', 19.58), '19,58\u00a0€');
  assert.equal(formatMoney('en-US', 'USD', undefined), '—');
  assert.equal(formatMoney('en-US', 'USD', Number.NaN), '—');
});

test('sats, BTC, large numbers and ratios', () => {
  assert.equal(formatSats('en-US', 38201.4), '38,201');
  assert.equal(formatSats('en-US', 3.456), '3.46');
  assert.equal(formatBtc('en-US', 0.00038201), '0.00038201');
  assert.equal(formatBtc('en-US', 1), '1.00');
  assert.equal(formatLarge('en-US', 83126997340024.61), '83.13 T');
  assert.equal(formatLarge('en-US', 535.45e9), '535.45 G');
  assert.equal(formatLarge('en-US', 950), '950');
  // 535.45 G / 83.13 T = 0.00644: a percentage; 1e9 / 83e12 is too small for one.
  assert.equal(formatRatio('en-US', 535.45e9 / 83126997340024.61), '0.64%');
  assert.equal(formatRatio('en-US', 1e9 / 83126997340024.61), '1/83,000');
  assert.equal(formatRatio('en-US', 1.5), '150%');
});

test('chances and durations in plain words, localised', () => {
  const en = { oneIn: (n: string) => `about 1 in ${n}`, percent: (n: string) => `about ${n} %`, almostCertain: 'almost certain', none: 'none' };
  assert.equal(describeChanceText('en-US', { form: 'one-in', oneIn: 4300 }, en), 'about 1 in 4,300');
  assert.equal(describeChanceText('en-US', { form: 'percent', percent: 37 }, en), 'about 37 %');
  assert.equal(describeChanceText('en-US', { form: 'almost-certain' }, en), 'almost certain');
  assert.equal(describeChanceText('en-US', { form: 'none' }, en), 'none');
  assert.equal(describeChanceText('zh-CN', { form: 'one-in', oneIn: 16000 }, { ...en, oneIn: (n) => `约 ${n} 分之一` }), '约 16,000 分之一');

  const words = {
    seconds: (n: string) => `${n} s`,
    minutes: (n: string) => `${n} min`,
    hours: (n: string) => `${n} h`,
    days: (n: string) => `${n} d`,
    years: (n: string) => `about ${n} years`,
    never: 'never',
  };
  assert.equal(describeDurationText('en-US', { form: 'about', value: 2300, unit: 'years' }, words), 'about 2,300 years');
  assert.equal(describeDurationText('en-US', { form: 'never' }, words), 'never');
});

test('the source and age of a market value', () => {
  assert.deepEqual(ageParts(45_900), { n: 45, unit: 's' });
  assert.deepEqual(ageParts(12 * 60_000 + 5), { n: 12, unit: 'min' });
  assert.deepEqual(ageParts(3 * 3_600_000 + 59 * 60_000), { n: 3, unit: 'h' });
  assert.deepEqual(ageParts(2 * 86_400_000), { n: 2, unit: 'd' });
  const words = {
    live: (age: string) => `fetched ${age} ago`,
    cache: (age: string) => `from cache, ${age} old`,
    override: 'your value',
    age: { s: (n: string) => `${n} s`, min: (n: string) => `${n} min`, h: (n: string) => `${n} h`, d: (n: string) => `${n} d` },
  };
  assert.equal(describeSource('en-US', 'cache', 3 * 3_600_000 + 1000, words), 'from cache, 3 h old');
  assert.equal(describeSource('en-US', 'live', 2000, words), 'fetched 2 s ago');
  assert.equal(describeSource('en-US', 'override', undefined, words), 'your value');
});

test('time-of-day inputs and hours', () => {
  assert.equal(hoursToTime(22.5), '22:30');
  assert.equal(hoursToTime(6), '06:00');
  assert.equal(timeToHours('06:15'), 6.25);
  assert.equal(timeToHours('24:00'), undefined);
  assert.equal(timeToHours('7'), undefined);
});
