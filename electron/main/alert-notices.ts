// What desktop notifications to show for one alerts.changed event: only
// raises the core marked `desktop` (severity and quiet hours applied there);
// a burst (a router restart takes every device offline at once) becomes one
// notification, as for webhooks. Pure, tested without Electron.
import type { AlertKind, AlertNotice } from '../contract/alerts.js';

const TITLES: Record<AlertKind, string> = {
  offline: 'Device offline',
  overheat: 'Overheating',
  'fan-stopped': 'Fan stopped',
  'board-error': 'Hash board error',
  'pool-down': 'Pool down',
  'hashrate-low': 'Hash rate low',
  'hw-errors': 'Hardware errors',
  rebooted: 'Device restarted',
};
/** More raised at once than this become one summary. */
const MAX_SINGLE = 3;

export function notificationsFor(events: readonly AlertNotice[]): { title: string; body: string; critical: boolean }[] {
  const shown = events.filter((e) => e.desktop && e.type === 'raised');
  if (shown.length <= MAX_SINGLE) {
    return shown.map((e) => ({ title: `Hearth: ${TITLES[e.alert.kind]}`, body: e.alert.message, critical: e.alert.severity === 'critical' }));
  }
  const names = [...new Set(shown.map((e) => e.alert.deviceName))];
  return [
    {
      title: `Hearth: ${shown.length} alerts`,
      body: `${names.slice(0, 5).join(', ')}${names.length > 5 ? ` and ${names.length - 5} more` : ''}`,
      critical: shown.some((e) => e.alert.severity === 'critical'),
    },
  ];
}
