import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SoloOddsSchema, type SoloOdds } from '../../../electron/contract/earnings.js';
import { blocksPerSecond, chanceOfBlock, soloOdds } from '../../../electron/core/earnings/solo.js';
import { assertClose } from './approx.js';

// A realistic network difficulty: block 890,440 (2025-04-01), 113,757,508,810,854, as recorded in
// mempool's Cypress fixture frontend/cypress/fixtures/details_rbf/tx01_ws_blocks_01.json.
const D_2025 = 113_757_508_810_854;

function chance(odds: SoloOdds, period: string): number {
  const c = odds.chances.find((x) => x.period === period);
  assert.ok(c, `no ${period} chance`);
  return c.probability;
}

test('a Nano 3S-class device (6.6 TH/s) solo at difficulty 113.76 T', () => {
  const odds = soloOdds({ hashrateHs: 6.6e12, difficulty: D_2025 });
  assert.ok(SoloOddsSchema.safeParse(odds).success);
  // λ = 6.6e12 / (113,757,508,810,854 × 4,294,967,296) = 6.6e12 / 4.8858e23 = 1.3508402778673713e-11 per second
  assertClose(blocksPerSecond(6.6e12, D_2025), 1.3508402778673713e-11);
  // per day: × 86,400 = 1.1671260000774087e-6 blocks
  assertClose(odds.blocksPerDay, 1.1671260000774087e-6);
  // year (365.25 d = 31,557,600 s): λT = 4.2629277152827355e-4; P = 1 − e^(−λT) = 4.262019216747488e-4
  //   (≈ λT − (λT)²/2 = 4.26292771e-4 − 9.0863e-8); 1/P = 2,346.3 -> "about 1 in 2,300 per year"
  assertClose(chance(odds, 'year'), 4.262019216747488e-4, 1e-11);
  assert.deepEqual(odds.chances.find((c) => c.period === 'year')?.text, { form: 'one-in', oneIn: 2300 });
  // month (30.4375 d): λT = 3.552439762735613e-5, P = 3.5523766643414535e-5, 1 in 28,150 -> "1 in 28,000"
  assertClose(chance(odds, 'month'), 3.5523766643414535e-5, 1e-11);
  assert.deepEqual(odds.chances.find((c) => c.period === 'month')?.text, { form: 'one-in', oneIn: 28_000 });
  // day: P = 1.1671253189861238e-6, 1 in 856,806 -> "1 in 860,000"
  assertClose(chance(odds, 'day'), 1.1671253189861238e-6, 1e-11);
  assert.deepEqual(odds.chances.find((c) => c.period === 'day')?.text, { form: 'one-in', oneIn: 860_000 });
  // expected time 1/λ = 74,027,996,972 s = 2,345.8 years -> "about 2,300 years"
  assertClose(odds.expectedSecondsToBlock ?? Number.NaN, 74_027_996_972.28027, 1e-11);
  assert.deepEqual(odds.expectedTimeText, { form: 'about', value: 2300, unit: 'years' });
});

test('the fleet is one miner with the summed hashrate', () => {
  // Three devices: 6.6 + 6.6 + 90 TH/s = 103.2 TH/s; λ_fleet = λ_1 + λ_2 + λ_3 (λ is linear in H)
  const fleet = soloOdds({ hashrateHs: 103.2e12, difficulty: D_2025 });
  const sum = [6.6e12, 6.6e12, 90e12].reduce((s, h) => s + blocksPerSecond(h, D_2025), 0);
  assertClose(fleet.blocksPerDay / 86_400, sum);
  // P(fleet finds one in a year) = 1 − Π(1 − P_i): the devices' chances combine, they do not add.
  const each = [6.6e12, 6.6e12, 90e12].map((h) => chance(soloOdds({ hashrateHs: h, difficulty: D_2025 }), 'year'));
  assertClose(chance(fleet, 'year'), 1 - each.reduce((p, x) => p * (1 - x), 1), 1e-9);
});

test('P(at least one block) never exceeds 1, even when λT is far above 1', () => {
  // 1 EH/s at difficulty 1e6 for a year: λ = 1e18 / (1e6 × 2^32) = 232.83 /s, λT = 7.35e9,
  // which a linear sum would report as 7.35e11 %.
  const perSecond = blocksPerSecond(1e18, 1e6);
  const lambdaT = perSecond * 31_557_600;
  assertClose(lambdaT, (1e18 / (1e6 * 2 ** 32)) * 31_557_600);
  assert.ok(lambdaT > 7e9);
  assert.equal(chanceOfBlock(perSecond, 31_557_600), 1);
  const odds = soloOdds({ hashrateHs: 1e18, difficulty: 1e6 });
  for (const c of odds.chances) assert.ok(c.probability <= 1 && c.probability >= 0);
  assert.deepEqual(odds.chances.find((c) => c.period === 'year')?.text, { form: 'almost-certain' });
  // λT = 1 exactly: P = 1 − 1/e = 0.6321205588285577
  assertClose(chanceOfBlock(1, 1), 1 - Math.exp(-1));
});

test('for tiny λT the chance keeps its precision (expm1), where 1 − exp(−x) collapses', () => {
  // 1 H/s at difficulty 1e14 for one second: λT = 1 / (1e14 × 2^32) = 2.3283064365386963e-24.
  const x = blocksPerSecond(1, 1e14);
  assertClose(x, 2.3283064365386963e-24);
  // P = 1 − e^(−x) = x − x²/2 + ... = x to within 1e-24 relative.
  assertClose(chanceOfBlock(x, 1), x, 1e-15);
  assert.equal(chanceOfBlock(x, 1), -Math.expm1(-x));
  // The naive formula loses everything: exp(−x) rounds to exactly 1.
  assert.equal(1 - Math.exp(-x), 0);
  // Moderately small: λT = 1e-9: naive keeps only ~8 correct digits, expm1 all of them.
  const p = chanceOfBlock(1e-9, 1);
  assertClose(p, 1e-9 - 5e-19, 1e-15);
  assert.ok(Math.abs(1 - Math.exp(-1e-9) - (1e-9 - 5e-19)) / 1e-9 > 1e-10);
});

test('best share next to the network difficulty', () => {
  // A best share of 2.5e9 against 113.76 T: ratio 2.5e9 / 113,757,508,810,854 = 2.19765713e-5
  const odds = soloOdds({ hashrateHs: 6.6e12, difficulty: D_2025, bestShare: 2.5e9 });
  assert.deepEqual(odds.bestShare, { difficulty: 2.5e9, ratioToNetwork: 2.5e9 / D_2025 });
  assertClose(odds.bestShare?.ratioToNetwork, 2.19765713e-5, 1e-8);
  assert.equal(soloOdds({ hashrateHs: 6.6e12, difficulty: D_2025 }).bestShare, undefined);
});

test('zero hashrate: no chance, no expected time', () => {
  const odds = soloOdds({ hashrateHs: 0, difficulty: D_2025 });
  assert.equal(odds.expectedSecondsToBlock, null);
  assert.deepEqual(odds.expectedTimeText, { form: 'never' });
  assert.ok(odds.chances.every((c) => c.probability === 0 && c.text.form === 'none'));
  assert.ok(SoloOddsSchema.safeParse(odds).success);
});

test('bad rates are refused', () => {
  assert.throws(() => blocksPerSecond(-1, D_2025), RangeError);
  assert.throws(() => blocksPerSecond(1, 0), RangeError);
  assert.throws(() => blocksPerSecond(Number.NaN, 1), RangeError);
  assert.throws(() => chanceOfBlock(-1, 1), RangeError);
  assert.throws(() => chanceOfBlock(Number.NaN, 1), RangeError);
});
