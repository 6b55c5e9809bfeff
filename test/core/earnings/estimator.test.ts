// Every figure below is worked out by hand (exact fractions, then rounded) in
// the comments; the code must agree to 1e-12 relative.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PeriodEarnings, PoolTerms } from '../../../electron/contract/earnings.js';
import { EarningsEstimateSchema } from '../../../electron/contract/earnings.js';
import { estimateEarnings, type EstimateInput } from '../../../electron/core/earnings/estimator.js';
import { assertClose } from './approx.js';

// A round network difficulty keeps the working readable: D = 1e14.
// λ(1 TH/s) = 1e12 / (1e14 × 2^32) = 1 / (100 × 4,294,967,296) = 2.3283064365386963e-12 blocks/s
// blocks/day = λ × 86,400 = 2.0116567611694336e-7
const D = 1e14;
const BLOCKS_PER_DAY_1TH = 86_400 / (100 * 2 ** 32);

const base: EstimateInput = {
  hashrateHs: 1e12,
  hashrateSource: 'reported',
  difficulty: D,
  nextHeight: 840_000, // epoch 4: 312,500,000 sats subsidy
  avgFeesPerBlockSats: 25_000_000, // 0.25 BTC a block
  pool: { scheme: 'fpps', feePercent: 0 },
  tariff: { kind: 'flat', pricePerKwh: 0.1 },
  currency: 'USD',
};

function period(rows: PeriodEarnings[], name: PeriodEarnings['period']): PeriodEarnings {
  const row = rows.find((r) => r.period === name);
  assert.ok(row, `no ${name} row`);
  return row;
}

test('1 TH/s at difficulty 1e14 after the 2024 halving, no pool fee', () => {
  const e = estimateEarnings(base);
  assert.ok(EarningsEstimateSchema.safeParse(e).success);
  const day = period(e.periods, 'day');
  // sats/day = 2.0116567611694336e-7 × (312,500,000 + 25,000,000) = 67.89341568946838
  assertClose(day.expectedBlocks, BLOCKS_PER_DAY_1TH);
  assertClose(day.sats, 67.89341568946838);
  assertClose(day.btc, 6.789341568946838e-7);
  // split: subsidy 2.0116567611694336e-7 × 312,500,000 = 62.86427378654480; fees × 25,000,000 = 5.029141902923584
  assertClose(day.subsidySats, 62.8642737865448);
  assertClose(day.txFeeSats, 5.029141902923584);
  assert.equal(day.poolFeeSats, 0);
  assert.equal(day.networkBlocks, 144);
  assert.equal(day.avgSubsidySats, 312_500_000);
});

test('week, month (365.25/12 = 30.4375 d) and year (365.25 d) scale the day within one epoch', () => {
  const e = estimateEarnings(base);
  // week = 7 × 67.89341568946838 = 475.2539098262787
  assertClose(period(e.periods, 'week').sats, 7 * 67.89341568946838);
  // month = 30.4375 days, 4,383 network blocks; 30.4375 × 67.89341568946838 = 2066.5158400431937
  const month = period(e.periods, 'month');
  assert.equal(month.days, 30.4375);
  assert.equal(month.networkBlocks, 4383);
  assertClose(month.sats, 30.4375 * 67.89341568946838);
  // year = 365.25 days, 52,596 network blocks; 12 months make exactly one year
  const year = period(e.periods, 'year');
  assert.equal(year.networkBlocks, 52_596);
  assertClose(year.sats, 12 * month.sats);
});

test('FPPS with a 2 % fee keeps 98 % of subsidy and fees', () => {
  const e = estimateEarnings({ ...base, pool: { scheme: 'fpps', feePercent: 2 } });
  const day = period(e.periods, 'day');
  // 67.89341568946838 × 0.98 = 66.53554737567902; pool keeps 67.89341568946838 × 0.02 = 1.3578683137893677
  assertClose(day.sats, 66.53554737567902);
  assertClose(day.poolFeeSats, 1.3578683137893677);
  assert.equal(e.variance, 'steady');
});

test('PPS+ with 4 % on the subsidy and 2 % on the fee part', () => {
  const pool: PoolTerms = { scheme: 'pps-plus', feePercent: 4, txFeePartFeePercent: 2 };
  const day = period(estimateEarnings({ ...base, pool }).periods, 'day');
  // subsidy: 62.8642737865448 × 0.96 = 60.349702835083; fees: 5.029141902923584 × 0.98 = 4.928559064865112
  // total 65.27826189994812; pool keeps 62.8642737865448 × 0.04 + 5.029141902923584 × 0.02 = 2.6151537895202637
  assertClose(day.subsidySats, 60.349702835083);
  assertClose(day.txFeeSats, 4.928559064865112);
  assertClose(day.sats, 65.27826189994812);
  assertClose(day.poolFeeSats, 2.6151537895202637);
  // Without a separate figure, the fee part pays the main fee: 67.89341568946838 × 0.96 = 65.17767906188965
  const same = period(estimateEarnings({ ...base, pool: { scheme: 'pps-plus', feePercent: 4 } }).periods, 'day');
  assertClose(same.sats, 65.17767906188965);
});

test('PPLNS and solo: the same expectation as FPPS at the same fee, with their own variance', () => {
  const fpps = estimateEarnings({ ...base, pool: { scheme: 'fpps', feePercent: 1 } });
  const pplns = estimateEarnings({ ...base, pool: { scheme: 'pplns', feePercent: 1 } });
  const solo = estimateEarnings({ ...base, pool: { scheme: 'solo', feePercent: 1 } });
  // 67.89341568946838 × 0.99 = 67.2144815325737
  assertClose(period(pplns.periods, 'day').sats, 67.2144815325737);
  assertClose(period(solo.periods, 'day').sats, period(fpps.periods, 'day').sats);
  assert.equal(pplns.variance, 'pool-luck');
  assert.equal(solo.variance, 'lottery');
  // The txFeePartFeePercent is a PPS+ term: other schemes ignore it.
  const ignored = estimateEarnings({ ...base, pool: { scheme: 'fpps', feePercent: 1, txFeePartFeePercent: 50 } });
  assertClose(period(ignored.periods, 'day').sats, 67.2144815325737);
});

test('a day that starts one block before the 2024 halving averages both subsidies', () => {
  const day = period(estimateEarnings({ ...base, nextHeight: 839_999 }).periods, 'day');
  // mean subsidy (625,000,000 + 143 × 312,500,000) / 144 = 314,670,138.8888889
  // sats = 2.0116567611694336e-7 × (314,670,138.8888889 + 25,000,000) = 68.32997314631939
  assertClose(day.avgSubsidySats, 45_312_500_000 / 144);
  assertClose(day.sats, BLOCKS_PER_DAY_1TH * (45_312_500_000 / 144 + 25_000_000));
  assertClose(day.sats, 68.32997314631939);
});

test('a year that crosses the 2028 halving (1,050,000) counts each side', () => {
  // From 1,000,000: 50,000 blocks at 312,500,000 then 2,596 at 156,250,000 (52,596 in the year):
  // mean = (50,000 × 312,500,000 + 2,596 × 156,250,000) / 52,596 = 304,787,911.62826073
  const e = estimateEarnings({ ...base, hashrateHs: 6.6e12, nextHeight: 1_000_000 });
  const year = period(e.periods, 'year');
  assertClose(year.avgSubsidySats, 304_787_911.62826073);
  // 6.6 TH/s: blocks/day = 6.6 × 2.0116567611694336e-7; × 365.25 × (304,787,911.62826 + 25,000,000) = 159,927.36211 sats
  assertClose(year.sats, 159_927.36211046576, 1e-11);
  // The day and week still lie before the halving.
  assert.equal(period(e.periods, 'day').avgSubsidySats, 312_500_000);
  // Starting one block before 1,050,000: (312,500,000 + 143 × 156,250,000) / 144 = 157,335,069.44
  const edge = estimateEarnings({ ...base, nextHeight: 1_049_999 });
  assertClose(period(edge.periods, 'day').avgSubsidySats, 22_656_250_000 / 144);
  // ... and from the halving block itself, the new subsidy only.
  assert.equal(period(estimateEarnings({ ...base, nextHeight: 1_050_000 }).periods, 'day').avgSubsidySats, 156_250_000);
});

test('a Nano 3S-class device: 6.6 TH/s, 140 W, $100,000 per BTC, $0.10 per kWh', () => {
  const e = estimateEarnings({
    ...base,
    hashrateHs: 6.6e12,
    powerW: 140,
    powerSource: 'measured',
    btcPrice: 100_000,
  });
  const day = period(e.periods, 'day');
  // sats/day = 6.6 × 67.89341568946838 = 448.09654355049133; USD = 448.0965... × 1e-8 × 100,000 = 0.44809654355049133
  assertClose(day.sats, 448.09654355049133);
  assertClose(day.revenue, 0.44809654355049133);
  // energy 140 W × 24 h = 3.36 kWh; cost 3.36 × 0.10 = 0.336; net 0.44809654355049133 − 0.336 = 0.11209654355049133
  assertClose(day.energyKwh, 3.36);
  assertClose(day.electricityCost, 0.336);
  assertClose(day.net, 0.11209654355049133, 1e-11);
  // break-even: 0.44809654355049133 / 3.36 = 0.13336206653288432 USD/kWh; J/TH = 140 / 6.6 = 21.21212121
  assertClose(e.breakEvenPricePerKwh, 0.13336206653288432);
  assertClose(e.jPerTh, 140 / 6.6);
  assert.equal(e.powerSource, 'measured');
  assert.equal(e.hashrateSource, 'reported');
  // At exactly the break-even price the net is zero.
  const even = estimateEarnings({ ...base, hashrateHs: 6.6e12, powerW: 140, btcPrice: 100_000, tariff: { kind: 'flat', pricePerKwh: 0.13336206653288432 } });
  assert.ok(Math.abs(period(even.periods, 'day').net ?? Number.NaN) < 1e-15);
});

test('a day/night tariff is averaged by hours: 0.30 by day, 0.10 from 22:00 to 06:00', () => {
  const e = estimateEarnings({
    ...base,
    hashrateHs: 6.6e12,
    powerW: 140,
    tariff: { kind: 'day-night', dayPricePerKwh: 0.3, nightPricePerKwh: 0.1, nightStartHour: 22, nightEndHour: 6 },
  });
  // night 8 h, day 16 h: (16 × 0.30 + 8 × 0.10) / 24 = 5.6 / 24 = 0.2333...; cost/day 3.36 × 0.2333 = 0.784
  assertClose(e.effectivePricePerKwh, 5.6 / 24);
  assertClose(period(e.periods, 'day').electricityCost, 0.784);
  // No BTC price: revenue, net and break-even are absent, not zero.
  assert.equal(period(e.periods, 'day').revenue, undefined);
  assert.equal(period(e.periods, 'day').net, undefined);
  assert.equal(e.breakEvenPricePerKwh, undefined);
});

test('without a power figure there are no electricity figures; zero hashrate earns zero', () => {
  const e = estimateEarnings({ ...base, btcPrice: 50_000 });
  const day = period(e.periods, 'day');
  assert.equal(day.energyKwh, undefined);
  assert.equal(day.net, undefined);
  assert.equal(e.jPerTh, undefined);
  const idle = estimateEarnings({ ...base, hashrateHs: 0, powerW: 10, btcPrice: 50_000 });
  assert.equal(period(idle.periods, 'day').sats, 0);
  assert.equal(idle.jPerTh, undefined);
  // 10 W × 24 h = 0.24 kWh × 0.10 = 0.024 a day, all loss.
  assertClose(period(idle.periods, 'day').net, -0.024);
});

test('bad inputs are refused with a RangeError', () => {
  assert.throws(() => estimateEarnings({ ...base, difficulty: 0 }), RangeError);
  assert.throws(() => estimateEarnings({ ...base, difficulty: Number.NaN }), RangeError);
  assert.throws(() => estimateEarnings({ ...base, hashrateHs: -1 }), RangeError);
  assert.throws(() => estimateEarnings({ ...base, avgFeesPerBlockSats: -5 }), RangeError);
  assert.throws(() => estimateEarnings({ ...base, powerW: Number.POSITIVE_INFINITY }), RangeError);
  assert.throws(() => estimateEarnings({ ...base, btcPrice: 0 }), RangeError);
  assert.throws(() => estimateEarnings({ ...base, nextHeight: -3 }), RangeError);
});
