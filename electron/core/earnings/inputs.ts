// Which hashrate and which power an estimate uses, and why. The device's own
// hashrate report is the default; for a device behind Hearth's own mining
// host, the shares the host verified prove a hashrate independently of the
// firmware, and win once there are enough of them to be precise. Power: what
// the device measures, else the catalog's nominal figure.
import type { HashrateSource, PowerSource } from '../../contract/earnings.js';
import type { Summary } from '../../contract/snapshot.js';
import { HASHES_PER_DIFFICULTY } from './solo.js';

export interface ChosenHashrate {
  hashrateHs: number;
  source: Extract<HashrateSource, 'reported' | 'verified-shares'>;
}

export interface ChosenPower {
  powerW: number;
  source: Extract<PowerSource, 'measured' | 'nominal'>;
}

/** Accepted shares over a window, as counted by Hearth's mining host. */
export interface VerifiedShares {
  /** Sum of the accepted shares' pool difficulties. */
  difficultySum: number;
  count: number;
  windowS: number;
}

/**
 * Shares arrive as a Poisson process, so n shares pin the hashrate to about
 * ±1/√n (one standard deviation): 100 shares give ±10 %, comparable to the
 * firmware's own averaging. Fewer than that and the report is the better figure.
 */
export const MIN_VERIFIED_SHARES = 100;

/** H = Σ share difficulty × 2^32 / seconds. */
export function hashrateFromShares(difficultySum: number, windowS: number): number {
  if (!(difficultySum >= 0) || !(windowS > 0)) throw new RangeError('share difficulty sum must be ≥ 0 and the window > 0 s');
  return (difficultySum * HASHES_PER_DIFFICULTY) / windowS;
}

/**
 * The device's reported hashrate in H/s: the longest average it gives
 * (earnings are a long-run figure, and short windows are noisy), from
 * `GHS av`, then 15 min, 1 min, 5 s.
 */
export function reportedHashrateHs(summary: Summary): number | undefined {
  for (const ghs of [summary.ghsAvg, summary.ghs15m, summary.ghs1m, summary.ghs5s]) {
    if (ghs !== undefined && Number.isFinite(ghs) && ghs >= 0) return ghs * 1e9;
  }
  return undefined;
}

export function chooseHashrate(reportedHs: number | undefined, verified?: VerifiedShares): ChosenHashrate | undefined {
  if (verified !== undefined && verified.count >= MIN_VERIFIED_SHARES && verified.windowS > 0) {
    return { hashrateHs: hashrateFromShares(verified.difficultySum, verified.windowS), source: 'verified-shares' };
  }
  if (reportedHs !== undefined && Number.isFinite(reportedHs) && reportedHs >= 0) return { hashrateHs: reportedHs, source: 'reported' };
  return undefined;
}

/** `nominalW` is the catalog's figure (null where the catalog has none). */
export function choosePower(measuredW: number | undefined, nominalW: number | null | undefined): ChosenPower | undefined {
  if (measuredW !== undefined && Number.isFinite(measuredW) && measuredW > 0) return { powerW: measuredW, source: 'measured' };
  if (nominalW !== undefined && nominalW !== null && Number.isFinite(nominalW) && nominalW > 0) return { powerW: nominalW, source: 'nominal' };
  return undefined;
}
