// The event history (alerts raised and cleared, reboots, pool changes, user
// actions) and the share log of USB devices. Input is validated with the
// contract's schemas: events come from rules and from the UI.
import { z } from 'zod';
import {
  EventFilterSchema,
  EventSeveritySchema,
  NewEventSchema,
  type EventFilter,
  type EventRecord,
  type EventSeverity,
  type NewEvent,
} from '../../contract/history.js';
import { formatZodError } from '../storage/zod-message.js';
import { HistoryError } from './errors.js';
import type { Database, Statement } from './sqlite.js';

const MAX_DATA_JSON = 8192;
const DEFAULT_LIMIT = 200;

const SEVERITIES = EventSeveritySchema.options;
const severityRank = (s: EventSeverity): number => SEVERITIES.indexOf(s);

export const ShareResultSchema = z.enum(['accepted', 'rejected', 'stale', 'invalid']);
export const NewShareSchema = z
  .object({
    deviceId: z.string().min(1).max(300),
    at: z.number().int().min(0),
    difficulty: z.number().positive().finite(),
    result: ShareResultSchema,
  })
  .strict();
export type NewShare = z.infer<typeof NewShareSchema>;

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HistoryError('invalid-input', `${what}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}

interface EventRow {
  id: number;
  device: string | null;
  at: number;
  kind: string;
  severity: number;
  message: string;
  data: string | null;
}

function fromRow(row: EventRow): EventRecord {
  const event: EventRecord = {
    id: row.id,
    at: row.at,
    kind: row.kind,
    severity: SEVERITIES[row.severity] ?? 'info',
    message: row.message,
  };
  if (row.device !== null) event.deviceId = row.device;
  const data = row.data === null ? undefined : parseObject(row.data);
  if (data !== undefined) event.data = data;
  return event;
}

/** Written by us as a JSON object; a damaged row's data is left out rather than failing the whole list. */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class EventLog {
  private readonly db: Database;
  private readonly insertEvent: Statement<[string | null, number, string, number, string, string | null]>;
  private readonly insertShare: Statement<[string, number, number, string]>;

  constructor(db: Database) {
    this.db = db;
    this.insertEvent = db.prepare('INSERT INTO events (device, at, kind, severity, message, data) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertShare = db.prepare('INSERT INTO shares (device, at, difficulty, result) VALUES (?, ?, ?, ?)');
  }

  add(input: NewEvent): EventRecord {
    const event = parseInput(NewEventSchema, input, 'event');
    const data = event.data === undefined ? null : JSON.stringify(event.data);
    if (data !== null && data.length > MAX_DATA_JSON) {
      throw new HistoryError('invalid-input', `event data is ${data.length} bytes as JSON, over the ${MAX_DATA_JSON} limit`);
    }
    const info = this.insertEvent.run(event.deviceId ?? null, event.at, event.kind, severityRank(event.severity), event.message, data);
    return { ...event, id: Number(info.lastInsertRowid) };
  }

  /** Newest first (by insertion, so `beforeId` pages without gaps or repeats). */
  list(input: EventFilter = {}): EventRecord[] {
    const filter = parseInput(EventFilterSchema, input, 'event filter');
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.deviceId !== undefined) {
      where.push('device = ?');
      params.push(filter.deviceId);
    }
    if (filter.kinds !== undefined && filter.kinds.length > 0) {
      where.push(`kind IN (${filter.kinds.map(() => '?').join(', ')})`);
      params.push(...filter.kinds);
    }
    if (filter.minSeverity !== undefined) {
      where.push('severity >= ?');
      params.push(severityRank(filter.minSeverity));
    }
    if (filter.since !== undefined) {
      where.push('at >= ?');
      params.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('at < ?');
      params.push(filter.until);
    }
    if (filter.beforeId !== undefined) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    const sql = `SELECT id, device, at, kind, severity, message, data FROM events
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare<(string | number)[], EventRow>(sql).all(...params, filter.limit ?? DEFAULT_LIMIT);
    return rows.map(fromRow);
  }

  addShare(input: NewShare): void {
    const share = parseInput(NewShareSchema, input, 'share');
    this.insertShare.run(share.deviceId, share.at, share.difficulty, share.result);
  }

  /** Accepted difficulty and share counts of one device since `since`: what verified-share checks need. */
  shareTotals(deviceId: string, since: number): Record<z.infer<typeof ShareResultSchema>, { count: number; difficulty: number }> {
    const rows = this.db
      .prepare<[string, number], { result: string; count: number; difficulty: number }>(
        'SELECT result, count(*) AS count, sum(difficulty) AS difficulty FROM shares WHERE device = ? AND at >= ? GROUP BY result',
      )
      .all(deviceId, since);
    const totals = Object.fromEntries(ShareResultSchema.options.map((r) => [r, { count: 0, difficulty: 0 }])) as Record<
      z.infer<typeof ShareResultSchema>,
      { count: number; difficulty: number }
    >;
    for (const row of rows) {
      const key = ShareResultSchema.safeParse(row.result);
      if (key.success) totals[key.data] = { count: row.count, difficulty: row.difficulty };
    }
    return totals;
  }
}
