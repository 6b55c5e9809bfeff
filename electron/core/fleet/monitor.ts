// Watches every device of the fleet. Each device has its own timer, so a slow
// or dead one never delays the others (there is no "round" to wait for), and
// at most one poll per device is in flight. Changes are announced at most
// once per `emitThrottleMs` with the whole (slim) fleet, so hundreds of
// devices cost a few events a second, not hundreds. Rules:
// docs/fleet-monitoring.md.
import type { DeviceRecord, DeviceStatus, FleetDevice, Sample } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import type { CgminerReply } from '../cgminer-api/client.js';
import { CgminerError } from '../cgminer-api/errors.js';
import { buildSnapshot } from '../avalon/snapshot.js';
import { historyCapacity, SampleRing } from './history.js';
import { pollFailure, requestPollReplies, type PollCommand, type PollReplies } from './poll-request.js';
import { DEFAULT_MAX_BACKOFF_MS, pollDelay, pollTimeout, statusAfterFailure } from './status.js';
import { sampleOf, slimDevice } from './views.js';

export interface MonitorOptions {
  pollIntervalMs: number;
  /** Cap of the offline back-off. Default 60 s. */
  maxBackoffMs?: number;
  /** Budget of one poll. Default: pollTimeout(interval), below the interval. */
  pollTimeoutMs?: number;
  /** Least time between two 'changed' notifications. Default 500 ms. */
  emitThrottleMs?: number;
  /**
   * Least time between the first polls of newly tracked devices. Default 10 ms:
   * 12 devices all answer within 0.1 s, and 500 loaded at once spread over
   * 5 s, so their polls stay evenly spaced instead of arriving in a burst
   * every interval.
   */
  startGapMs?: number;
  /** Wall clock for timestamps (takenAt, lastPollAt). */
  now?: () => number;
  /** Told about every finished poll (for measurements: bench/poll.ts). */
  onPollDone?: (poll: { id: string; ms: number; ok: boolean }) => void;
}

/** Poll starts are aligned to this grid (or a tenth of the interval, if less). */
const START_GRID_MS = 100;

export type FleetListener = (fleet: FleetDevice[]) => void;

/** One finished poll; `snapshot` is the new one when the device answered. */
export interface PollResult {
  id: string;
  ok: boolean;
  snapshot?: DeviceSnapshot;
}
export type PollListener = (poll: PollResult) => void;

interface DeviceState {
  record: DeviceRecord;
  status: DeviceStatus;
  lastError?: FleetDevice['lastError'];
  snapshot?: DeviceSnapshot;
  lastSuccessAt?: number;
  lastPollAt?: number;
  lastPollMs?: number;
  consecutiveFailures: number;
  /** Failed polls since the device went offline: the back-off exponent. */
  offlineStreak: number;
  /** The last `version` reply: identity does not change between reboots. */
  versionReply?: CgminerReply;
  needVersion: boolean;
  joined: boolean;
  statsCommand: 'estats' | 'stats';
  history: SampleRing;
  timer?: NodeJS.Timeout;
  inFlight?: AbortController;
  /** Cached slim view; cleared whenever anything above changes. */
  view?: FleetDevice;
}

export class FleetMonitor {
  private intervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly fixedTimeoutMs: number | undefined;
  private readonly emitThrottleMs: number;
  private readonly startGapMs: number;
  /** performance.now() of the next free first-poll slot. */
  private nextStartAt = 0;
  private readonly now: () => number;
  private readonly onPollDone: MonitorOptions['onPollDone'];
  private readonly devices = new Map<string, DeviceState>();
  private readonly listeners = new Set<FleetListener>();
  private readonly pollListeners = new Set<PollListener>();
  private paused = false;
  private emitTimer: NodeJS.Timeout | undefined;
  private lastEmitAt = -Infinity;
  private closed = false;

  constructor(opts: MonitorOptions) {
    this.intervalMs = checkInterval(opts.pollIntervalMs);
    this.maxBackoffMs = opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    this.fixedTimeoutMs = opts.pollTimeoutMs;
    this.emitThrottleMs = opts.emitThrottleMs ?? 500;
    this.startGapMs = opts.startGapMs ?? 10;
    this.now = opts.now ?? Date.now;
    this.onPollDone = opts.onPollDone;
  }

  get pollIntervalMs(): number {
    return this.intervalMs;
  }

  /** Starts watching a device; its first poll comes in the next free start slot. */
  track(record: DeviceRecord): void {
    if (this.closed) throw new Error('monitor is closed');
    if (this.devices.has(record.id)) {
      this.updateRecord(record);
      return;
    }
    const state: DeviceState = {
      record,
      status: 'unknown',
      consecutiveFailures: 0,
      offlineStreak: 0,
      needVersion: true,
      joined: true,
      statsCommand: 'estats',
      history: new SampleRing(historyCapacity(this.intervalMs)),
    };
    this.devices.set(record.id, state);
    const now = performance.now();
    this.nextStartAt = Math.max(this.nextStartAt, now);
    this.schedule(state, this.nextStartAt - now);
    this.nextStartAt += this.startGapMs;
    this.changed(state);
  }

  /** Stops watching; a poll in flight is aborted. */
  untrack(id: string): boolean {
    const state = this.devices.get(id);
    if (!state) return false;
    this.stopDevice(state);
    this.devices.delete(id);
    this.markDirty();
    return true;
  }

  /** New nickname/location for a tracked device. */
  updateRecord(record: DeviceRecord): void {
    const state = this.devices.get(record.id);
    if (!state) return;
    state.record = record;
    this.changed(state);
  }

  /** Polls a device now unless a poll of it is already running. */
  pollNow(id: string): void {
    const state = this.devices.get(id);
    if (state && !state.inFlight && !this.closed) this.schedule(state, 0);
  }

  setPollInterval(ms: number): void {
    const next = checkInterval(ms);
    if (next === this.intervalMs) return;
    this.intervalMs = next;
    const capacity = historyCapacity(next);
    for (const state of this.devices.values()) {
      if (state.history.capacity !== capacity) state.history = state.history.resized(capacity);
      if (state.inFlight) continue; // it reschedules itself with the new interval
      const since = state.lastPollAt === undefined ? 0 : this.now() - state.lastPollAt;
      this.schedule(state, Math.max(0, this.delayFor(state) - since));
    }
  }

  /** The fleet as fleet events carry it: no raw replies or per-chip arrays. */
  list(): FleetDevice[] {
    const out: FleetDevice[] = [];
    for (const state of this.devices.values()) {
      state.view ??= slimDevice(this.fullView(state));
      out.push(state.view);
    }
    return out;
  }

  /** One device with its full last snapshot, raw replies included. */
  get(id: string): FleetDevice | undefined {
    const state = this.devices.get(id);
    return state ? this.fullView(state) : undefined;
  }

  history(id: string, sinceMs?: number): Sample[] | undefined {
    return this.devices.get(id)?.history.since(sinceMs);
  }

  /** Called after every finished poll of any device (the history store records each one). */
  onPoll(listener: PollListener): () => void {
    this.pollListeners.add(listener);
    return () => this.pollListeners.delete(listener);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Pauses (no new polls; those in flight finish) or resumes polling. On
   * resume every device is polled again in the usual start slots.
   */
  setPaused(paused: boolean): void {
    if (paused === this.paused || this.closed) return;
    this.paused = paused;
    if (paused) {
      for (const state of this.devices.values()) {
        clearTimeout(state.timer);
        state.timer = undefined;
      }
      return;
    }
    const now = performance.now();
    this.nextStartAt = Math.max(this.nextStartAt, now);
    for (const state of this.devices.values()) {
      if (state.inFlight) continue;
      this.schedule(state, this.nextStartAt - now);
      this.nextStartAt += this.startGapMs;
    }
  }

  /** Called with the whole slim fleet after changes, at most once per throttle window. */
  onChange(listener: FleetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    for (const state of this.devices.values()) this.stopDevice(state);
    clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    this.listeners.clear();
    this.pollListeners.clear();
  }

  private schedule(state: DeviceState, delayMs: number): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    if (this.paused) return;
    // Start times snap to a grid (nearest, so cadence does not drift): devices
    // due at about the same moment start in one timer wake-up, and their
    // replies arrive together. Fewer wake-ups cost measurably less CPU than
    // one per poll (bench/poll.ts), while the load stays spread.
    const grid = Math.min(START_GRID_MS, this.intervalMs / 10);
    const now = performance.now();
    const at = Math.max(now, Math.round((now + delayMs) / grid) * grid);
    state.timer = setTimeout(() => void this.poll(state), at - now);
    // The hosts keep the process alive; a forgotten monitor must not.
    state.timer.unref();
  }

  private stopDevice(state: DeviceState): void {
    clearTimeout(state.timer);
    state.timer = undefined;
    state.inFlight?.abort(new Error('stopped'));
    state.inFlight = undefined;
  }

  private async poll(state: DeviceState): Promise<void> {
    state.timer = undefined;
    if (state.inFlight || this.closed || this.paused) return;
    const controller = new AbortController();
    state.inFlight = controller;
    const startedAt = this.now();
    const started = performance.now();
    let outcome: { ok: true; replies: PollReplies } | { ok: false; error: unknown };
    try {
      const replies = await requestPollReplies(state.record, this.commandsFor(state), state.joined, {
        timeoutMs: this.fixedTimeoutMs ?? pollTimeout(this.intervalMs),
        signal: controller.signal,
      });
      outcome = { ok: true, replies };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // Untracked or closed meanwhile: the result belongs to nobody.
    if (controller.signal.aborted || this.devices.get(state.record.id) !== state) return;
    state.inFlight = undefined;
    const finishedAt = this.now();
    state.lastPollAt = finishedAt;
    const tookMs = performance.now() - started;
    state.lastPollMs = Math.round(tookMs);
    if (outcome.ok) this.applyReplies(state, outcome.replies, finishedAt);
    else this.applyFailure(state, outcome.error, finishedAt);
    const elapsed = finishedAt - startedAt;
    this.schedule(state, Math.max(0, this.delayFor(state) - elapsed));
    this.changed(state);
    const ok = state.status === 'online';
    this.onPollDone?.({ id: state.record.id, ms: tookMs, ok });
    const result: PollResult = ok && state.snapshot ? { id: state.record.id, ok, snapshot: state.snapshot } : { id: state.record.id, ok };
    for (const listener of this.pollListeners) {
      try {
        listener(result);
      } catch {
        // One failing listener must not stop the others or the poll loop.
      }
    }
  }

  private commandsFor(state: DeviceState): PollCommand[] {
    // After a failure the device may have rebooted into new firmware, or
    // another device may now answer at this address: ask who it is again.
    const version = state.needVersion || state.versionReply === undefined || state.consecutiveFailures > 0;
    return [...(version ? (['version'] as const) : []), 'summary', 'pools', state.statsCommand];
  }

  private applyReplies(state: DeviceState, result: PollReplies, at: number): void {
    const { replies, errors } = result;
    if (result.joinRejected) state.joined = false;
    if (replies.version) state.versionReply = replies.version;
    // A firmware without estats (E "Invalid command") gets plain stats from now on.
    if (errors.estats && state.statsCommand === 'estats') state.statsCommand = 'stats';
    const failure = pollFailure(result);
    if (failure) {
      this.applyFailure(state, failure, at);
      return;
    }
    const snapshot = buildSnapshot(
      {
        version: state.versionReply,
        summary: replies.summary,
        pools: replies.pools,
        estats: replies.estats,
        stats: replies.stats,
      },
      at,
    );
    const before = state.snapshot?.summary.elapsedS;
    const after = snapshot.summary.elapsedS;
    // Uptime went backwards: the device restarted. Read its version again.
    state.needVersion = before !== undefined && after !== undefined && after < before;
    state.snapshot = snapshot;
    state.status = 'online';
    delete state.lastError;
    state.lastSuccessAt = at;
    state.consecutiveFailures = 0;
    state.offlineStreak = 0;
    state.history.push(sampleOf(snapshot));
  }

  private applyFailure(state: DeviceState, error: unknown, at: number): void {
    state.consecutiveFailures++;
    state.lastError =
      error instanceof CgminerError ? error.toJSON() : { kind: 'invalid-reply', message: error instanceof Error ? error.message : String(error) };
    state.status = statusAfterFailure(state.lastSuccessAt, at, this.intervalMs);
    state.offlineStreak = state.status === 'offline' ? state.offlineStreak + 1 : 0;
  }

  private delayFor(state: DeviceState): number {
    return pollDelay(state.status, state.offlineStreak, this.intervalMs, this.maxBackoffMs);
  }

  private fullView(state: DeviceState): FleetDevice {
    const view: FleetDevice = { record: state.record, status: state.status, consecutiveFailures: state.consecutiveFailures };
    if (state.lastError) view.lastError = state.lastError;
    if (state.snapshot) view.snapshot = state.snapshot;
    if (state.lastSuccessAt !== undefined) view.lastSuccessAt = state.lastSuccessAt;
    if (state.lastPollAt !== undefined) view.lastPollAt = state.lastPollAt;
    if (state.lastPollMs !== undefined) view.lastPollMs = state.lastPollMs;
    return view;
  }

  private changed(state: DeviceState): void {
    state.view = undefined;
    this.markDirty();
  }

  private markDirty(): void {
    if (this.emitTimer || this.closed || this.listeners.size === 0) return;
    const wait = Math.max(0, this.lastEmitAt + this.emitThrottleMs - performance.now());
    this.emitTimer = setTimeout(() => this.emit(), wait);
    this.emitTimer.unref();
  }

  private emit(): void {
    this.emitTimer = undefined;
    this.lastEmitAt = performance.now();
    const fleet = this.list();
    for (const listener of this.listeners) {
      try {
        listener(fleet);
      } catch {
        // A failing listener (a closed window, a dead socket) must not stop the others.
      }
    }
  }
}

function checkInterval(ms: number): number {
  if (!Number.isFinite(ms) || ms < 50) throw new RangeError(`poll interval must be at least 50 ms, got ${ms}`);
  return Math.round(ms);
}
