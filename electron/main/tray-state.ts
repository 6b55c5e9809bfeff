// What the tray shows, from the fleet and the alerts: pure, so the words and
// figures can be checked without Electron. The words come from texts.ts.
import type { Alert } from '../contract/alerts.js';
import type { FleetDevice } from '../contract/fleet.js';
import { sampleOf } from '../core/fleet/views.js';
import type { Translate } from './texts.js';

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

function alertText(s: TraySummary, t: Translate): string {
  if (s.alerts === 0) return t('tray.alerts.none');
  const alerts = s.alerts === 1 ? t('tray.alerts.one') : t('tray.alerts.many', { count: s.alerts });
  return s.critical > 0 ? t('tray.alerts.critical', { alerts, critical: s.critical }) : alerts;
}

/** The tooltip (all platforms). */
export function trayTooltip(s: TraySummary, t: Translate): string {
  const summary = t('tray.tooltip', { hashrate: formatHashrate(s.ghs), online: s.online, devices: s.devices, alerts: alertText(s, t) });
  return s.paused ? t('tray.paused', { summary }) : summary;
}

/** The short text beside the menu-bar icon (macOS). */
export function trayTitle(s: TraySummary): string {
  return `${formatHashrate(s.ghs)}${s.alerts > 0 ? ` ⚠ ${s.alerts}` : ''}`;
}
