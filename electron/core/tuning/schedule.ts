// Weekly schedules in the user's time zone, and the scheduler that applies
// them while Hearth runs. Rules name a local wall-clock time; on a
// spring-forward day a time inside the gap runs once at the first valid
// instant after it, and on a fall-back day a repeated time runs once, at its
// first occurrence.
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import type { AuditEntry, ChangeRequest, ChangeResult, NextChange, Schedule, ScheduleAction } from '../../contract/tuning.js';
import type { AvalonModel } from '../avalon/models.js';
import { auditEntryFor } from './audit.js';
import { controlMatches, readControl } from './controls.js';
import { said, tuningText } from './messages.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---- time zone arithmetic ------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time at `t` in `timeZone`, written as if it were UTC (ms). */
function wallMs(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function offsetAt(t: number, timeZone: string): number {
  return wallMs(t, timeZone) - Math.floor(t / 1000) * 1000;
}

/**
 * The instant a local wall-clock time occurs in `timeZone`: its first
 * occurrence when the clock repeats it, or the first valid instant after it
 * when the clock skips it.
 */
export function localToInstant(wall: number, timeZone: string): number {
  // Zones change offset at most once within a few hours, so the offsets a
  // day and a half either side cover every candidate.
  const offsets = [...new Set([offsetAt(wall - 36 * HOUR, timeZone), offsetAt(wall + 36 * HOUR, timeZone)])];
  const valid = offsets.map((o) => wall - o).filter((t) => wallMs(t, timeZone) === wall);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the first minute whose wall time is at or past the target.
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return wallMs(lo, timeZone) >= wall ? lo : hi;
}

// ---- occurrences ------------------------------------------------------------------

export interface Occurrence {
  at: number;
  action: ScheduleAction;
  ruleIndex: number;
}

function parseTime(at: string): { h: number; m: number } {
  const [h, m] = at.split(':').map(Number);
  return { h: h ?? 0, m: m ?? 0 };
}

/** Rule occurrences with from < at <= to, in time order (rules later in the list last on ties). */
export function occurrencesBetween(schedule: Schedule, from: number, to: number): Occurrence[] {
  const tz = schedule.timeZone;
  const out: Occurrence[] = [];
  // Local dates from the day before `from` to the day after `to` (occurrences near midnight can cross).
  const first = wallMs(from, tz) - DAY;
  const last = wallMs(to, tz) + DAY;
  for (let day = Math.floor(first / DAY) * DAY; day <= last; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    schedule.rules.forEach((rule, ruleIndex) => {
      if (!rule.days.includes(weekday)) return;
      const { h, m } = parseTime(rule.at);
      const at = localToInstant(day + h * HOUR + m * MINUTE, tz);
      if (at > from && at <= to) out.push({ at, action: rule.action, ruleIndex });
    });
  }
  return out.sort((a, b) => a.at - b.at || a.ruleIndex - b.ruleIndex);
}

/** The action in force at `instant`: the last rule occurrence at or before it (within a week). */
export function modeAt(schedule: Schedule, instant: number): Occurrence | undefined {
  return occurrencesBetween(schedule, instant - 8 * DAY, instant).at(-1);
}

function sameAction(a: ScheduleAction | undefined, b: ScheduleAction): boolean {
  if (a === undefined || a.control !== b.control) return false;
  return !('value' in a) || !('value' in b) || a.value === b.value;
}

/** The next boundary after `instant` whose action differs from the one in force before it. */
export function nextChange(schedule: Schedule, instant: number): NextChange | undefined {
  if (!schedule.enabled) return undefined;
  for (const occ of occurrencesBetween(schedule, instant, instant + 8 * DAY)) {
    if (!sameAction(modeAt(schedule, occ.at - 1)?.action, occ.action)) return { at: occ.at, action: occ.action, scheduleId: schedule.id };
  }
  return undefined;
}

/** The earliest next change among the schedules that drive a device. */
export function nextChangeForDevice(schedules: readonly Schedule[], deviceId: string, instant: number): NextChange | undefined {
  let best: NextChange | undefined;
  for (const s of schedules) {
    if (!s.deviceIds.includes(deviceId)) continue;
    const n = nextChange(s, instant);
    if (n !== undefined && (best === undefined || n.at < best.at)) best = n;
  }
  return best;
}

export function actionRequest(action: ScheduleAction): ChangeRequest {
  // A schedule the user set counts as their confirmation.
  return action.control === 'workmode' || action.control === 'worklevel'
    ? { kind: 'control', control: action.control, value: action.value, confirmed: true }
    : { kind: 'control', control: action.control, value: null, confirmed: true };
}

// ---- the scheduler ----------------------------------------------------------------

export interface SchedulerTimer {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface ScheduledDevice {
  model: AvalonModel;
}

export interface SchedulerDeps {
  now: () => number;
  timer: SchedulerTimer;
  schedules: () => readonly Schedule[];
  device: (deviceId: string) => ScheduledDevice | undefined;
  /**
   * Runs `work` while no other change of the device runs (the service's
   * per-device queue), so a user's change cannot land between the read that
   * decides and the scheduled command.
   */
  exclusive: <T>(deviceId: string, work: () => Promise<T>) => Promise<T>;
  /** A fresh read-only poll of the device (the read-back path); rejects when it does not answer. */
  read: (deviceId: string) => Promise<DeviceSnapshot>;
  /** applyChange bound to the device (target, read-back), with `before` the fresh read; runs inside `exclusive`, so it must not queue itself. */
  apply: (deviceId: string, model: AvalonModel, request: ChangeRequest, before: DeviceSnapshot) => Promise<ChangeResult>;
  audit: { append(entry: AuditEntry): Promise<void> };
  onError?: (err: unknown) => void;
}

/** Longest sleep between checks, so a changed system clock or zone rule is noticed within the hour. */
const MAX_SLEEP_MS = HOUR;

export const realTimer: SchedulerTimer = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Scheduler {
  private readonly deps: SchedulerDeps;
  private handle: unknown;
  private lastRun = 0;
  private running: Promise<void> = Promise.resolve();
  private started = false;

  constructor(deps: SchedulerDeps) {
    this.deps = deps;
  }

  /** Starts from now: boundaries already past are not replayed, so starting Hearth sends nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.lastRun = this.deps.now();
    this.arm();
  }

  stop(): void {
    this.started = false;
    if (this.handle !== undefined) this.deps.timer.clear(this.handle);
    this.handle = undefined;
  }

  /** Call after schedules were added, edited or removed. */
  reschedule(): void {
    if (this.started) this.arm();
  }

  /** The next instant the scheduler will wake, for tests and the UI. */
  nextWakeAt(): number | undefined {
    const now = this.deps.now();
    let next: number | undefined;
    for (const s of this.deps.schedules()) {
      if (!s.enabled) continue;
      const at = occurrencesBetween(s, now, now + 8 * DAY)[0]?.at;
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    return next;
  }

  /** Applies every boundary passed since the last run; runs are serialised. */
  runDue(): Promise<void> {
    const run = this.running.then(() => this.runOnce());
    this.running = run.catch((err: unknown) => this.deps.onError?.(err));
    return run;
  }

  private async runOnce(): Promise<void> {
    const now = this.deps.now();
    const from = this.lastRun;
    this.lastRun = now;
    try {
      const work: Promise<void>[] = [];
      for (const s of this.deps.schedules()) {
        if (!s.enabled) continue;
        const due = occurrencesBetween(s, from, now).at(-1);
        if (due === undefined) continue;
        for (const deviceId of s.deviceIds) work.push(this.applyTo(s, deviceId, due.action));
      }
      await Promise.all(work);
    } finally {
      if (this.started) this.arm();
    }
  }

  private async applyTo(schedule: Schedule, deviceId: string, action: ScheduleAction): Promise<void> {
    const device = this.deps.device(deviceId);
    if (device === undefined) return;
    const request = actionRequest(action);
    if (request.kind !== 'control') return;
    const result = await this.deps.exclusive(deviceId, () => this.changeUnlessShown(deviceId, device.model, request));
    if (result === undefined) return;
    await this.deps.audit.append(
      auditEntryFor({ at: this.deps.now(), deviceId, modelId: device.model.id, who: 'schedule', request, result, scheduleId: schedule.id }),
    );
  }

  /**
   * Sends the change unless the device shows it already; undefined when it
   * does. The decision rests on a read made now, never on the monitor's last
   * poll: a change by hand since that poll would make it wrong either way.
   * Without an answer nothing is sent, and the result says why.
   */
  private async changeUnlessShown(
    deviceId: string,
    model: AvalonModel,
    request: Extract<ChangeRequest, { kind: 'control' }>,
  ): Promise<ChangeResult | undefined> {
    let current: DeviceSnapshot;
    try {
      current = await this.deps.read(deviceId);
    } catch (err) {
      return { status: 'unreachable', ...said(tuningText('tune.pollFailed', { message: errorText(err) })) };
    }
    if (controlMatches(model, request.control, request.value, readControl(model, request.control, current)) === true) return undefined;
    try {
      return await this.deps.apply(deviceId, model, request, current);
    } catch (err) {
      return { status: 'not-applied', ...said(tuningText('tune.internalError', { message: errorText(err) })) };
    }
  }

  private arm(): void {
    if (this.handle !== undefined) this.deps.timer.clear(this.handle);
    const now = this.deps.now();
    const next = this.nextWakeAt();
    const delay = next === undefined ? MAX_SLEEP_MS : Math.min(Math.max(0, next - now), MAX_SLEEP_MS);
    this.handle = this.deps.timer.set(() => {
      this.handle = undefined;
      void this.runDue();
    }, delay);
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
