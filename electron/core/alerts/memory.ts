// What the alert engine remembers about a device between evaluations that a
// single snapshot cannot tell: when it booted (to see a restart), its
// hardware-error counter over the last minutes, and since when polls fail.
import type { FleetDevice } from '../../contract/fleet.js';

/** One reading of the cumulative counters the hardware-error rate is computed from. */
export interface WorkPoint {
  t: number;
  hwErrors: number;
  /** Diff-1 work done since the first point, estimated from the hash rate. */
  diff1: number;
}

export interface DeviceMemory {
  /** takenAt of the last snapshot observed (the same snapshot is seen many times). */
  lastTakenAt?: number;
  lastElapsedS?: number;
  /** Boot time estimated as takenAt - Elapsed. */
  bootAt?: number;
  /** Set when a restart was seen; stays until the next restart. */
  rebootedAt?: number;
  /** Uptime at the newest snapshot, s. */
  uptimeS?: number;
  work: WorkPoint[];
  /** First evaluation at which a device that never answered was seen failing. */
  failingSince?: number;
}

/**
 * A boot time later than the previous one by more than this is a restart
 * even when Elapsed did not go backwards (the device was away longer than
 * its old uptime). It absorbs the whole-second Elapsed and poll latency.
 */
export const BOOT_SHIFT_TOLERANCE_MS = 60_000;
/** Diff-1 shares per GH: one diff-1 share is 2^32 hashes. */
const DIFF1_PER_GH = 1e9 / 2 ** 32;
/** Bound on work points kept (a 5 s poll over a 24 h window would be 17 280). */
const MAX_WORK_POINTS = 2000;

export function emptyMemory(): DeviceMemory {
  return { work: [] };
}

/** Folds a device's newest snapshot into its memory; the same snapshot twice changes nothing. */
export function observe(memory: DeviceMemory, device: FleetDevice, now: number, windowMs: number): DeviceMemory {
  const failing = (device.status === 'offline' || device.status === 'stale') && device.lastSuccessAt === undefined;
  const failingSince = failing ? (memory.failingSince ?? now) : undefined;
  const next: DeviceMemory = { ...memory, failingSince };
  const snap = device.status === 'online' ? device.snapshot : undefined;
  if (snap === undefined || snap.takenAt === memory.lastTakenAt) return next;
  next.lastTakenAt = snap.takenAt;

  const elapsedS = snap.summary.elapsedS;
  if (elapsedS !== undefined && Number.isFinite(elapsedS) && elapsedS >= 0) {
    const bootAt = snap.takenAt - elapsedS * 1000;
    const restarted =
      memory.bootAt !== undefined &&
      memory.lastElapsedS !== undefined &&
      (elapsedS < memory.lastElapsedS || bootAt - memory.bootAt > BOOT_SHIFT_TOLERANCE_MS);
    if (restarted) {
      next.rebootedAt = snap.takenAt;
      next.work = [];
    }
    next.bootAt = bootAt;
    next.lastElapsedS = elapsedS;
    next.uptimeS = elapsedS;
  }

  next.work = nextWork(next.work, snap.takenAt, snap.summary.hardwareErrors, snap.summary.ghs1m ?? snap.summary.ghs5s, windowMs);
  return next;
}

function nextWork(points: readonly WorkPoint[], t: number, hwErrors: number | undefined, ghs: number | undefined, windowMs: number): WorkPoint[] {
  if (hwErrors === undefined || ghs === undefined || !Number.isFinite(hwErrors) || !Number.isFinite(ghs) || ghs < 0) return [];
  const last = points.at(-1);
  // A counter that went down was reset (restart, or cgminer's "zero"): start over.
  if (last === undefined || hwErrors < last.hwErrors || t <= last.t) return [{ t, hwErrors, diff1: 0 }];
  const diff1 = last.diff1 + ghs * DIFF1_PER_GH * ((t - last.t) / 1000);
  const kept = points.filter((p) => p.t >= t - windowMs);
  // Keep the newest point that is older than the window too, so the span covers the whole window.
  const older = points.filter((p) => p.t < t - windowMs).at(-1);
  const list = [...(older ? [older] : []), ...kept, { t, hwErrors, diff1 }];
  return list.length > MAX_WORK_POINTS ? list.slice(list.length - MAX_WORK_POINTS) : list;
}

/**
 * Hardware errors as a percentage of hardware errors + diff-1 work between the
 * oldest and newest point: cgminer's `Device Hardware%` formula, over a window
 * instead of since boot. Undefined until the points span at least `minSpanMs`.
 */
export function hwErrorPercent(points: readonly WorkPoint[], minSpanMs: number): number | undefined {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined || last.t - first.t < minSpanMs) return undefined;
  const hw = last.hwErrors - first.hwErrors;
  const work = last.diff1 - first.diff1;
  if (hw + work <= 0) return undefined;
  return (hw / (hw + work)) * 100;
}
