// The raise/clear state machine of one rule on one device. A condition must
// hold for `holdMs` before the alert is raised, and be gone for `clearHoldMs`
// before it is cleared, so a reading that wobbles around a threshold raises
// one alert, not one per poll. Pure: time comes in as `now`.
import type { Alert } from '../../contract/alerts.js';

/** What a rule says about a device now. `undefined` = cannot tell (no fresh data, standby, inhibited). */
export type Verdict = { on: true; value?: number; threshold?: number; message: string } | { on: false } | undefined;

export interface RuleTrack {
  /** When the condition was first seen true while no alert was active. */
  pendingSince?: number;
  /** When the condition was first seen false while the alert was active. */
  clearingSince?: number;
  active?: Alert;
}

export interface HoldTimes {
  holdMs: number;
  clearHoldMs: number;
}

export type StepResult =
  | { track: RuleTrack; change: 'none' }
  | { track: RuleTrack; change: 'raise'; verdict: Extract<Verdict, { on: true }> }
  | { track: RuleTrack; change: 'clear' };

export function step(track: RuleTrack, verdict: Verdict, now: number, times: HoldTimes): StepResult {
  if (track.active === undefined) {
    // Unknown is not evidence either way: a pending raise starts over, so a
    // condition must be seen continuously for the whole hold.
    if (verdict === undefined || !verdict.on) return { track: {}, change: 'none' };
    const since = track.pendingSince ?? now;
    if (now - since >= times.holdMs) return { track: {}, change: 'raise', verdict };
    return { track: { pendingSince: since }, change: 'none' };
  }
  if (verdict === undefined) return { track: { active: track.active, ...keep(track.clearingSince) }, change: 'none' };
  if (verdict.on) return { track: { active: track.active }, change: 'none' };
  const since = track.clearingSince ?? now;
  if (now - since >= times.clearHoldMs) return { track: {}, change: 'clear' };
  return { track: { active: track.active, clearingSince: since }, change: 'none' };
}

function keep(clearingSince: number | undefined): { clearingSince?: number } {
  return clearingSince === undefined ? {} : { clearingSince };
}
