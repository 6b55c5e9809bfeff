// Solo mining odds. A hash meets the network target with probability
// 1 / (difficulty × 2^32), so a miner at H hashes per second finds blocks as a
// Poisson process with rate λ = H / (difficulty × 2^32) per second. The
// chance of at least one block in time T is 1 − e^(−λT): it never exceeds 1,
// unlike the linear λT that naive calculators add up.
import type { SoloChance, SoloOdds } from '../../contract/earnings.js';
import { describeChance, describeDuration } from './describe.js';
import { PERIOD_DAYS, PERIODS, SECONDS_PER_DAY } from './periods.js';

/**
 * Hashes per unit of difficulty. Exactly, 2^256 / ((2^16 − 1) × 2^208) =
 * 4,295,032,833 (the difficulty-1 target); every pool, explorer and
 * calculator uses 2^32 = 4,294,967,296, 0.0015 % less, and so do we.
 */
export const HASHES_PER_DIFFICULTY = 2 ** 32;

function checkRates(hashrateHs: number, difficulty: number): void {
  if (!Number.isFinite(hashrateHs) || hashrateHs < 0) throw new RangeError(`hashrate must be a finite number ≥ 0, got ${hashrateHs}`);
  if (!Number.isFinite(difficulty) || difficulty <= 0) throw new RangeError(`difficulty must be a finite number > 0, got ${difficulty}`);
}

/** λ: blocks per second expected from `hashrateHs` at network `difficulty`. */
export function blocksPerSecond(hashrateHs: number, difficulty: number): number {
  checkRates(hashrateHs, difficulty);
  return hashrateHs / (difficulty * HASHES_PER_DIFFICULTY);
}

/**
 * P(at least one block in `seconds`) = 1 − e^(−λT), computed as −expm1(−λT).
 * For one home device λT is around 1e-4 a year and 1e-8 a day; 1 − Math.exp(−x)
 * loses digits there (exp(−x) rounds near 1, so only the last few bits of the
 * result survive, and below x ≈ 1e-16 it returns exactly 0). expm1 computes
 * e^y − 1 without that cancellation, so the tiny chance keeps full precision.
 */
export function chanceOfBlock(perSecond: number, seconds: number): number {
  if (!(perSecond >= 0) || !(seconds >= 0)) throw new RangeError('rate and time must be ≥ 0');
  return Math.min(1, -Math.expm1(-perSecond * seconds));
}

export interface SoloOddsInput {
  hashrateHs: number;
  difficulty: number;
  /** The device's best share difficulty, where it reports one. */
  bestShare?: number;
}

export function soloOdds({ hashrateHs, difficulty, bestShare }: SoloOddsInput): SoloOdds {
  const lambda = blocksPerSecond(hashrateHs, difficulty);
  const chances: SoloChance[] = PERIODS.map((period) => {
    const days = PERIOD_DAYS[period];
    const probability = chanceOfBlock(lambda, days * SECONDS_PER_DAY);
    return { period, days, probability, text: describeChance(probability) };
  });
  const expectedSecondsToBlock = lambda > 0 ? 1 / lambda : null;
  const odds: SoloOdds = {
    hashrateHs,
    difficulty,
    blocksPerDay: lambda * SECONDS_PER_DAY,
    expectedSecondsToBlock,
    expectedTimeText: describeDuration(expectedSecondsToBlock ?? Infinity),
    chances,
  };
  if (bestShare !== undefined && Number.isFinite(bestShare) && bestShare >= 0) {
    odds.bestShare = { difficulty: bestShare, ratioToNetwork: bestShare / difficulty };
  }
  return odds;
}
