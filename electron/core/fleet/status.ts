// The rules that turn poll outcomes into a device status and the delay until
// the next poll. Pure, so the rules can be read and tested on their own; see
// docs/fleet-monitoring.md.
import type { DeviceStatus } from '../../contract/fleet.js';

/** A device whose last success is within this many intervals is 'stale', not yet 'offline'. */
export const STALE_INTERVALS = 3;
/** Longest wait between two polls of an offline device. */
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** Status after a failed poll. A device that never answered is offline at once. */
export function statusAfterFailure(lastSuccessAt: number | undefined, now: number, intervalMs: number): DeviceStatus {
  if (lastSuccessAt === undefined) return 'offline';
  return now - lastSuccessAt <= STALE_INTERVALS * intervalMs ? 'stale' : 'offline';
}

/**
 * Delay from the start of the poll that just ended to the start of the next.
 * Online and stale devices keep the interval; offline ones wait twice as long
 * after each further failure (`offlineStreak` failures while offline, from 1),
 * up to `maxBackoffMs` (never less than the interval itself).
 */
export function pollDelay(status: DeviceStatus, offlineStreak: number, intervalMs: number, maxBackoffMs = DEFAULT_MAX_BACKOFF_MS): number {
  if (status !== 'offline') return intervalMs;
  const cap = Math.max(intervalMs, maxBackoffMs);
  // 2^30 intervals is past any cap; stop there so the product stays finite.
  return Math.min(cap, intervalMs * 2 ** Math.min(30, Math.max(1, offlineStreak)));
}

/** Budget for one poll: well inside the interval, so a slow device never overlaps its own next poll. */
export function pollTimeout(intervalMs: number): number {
  return Math.min(5000, Math.round(intervalMs * 0.8));
}
