// Expected earnings of a hashrate, per day, week, month and year: pure
// arithmetic on inputs the caller has already chosen (which hashrate, which
// power, which market values). Formulas and their sources: docs/earnings.md.
//
// Expected blocks found in T seconds = λT with λ = H / (D × 2^32). Each found
// block pays the subsidy at its height plus the average fees per block, so
// BTC/day = H × 86400 × (subsidy + fees) / (D × 2^32), minus the pool's cut.
// A period is mapped to the network blocks it spans (144 a day from the next
// height on), and the subsidy is averaged over those blocks: a year that
// crosses a halving earns the old subsidy for the blocks before it and half
// for the rest. Difficulty and fees are held at today's values.
import type {
  CurrencyCode,
  EarningsEstimate,
  HashrateSource,
  PeriodEarnings,
  PoolTerms,
  PowerSource,
  Tariff,
} from '../../contract/earnings.js';
import { breakEvenPricePerKwh, effectivePricePerKwh, energyKwh, joulesPerTerahash } from './electricity.js';
import { expectedPayout, payoutVariance } from './payout.js';
import { BLOCKS_PER_DAY, PERIOD_DAYS, PERIODS, SECONDS_PER_DAY } from './periods.js';
import { blocksPerSecond } from './solo.js';
import { averageSubsidySats } from './subsidy.js';

export const SATS_PER_BTC = 100_000_000;

export interface EstimateInput {
  hashrateHs: number;
  hashrateSource: HashrateSource;
  /** Absent when neither the device nor the catalog gives a figure: no electricity figures then. */
  powerW?: number;
  powerSource?: PowerSource;
  difficulty: number;
  /** Height of the next block to be mined (tip + 1). */
  nextHeight: number;
  avgFeesPerBlockSats: number;
  pool: PoolTerms;
  tariff: Tariff;
  currency: CurrencyCode;
  /** Price of 1 BTC in `currency`; absent: no revenue, net or break-even figures. */
  btcPrice?: number;
}

function checkInput(input: EstimateInput): void {
  const { avgFeesPerBlockSats: fees, powerW, btcPrice } = input;
  if (!Number.isFinite(fees) || fees < 0) throw new RangeError(`average fees per block must be ≥ 0, got ${fees}`);
  if (powerW !== undefined && (!Number.isFinite(powerW) || powerW < 0)) throw new RangeError(`power must be ≥ 0 W, got ${powerW}`);
  if (btcPrice !== undefined && (!Number.isFinite(btcPrice) || btcPrice <= 0)) throw new RangeError(`BTC price must be > 0, got ${btcPrice}`);
}

export function estimateEarnings(input: EstimateInput): EarningsEstimate {
  checkInput(input);
  const perSecond = blocksPerSecond(input.hashrateHs, input.difficulty);
  const pricePerKwh = effectivePricePerKwh(input.tariff);

  const periods = PERIODS.map((period): PeriodEarnings => {
    const days = PERIOD_DAYS[period];
    const networkBlocks = days * BLOCKS_PER_DAY;
    const avgSubsidySats = averageSubsidySats(input.nextHeight, networkBlocks);
    const expectedBlocks = perSecond * days * SECONDS_PER_DAY;
    const split = expectedPayout(expectedBlocks, avgSubsidySats, input.avgFeesPerBlockSats, input.pool);
    const row: PeriodEarnings = { period, days, networkBlocks, avgSubsidySats, expectedBlocks, ...split, btc: split.sats / SATS_PER_BTC };
    if (input.btcPrice !== undefined) row.revenue = row.btc * input.btcPrice;
    if (input.powerW !== undefined) {
      row.energyKwh = energyKwh(input.powerW, days);
      row.electricityCost = row.energyKwh * pricePerKwh;
    }
    if (row.revenue !== undefined && row.electricityCost !== undefined) row.net = row.revenue - row.electricityCost;
    return row;
  });

  const estimate: EarningsEstimate = {
    hashrateHs: input.hashrateHs,
    hashrateSource: input.hashrateSource,
    difficulty: input.difficulty,
    nextHeight: input.nextHeight,
    avgFeesPerBlockSats: input.avgFeesPerBlockSats,
    pool: input.pool,
    variance: payoutVariance(input.pool.scheme),
    currency: input.currency,
    effectivePricePerKwh: pricePerKwh,
    periods,
  };
  if (input.btcPrice !== undefined) estimate.btcPrice = input.btcPrice;
  if (input.powerW !== undefined) {
    estimate.powerW = input.powerW;
    if (input.powerSource !== undefined) estimate.powerSource = input.powerSource;
    const jPerTh = joulesPerTerahash(input.powerW, input.hashrateHs);
    if (jPerTh !== undefined) estimate.jPerTh = jPerTh;
    const dayRevenue = periods.find((p) => p.period === 'day')?.revenue;
    if (dayRevenue !== undefined) {
      const breakEven = breakEvenPricePerKwh(dayRevenue, input.powerW);
      if (breakEven !== undefined) estimate.breakEvenPricePerKwh = breakEven;
    }
  }
  return estimate;
}
