// Stored history of the fleet in one SQLite file in the data folder:
// every poll for 48 h, one-minute roll-ups for 30 days, hourly for good (see
// docs/history.md). Synchronous, like better-sqlite3 itself: each call is a
// few milliseconds at most, and writes are batched (one transaction per
// flush, at most flushDelayMs after a poll) so a poll round of hundreds of
// devices is one commit. One store per file and process: it is the only writer.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_CHART_POINTS,
  DEFAULT_HISTORY_RETENTION,
  HistoryQuerySchema,
  HistoryRetentionSchema,
  type EventFilter,
  type EventRecord,
  type HistoryQuery,
  type HistoryRetention,
  type HistorySeries,
  type HistoryTier,
  type NewEvent,
} from '../../contract/history.js';
import { HistoryError, reasonOf } from './errors.js';
import { EventLog, parseInput, type NewShare } from './event-log.js';
import { COUNTS, GAUGES } from './metrics.js';
import { LATEST_VERSION, migrate } from './migrations.js';
import { HOUR_MS, planQuery, RANGE_MS, segments, tierReach } from './plan.js';
import { Pruner, type PruneResult } from './retention.js';
import { Rollup } from './rollup.js';
import { mergeBuckets, toSeries, type BucketRow } from './series.js';
import { counterDelta, finiteOrUndefined, type Counters, type HistorySample } from './sample.js';
import { electronBinding, loadSqlite, type Database, type NativeLoader, type Statement } from './sqlite.js';
import { FLEET_DEVICE, insertRawSql, oldestSql, rawBucketsSql, rollupBucketsSql } from './sql.js';

export const HISTORY_FILE = 'history.sqlite';

export interface HistoryStoreOptions {
  now?: () => number;
  retention?: HistoryRetention;
  /** Longest a recorded sample waits before it is committed (the crash-loss window). */
  flushDelayMs?: number;
  /** Pending samples that force a flush; also the cap kept while the disk refuses writes. */
  maxPending?: number;
  /** Rows pruning may delete per flush. */
  pruneBudget?: number;
  /** Failures of background flushes (explicit calls throw instead). */
  onError?: (error: HistoryError) => void;
  /**
   * Folder of better-sqlite3 builds for Electron (ELECTRON_BINDING_DIR in the
   * app folder), used only when running inside Electron. The Electron main
   * sets it in a source checkout (`npm start`); see electron-binding.ts.
   */
  electronBindingDir?: string;
  /** Stand-in for `require` of the native module (and its Electron build), for tests. */
  loadNative?: NativeLoader;
}

export interface HistoryStats {
  path: string;
  schemaVersion: number;
  /** Database plus write-ahead log. */
  bytes: number;
  rows: { samples: number; rollup1m: number; rollup1h: number; events: number; shares: number };
  pending: number;
  /** Samples dropped: older than raw retention when recorded, or over maxPending while writes failed. */
  dropped: number;
  lastError?: string;
}

interface Pending {
  deviceId: string;
  at: number;
  values: (number | null)[];
}

type BucketParams = { w: number; device: number; from: number; to: number };

const PRUNE_EVERY_MS = 10_000;

function storageError(what: string, error: unknown): HistoryError {
  return error instanceof HistoryError ? error : new HistoryError('storage', `${what}: ${reasonOf(error)}`, { cause: error });
}

export class HistoryStore {
  readonly path: string;
  private readonly db: Database;
  private readonly now: () => number;
  private retention: HistoryRetention;
  private readonly flushDelayMs: number;
  private readonly maxPending: number;
  private readonly pruneBudget: number;
  private readonly onError: ((error: HistoryError) => void) | undefined;
  private readonly rollup: Rollup;
  private readonly pruner: Pruner;
  private readonly events: EventLog;
  private readonly insertRaw: Statement<(number | null)[]>;
  private readonly insertDevice: Statement<[string]>;
  private readonly deviceIdOf: Statement<[string], { id: number }>;
  private readonly buckets: Record<HistoryTier, Statement<[BucketParams], BucketRow>>;
  private readonly oldest: Record<HistoryTier, Statement<[number], { t: number | null }>>;
  private readonly deviceIds = new Map<string, number>();
  private readonly counters = new Map<string, Counters>();
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastPruneAt = Number.NEGATIVE_INFINITY;
  private dropped = 0;
  private lastError: HistoryError | undefined;
  private closed = false;

  /** Opens (creating and migrating) `<dataDir>/history.sqlite`. Throws HistoryError. */
  static open(dataDir: string, opts: HistoryStoreOptions = {}): HistoryStore {
    const Sqlite = loadSqlite(opts.loadNative);
    const nativeBinding = electronBinding(opts.electronBindingDir, opts.loadNative);
    const path = join(dataDir, HISTORY_FILE);
    let db: Database | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Sqlite(path, { timeout: 5000, nativeBinding });
      // WAL: readers never wait for the writer, and a commit is one append.
      // synchronous=NORMAL: a commit survives the app being killed (the OS
      // has the bytes); only a power cut can lose the last commits since the
      // previous checkpoint. FULL would fsync every poll round for nothing a
      // chart needs. Measured in docs/history.md.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new HistoryError('storage', `could not switch ${path} to WAL (journal mode is ${String(mode)})`);
      db.pragma('synchronous = NORMAL');
      db.pragma('journal_size_limit = 33554432');
      db.pragma('cache_size = -16000');
      migrate(db, (opts.now ?? Date.now)());
      return new HistoryStore(db, path, opts);
    } catch (error) {
      db?.close();
      throw storageError(`cannot open ${path}`, error);
    }
  }

  private constructor(db: Database, path: string, opts: HistoryStoreOptions) {
    this.db = db;
    this.path = path;
    this.now = opts.now ?? Date.now;
    this.retention = parseInput(HistoryRetentionSchema, opts.retention ?? DEFAULT_HISTORY_RETENTION, 'retention');
    this.flushDelayMs = opts.flushDelayMs ?? 1000;
    this.maxPending = opts.maxPending ?? 20_000;
    this.pruneBudget = opts.pruneBudget ?? 2000;
    this.onError = opts.onError;
    this.rollup = new Rollup(db);
    this.pruner = new Pruner(db);
    this.events = new EventLog(db);
    this.insertRaw = db.prepare<(number | null)[]>(insertRawSql);
    this.insertDevice = db.prepare('INSERT INTO devices (key) VALUES (?) ON CONFLICT (key) DO NOTHING');
    this.deviceIdOf = db.prepare('SELECT id FROM devices WHERE key = ?');
    this.buckets = {
      raw: db.prepare<[BucketParams], BucketRow>(rawBucketsSql).raw(true),
      '1m': db.prepare<[BucketParams], BucketRow>(rollupBucketsSql('rollup_1m')).raw(true),
      '1h': db.prepare<[BucketParams], BucketRow>(rollupBucketsSql('rollup_1h')).raw(true),
    };
    this.oldest = {
      raw: db.prepare(oldestSql('samples')),
      '1m': db.prepare(oldestSql('rollup_1m')),
      '1h': db.prepare(oldestSql('rollup_1h')),
    };
  }

  /**
   * Queues one poll's sample of a device, taken at `at` (Unix ms). Returns
   * false when it is older than raw retention and so cannot be stored.
   * Committed at the next flush: within flushDelayMs, or at once when
   * maxPending samples wait.
   */
  record(deviceId: string, sample: HistorySample, at: number): boolean {
    this.assertOpen();
    if (typeof deviceId !== 'string' || deviceId.length === 0 || deviceId.length > 300) {
      throw new HistoryError('invalid-input', 'a device id is 1 to 300 characters');
    }
    if (!Number.isFinite(at)) throw new HistoryError('invalid-input', `sample time must be a finite number, got ${at}`);
    const t = Math.round(at);
    if (t < tierReach('raw', this.now(), this.retention)) {
      this.dropped++;
      return false;
    }
    const previous = this.counters.get(deviceId) ?? {};
    const next: Counters = {};
    for (const key of ['accepted', 'rejected', 'hwErrors'] as const) {
      const v = finiteOrUndefined(sample[key]);
      next[key] = v ?? previous[key];
    }
    this.counters.set(deviceId, next);
    const values = [
      ...GAUGES.map((g) => finiteOrUndefined(sample[g.key]) ?? null),
      ...COUNTS.map((c) => counterDelta(previous[c.key], finiteOrUndefined(sample[c.key])) ?? null),
    ];
    this.pending.push({ deviceId, at: t, values });
    if (this.pending.length >= this.maxPending) this.flushInBackground();
    else this.timer ??= setTimeout(() => this.flushInBackground(), this.flushDelayMs).unref();
    return true;
  }

  /**
   * Commits queued samples in one transaction, then keeps the roll-ups and
   * retention current. Returns how many samples were written. Throws
   * HistoryError('storage') when SQLite refuses; samples stay queued.
   */
  flush(): number {
    this.assertOpen();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.length > 0) {
      try {
        this.db.transaction(() => {
          for (const p of batch) this.insertRaw.run(this.deviceNumber(p.deviceId, true), p.at, ...p.values);
        })();
        // Late samples for minutes already rolled up get those minutes rolled up again.
        const mark = this.rollup.minuteMark();
        const oldest = batch.reduce((min, p) => Math.min(min, p.at), Number.POSITIVE_INFINITY);
        if (mark !== undefined && oldest < mark) this.rollup.invalidateFrom(oldest);
      } catch (error) {
        // A failed transaction may have cached device numbers it then rolled back.
        this.deviceIds.clear();
        throw storageError('writing history', error);
      }
      this.pending = this.pending.slice(batch.length);
    }
    this.maintain();
    return batch.length;
  }

  /** Rolls up closed minutes and hours now (flush does this too). */
  rollUp(): boolean {
    this.assertOpen();
    try {
      return this.rollup.run(this.now(), tierReach('raw', this.now(), this.retention));
    } catch (error) {
      throw storageError('rolling up history', error);
    }
  }

  /** Recomputes roll-ups from `from` on the next roll-up: after importing rows. */
  invalidateRollups(from: number): void {
    this.rollup.invalidateFrom(from);
  }

  /** Deletes up to `budget` rows past retention. */
  prune(budget = this.pruneBudget): PruneResult {
    this.assertOpen();
    try {
      const result = this.pruner.prune(
        this.now(),
        this.retention,
        { minute: this.rollup.minuteMark(), hour: this.rollup.hourMark() },
        budget,
      );
      this.lastPruneAt = result.more ? Number.NEGATIVE_INFINITY : this.now();
      return result;
    } catch (error) {
      throw storageError('pruning history', error);
    }
  }

  setRetention(retention: HistoryRetention): void {
    this.retention = parseInput(HistoryRetentionSchema, retention, 'retention');
    this.lastPruneAt = Number.NEGATIVE_INFINITY;
  }

  getRetention(): HistoryRetention {
    return { ...this.retention };
  }

  /** A chart's points: at most maxPoints, from the coarsest table that fits (see plan.ts). */
  query(input: HistoryQuery): HistorySeries {
    this.assertOpen();
    const q = parseInput(HistoryQuerySchema, input, 'history query');
    const now = this.now();
    const fleet = q.target === 'fleet';
    const device = q.target === 'fleet' ? FLEET_DEVICE : this.deviceNumber(q.target.deviceId, false);
    // `to` is exclusive: a poll stamped this very millisecond belongs in the chart.
    const to = q.to ?? now + 1;
    const from = this.rangeStart(q, device, to);
    const plan = planQuery({ from, to, maxPoints: q.maxPoints ?? DEFAULT_CHART_POINTS, now, retention: this.retention, fleet });
    const marks = { minute: this.rollup.minuteMark(), hour: this.rollup.hourMark() };
    const rows =
      device === undefined
        ? []
        : mergeBuckets(
            segments(plan, { from, to }, marks, fleet).flatMap((s) =>
              this.buckets[s.tier].all({ w: plan.bucketMs, device, from: s.from, to: s.to }),
            ),
          );
    return { target: q.target, from, to, tier: plan.tier, bucketMs: plan.bucketMs, ...toSeries(q.metrics, rows) };
  }

  addEvent(event: NewEvent): EventRecord {
    this.assertOpen();
    return this.guard('saving an event', () => this.events.add(event));
  }

  /** Newest first; at most filter.limit (default 200). */
  listEvents(filter: EventFilter = {}): EventRecord[] {
    this.assertOpen();
    return this.guard('reading events', () => this.events.list(filter));
  }

  addShare(share: NewShare): void {
    this.assertOpen();
    this.guard('saving a share', () => this.events.addShare(share));
  }

  shareTotals(deviceId: string, since: number): ReturnType<EventLog['shareTotals']> {
    this.assertOpen();
    return this.guard('reading shares', () => this.events.shareTotals(deviceId, since));
  }

  stats(): HistoryStats {
    this.assertOpen();
    const count = (table: string) => (this.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const size = (file: string) => {
      try {
        return statSync(file).size;
      } catch {
        return 0;
      }
    };
    const stats: HistoryStats = {
      path: this.path,
      schemaVersion: LATEST_VERSION,
      bytes: size(this.path) + size(`${this.path}-wal`),
      rows: {
        samples: count('samples'),
        rollup1m: count('rollup_1m'),
        rollup1h: count('rollup_1h'),
        events: count('events'),
        shares: count('shares'),
      },
      pending: this.pending.length,
      dropped: this.dropped,
    };
    if (this.lastError) stats.lastError = this.lastError.message;
    return stats;
  }

  /** Commits what is queued and closes the file. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    try {
      this.flush();
    } finally {
      this.closed = true;
      this.db.close();
    }
  }

  private rangeStart(q: HistoryQuery, device: number | undefined, to: number): number {
    if (q.range === undefined) return q.from ?? to;
    if (q.range !== 'all') return to - RANGE_MS[q.range];
    if (device === undefined) return to;
    const tiers: HistoryTier[] = ['1h', '1m', 'raw'];
    const oldest = tiers.map((tier) => this.oldest[tier].get(device)?.t ?? null).filter((t): t is number => t !== null);
    return oldest.length > 0 ? Math.min(...oldest) : to - HOUR_MS;
  }

  private deviceNumber(deviceId: string, create: true): number;
  private deviceNumber(deviceId: string, create: false): number | undefined;
  private deviceNumber(deviceId: string, create: boolean): number | undefined {
    const known = this.deviceIds.get(deviceId);
    if (known !== undefined) return known;
    if (create) this.insertDevice.run(deviceId);
    const id = this.deviceIdOf.get(deviceId)?.id;
    if (id !== undefined) this.deviceIds.set(deviceId, id);
    return id;
  }

  private maintain(): void {
    this.rollUp();
    if (this.now() - this.lastPruneAt >= PRUNE_EVERY_MS) this.prune();
  }

  private flushInBackground(): void {
    try {
      this.flush();
      this.lastError = undefined;
    } catch (error) {
      const failure = storageError('writing history', error);
      this.lastError = failure;
      // Keep the newest samples while the disk refuses: the oldest matter least.
      const excess = this.pending.length - this.maxPending;
      if (excess > 0) {
        this.pending = this.pending.slice(excess);
        this.dropped += excess;
      }
      this.onError?.(failure);
    }
  }

  private guard<T>(what: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw storageError(what, error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new HistoryError('closed', 'the history store is closed');
  }
}
