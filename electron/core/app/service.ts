// The service behind the contract: one object that both hosts (the Electron
// main process and the headless server) call with untrusted method names and
// parameters. Everything is validated here against the contract's schemas, so
// the hosts only move messages.
import { EventEmitter } from 'node:events';
import {
  requests,
  type AppInfo,
  type EventName,
  type EventPayload,
  type RequestMethod,
  type Settings,
} from '../../contract/api.js';
import type { DeviceRecord, FleetDevice } from '../../contract/fleet.js';
import { query } from '../cgminer-api/client.js';
import { CgminerError, CgminerRequestError } from '../cgminer-api/errors.js';
import { AddressError, deviceId } from '../fleet/address.js';
import { FleetDeltaFeed } from '../fleet/delta.js';
import { FleetMonitor } from '../fleet/monitor.js';
import { DeviceRegistry, RegistryError } from '../fleet/registry.js';
import type { StorageProblem } from '../storage/json-file.js';
import { formatZodError } from '../storage/zod-message.js';
import { startDemoFleet, type DemoFleet } from './demo.js';
import { DiscoverySessions } from './discovery-sessions.js';
import { createDiagnosticsFeature, type DiagnosticsOptions } from './diagnostics.js';
import { createEarningsFeature, type EarningsFeatureOptions } from './earnings.js';
import { createTuningFeature, type TuningFeatureOptions } from './tuning.js';
import { createUsbFeature, type UsbFeatureOptions } from './usb.js';
import { createHistoryFeature, type HistoryFeatureOptions } from './history.js';
import { createAlertsFeature, type AlertsFeatureOptions } from './alerts.js';
import { createHeadlessSecretStore, SECRETS_FILE, type SecretStore } from '../alerts/secret-store.js';
import { join } from 'node:path';
import { ApiRequestError } from './errors.js';
import type { Feature, HandlersFor, ServiceContext } from './feature.js';
import { SettingsStore } from './settings.js';

export interface HearthServiceOptions {
  /** Where devices.json and settings.json live (created when missing). */
  dataDir: string;
  host: 'electron' | 'server';
  /**
   * Start simulated devices and add them to the fleet (never saved). `true` =
   * 12 devices on 127.0.1.1 and up; `base` moves them (tests use their own block).
   */
  demo?: boolean | { count: number; base?: string };
  version: string;
  /** The language until the user picks one (Electron: the OS locale); default English. */
  language?: Settings['language'];
  /** Where notices go (files moved aside, demo fallbacks). Default: console.warn. */
  log?: (message: string) => void;
  /** Scan tuning, mainly for tests. */
  discovery?: { concurrency?: number; timeoutMs?: number; subnets?: () => string[] };
  /** Monitor tuning, mainly for tests (the interval itself is a setting). */
  monitor?: { maxBackoffMs?: number; emitThrottleMs?: number; startGapMs?: number };
  /** Earnings: fixed market sources (tests use a loopback server), refresh interval, HTTP limits. */
  earnings?: Omit<EarningsFeatureOptions, 'demo'>;
  /** Read-back timings and the scheduler's clock, mainly for tests. */
  tuning?: TuningFeatureOptions;
  /** The startup bundle (`hearth open`), the log folder, probe budgets. */
  diagnostics?: DiagnosticsOptions;
  /** USB sticks: the bus to watch instead of this machine's (tests), timings. */
  usb?: Omit<UsbFeatureOptions, 'demo' | 'secrets'>;
  /** Stored history: where the Electron build of its native module is (Electron main), store tuning (tests). */
  history?: HistoryFeatureOptions;
  /**
   * Where webhook tokens live, and USB pool passwords when it seals with the
   * OS key. Electron passes the OS-sealed store; `hearth serve` the headless
   * one. Default: a store that refuses to save tokens.
   */
  secrets?: SecretStore;
  /** Alerts: webhook timings and the evaluation timer, mainly for tests. */
  alerts?: Omit<AlertsFeatureOptions, 'secrets' | 'events'>;
}

export interface HearthService {
  /**
   * Runs one request. Rejects with ApiRequestError (use toApiError from
   * ./errors.js for the wire form): 'unknown-method', 'invalid-params' with
   * zod's message, 'not-found', 'device' (details: the DeviceError), or
   * 'internal'.
   */
  handle(method: string, params: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly info: AppInfo;
  /** Files found unusable at start and moved aside (also in app.info). */
  readonly storageProblems: readonly StorageProblem[];
  close(): Promise<void>;
}

export const DEFAULT_DEMO_COUNT = 12;
const RAW_TIMEOUT_MS = 5000;

type Handlers = HandlersFor<typeof requests>;

export async function createHearthService(opts: HearthServiceOptions): Promise<HearthService> {
  const log = opts.log ?? ((m: string) => console.warn(m));
  const [{ registry, problems: registryProblems }, { store: settings, problems: settingsProblems }] = await Promise.all([
    DeviceRegistry.open(opts.dataDir),
    SettingsStore.open(opts.dataDir, opts.language === undefined ? {} : { language: opts.language }),
  ]);
  const storageProblems = [...registryProblems, ...settingsProblems];
  for (const p of storageProblems) log(`hearth: ${p.file} could not be used (${p.reason}); it was kept as ${p.movedTo}`);

  const events = new EventEmitter();
  // One listener per open window or socket; more than ten is normal for a server.
  events.setMaxListeners(0);
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    events.emit(event, payload);
  };

  const monitor = new FleetMonitor({ pollIntervalMs: settings.get().pollIntervalMs, ...opts.monitor });
  const fleetFeed = new FleetDeltaFeed();
  const publishFleet = (fleet: readonly FleetDevice[]): void => {
    const delta = fleetFeed.advance(fleet);
    if (delta) emit('fleet.delta', delta);
  };
  monitor.onChange(publishFleet);
  for (const record of registry.list()) monitor.track(record);

  const discovery = new DiscoverySessions({
    isKnown: (host, port) => registry.get(deviceId(host, port)) !== undefined,
    emit: (progress) => emit('discovery.progress', progress),
    ...opts.discovery,
  });

  let demo: DemoFleet | undefined;
  if (opts.demo) {
    const count = opts.demo === true ? DEFAULT_DEMO_COUNT : opts.demo.count;
    const base = opts.demo === true ? undefined : opts.demo.base;
    try {
      demo = await startDemoFleet({ count, ...(base === undefined ? {} : { base }) }, log);
    } catch (err) {
      monitor.close();
      throw err;
    }
    for (const target of demo.targets) {
      if (registry.get(deviceId(target.host, target.port))) continue;
      monitor.track(await registry.add({ ...target, source: 'demo' }, { persist: false }));
    }
  }

  const info: AppInfo = {
    version: opts.version,
    host: opts.host,
    demo: demo !== undefined,
    platform: process.platform,
    ...(storageProblems.length > 0 ? { storageProblems } : {}),
  };

  const known = (id: string): DeviceRecord => {
    const record = registry.get(id);
    if (!record) throw new ApiRequestError('not-found', `no device ${id} in the fleet`);
    return record;
  };

  const addDevice = async (input: Parameters<DeviceRegistry['add']>[0]): Promise<DeviceRecord> => {
    const record = await registry.add(input);
    monitor.track(record);
    monitor.pollNow(record.id);
    return record;
  };

  const on: ServiceContext['on'] = (event, listener) => {
    const wrapped = listener as (payload: unknown) => void;
    events.on(event, wrapped);
    return () => events.off(event, wrapped);
  };
  const context: ServiceContext = { dataDir: opts.dataDir, version: opts.version, log, emit, on, registry, monitor, settings, known };
  // Each feature: one line here, one spread in `handlers` below.
  // Only close() is called through this list; the handlers are typed by their spreads below.
  const features: Pick<Feature<never>, 'close'>[] = [];
  const earnings = createEarningsFeature(context, { demo: demo !== undefined, ...opts.earnings });
  features.push(earnings);
  const tuning = createTuningFeature(context, opts.tuning);
  features.push(tuning);
  // Pool passwords are scrubbed by value from the log and bundles; the USB feature that holds them starts below.
  let poolPasswords = (): readonly string[] => [];
  const diagnostics = createDiagnosticsFeature(context, { ...opts.diagnostics, secrets: () => [...(opts.diagnostics?.secrets?.() ?? []), ...poolPasswords()] });
  features.push(diagnostics);
  const secrets = opts.secrets ?? createHeadlessSecretStore(join(opts.dataDir, SECRETS_FILE), { allowPlainFile: false });
  const usb = await createUsbFeature(context, { demo: demo !== undefined, secrets, ...opts.usb });
  poolPasswords = () => usb.passwords();
  features.push(usb);
  const history = createHistoryFeature(context, opts.history);
  const alerts = createAlertsFeature(context, {
    secrets,
    events: history.events,
    ...opts.alerts,
  });
  // Alerts close first: their last events go into history before it closes.
  features.push(alerts, history);

  const handlers: Handlers = {
    'app.info': async () => info,
    'settings.get': async () => settings.get(),
    'settings.set': async (patch) => {
      const next = await settings.set(patch);
      monitor.setPollInterval(next.pollIntervalMs);
      emit('settings.changed', next);
      return next;
    },
    'fleet.list': async () => monitor.list(),
    'fleet.sync': async () => {
      // Changes not announced yet go out first as a delta (before this answer),
      // so the answer is current and its seq covers everything in it.
      const devices = monitor.list();
      publishFleet(devices);
      return { seq: fleetFeed.seq, devices };
    },
    'device.get': async ({ id }) => {
      known(id);
      const device = monitor.get(id);
      if (!device) throw new ApiRequestError('not-found', `no device ${id} in the fleet`);
      return device;
    },
    'device.history': async ({ id, sinceMs }) => {
      known(id);
      return monitor.history(id, sinceMs) ?? [];
    },
    'device.add': async (p) => addDevice({ ...p, source: 'manual' }),
    'device.update': async ({ id, ...patch }) => {
      const record = await registry.update(id, patch);
      monitor.updateRecord(record);
      return record;
    },
    'device.remove': async ({ id }) => {
      const removed = await registry.remove(id);
      monitor.untrack(id);
      return { removed };
    },
    'device.raw': async ({ id, command, parameter }) => {
      const record = known(id);
      const reply = await query(record, command, parameter, { timeoutMs: RAW_TIMEOUT_MS });
      return { reply };
    },
    'fleet.pause': async ({ paused }) => {
      monitor.setPaused(paused);
      return { paused: monitor.isPaused };
    },
    'discovery.start': async ({ targets }) => discovery.start(targets),
    'discovery.cancel': async ({ scanId }) => ({ cancelled: discovery.cancel(scanId) }),
    'discovery.adopt': async ({ hosts }) => {
      const saved: DeviceRecord[] = [];
      for (const h of hosts) {
        const existing = registry.get(deviceId(h.host, h.port));
        saved.push(existing ?? (await addDevice({ host: h.host, port: h.port, source: 'scan' })));
      }
      return saved;
    },
    ...earnings.handlers,
    ...tuning.handlers,
    ...diagnostics.handlers,
    ...usb.handlers,
    ...history.handlers,
    ...alerts.handlers,
  };

  let closed = false;
  return {
    info,
    storageProblems,
    async handle(method, params) {
      if (closed) throw new ApiRequestError('internal', 'the service is shutting down');
      if (!Object.hasOwn(requests, method)) throw new ApiRequestError('unknown-method', `unknown method ${JSON.stringify(method).slice(0, 80)}`);
      const m = method as RequestMethod;
      const parsed = requests[m].params.safeParse(params ?? {});
      if (!parsed.success) throw new ApiRequestError('invalid-params', `${m}: ${formatZodError(parsed.error)}`);
      try {
        return await (handlers[m] as (p: unknown) => Promise<unknown>)(parsed.data);
      } catch (err) {
        throw asApiError(err);
      }
    },
    on,
    async close() {
      if (closed) return;
      closed = true;
      for (const feature of features) await feature.close?.();
      monitor.close();
      await discovery.close();
      await demo?.close();
      events.removeAllListeners();
    },
  };
}

/** Maps what the layers below throw to the contract's error codes. */
function asApiError(err: unknown): unknown {
  if (err instanceof ApiRequestError) return err;
  if (err instanceof AddressError) return new ApiRequestError('invalid-params', err.message);
  if (err instanceof RegistryError) {
    return err.kind === 'duplicate'
      ? new ApiRequestError('invalid-params', err.message, { reason: 'duplicate', id: err.id })
      : new ApiRequestError('not-found', err.message);
  }
  if (err instanceof CgminerError) return new ApiRequestError('device', err.message, err.toJSON());
  if (err instanceof CgminerRequestError) return new ApiRequestError('invalid-params', err.message);
  return err;
}
