// What the tray shows, from the fleet and the alerts: pure, so the words and
// figures can be checked without Electron.
import type { Alert } from '../contract/alerts.js';
import type { FleetDevice } from '../contract/fleet.js';
import { sampleOf } from '../core/fleet/views.js';

export interface TraySummary {
  devices: number;
  online: number;
  /** Sum over online devices, GH/s (the live charts' hashrate). */
  ghs: number;
  alerts: number;
  critical: number;
  paused: boolean;
}

export function summarize(fleet: readonly FleetDevice[], active: readonly Alert[], paused: boolean): TraySummary {
  let ghs = 0;
  let online = 0;
  for (const d of fleet) {
    if (d.status !== 'online' || !d.snapshot) continue;
    online++;
    ghs += sampleOf(d.snapshot).ghs ?? 0;
  }
  return { devices: fleet.length, online, ghs, alerts: active.length, critical: active.filter((a) => a.severity === 'critical').length, paused };
}

export function formatHashrate(ghs: number): string {
  const units: [number, string][] = [
    [1e6, 'PH/s'],
    [1e3, 'TH/s'],
    [1, 'GH/s'],
  ];
  for (const [scale, unit] of units) if (ghs >= scale) return `${(ghs / scale).toFixed(ghs / scale >= 100 ? 0 : 1)} ${unit}`;
  return ghs > 0 ? `${(ghs * 1000).toFixed(0)} MH/s` : '0 H/s';
}

function alertText(s: TraySummary): string {
  if (s.alerts === 0) return 'no alerts';
  const critical = s.critical > 0 ? ` (${s.critical} critical)` : '';
  return `${s.alerts} alert${s.alerts === 1 ? '' : 's'}${critical}`;
}

/** The tooltip (all platforms). */
export function trayTooltip(s: TraySummary): string {
  const polling = s.paused ? ' · polling paused' : '';
  return `Hearth: ${formatHashrate(s.ghs)} · ${s.online}/${s.devices} online · ${alertText(s)}${polling}`;
}

/** The short text beside the menu-bar icon (macOS). */
export function trayTitle(s: TraySummary): string {
  return `${formatHashrate(s.ghs)}${s.alerts > 0 ? ` ⚠ ${s.alerts}` : ''}`;
}
