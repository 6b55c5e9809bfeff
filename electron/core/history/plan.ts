// Which stored table answers a chart query, and how wide each point is. Pure,
// so the choice is tested without a database.
//
// Rule: the coarsest table whose step still fits inside one point, among the
// tables whose retention reaches back to `from`; a chart of 30 days at 1000
// points (43 min each) reads one-minute rows, a chart of a year reads hourly
// rows. Fleet charts never read raw rows: devices poll at different moments,
// so the fleet's value exists only per closed minute (see rollup.ts).
import type { HistoryRange, HistoryRetention, HistoryTier } from '../../contract/history.js';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const RANGE_MS: Record<Exclude<HistoryRange, 'all'>, number> = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
};

const TIERS: readonly { tier: HistoryTier; stepMs: number }[] = [
  { tier: 'raw', stepMs: 0 },
  { tier: '1m', stepMs: MINUTE_MS },
  { tier: '1h', stepMs: HOUR_MS },
];

export interface QueryPlan {
  tier: HistoryTier;
  bucketMs: number;
}

/** Oldest time each table still holds at `now`; -Infinity = kept for good. */
export function tierReach(tier: HistoryTier, now: number, retention: HistoryRetention): number {
  if (tier === 'raw') return now - retention.rawHours * HOUR_MS;
  if (tier === '1m') return now - retention.minuteDays * DAY_MS;
  return retention.hourlyDays === null ? Number.NEGATIVE_INFINITY : now - retention.hourlyDays * DAY_MS;
}

export function planQuery(args: {
  from: number;
  to: number;
  maxPoints: number;
  now: number;
  retention: HistoryRetention;
  fleet: boolean;
}): QueryPlan {
  const span = Math.max(1, args.to - args.from);
  const target = Math.ceil(span / args.maxPoints);
  const usable = TIERS.filter((t) => !(args.fleet && t.tier === 'raw'));
  // A minute of slack: "the last 48 h" asked a moment after `now` was taken still reads raw rows.
  const reaching = usable.filter((t) => tierReach(t.tier, args.now, args.retention) <= args.from + MINUTE_MS);
  const candidates = reaching.length > 0 ? reaching : usable.slice(-1);
  const fitting = candidates.filter((t) => t.stepMs <= target);
  const chosen = fitting.at(-1) ?? candidates[0];
  if (!chosen) throw new Error('no history tier available');
  const bucketMs = chosen.stepMs === 0 ? target : Math.max(1, Math.ceil(target / chosen.stepMs)) * chosen.stepMs;
  return { tier: chosen.tier, bucketMs };
}
