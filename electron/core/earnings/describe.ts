// Plain-language forms of chances and durations ("about 1 in 4,300", "about
// 12 years"), as numbers and units: the renderer localises the words and the
// digit grouping. Two significant figures, because the inputs (difficulty,
// hashrate) are not known better than that over a year.
import type { ChanceText, DurationText, DurationUnit } from '../../contract/earnings.js';
import { PERIOD_DAYS, SECONDS_PER_DAY } from './periods.js';

export function roundSignificant(x: number, digits = 2): number {
  return Number(x.toPrecision(digits));
}

/** Above this a chance reads as a percentage; below it as "1 in N". */
const ONE_IN_BELOW = 0.5;
/** Above this, two significant figures would print "100 %", which a chance below 1 is not. */
const ALMOST_CERTAIN_ABOVE = 0.99;

export function describeChance(probability: number): ChanceText {
  // 1/p overflows to Infinity for subnormal p: as good as no chance at all.
  if (!(probability > 0) || !Number.isFinite(1 / probability)) return { form: 'none' };
  if (probability < ONE_IN_BELOW) return { form: 'one-in', oneIn: roundSignificant(1 / probability) };
  if (probability <= ALMOST_CERTAIN_ABOVE) return { form: 'percent', percent: roundSignificant(probability * 100) };
  return { form: 'almost-certain' };
}

const UNITS: readonly { unit: DurationUnit; seconds: number; upTo: number }[] = [
  { unit: 'seconds', seconds: 1, upTo: 90 },
  { unit: 'minutes', seconds: 60, upTo: 90 * 60 },
  { unit: 'hours', seconds: 3600, upTo: 48 * 3600 },
  { unit: 'days', seconds: SECONDS_PER_DAY, upTo: 2 * PERIOD_DAYS.year * SECONDS_PER_DAY },
];
const YEAR_S = PERIOD_DAYS.year * SECONDS_PER_DAY;

/** The largest unit that keeps the number readable: 90 s, 90 min, 48 h, 2 years are the switch points. */
export function describeDuration(seconds: number): DurationText {
  if (!Number.isFinite(seconds) || seconds <= 0) return { form: 'never' };
  const fit = UNITS.find((u) => seconds < u.upTo);
  if (fit === undefined) return { form: 'about', value: roundSignificant(seconds / YEAR_S), unit: 'years' };
  return { form: 'about', value: roundSignificant(seconds / fit.seconds), unit: fit.unit };
}
