// The tuning feature: per-device controls, changes with read-back, batches
// with progress events, the audit log and the weekly scheduler. A command
// that changes a device is sent only from tuning.apply / tuning.batch (the
// user's explicit action; interrupting changes carry `confirmed: true`) and
// from the schedules the user set. Rules: docs/tuning.md.
import { randomUUID } from 'node:crypto';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import type { AuditEntry, ChangeRequest, ChangeResult, DeviceControls, Observed, Schedule, tuningRequests } from '../../contract/tuning.js';
import { modelById, type AvalonModel } from '../avalon/models.js';
import { query, type CgminerTarget } from '../cgminer-api/client.js';
import { applyChange, type ApplyDeps } from '../tuning/apply.js';
import { AuditLog, auditEntryFor } from '../tuning/audit.js';
import { applyBatch, type BatchDevice } from '../tuning/batch.js';
import { availableControls, controlInfo, ControlValidationError, readControl, validateValue } from '../tuning/controls.js';
import { poolOperations } from '../tuning/pools.js';
import { readSnapshot } from '../tuning/read-back.js';
import { ScheduleStore, ScheduleValidationError } from '../tuning/schedule-store.js';
import { nextChangeForDevice, Scheduler, type SchedulerTimer } from '../tuning/schedule.js';
import { ApiRequestError } from './errors.js';
import type { Feature, ServiceContext } from './feature.js';

export interface TuningFeatureOptions {
  /** Read-back and reboot watch timings (applyChange's defaults otherwise); tests shorten them. */
  readBackTries?: number;
  readBackDelayMs?: number;
  rebootPollMs?: number;
  rebootTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Budget of one read-back poll. Default 5000 ms. */
  pollTimeoutMs?: number;
  /** Devices changed at the same time in a batch. Default 4. */
  batchConcurrency?: number;
  now?: () => number;
  timer?: SchedulerTimer;
}

type TuningFeature = Feature<typeof tuningRequests>;

const AUDIT_LIMIT = 200;

/** The scheduler's real timer; unref'd like the monitor's, so a service left open never keeps the process alive. */
const unrefTimer: SchedulerTimer = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createTuningFeature(ctx: ServiceContext, opts: TuningFeatureOptions = {}): TuningFeature {
  const now = opts.now ?? Date.now;
  const audit = new AuditLog(ctx.dataDir);
  const store = new ScheduleStore(ctx.dataDir);
  /** Changes of one device run one after another, so two never interleave their read-backs. */
  const deviceQueues = new Map<string, Promise<unknown>>();
  const batches = new Set<Promise<unknown>>();
  const closing = new AbortController();
  let closed = false;

  const record = async (entry: AuditEntry): Promise<void> => {
    await audit.append(entry);
    ctx.emit('tuning.audited', entry);
  };

  const latest = (id: string): DeviceSnapshot | undefined => ctx.monitor.get(id)?.snapshot;

  const modelOf = (snapshot: DeviceSnapshot | undefined): AvalonModel | undefined =>
    snapshot === undefined ? undefined : modelById(snapshot.identity.modelId);

  /** A fresh poll of the device, independent of the monitor's interval (read-only commands). */
  const readNow = (target: CgminerTarget): Promise<DeviceSnapshot> => readSnapshot(target, { timeoutMs: opts.pollTimeoutMs ?? 5000 });

  const depsFor = (target: CgminerTarget, before?: DeviceSnapshot): ApplyDeps => ({
    query,
    readBack: () => readNow(target),
    now,
    ...(before === undefined ? {} : { before }),
    ...(opts.readBackTries === undefined ? {} : { readBackTries: opts.readBackTries }),
    ...(opts.readBackDelayMs === undefined ? {} : { readBackDelayMs: opts.readBackDelayMs }),
    ...(opts.rebootPollMs === undefined ? {} : { rebootPollMs: opts.rebootPollMs }),
    ...(opts.rebootTimeoutMs === undefined ? {} : { rebootTimeoutMs: opts.rebootTimeoutMs }),
    ...(opts.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: opts.commandTimeoutMs }),
  });

  const serialised = <T>(id: string, run: () => Promise<T>): Promise<T> => {
    const previous = deviceQueues.get(id) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    deviceQueues.set(id, settled);
    void settled.then(() => {
      if (deviceQueues.get(id) === settled) deviceQueues.delete(id);
    });
    return next;
  };

  /**
   * One change, not queued: callers hold the device's queue. `before` is the
   * scheduler's fresh read; user changes poll the device first, so what they
   * report as "before" is current either way.
   */
  const sendNow = async (id: string, model: AvalonModel, request: ChangeRequest, before?: DeviceSnapshot): Promise<ChangeResult> => {
    const target = ctx.known(id);
    const result = await applyChange(target, model, request, depsFor(target, before));
    // Let the fleet view catch up with the change now rather than at its next poll.
    ctx.monitor.pollNow(id);
    return result;
  };

  const send = (id: string, model: AvalonModel, request: ChangeRequest): Promise<ChangeResult> => serialised(id, () => sendNow(id, model, request));

  /** A user's change (single or batch): the device is polled first, and anything sent is audited. */
  const applyForUser = async (id: string, model: AvalonModel, request: ChangeRequest): Promise<ChangeResult> => {
    const result = await send(id, model, request);
    if (result.status !== 'skipped') {
      await record(auditEntryFor({ at: now(), deviceId: id, modelId: model.id, who: 'user', request, result })).catch((err: unknown) =>
        ctx.log(`hearth: audit entry for ${id} not written: ${errorText(err)}`),
      );
    }
    return result;
  };

  /** The model from the latest snapshot, or from a fresh poll when the device was never polled. */
  const modelFor = async (id: string): Promise<AvalonModel | undefined> => {
    const known = modelOf(latest(id));
    if (known !== undefined) return known;
    try {
      return modelOf(await readNow(ctx.known(id)));
    } catch {
      return undefined;
    }
  };

  const scheduler = new Scheduler({
    now,
    timer: opts.timer ?? unrefTimer,
    schedules: () => store.list(),
    // The model only: whether the device is already in the scheduled state comes from `read`, made at the boundary.
    device: (id) => {
      const model = modelOf(latest(id));
      return model === undefined || ctx.registry.get(id) === undefined ? undefined : { model };
    },
    exclusive: serialised,
    read: async (id) => readNow(ctx.known(id)),
    // The scheduler audits its own attempts (who: 'schedule'); this path only applies.
    apply: sendNow,
    audit: { append: record },
    onError: (err) => ctx.log(`hearth: schedule run failed: ${errorText(err)}`),
  });

  const ready = store.load().then(
    (problems) => {
      for (const p of problems) ctx.log(`hearth: ${p.file} could not be used (${p.reason}); it was kept as ${p.movedTo}`);
      if (!closed) scheduler.start();
    },
    (err: unknown) => ctx.log(`hearth: schedules not loaded: ${errorText(err)}`),
  );

  const checkSchedule = (schedule: Schedule): void => {
    for (const id of schedule.deviceIds) {
      ctx.known(id);
      const model = modelOf(latest(id));
      if (model === undefined) continue; // checked again when it runs; the result is audited
      for (const rule of schedule.rules) {
        const info = controlInfo(model, rule.action.control);
        if (info === undefined) throw new ApiRequestError('invalid-params', `${id} (${model.displayName}) has no ${rule.action.control} control`);
        try {
          validateValue(info, 'value' in rule.action ? rule.action.value : null);
        } catch (err) {
          if (err instanceof ControlValidationError) throw new ApiRequestError('invalid-params', `${id}: ${err.message}`);
          throw err;
        }
      }
    }
  };

  return {
    handlers: {
      'tuning.controls': async ({ id }) => {
        ctx.known(id);
        await ready;
        const snapshot = latest(id);
        const model = modelOf(snapshot);
        const nextChange = nextChangeForDevice(store.list(), id, now());
        const base = nextChange === undefined ? {} : { nextChange };
        if (model === undefined || snapshot === undefined) return { modelId: snapshot?.identity.modelId ?? 'unknown', controls: [], poolOps: [], current: {}, ...base };
        const controls = availableControls(model);
        const current: Record<string, Observed> = {};
        for (const c of controls) {
          const value = readControl(model, c.control, snapshot);
          if (value !== undefined) current[c.control] = value;
        }
        const result: DeviceControls = { modelId: model.id, controls, poolOps: poolOperations(model), current, ...base };
        return result;
      },
      'tuning.apply': async ({ id, request }) => {
        ctx.known(id);
        const model = await modelFor(id);
        if (model === undefined) return { status: 'skipped', skipReason: 'unknown-model', message: 'not sent: the device model is unknown (it has not answered a poll)' };
        return applyForUser(id, model, request);
      },
      'tuning.batch': async ({ ids, request }) => {
        if (closed) throw new ApiRequestError('internal', 'the service is shutting down');
        const batchId = randomUUID();
        const devices: BatchDevice[] = ids.map((deviceId) => ({
          deviceId,
          model: ctx.registry.get(deviceId) === undefined ? undefined : modelOf(latest(deviceId)),
        }));
        const run = applyBatch(devices, request, (device, req) => applyForUser(device.deviceId, device.model, req), {
          concurrency: opts.batchConcurrency ?? 4,
          signal: closing.signal,
          onProgress: (progress) => ctx.emit('tuning.batchProgress', { ...progress, batchId }),
        }).catch((err: unknown) => ctx.log(`hearth: batch ${batchId} failed: ${errorText(err)}`));
        batches.add(run);
        void run.finally(() => batches.delete(run));
        return { batchId };
      },
      'tuning.audit': async ({ id, limit }) => {
        const { entries } = await audit.read({ ...(id === undefined ? {} : { deviceId: id }), limit: limit ?? AUDIT_LIMIT });
        return entries;
      },
      'schedules.list': async () => {
        await ready;
        return [...store.list()];
      },
      'schedules.put': async ({ schedule }) => {
        await ready;
        checkSchedule(schedule);
        try {
          await store.put(schedule);
        } catch (err) {
          if (err instanceof ScheduleValidationError) throw new ApiRequestError('invalid-params', err.message);
          throw err;
        }
        scheduler.reschedule();
        return schedule;
      },
      'schedules.remove': async ({ id }) => {
        await ready;
        const removed = await store.remove(id);
        scheduler.reschedule();
        return { removed };
      },
      'schedules.next': async ({ id }) => {
        ctx.known(id);
        await ready;
        const next = nextChangeForDevice(store.list(), id, now());
        return next === undefined ? {} : { next };
      },
    },
    async close() {
      closed = true;
      scheduler.stop();
      closing.abort();
      await ready;
      await Promise.all([...batches]);
      await Promise.all([...deviceQueues.values()]);
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
