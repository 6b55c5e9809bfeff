// Pure helpers of the diagnostics views: heat-map scaling, report counts,
// base64 for moving bundles through the contract, and the device view of an
// opened bundle (so the ordinary device panels can show it unchanged).
import { DeviceEventSchema, type BoardHeatMap, type DeviceEvent, type HealthReport, type HealthStatus, type OpenedBundleContents } from '../../../electron/contract/diagnostics.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';

export type HeatKind = 'temperature' | 'voltage';

/** Colour steps of the heat map (classes heat-0 ... heat-7 in diagnostics.css). */
export const HEAT_STEPS = 8;

export function chipValues(map: BoardHeatMap, kind: HeatKind): number[] {
  return kind === 'temperature' ? map.chipTempsC : map.chipVoltages;
}

/** Lowest and highest non-zero reading over every board, so boards share one colour scale. A chip reading 0 reports nothing. */
export function heatRange(maps: readonly BoardHeatMap[], kind: HeatKind): { min: number; max: number } | undefined {
  const values = maps.flatMap((m) => chipValues(m, kind)).filter((v) => v > 0 && Number.isFinite(v));
  if (values.length === 0) return undefined;
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** The colour step of one reading: 0 (lowest) to HEAT_STEPS - 1; -1 for a chip that reads nothing. */
export function heatStep(value: number, range: { min: number; max: number }): number {
  if (!(value > 0)) return -1;
  if (range.max <= range.min) return Math.floor(HEAT_STEPS / 2);
  const ratio = (value - range.min) / (range.max - range.min);
  return Math.min(HEAT_STEPS - 1, Math.max(0, Math.floor(ratio * HEAT_STEPS)));
}

export function statusCounts(report: HealthReport): Record<HealthStatus, number> {
  const counts: Record<HealthStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const c of report.checks) counts[c.status]++;
  return counts;
}

/** Base64 of bytes, in chunks (String.fromCharCode with a whole file as arguments overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** "host:port" -> its parts; an IPv6 id keeps its brackets off the host. */
function splitId(id: string): { host: string; port: number } {
  const m = /^\[?(.*?)\]?:(\d+)$/.exec(id);
  return m?.[1] !== undefined && m[2] !== undefined ? { host: m[1], port: Number(m[2]) } : { host: id, port: 4028 };
}

/** The device as the bundle recorded it, in the shape the device panels take. */
export function bundleDevice(bundle: OpenedBundleContents): FleetDevice {
  const { host, port } = splitId(bundle.manifest.device.id);
  const snapshot = bundle.snapshot;
  return {
    record: { id: bundle.manifest.device.id, host, port, source: 'manual', addedAt: bundle.manifest.createdAt },
    status: bundle.report.pollError === undefined && snapshot !== undefined ? 'online' : 'offline',
    ...(bundle.report.pollError === undefined ? {} : { lastError: bundle.report.pollError }),
    ...(snapshot === undefined ? {} : { snapshot, lastSuccessAt: snapshot.takenAt, lastPollAt: snapshot.takenAt }),
    consecutiveFailures: bundle.report.pollError === undefined ? 0 : 1,
  };
}

/** The events of a bundle that have the shape Hearth writes; anything else is left out of the list. */
export function bundleEvents(events: readonly unknown[]): DeviceEvent[] {
  return events.flatMap((e) => {
    const parsed = DeviceEventSchema.safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
}

/** "1.4 MiB", "820 kB"-style sizes for messages. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
