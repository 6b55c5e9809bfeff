// Which stored table answers a chart query, and how wide each point is. Pure,
// so the choice is tested without a database.
//
// Rule: the coarsest table that still gives at least half the points asked
// for, among the tables whose retention reaches back to `from`. With the
// default 1000 points: 1 h reads raw rows, 24 h and 7 d one-minute rows,
// 30 d (720 hourly points) and a year read hourly rows. The newest part of a
// range, not yet rolled up, is read from the finer tables (see segments), so
// every chart reaches the last poll. Fleet charts never read raw rows:
// devices poll at different moments, so the fleet's value exists only per
// closed minute (see rollup.ts).
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
  const enough = candidates.filter((t) => t.stepMs === 0 || span / t.stepMs >= args.maxPoints / 2);
  const chosen = enough.at(-1) ?? candidates[0];
  if (!chosen) throw new Error('no history tier available');
  const bucketMs = chosen.stepMs === 0 ? target : Math.max(1, Math.ceil(target / chosen.stepMs)) * chosen.stepMs;
  return { tier: chosen.tier, bucketMs };
}

export interface Segment {
  tier: HistoryTier;
  from: number;
  to: number;
}

/**
 * Where each table answers within [from, to): the planned table up to its
 * roll-up watermark, then the next finer table up to its own, then raw rows
 * (devices only). Marks are undefined before the first roll-up.
 */
export function segments(
  plan: QueryPlan,
  range: { from: number; to: number },
  marks: { minute: number | undefined; hour: number | undefined },
  fleet: boolean,
): Segment[] {
  const clamp = (t: number | undefined, lo: number) => Math.min(range.to, Math.max(lo, t ?? lo));
  const out: Segment[] = [];
  let start = range.from;
  if (plan.tier === '1h') {
    const end = clamp(marks.hour, start);
    out.push({ tier: '1h', from: start, to: end });
    start = end;
  }
  if (plan.tier !== 'raw') {
    const end = fleet ? range.to : clamp(marks.minute, start);
    out.push({ tier: '1m', from: start, to: end });
    start = end;
  }
  if (!fleet) out.push({ tier: 'raw', from: start, to: range.to });
  return out.filter((s) => s.from < s.to);
}
