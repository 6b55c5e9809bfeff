// Quiet hours: a daily window, in the user's time zone, during which alerts
// are recorded but not pushed. Daylight-saving changes are handled by asking
// Intl for the wall-clock time in that zone at each instant.
import type { QuietHours } from '../../contract/alerts.js';

export class QuietHoursError extends Error {
  override name = 'QuietHoursError';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      throw new QuietHoursError(`unknown time zone "${timeZone}" (use an IANA name such as "Europe/Berlin")`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws QuietHoursError for a time zone this runtime does not know. */
export function checkTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** Minutes since local midnight in `timeZone` at instant `at`. */
export function localMinutes(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  return hour * 60 + minute;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `at` falls in the window [start, end); a window whose end is before its start wraps past midnight. */
export function inQuietHours(at: number, q: QuietHours): boolean {
  if (!q.enabled) return false;
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return false;
  const now = localMinutes(at, q.timeZone);
  return start < end ? now >= start && now < end : now >= start || now < end;
}
