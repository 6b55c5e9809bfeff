// Desktop notifications for raised alerts. The core decides which events may
// be shown now (`desktop`: severity and quiet hours, notifier.shouldPush);
// this only shows them. A burst (a router restart takes every device offline
// at once) becomes one notification, as for webhooks.
import { Notification } from 'electron';
import type { AlertKind, AlertNotice } from '../contract/alerts.js';
import type { HearthService } from '../core/app/service.js';

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

/** Returns the unsubscribe. `onClick` opens the window. */
export function bindAlertNotifications(service: HearthService, onClick: () => void): () => void {
  return service.on('alerts.changed', (payload) => {
    if (!Notification.isSupported()) return;
    for (const n of notificationsFor(payload.events)) {
      const notification = new Notification({ title: n.title, body: n.body, urgency: n.critical ? 'critical' : 'normal' });
      notification.on('click', onClick);
      notification.show();
    }
  });
}
