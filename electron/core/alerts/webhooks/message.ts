// The words sent to a phone: one message per alert event, a digest when many
// arrive at once (a router restart takes the whole fleet offline), and the
// summary of what quiet hours held back. Plain text; each channel adds its
// own markup and length limit.
import type { AlertEvent, AlertSeverity } from '../../../contract/alerts.js';

export interface OutgoingMessage {
  title: string;
  text: string;
  /** The most severe alert in the message; channels map it to a priority. */
  severity: AlertSeverity;
  /** True when every event in it is a clear. */
  resolved: boolean;
}

/** More events than this in one batch go out as a single digest. */
export const DIGEST_OVER = 3;
/** Lines listed in a digest before "and N more". */
const DIGEST_LINES = 15;

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

function worst(events: readonly AlertEvent[]): AlertSeverity {
  return events.reduce<AlertSeverity>((w, e) => (RANK[e.alert.severity] > RANK[w] ? e.alert.severity : w), 'info');
}

function duration(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  return min < 120 ? `${min} min` : `${(min / 60).toFixed(1)} h`;
}

function line(e: AlertEvent): string {
  if (e.type === 'raised') return e.alert.message;
  const lasted = e.alert.clearedAt === undefined ? '' : ` after ${duration(e.alert.clearedAt - e.alert.raisedAt)}`;
  return `Resolved${lasted}: ${e.alert.message}`;
}

/** Messages for a batch of events, in order. */
export function messagesFor(events: readonly AlertEvent[]): OutgoingMessage[] {
  if (events.length === 0) return [];
  if (events.length <= DIGEST_OVER) {
    return events.map((e) => ({
      title: e.type === 'raised' ? `Hearth: ${e.alert.kind} on ${e.alert.deviceName}` : `Hearth: resolved on ${e.alert.deviceName}`,
      text: line(e),
      severity: e.type === 'raised' ? e.alert.severity : 'info',
      resolved: e.type === 'cleared',
    }));
  }
  return [digest(`Hearth: ${events.length} alert changes`, events)];
}

/** The summary sent when quiet hours end; undefined when nothing was held back. */
export function quietSummary(held: readonly AlertEvent[], stillActive: number): OutgoingMessage | undefined {
  if (held.length === 0) return undefined;
  const raised = held.filter((e) => e.type === 'raised').length;
  const m = digest(`Hearth: during quiet hours, ${raised} raised, ${held.length - raised} resolved`, held);
  return { ...m, text: `${m.text}\n${stillActive} alert${stillActive === 1 ? '' : 's'} still active.` };
}

function digest(title: string, events: readonly AlertEvent[]): OutgoingMessage {
  const lines = events.slice(0, DIGEST_LINES).map((e) => `- ${line(e)}`);
  if (events.length > DIGEST_LINES) lines.push(`- and ${events.length - DIGEST_LINES} more`);
  const raised = events.filter((e) => e.type === 'raised');
  return { title, text: lines.join('\n'), severity: raised.length > 0 ? worst(raised) : 'info', resolved: raised.length === 0 };
}

/** Cuts text to at most `max` UTF-16 units, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}
