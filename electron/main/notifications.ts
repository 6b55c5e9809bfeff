// Desktop notifications for raised alerts: shows what alert-notices.ts picks.
import { Notification } from 'electron';
import type { HearthService } from '../core/app/service.js';
import { notificationsFor } from './alert-notices.js';

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
