// What the fleet views show about a device, derived from the contract's
// FleetDevice: display name, model, active pool, alerts and totals. Pure.
import type { DeviceRecord, DeviceStatus, FleetDevice } from '../../../electron/contract/fleet.js';
import type { DeviceSnapshot, Pool } from '../../../electron/contract/snapshot.js';

/** The CGMiner API's default port: not worth showing in an address. */
export const DEFAULT_API_PORT = 4028;
/** Hot when this far above the device's own target temperature (TarT)... */
export const HOT_MARGIN_OVER_TARGET_C = 15;
/** ...or, for models that report no target, at or above this. */
export const HOT_WITHOUT_TARGET_C = 95;

export type AlertKind = 'offline' | 'stale' | 'hot' | 'fault';

export function deviceName(record: DeviceRecord): string {
  return record.nickname?.trim() || record.host;
}

export function deviceAddress(record: Pick<DeviceRecord, 'host' | 'port'>): string {
  if (record.port === DEFAULT_API_PORT) return record.host;
  return record.host.includes(':') ? `[${record.host}]:${record.port}` : `${record.host}:${record.port}`;
}

export function modelName(snapshot: DeviceSnapshot | undefined): string | undefined {
  const identity = snapshot?.identity;
  if (!identity) return undefined;
  return identity.modelName ?? identity.product ?? identity.modelCode ?? (identity.modelId === 'unknown' ? undefined : identity.modelId);
}

/** The pool the device mines on: the one flagged active, else the best-priority alive one. */
export function activePool(pools: readonly Pool[]): Pool | undefined {
  const flagged = pools.find((p) => p.active === true);
  if (flagged) return flagged;
  const alive = pools.filter((p) => p.status.toLowerCase() === 'alive');
  return alive.sort((a, b) => (a.priority ?? a.index) - (b.priority ?? b.index))[0];
}

/** "stratum+tcp://pool.example.com:3333" -> "pool.example.com". */
export function poolHost(url: string): string {
  const trimmed = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `stratum+tcp://${trimmed}`;
  try {
    const host = new URL(withScheme).hostname;
    return host.replace(/^\[|\]$/g, '') || trimmed;
  } catch {
    return trimmed;
  }
}

/** The live hashrate: 5 s where reported, else the next-shortest window. */
export function currentGhs(snapshot: DeviceSnapshot | undefined): number | undefined {
  const s = snapshot?.summary;
  return s?.ghs5s ?? s?.ghs1m ?? s?.ghsAvg;
}

export function uptimeSeconds(snapshot: DeviceSnapshot | undefined): number | undefined {
  return snapshot?.summary.elapsedS ?? snapshot?.modules.find((m) => m.elapsedS !== undefined)?.elapsedS;
}

export function isHot(snapshot: DeviceSnapshot | undefined): boolean {
  const hottest = snapshot?.derived.hottestC;
  if (hottest === undefined || !snapshot) return false;
  const targets = snapshot.modules.map((m) => m.tempTargetC).filter((t): t is number => t !== undefined && t > 0);
  const limit = targets.length ? Math.max(...targets) + HOT_MARGIN_OVER_TARGET_C : HOT_WITHOUT_TARGET_C;
  return hottest >= limit;
}

/** A module in the fault state, or a non-zero hash-board (ECHU) or control-board (ECMM) error code. */
export function hasFault(snapshot: DeviceSnapshot | undefined): boolean {
  return (
    snapshot?.modules.some(
      (m) =>
        m.state === 'fault' ||
        m.errorCodes.echu.some((c) => c !== 0) ||
        m.errorCodes.ecmm.some((c) => c !== 0) ||
        m.boards.some((b) => b.errorCode !== undefined && b.errorCode !== 0),
    ) ?? false
  );
}

export function deviceAlerts(device: FleetDevice): AlertKind[] {
  const alerts: AlertKind[] = [];
  if (device.status === 'offline' || device.status === 'stale') alerts.push(device.status);
  if (isHot(device.snapshot)) alerts.push('hot');
  if (hasFault(device.snapshot)) alerts.push('fault');
  return alerts;
}

export interface FleetTotals {
  /** Sum of the live hashrate of online devices, GH/s. */
  ghs: number;
  powerW: number;
  online: number;
  total: number;
  /** Devices with at least one alert. */
  alerts: number;
}

export function fleetTotals(devices: readonly FleetDevice[]): FleetTotals {
  let ghs = 0;
  let powerW = 0;
  let online = 0;
  let alerts = 0;
  for (const d of devices) {
    if (d.status === 'online') {
      online += 1;
      ghs += currentGhs(d.snapshot) ?? 0;
      powerW += d.snapshot?.derived.powerW ?? 0;
    }
    if (deviceAlerts(d).length) alerts += 1;
  }
  return { ghs, powerW, online, total: devices.length, alerts };
}

export interface FleetRow {
  id: string;
  name: string;
  model?: string;
  address: string;
  status: DeviceStatus;
  alerts: AlertKind[];
  ghs5s?: number;
  ghsAvg?: number;
  hottestC?: number;
  fansRpm: number[];
  powerW?: number;
  jPerTh?: number;
  pool?: string;
  uptimeS?: number;
}

export function toRow(device: FleetDevice): FleetRow {
  const s = device.snapshot;
  const pool = s ? activePool(s.pools) : undefined;
  return {
    id: device.record.id,
    name: deviceName(device.record),
    model: modelName(s),
    address: deviceAddress(device.record),
    status: device.status,
    alerts: deviceAlerts(device),
    ghs5s: currentGhs(s),
    ghsAvg: s?.summary.ghsAvg,
    hottestC: s?.derived.hottestC,
    fansRpm: s?.derived.fansRpm ?? [],
    powerW: s?.derived.powerW,
    jPerTh: s?.derived.jPerTh,
    pool: pool ? poolHost(pool.url) : undefined,
    uptimeS: uptimeSeconds(s),
  };
}
