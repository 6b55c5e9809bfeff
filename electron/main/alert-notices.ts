// What desktop notifications to show for one alerts.changed event: only
// raises the core marked `desktop` (severity and quiet hours applied there);
// a burst (a router restart takes every device offline at once) becomes one
// notification, as for webhooks. Pure, tested without Electron. The titles
// are in the app's language (texts.ts); the body of a single alert is the
// core's one-line message, the same the app's alert list shows.
import type { AlertNotice } from '../contract/alerts.js';
import { listOf } from '../contract/message-text.js';
import type { Translate } from './texts.js';

/** More raised at once than this become one summary. */
const MAX_SINGLE = 3;
/** Devices named in a summary; the rest are counted. */
const MAX_NAMED = 5;

export function notificationsFor(events: readonly AlertNotice[], t: Translate): { title: string; body: string; critical: boolean }[] {
  const shown = events.filter((e) => e.desktop && e.type === 'raised');
  if (shown.length <= MAX_SINGLE) {
    return shown.map((e) => ({ title: t('notice.title', { alert: t(`alert.${e.alert.kind}`) }), body: e.alert.message, critical: e.alert.severity === 'critical' }));
  }
  const names = [...new Set(shown.map((e) => e.alert.deviceName))];
  const devices = listOf(names.slice(0, MAX_NAMED), 'series');
  return [
    {
      title: t('notice.burst.title', { count: shown.length }),
      body: names.length > MAX_NAMED ? t('notice.burst.more', { devices, more: names.length - MAX_NAMED }) : t('notice.burst.devices', { devices }),
      critical: shown.some((e) => e.alert.severity === 'critical'),
    },
  ];
}
