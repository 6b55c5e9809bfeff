// Keeping a device's chart history: the first device.history answer, then
// increments fetched with `sinceMs` after each poll. Pure.
import type { Sample } from '../../../electron/contract/fleet.js';

/** Points kept per chart: hours of history at a few seconds per poll, still cheap to draw. */
export const MAX_CHART_SAMPLES = 5000;

/** Appends samples newer than the last one kept (the core's `sinceMs` bound may be inclusive), trimming the oldest. */
export function appendSamples(existing: readonly Sample[], incoming: readonly Sample[], max = MAX_CHART_SAMPLES): Sample[] {
  const lastT = existing.at(-1)?.t ?? -Infinity;
  const newer = incoming.filter((s) => s.t > lastT).sort((a, b) => a.t - b.t);
  if (!newer.length) return existing as Sample[];
  const merged = [...existing, ...newer];
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}
