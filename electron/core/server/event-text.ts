// The wire text of an event, computed once per event and sent to every
// client. Fleet events are deltas (fleet.delta): each device view is in one
// delta only, so caching per-device JSON (as when every event carried the
// whole fleet) would save nothing.
import type { EventName, WireMessage } from '../../contract/api.js';

/** The WireMessage text of an event. */
export function eventText(event: EventName, payload: unknown): string {
  const message: WireMessage = { type: 'event', event, payload };
  return JSON.stringify(message);
}
