// Keeps the one-minute and hourly tables in step with raw samples. Work is
// done for closed periods only (a grace after the minute ends lets the last
// poll of the minute land), is idempotent (rows are recomputed, not
// incremented), and moves its watermark in the same transaction as its rows,
// so a crash at any point is repaired by the next run.
import type { Database, Statement } from './sqlite.js';
import { HOUR_MS, MINUTE_MS } from './plan.js';
import { rollupFleetMinutesSql, rollupHoursSql, rollupMinutesSql } from './sql.js';

/** How long after a minute ends its roll-up waits for late polls. */
export const ROLLUP_GRACE_MS = 15_000;

const floorTo = (t: number, step: number): number => Math.floor(t / step) * step;

export class Rollup {
  private readonly db: Database;
  private readonly minutes: Statement<[{ from: number; to: number }]>;
  private readonly fleetMinutes: Statement<[{ from: number; to: number }]>;
  private readonly hours: Statement<[{ from: number; to: number }]>;
  private readonly readMark: Statement<[string], { value: number }>;
  private readonly writeMark: Statement<[string, number]>;
  /** Oldest sample time recorded behind the minute watermark since the last run. */
  private dirtyFrom = Number.POSITIVE_INFINITY;

  constructor(db: Database) {
    this.db = db;
    this.minutes = db.prepare(rollupMinutesSql);
    this.fleetMinutes = db.prepare(rollupFleetMinutesSql);
    this.hours = db.prepare(rollupHoursSql);
    this.readMark = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.writeMark = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  }

  /** Minutes before this are rolled up; undefined on a new database. */
  minuteMark(): number | undefined {
    return this.readMark.get('rolled_1m')?.value;
  }

  hourMark(): number | undefined {
    return this.readMark.get('rolled_1h')?.value;
  }

  /** Recompute everything from `from` on the next run: a late sample for a rolled-up minute, or imported rows. */
  invalidateFrom(from: number): void {
    this.dirtyFrom = Math.min(this.dirtyFrom, floorTo(from, MINUTE_MS));
  }

  /**
   * Rolls up every closed minute and hour. `firstFrom` is where a new
   * database starts (the oldest raw sample it can hold). Returns whether any
   * work was done.
   */
  run(now: number, firstFrom: number): boolean {
    const closedMinute = floorTo(now - ROLLUP_GRACE_MS, MINUTE_MS);
    const minuteMark = this.minuteMark() ?? floorTo(firstFrom, MINUTE_MS);
    const from = Math.min(minuteMark, this.dirtyFrom);
    if (from >= closedMinute) return false;
    const closedHour = floorTo(closedMinute, HOUR_MS);
    const hourFrom = Math.min(this.hourMark() ?? floorTo(from, HOUR_MS), floorTo(from, HOUR_MS));
    this.db.transaction(() => {
      const range = { from, to: closedMinute };
      this.minutes.run(range);
      this.fleetMinutes.run(range);
      this.writeMark.run('rolled_1m', closedMinute);
      if (hourFrom < closedHour) {
        this.hours.run({ from: hourFrom, to: closedHour });
        this.writeMark.run('rolled_1h', closedHour);
      }
    })();
    this.dirtyFrom = Number.POSITIVE_INFINITY;
    return true;
  }
}
