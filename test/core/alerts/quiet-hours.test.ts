// Quiet hours in the user's time zone, across midnight and daylight-saving changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuietHoursSchema } from '../../../electron/contract/alerts.js';
import { QuietHoursError, checkTimeZone, inQuietHours, localMinutes } from '../../../electron/core/alerts/quiet-hours.js';

const q = (patch: Record<string, unknown>) => QuietHoursSchema.parse({ enabled: true, ...patch });

test('a window that wraps past midnight, in the user zone', () => {
  const night = q({ start: '22:00', end: '07:00', timeZone: 'America/New_York' });
  // 02:00 UTC on 15 January is 21:00 in New York (UTC-5): not yet quiet.
  assert.equal(inQuietHours(Date.UTC(2026, 0, 15, 2, 59), night), false);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 15, 3, 0), night), true);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 15, 11, 59), night), true);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 15, 12, 0), night), false, 'the end is exclusive');
});

test('daylight saving time moves the window with the wall clock', () => {
  const night = q({ start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' });
  // 21:30 UTC is 22:30 in winter (CET) but 23:30 in summer (CEST); 20:30 UTC is quiet only in summer.
  assert.equal(inQuietHours(Date.UTC(2026, 0, 15, 20, 30), night), false);
  assert.equal(inQuietHours(Date.UTC(2026, 6, 15, 20, 30), night), true);
  assert.equal(localMinutes(Date.UTC(2026, 6, 15, 20, 30), 'Europe/Berlin'), 22 * 60 + 30);
});

test('a daytime window, a disabled one, and an empty one', () => {
  const day = q({ start: '09:00', end: '17:30', timeZone: 'UTC' });
  assert.equal(inQuietHours(Date.UTC(2026, 0, 1, 9, 0), day), true);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 1, 17, 30), day), false);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 1, 3, 0), day), false);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 1, 10, 0), { ...day, enabled: false }), false);
  assert.equal(inQuietHours(Date.UTC(2026, 0, 1, 10, 0), { ...day, end: '09:00' }), false);
});

test('bad settings are refused with a clear error', () => {
  assert.throws(() => checkTimeZone('Mars/Olympus_Mons'), (e: unknown) => e instanceof QuietHoursError && /unknown time zone "Mars\/Olympus_Mons"/.test(e.message));
  assert.equal(QuietHoursSchema.safeParse({ start: '24:00' }).success, false);
  assert.equal(QuietHoursSchema.safeParse({ end: '7:00' }).success, false);
});
