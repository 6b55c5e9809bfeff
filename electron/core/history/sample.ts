// What one poll of one device contributes to history, and how the device's
// cumulative share and error counters become per-poll increases.
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import { sampleOf } from '../fleet/views.js';

/** Gauges as read; counters as the device reports them (totals since its start). */
export interface HistorySample {
  ghs?: number;
  tempMaxC?: number;
  tempInletC?: number;
  powerW?: number;
  fanRpm?: number;
  accepted?: number;
  rejected?: number;
  hwErrors?: number;
}

export type CounterKey = 'accepted' | 'rejected' | 'hwErrors';
export type Counters = Partial<Record<CounterKey, number>>;

/** The chart values of one snapshot: the same hashrate/temperature/fan choice as the live charts. */
export function sampleFromSnapshot(snapshot: DeviceSnapshot): HistorySample {
  const { t: _t, ...live } = sampleOf(snapshot);
  const sample: HistorySample = { ...live };
  const inlets = snapshot.modules.map((m) => m.tempInletC).filter((v): v is number => v !== undefined);
  if (inlets.length > 0) sample.tempInletC = Math.max(...inlets);
  const s = snapshot.summary;
  if (s.accepted !== undefined) sample.accepted = s.accepted;
  if (s.rejected !== undefined) sample.rejected = s.rejected;
  if (s.hardwareErrors !== undefined) sample.hwErrors = s.hardwareErrors;
  return sample;
}

/**
 * Increase of a counter between two polls. A counter that went down means
 * the device restarted and counts from zero again, so the new total is the
 * increase. Unknown when either side is missing (first poll after start).
 */
export function counterDelta(previous: number | undefined, next: number | undefined): number | undefined {
  if (previous === undefined || next === undefined) return undefined;
  return next >= previous ? next - previous : next;
}

/** A finite number or undefined: NaN and infinities from a bad parse are not stored. */
export function finiteOrUndefined(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}
