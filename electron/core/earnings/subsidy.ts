// The block subsidy by height, as consensus computes it (Bitcoin Core,
// src/validation.cpp GetBlockSubsidy): 50 BTC in satoshis, shifted right once
// per 210,000 blocks, and zero from the 64th halving on (a shift by 64 or more
// is undefined in C++, so Core returns 0 explicitly).
//
// BigInt, not number: JavaScript's `>>` works on 32-bit integers, and
// 5,000,000,000 does not fit in 32 bits.

export const HALVING_INTERVAL = 210_000;
export const INITIAL_SUBSIDY_SATS = 5_000_000_000n;
const LAST_HALVING_EPOCH = 63;

function checkHeight(height: number): void {
  if (!Number.isSafeInteger(height) || height < 0) throw new RangeError(`block height must be a whole number ≥ 0, got ${height}`);
}

/** 0 for heights 0..209,999, 1 from 210,000, and so on. */
export function halvingEpoch(height: number): number {
  checkHeight(height);
  return Math.floor(height / HALVING_INTERVAL);
}

/** Subsidy of the block at `height`, in satoshis. */
export function subsidySats(height: number): number {
  const epoch = halvingEpoch(height);
  if (epoch > LAST_HALVING_EPOCH) return 0;
  return Number(INITIAL_SUBSIDY_SATS >> BigInt(epoch));
}

/** First height of the next halving epoch after `height`. */
export function nextHalvingHeight(height: number): number {
  return (halvingEpoch(height) + 1) * HALVING_INTERVAL;
}

/**
 * Mean subsidy over `blocks` consecutive blocks starting at `fromHeight`
 * (`blocks` may be fractional: a period of days maps to 144 × days blocks).
 * Each halving epoch inside the range counts with its share of the blocks.
 */
export function averageSubsidySats(fromHeight: number, blocks: number): number {
  checkHeight(fromHeight);
  if (!Number.isFinite(blocks) || blocks <= 0) throw new RangeError(`block count must be positive, got ${blocks}`);
  const end = fromHeight + blocks;
  let total = 0;
  for (let start = fromHeight; start < end && halvingEpoch(start) <= LAST_HALVING_EPOCH; ) {
    const stop = Math.min(end, nextHalvingHeight(start));
    total += (stop - start) * subsidySats(start);
    start = stop;
  }
  return total / blocks;
}
