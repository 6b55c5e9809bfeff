// Pure mapping from what the USB stack and the mining host know to the
// contract's view of a stick (electron/contract/usb.ts).
import type { UsbPoolConnection, UsbProblem, UsbStick as UsbStickView, UsbStickState } from '../../contract/usb.js';
import type { ClientStatus } from '../stratum/client.js';
import { UDEV_INSTALL_COMMAND, usbAdvice } from '../usb/access.js';
import type { UsbStick } from '../usb/discovery.js';
import type { UsbDriverState } from '../usb/driver.js';
import { TransportError } from '../usb/transport.js';
import type { UsbMinerStats } from './usb-host.js';

/** A stick's identity while Hearth runs: its USB serial number where it has one (it survives a move to another port), else where it is plugged in. */
export function stickId(stick: UsbStick): string {
  return stick.serialNumber ? `${stick.usbId}:${stick.serialNumber}` : stick.key;
}

/** What went wrong opening or driving a stick, with the fix for this platform. */
export function describeProblem(error: unknown, platform: NodeJS.Platform): UsbProblem {
  if (!(error instanceof TransportError)) return { code: 'io', message: error instanceof Error ? error.message : String(error) };
  const code = error.code === 'closed' || error.code === 'size' ? 'io' : error.code;
  const fix = usbAdvice(error.code, platform);
  // usbError() appends the fix to the message; keep them apart so the UI can show each in its place.
  const message = fix && error.message.endsWith(`. ${fix}`) ? error.message.slice(0, -fix.length - 2) : error.message;
  return {
    code,
    message,
    ...(fix ? { fix } : {}),
    ...(code === 'access-denied' && platform === 'linux' ? { command: UDEV_INSTALL_COMMAND } : {}),
  };
}

export function unsupportedProblem(stick: UsbStick): UsbProblem {
  return { code: 'unsupported', message: `${stick.name} (${stick.usbId}) does not speak the stick protocol Hearth mines with (only the Avalon nano and Avalon4 mini do)` };
}

/** The pool the sticks mine on: the active one, else the one whose state changed last (what is being tried). */
export function poolConnection(status: ClientStatus): UsbPoolConnection | null {
  const active = status.activePool === null ? undefined : status.pools[status.activePool];
  const pool = active ?? [...status.pools].sort((a, b) => b.since - a.since)[0];
  if (!pool) return null;
  return {
    state: pool.state,
    url: pool.url,
    worker: pool.user,
    difficulty: active ? status.difficulty : null,
    ...(pool.lastError ? { lastError: pool.lastError.message } : {}),
    sinceMs: pool.since,
  };
}

function stateOf(driver: UsbDriverState): UsbStickState {
  if (driver === 'mining') return 'mining';
  if (driver === 'detecting' || driver === 'configuring') return 'detecting';
  if (driver === 'unplugged') return 'unplugged';
  return 'idle';
}

export interface StickFacts {
  id: string;
  stick: UsbStick;
  /** On the bus now. */
  present: boolean;
  problem?: UsbProblem;
  /** The mining host's figures, once the stick has been attached. */
  stats?: UsbMinerStats;
  hashrate: { perSecond: number; windowMs: number };
  lastShareMs?: number;
  pool: UsbPoolConnection | null;
}

export function stickView(f: StickFacts): UsbStickView {
  const { stick, stats } = f;
  let state: UsbStickState;
  if (!f.present) state = 'unplugged';
  else if (f.problem?.code === 'access-denied' || f.problem?.code === 'driver-missing') state = 'access-denied';
  else if (f.problem && f.problem.code !== 'unsupported') state = 'error';
  else state = stats ? stateOf(stats.state) : 'idle';
  const info = stats?.info;
  const perChip = stats?.hardwareErrorsPerChip;
  return {
    id: f.id,
    model: stick.kind === 'unknown-canaan' ? 'unknown' : stick.kind,
    name: stick.name,
    usbId: stick.usbId,
    connection: stick.backend,
    minable: stick.minable,
    ...(stick.serialNumber ? { serialNumber: stick.serialNumber } : {}),
    ...(info ? { dna: info.dna, firmware: info.version, asicCount: info.asicCount } : {}),
    state,
    ...(f.problem ? { problem: f.problem } : {}),
    hashrateHs: f.hashrate.perSecond,
    hashrateWindowS: Math.round(f.hashrate.windowMs / 1000),
    verifiedNonces: stats?.verifiedNonces ?? 0,
    accepted: stats?.accepted ?? 0,
    rejected: stats?.rejected ?? 0,
    stale: stats?.stale ?? 0,
    hardwareErrors: stats?.hardwareErrors ?? 0,
    // Per chip only where the stick has more than one chip to tell apart.
    ...(perChip && info && info.asicCount > 1 ? { hardwareErrorsPerChip: Array.from({ length: info.asicCount }, (_, i) => perChip[i] ?? 0) } : {}),
    bestShare: stats?.bestShare ?? 0,
    ...(stats?.frequencyMhz ? { frequencyMhz: stats.frequencyMhz } : {}),
    ...(stats?.status?.temperatureC !== undefined ? { temperatureC: stats.status.temperatureC } : {}),
    ...(f.pool && (state === 'mining' || state === 'detecting') ? { pool: f.pool } : {}),
    ...(f.lastShareMs !== undefined ? { lastShareMs: f.lastShareMs } : {}),
    ...(stats?.miningSince !== undefined && state === 'mining' ? { miningSinceMs: stats.miningSince } : {}),
  };
}
