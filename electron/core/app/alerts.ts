// The alerts feature: the alert engine fed on every fleet change and on a
// timer (so hold times elapse while nothing changes), each raise and clear
// written to the event history and pushed to the hosts (desktop
// notifications) and to the webhooks; the alerts still active at the last
// shutdown restored from the history; channel secrets kept in the host's
// SecretStore; and the optional Prometheus endpoint. Rules and defaults:
// docs/alerts.md.
import {
  AlertSchema,
  AlertSettingsSchema,
  SECRET_KEYS,
  type Alert,
  type AlertEvent,
  type AlertHistoryEntry,
  type AlertsSettingsView,
  type ChannelId,
  type MetricsSettings,
  type MetricsState,
  type alertsRequests,
} from '../../contract/alerts.js';
import type { EventRecord } from '../../contract/history.js';
import { AlertMonitor } from '../alerts/monitor.js';
import { AlertNotifier } from '../alerts/notifier.js';
import { QuietHoursError } from '../alerts/quiet-hours.js';
import { SecretStoreError, type SecretStore } from '../alerts/secret-store.js';
import { AlertSettingsStore } from '../alerts/settings-store.js';
import type { DeliveryOptions } from '../alerts/webhooks/http.js';
import { startMetricsServer, type MetricsServer } from '../metrics/server.js';
import { ApiRequestError } from './errors.js';
import type { Feature, ServiceContext } from './feature.js';
import type { EventJournal } from './history.js';

/** Hold and clear times elapse without fleet changes (a device that stays hot): evaluate at least this often. */
export const EVALUATE_EVERY_MS = 30_000;
/** How far back the active alerts are looked for at start. */
const RESTORE_WINDOW_MS = 90 * 86_400_000;
const ALERT_KINDS = ['alert.raised', 'alert.cleared'];
const CHANNELS: readonly ChannelId[] = ['telegram', 'discord', 'ntfy'];
/** Until the settings file is read (the monitor does not evaluate before then). */
const DEFAULT_ALERT_SETTINGS = AlertSettingsSchema.parse({});

export interface AlertsFeatureOptions {
  /** Where channel tokens live (Electron: OS-sealed; headless: refusing or a 0600 file). */
  secrets: SecretStore;
  /** The event history (the history feature's journal). */
  events: EventJournal;
  /** Webhook timings, mainly for tests. */
  delivery?: Partial<DeliveryOptions>;
  evaluateEveryMs?: number;
  /** Default zone for quiet hours until the user picks one. Default: this system's. */
  systemTimeZone?: string;
}

/** The raises not followed by their clear, from newest-first alert events. */
export function stillActive(records: readonly EventRecord[]): Alert[] {
  const cleared = new Set<string>();
  const active = new Map<string, Alert>();
  for (const record of records) {
    const parsed = AlertSchema.safeParse(record.data?.alert);
    if (!parsed.success) continue;
    if (record.kind === 'alert.cleared') cleared.add(parsed.data.id);
    else if (record.kind === 'alert.raised' && !cleared.has(parsed.data.id)) active.set(parsed.data.id, parsed.data);
  }
  return [...active.values()];
}

export function historyEntry(record: EventRecord): AlertHistoryEntry | undefined {
  const parsed = AlertSchema.safeParse(record.data?.alert);
  if (!parsed.success || (record.kind !== 'alert.raised' && record.kind !== 'alert.cleared')) return undefined;
  return { id: record.id, type: record.kind === 'alert.raised' ? 'raised' : 'cleared', at: record.at, alert: parsed.data };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAlertsFeature(ctx: ServiceContext, opts: AlertsFeatureOptions): Feature<typeof alertsRequests> {
  const systemZone = opts.systemTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const ready = AlertSettingsStore.open(ctx.dataDir, systemZone).then(({ store, problems }) => {
    for (const p of problems) ctx.log(`hearth: ${p.file} could not be used (${p.reason}); it was kept as ${p.movedTo}`);
    return store;
  });
  ready.catch((err: unknown) => ctx.log(`hearth: alerts could not start: ${errorText(err)}`));

  let settings: AlertSettingsStore | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let metrics: MetricsServer | undefined;
  let metricsState: MetricsState = { state: 'off' };
  let metricsChange: Promise<void> = Promise.resolve();
  let stopFleet: (() => void) | undefined;

  const restored = stillActive(opts.events.list({ kinds: ALERT_KINDS, since: Date.now() - RESTORE_WINDOW_MS, limit: 5000 }));
  const notifier: AlertNotifier = new AlertNotifier({
    getSettings: () => settings?.alerts() ?? DEFAULT_ALERT_SETTINGS,
    secrets: opts.secrets,
    countActive: (): number => monitor.active().length,
    ...(opts.delivery === undefined ? {} : { delivery: opts.delivery }),
    onStatus: (status) => ctx.emit('alerts.delivery', status),
  });
  const monitor = new AlertMonitor({
    getRules: () => settings?.alerts().rules ?? DEFAULT_ALERT_SETTINGS.rules,
    notifier,
    restore: restored,
    onNotifyError: (err) => ctx.log(`hearth: alert delivery: ${errorText(err)}`),
  });

  const record = (event: AlertEvent): void => {
    const { alert } = event;
    const message = event.type === 'cleared' ? `Cleared: ${alert.message}` : alert.message;
    opts.events.add({
      deviceId: alert.deviceId,
      at: Math.round(event.at),
      kind: `alert.${event.type}`,
      severity: alert.severity,
      message: message.slice(0, 1000),
      data: { alert },
    });
  };

  const evaluate = (): void => {
    if (closed || !settings) return;
    const events = monitor.update(ctx.monitor.list(), Date.now());
    if (events.length === 0) return;
    for (const event of events) record(event);
    ctx.emit('alerts.changed', {
      active: monitor.active(),
      events: events.map((e) => ({ ...e, desktop: e.type === 'raised' && notifier.shouldPush(e) })),
    });
  };

  const applyMetrics = (wanted: MetricsSettings): Promise<void> => {
    metricsChange = metricsChange.then(async () => {
      const running = metrics;
      metrics = undefined;
      await running?.close();
      metricsState = { state: 'off' };
      if (!wanted.enabled || closed) return;
      try {
        metrics = await startMetricsServer({
          host: wanted.host,
          port: wanted.port,
          allowNonLoopback: wanted.allowNonLoopback,
          getFleet: () => ctx.monitor.list(),
        });
        metricsState = { state: 'running', url: metrics.url };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        metricsState = { state: 'failed', error: code === 'EADDRINUSE' ? `port ${wanted.port} is in use; choose another` : errorText(err) };
        ctx.log(`hearth: metrics endpoint: ${metricsState.error ?? ''}`);
      }
    });
    return metricsChange;
  };

  void ready.then(async (store) => {
    if (closed) return;
    settings = store;
    notifier.start();
    stopFleet = ctx.monitor.onChange(() => evaluate());
    timer = setInterval(() => {
      if (!ctx.monitor.isPaused) evaluate();
    }, opts.evaluateEveryMs ?? EVALUATE_EVERY_MS);
    timer.unref();
    await applyMetrics(store.metrics());
  }, () => undefined);

  const store = async (): Promise<AlertSettingsStore> => {
    try {
      return await ready;
    } catch (err) {
      throw new ApiRequestError('internal', `alert settings could not be loaded: ${errorText(err)}`);
    }
  };

  const view = async (): Promise<AlertsSettingsView> => {
    const s = await store();
    await metricsChange;
    return { alerts: s.alerts(), metrics: s.metrics(), metricsState };
  };

  const secretsSet = async (): Promise<Record<ChannelId, boolean>> => {
    const out = { telegram: false, discord: false, ntfy: false };
    for (const channel of CHANNELS) {
      try {
        out[channel] = (await opts.secrets.get(SECRET_KEYS[channel])) !== undefined;
      } catch {
        // Stored but no longer readable (the OS key changed): it is there; a test send shows why it fails.
        out[channel] = true;
      }
    }
    return out;
  };

  return {
    handlers: {
      'alerts.overview': async () => {
        await store();
        return {
          active: monitor.active(),
          delivery: notifier.status(),
          secretsSet: await secretsSet(),
          secretProtection: opts.secrets.protection,
          quiet: notifier.isQuiet(),
        };
      },
      'alerts.settings.get': async () => view(),
      'alerts.settings.set': async (patch) => {
        const s = await store();
        const before = s.metrics();
        try {
          await s.set(patch);
        } catch (err) {
          if (err instanceof QuietHoursError) throw new ApiRequestError('invalid-params', err.message);
          throw err;
        }
        if (patch.metrics && JSON.stringify(patch.metrics) !== JSON.stringify(before)) await applyMetrics(s.metrics());
        // New thresholds apply at once, not at the next poll.
        evaluate();
        return view();
      },
      'alerts.secret.set': async ({ channel, value }) => {
        try {
          if (value === null) await opts.secrets.delete(SECRET_KEYS[channel]);
          else await opts.secrets.set(SECRET_KEYS[channel], value.trim());
        } catch (err) {
          if (err instanceof SecretStoreError) throw new ApiRequestError('invalid-params', err.message, { reason: err.code });
          throw err;
        }
        return { secretsSet: await secretsSet() };
      },
      'alerts.test': async ({ channel }) => {
        await store();
        const result = await notifier.testSend(channel);
        return {
          ok: result.ok,
          attempts: result.attempts,
          ...(result.httpStatus === undefined ? {} : { httpStatus: result.httpStatus }),
          ...(result.error === undefined ? {} : { error: result.error }),
        };
      },
      'alerts.history': async ({ deviceId, beforeId, limit }) =>
        opts.events
          .list({ kinds: ALERT_KINDS, limit: limit ?? 200, ...(deviceId === undefined ? {} : { deviceId }), ...(beforeId === undefined ? {} : { beforeId }) })
          .map(historyEntry)
          .filter((e): e is AlertHistoryEntry => e !== undefined),
    },
    async close() {
      closed = true;
      stopFleet?.();
      clearInterval(timer);
      notifier.stop();
      await metricsChange;
      await metrics?.close();
      metrics = undefined;
    },
  };
}
