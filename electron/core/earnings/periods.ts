// The time spans every estimate is given for, and the block rate that maps
// time to block heights. A month is a twelfth of a Julian year (30.4375 days),
// so twelve months make exactly one year.
import type { Period } from '../../contract/earnings.js';

export const SECONDS_PER_DAY = 86_400;
/** Target block interval, 600 s (Bitcoin Core: consensus.nPowTargetSpacing = 10 * 60). */
export const TARGET_BLOCK_SECONDS = 600;
export const BLOCKS_PER_DAY = SECONDS_PER_DAY / TARGET_BLOCK_SECONDS;

const DAYS_PER_YEAR = 365.25;

export const PERIOD_DAYS: Readonly<Record<Period, number>> = {
  day: 1,
  week: 7,
  month: DAYS_PER_YEAR / 12,
  year: DAYS_PER_YEAR,
};

export const PERIODS: readonly Period[] = ['day', 'week', 'month', 'year'];
