// Deletes rows past their retention in small batches, each its own short
// transaction, so pruning a large backlog (first start after months, a
// shorter retention just set) never holds the writer long enough to delay a
// poll round. Raw and one-minute rows are deleted only once rolled up.
import type { HistoryRetention } from '../../contract/history.js';
import type { Database, Statement } from './sqlite.js';
import { DAY_MS, HOUR_MS } from './plan.js';
import { FLEET_DEVICE, pruneDeviceSql, pruneLogSql } from './sql.js';

export interface PruneResult {
  deleted: number;
  /** True when rows past retention remain (the budget ran out). */
  more: boolean;
}

interface Marks {
  minute: number | undefined;
  hour: number | undefined;
}

type DeviceDelete = Statement<[{ device: number; cut: number; n: number }]>;
type LogDelete = Statement<[{ cut: number; n: number }]>;

export class Pruner {
  private readonly db: Database;
  private readonly raw: DeviceDelete;
  private readonly minute: DeviceDelete;
  private readonly hour: DeviceDelete;
  private readonly events: LogDelete;
  private readonly shares: LogDelete;
  private readonly devices: Statement<[], { id: number }>;

  constructor(db: Database) {
    this.db = db;
    this.raw = db.prepare(pruneDeviceSql('samples'));
    this.minute = db.prepare(pruneDeviceSql('rollup_1m'));
    this.hour = db.prepare(pruneDeviceSql('rollup_1h'));
    this.events = db.prepare(pruneLogSql('events'));
    this.shares = db.prepare(pruneLogSql('shares'));
    this.devices = db.prepare('SELECT id FROM devices');
  }

  /** Deletes at most `budget` rows, in batches of at most `batch`. */
  prune(now: number, retention: HistoryRetention, marks: Marks, budget: number, batch = 500): PruneResult {
    const rawCut = Math.min(now - retention.rawHours * HOUR_MS, marks.minute ?? Number.NEGATIVE_INFINITY);
    const minuteCut = Math.min(now - retention.minuteDays * DAY_MS, marks.hour ?? Number.NEGATIVE_INFINITY);
    const hourCut = retention.hourlyDays === null ? undefined : now - retention.hourlyDays * DAY_MS;
    const eventCut = retention.eventDays === null ? undefined : now - retention.eventDays * DAY_MS;
    const shareCut = now - retention.shareDays * DAY_MS;

    const devices = this.devices.all().map((d) => d.id);
    const jobs: { run: (n: number) => number }[] = [];
    const perDevice = (stmt: DeviceDelete, cut: number, ids: number[]) => {
      if (!Number.isFinite(cut)) return;
      for (const device of ids) jobs.push({ run: (n) => stmt.run({ device, cut, n }).changes });
    };
    perDevice(this.raw, rawCut, devices);
    perDevice(this.minute, minuteCut, [FLEET_DEVICE, ...devices]);
    if (hourCut !== undefined) perDevice(this.hour, hourCut, [FLEET_DEVICE, ...devices]);
    if (eventCut !== undefined) jobs.push({ run: (n) => this.events.run({ cut: eventCut, n }).changes });
    jobs.push({ run: (n) => this.shares.run({ cut: shareCut, n }).changes });

    let deleted = 0;
    for (const job of jobs) {
      for (;;) {
        const n = Math.min(batch, budget - deleted);
        if (n <= 0) return { deleted, more: true };
        const changes = this.db.transaction(() => job.run(n))();
        deleted += changes;
        if (changes < n) break;
      }
    }
    return { deleted, more: false };
  }
}
