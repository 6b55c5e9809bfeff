// Desktop notifications for raised alerts: shows what alert-notices.ts picks,
// in the app's language (followed through settings.changed).
import { Notification } from 'electron';
import type { HearthService } from '../core/app/service.js';
import { notificationsFor } from './alert-notices.js';
import { translator, type Language } from './texts.js';

/** Returns the unsubscribe. `onClick` opens the window; `language` is the app's at start. */
export function bindAlertNotifications(service: HearthService, onClick: () => void, language: Language): () => void {
  let t = translator(language);
  const offSettings = service.on('settings.changed', (settings) => {
    t = translator(settings.language);
  });
  const offAlerts = service.on('alerts.changed', (payload) => {
    if (!Notification.isSupported()) return;
    for (const n of notificationsFor(payload.events, t)) {
      const notification = new Notification({ title: n.title, body: n.body, urgency: n.critical ? 'critical' : 'normal' });
      notification.on('click', onClick);
      notification.show();
    }
  });
  return () => {
    offSettings();
    offAlerts();
  };
}
