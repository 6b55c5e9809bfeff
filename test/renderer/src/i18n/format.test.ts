import assert from 'node:assert/strict';
import { test } from 'node:test';
import { en } from '../../../../renderer/src/i18n/en.js';
import { createFormatter, durationParts, ghsPerUnit, MISSING, scaleHashrate } from '../../../../renderer/src/i18n/format.js';
import { zhCN } from '../../../../renderer/src/i18n/zh-CN.js';

const fmtEn = createFormatter('en', en);
const fmtZh = createFormatter('zh-CN', zhCN);

test('hashrates scale to the unit that keeps the figure under 1000', () => {
  assert.deepEqual(scaleHashrate(0), { value: 0, unit: 'GH/s' });
  assert.deepEqual(scaleHashrate(0.5), { value: 500, unit: 'MH/s' });
  assert.deepEqual(scaleHashrate(843.9), { value: 843.9, unit: 'GH/s' });
  assert.deepEqual(scaleHashrate(194_230), { value: 194.23, unit: 'TH/s' });
  assert.deepEqual(scaleHashrate(2_400_000), { value: 2.4, unit: 'PH/s' });
  assert.deepEqual(scaleHashrate(5e12), { value: 5000, unit: 'EH/s' });
  assert.equal(ghsPerUnit('TH/s'), 1000);
  assert.equal(ghsPerUnit('GH/s'), 1);
  assert.equal(ghsPerUnit('MH/s'), 0.001);
});

test('hashrate text: two decimals under 10, one above, grouping by locale', () => {
  assert.equal(fmtEn.hashrate(194_230), '194.2 TH/s');
  assert.equal(fmtEn.hashrate(6_612), '6.61 TH/s');
  assert.equal(fmtEn.hashrate(812_345_000), '812.3 PH/s');
  assert.equal(fmtEn.hashrate(0), '0 GH/s');
  assert.deepEqual(fmtEn.hashrateParts(53_600), { value: '53.6', unit: 'TH/s' });
  assert.equal(fmtEn.hashrate(undefined), MISSING);
  assert.equal(fmtEn.hashrate(Number.NaN), MISSING);
});

test('temperature, power, efficiency and fan speed carry their units', () => {
  assert.equal(fmtEn.temperature(76.4), '76 °C');
  assert.equal(fmtEn.temperature(undefined), MISSING);
  assert.equal(fmtEn.power(3726), '3,726 W');
  assert.equal(fmtEn.power(15_812), '15.8 kW');
  assert.equal(fmtEn.efficiency(20.43), '20.4 J/TH');
  assert.equal(fmtEn.rpm(4275), '4,275 rpm');
  assert.equal(fmtEn.percent(0.9612), '96.1%');
});

test('uptime shows the two largest units, in the language', () => {
  assert.deepEqual(durationParts(0), [{ unit: 's', n: 0 }]);
  assert.deepEqual(durationParts(3 * 86_400 + 4 * 3600 + 59), [
    { unit: 'd', n: 3 },
    { unit: 'h', n: 4 },
  ]);
  // A zero second part is left out rather than shown as "0h".
  assert.deepEqual(durationParts(86_400 + 30), [{ unit: 'd', n: 1 }]);
  assert.equal(fmtEn.duration(3 * 86_400 + 4 * 3600), '3d 4h');
  assert.equal(fmtEn.duration(14 * 3600 + 25 * 60 + 9), '14h 25m');
  assert.equal(fmtEn.duration(42), '42s');
  assert.equal(fmtZh.duration(3 * 86_400 + 4 * 3600), '3天 4小时');
  assert.equal(fmtEn.duration(-5), '0s');
  assert.equal(fmtEn.duration(undefined), MISSING);
});

test('relative times and dates follow the locale', () => {
  const now = Date.UTC(2026, 0, 2, 12, 0, 0);
  assert.equal(fmtEn.relative(now - 5000, now), '5 seconds ago');
  assert.equal(fmtEn.relative(now - 3 * 60_000, now), '3 minutes ago');
  assert.equal(fmtZh.relative(now - 2 * 3_600_000, now), '2小时前');
  assert.equal(fmtEn.dateTime(undefined), MISSING);
  assert.match(fmtZh.dateTime(now), /2026年1月2日/);
});
