// The history feature: opens the SQLite store when the service starts,
// records every snapshot the monitor produces, commits each poll round, and
// answers chart, CSV and event requests. The store itself (tiers, roll-ups,
// retention, figures) is electron/core/history; docs/history.md.
//
// History is never fatal: when the store cannot open (native module missing,
// a file from a newer Hearth), the app runs on and history.status says why.
import type { EventFilter, EventRecord, HistoryChartParams, HistorySeries, NewEvent, historyRequests } from '../../contract/history.js';
import { DEFAULT_HISTORY_RETENTION } from '../../contract/history.js';
import { eventsToCsv, seriesToCsv } from '../history/csv.js';
import { HistoryError } from '../history/errors.js';
import { openHistory } from '../history/open.js';
import { sampleFromSnapshot } from '../history/sample.js';
import type { HistoryStore, HistoryStoreOptions } from '../history/store.js';
import { ApiRequestError } from './errors.js';
import type { Feature, ServiceContext } from './feature.js';

/**
 * Polls of one round finish within this of each other: the monitor starts
 * polls on a 100 ms grid, so one commit covers the round. A kill therefore
 * loses at most the round in flight (docs/history.md, "Durability").
 */
export const ROUND_GATHER_MS = 100;
/** Roll-ups and pruning also run while nothing is polled (paused, empty fleet). */
export const MAINTENANCE_MS = 60_000;
/** Charts ask for at most this many points (30 days stays on hourly rows: docs/history.md, bench). */
export const DEFAULT_UI_POINTS = 1000;

export interface HistoryFeatureOptions {
  /** Store options: the folder of Electron builds (set by the Electron main), and tuning for tests (clock, flush delay, a broken native module). */
  store?: Omit<HistoryStoreOptions, 'onError'>;
  maintenanceMs?: number;
}

/** What other features (alerts) may do with the event history. */
export interface EventJournal {
  /** Saves an event; undefined when history is unavailable (the failure is logged). */
  add(event: NewEvent): EventRecord | undefined;
  /** Newest first; empty when history is unavailable. */
  list(filter: EventFilter): EventRecord[];
}

export interface HistoryFeature extends Feature<typeof historyRequests> {
  events: EventJournal;
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 80);
}

function stamp(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** e.g. "hearth-127.0.1.1_4028-ghs-24h-20261201-0527.csv" */
export function chartFileName(p: HistoryChartParams, at: number): string {
  const target = p.target === 'fleet' ? 'fleet' : safeName(p.target.deviceId);
  return `hearth-${target}-${p.metrics.map(safeName).join('_')}-${p.range}-${stamp(at)}.csv`;
}

function asApiError(error: unknown): unknown {
  if (!(error instanceof HistoryError)) return error;
  return new ApiRequestError(error.kind === 'invalid-input' ? 'invalid-params' : 'internal', error.message, { kind: error.kind });
}

export function createHistoryFeature(ctx: ServiceContext, opts: HistoryFeatureOptions = {}): HistoryFeature {
  const opened = openHistory(ctx.dataDir, {
    ...opts.store,
    onError: (error) => ctx.log(`hearth: history: ${error.message}`),
  });
  for (const p of opened.problems) ctx.log(`hearth: ${p.file} could not be used (${p.reason}); it was kept as ${p.movedTo}`);
  const store: HistoryStore | undefined = opened.store;
  const unavailable = opened.error ? `history is unavailable: ${opened.error.message}` : undefined;
  if (unavailable) ctx.log(`hearth: ${unavailable}`);

  let roundTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const commit = (): void => {
    roundTimer = undefined;
    if (!store || closed) return;
    try {
      store.flush();
    } catch (error) {
      // Samples stay queued in the store and go with the next round.
      ctx.log(`hearth: history: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const stopPolls = ctx.monitor.onPoll((poll) => {
    if (!store || closed || !poll.snapshot) return;
    try {
      store.record(poll.id, sampleFromSnapshot(poll.snapshot), poll.snapshot.takenAt);
    } catch (error) {
      ctx.log(`hearth: history: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    roundTimer ??= setTimeout(commit, ROUND_GATHER_MS);
    roundTimer.unref();
  });
  const maintenance = store ? setInterval(commit, opts.maintenanceMs ?? MAINTENANCE_MS) : undefined;
  maintenance?.unref();

  const need = (): HistoryStore => {
    if (!store) throw new ApiRequestError('internal', unavailable ?? 'history is unavailable', { kind: 'unavailable' });
    if (closed) throw new ApiRequestError('internal', 'the service is shutting down');
    return store;
  };
  const query = (p: HistoryChartParams): HistorySeries => {
    try {
      return need().query({ target: p.target, metrics: p.metrics, range: p.range, maxPoints: p.maxPoints ?? DEFAULT_UI_POINTS });
    } catch (error) {
      throw asApiError(error);
    }
  };
  const listEvents = (filter: EventFilter): EventRecord[] => {
    try {
      return need().listEvents(filter);
    } catch (error) {
      throw asApiError(error);
    }
  };

  const events: EventJournal = {
    add(event) {
      if (!store || closed) return undefined;
      try {
        return store.addEvent(event);
      } catch (error) {
        ctx.log(`hearth: history: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
    },
    list(filter) {
      if (!store || closed) return [];
      try {
        return store.listEvents(filter);
      } catch (error) {
        ctx.log(`hearth: history: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      }
    },
  };

  return {
    events,
    handlers: {
      'history.query': async (p) => query(p),
      'history.csv': async (p) => ({ fileName: chartFileName(p, Date.now()), csv: seriesToCsv(query(p)) }),
      'history.status': async () => {
        if (!store) return { available: false, reason: unavailable ?? 'history is unavailable', retention: DEFAULT_HISTORY_RETENTION };
        const stats = need().stats();
        return {
          available: true,
          bytes: stats.bytes,
          rows: stats.rows,
          retention: store.getRetention(),
          ...(stats.lastError === undefined ? {} : { lastError: stats.lastError }),
        };
      },
      'events.list': async (filter) => listEvents(filter),
      'events.csv': async (filter) => ({ fileName: `hearth-events-${stamp(Date.now())}.csv`, csv: eventsToCsv(listEvents(filter)) }),
    },
    close() {
      if (closed) return;
      stopPolls();
      clearTimeout(roundTimer);
      clearInterval(maintenance);
      // Commits what is queued: a clean quit loses nothing.
      try {
        store?.close();
      } catch (error) {
        ctx.log(`hearth: history: ${error instanceof Error ? error.message : String(error)}`);
      }
      closed = true;
    },
  };
}
