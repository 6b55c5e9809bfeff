// Diagnostics in the service: user-started health checks with progress
// events, support bundles handed to the window as base64 (it cannot write
// files), bundles opened read-only in memory, and the app's structured log
// (device events, status changes, discovery, settings), which the log view
// queries. Rules: docs/diagnostics.md.
import { basename, join } from 'node:path';
import {
  MAX_UI_BUNDLE_BYTES,
  type DiagnosticsProgress,
  type DiagnosticsStep,
  type HealthReport,
  type NamedBundle,
  type diagnosticsRequests,
} from '../../contract/diagnostics.js';
import type { DeviceRecord } from '../../contract/fleet.js';
import { bundleFileName } from '../diagnostics/bundle/file-name.js';
import { BundleError } from '../diagnostics/bundle/errors.js';
import { exportSupportBundle } from '../diagnostics/bundle/export.js';
import { openSupportBundle } from '../diagnostics/bundle/read.js';
import { DeviceEventLog } from '../diagnostics/device-events.js';
import { JsonlLogger } from '../diagnostics/logging/logger.js';
import { readLogs } from '../diagnostics/logging/reader.js';
import { runHealthCheck, type HealthCheckOptions } from '../diagnostics/report.js';
import { AuditLog } from '../tuning/audit.js';
import { ApiRequestError } from './errors.js';
import type { Feature, ServiceContext } from './feature.js';

export interface DiagnosticsOptions {
  /** A bundle opened at start (`hearth open <file>`), offered to the window's bundle page. */
  startupBundle?: NamedBundle;
  /** Secrets the app knows (pool passwords), scrubbed by value from the log and from bundles. */
  secrets?: () => readonly string[];
  /** Budgets of the device reads and probes (tests shorten them). */
  health?: Pick<HealthCheckOptions, 'timeoutMs' | 'poolTimeoutMs'>;
  /** Where the log goes; default <dataDir>/logs. */
  logDir?: string;
}

/** Audit entries of one device put into its bundle. */
const AUDIT_LIMIT = 1000;

export type DiagnosticsFeature = Feature<typeof diagnosticsRequests> & { readonly logger: JsonlLogger };

export function createDiagnosticsFeature(ctx: ServiceContext, opts: DiagnosticsOptions = {}): DiagnosticsFeature {
  const logDir = opts.logDir ?? join(ctx.dataDir, 'logs');
  let reportedLogFailure = false;
  const logger = new JsonlLogger({
    dir: logDir,
    ...(opts.secrets === undefined ? {} : { secrets: opts.secrets }),
    onError: (err) => {
      // Once is enough: a full disk would otherwise repeat this on every poll.
      if (reportedLogFailure) return;
      reportedLogFailure = true;
      ctx.log(`hearth: cannot write the log in ${logDir}: ${err instanceof Error ? err.message : String(err)}`);
    },
  });
  const log = {
    fleet: logger.scoped('fleet'),
    discovery: logger.scoped('discovery'),
    settings: logger.scoped('settings'),
    diagnostics: logger.scoped('diagnostics'),
  };

  const deviceEvents = new DeviceEventLog();
  const observeFleet = (fleet: Parameters<typeof deviceEvents.observe>[0]): void => {
    for (const e of deviceEvents.observe(fleet, Date.now())) {
      const data = { deviceId: e.deviceId, ...(e.status === undefined ? {} : { status: e.status }), ...(e.error === undefined ? {} : { error: e.error }) };
      if (e.kind === 'error') log.fleet.error(e.message, data);
      else if (e.kind === 'status' && e.status !== 'online') log.fleet.warn(e.message, data);
      else log.fleet.info(e.message, data);
    }
  };
  const unsubscribe = [
    ctx.monitor.onChange(observeFleet),
    ctx.on('settings.changed', (settings) => log.settings.info('settings changed', settings)),
    ctx.on('discovery.progress', (p) => {
      if (p.state === 'running') return;
      const data = { targets: p.targets, probed: p.probed, total: p.total, found: p.found.map((h) => `${h.host}:${h.port}`), ...(p.error === undefined ? {} : { error: p.error }) };
      if (p.state === 'failed') log.discovery.error(`scan failed: ${p.error ?? 'unknown error'}`, data);
      else log.discovery.info(`scan ${p.state}: ${p.found.length} found`, data);
    }),
  ];

  // Aborted on close, so a slow device does not hold up shutdown.
  const stop = new AbortController();
  const lastReports = new Map<string, HealthReport>();
  const running = new Map<string, Promise<HealthReport>>();
  const progress = (deviceId: string, job: DiagnosticsProgress['job']) => (step: DiagnosticsStep) => ctx.emit('diagnostics.progress', { deviceId, job, step });

  const remember = (report: HealthReport): void => {
    lastReports.set(report.deviceId, report);
    const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    log.diagnostics.info(`health check of ${report.deviceId}: ${report.overall}`, { deviceId: report.deviceId, overall: report.overall, failing });
  };

  const check = async (record: DeviceRecord): Promise<HealthReport> => {
    const step = progress(record.id, 'health');
    try {
      const { report } = await runHealthCheck(record, { ...opts.health, signal: stop.signal, samples: ctx.monitor.history(record.id) ?? [], userAgent: `hearth/${ctx.version}`, onStep: step });
      remember(report);
      step('done');
      return report;
    } catch (err) {
      step('failed');
      log.diagnostics.error(`health check of ${record.id} failed`, { deviceId: record.id, error: err });
      throw err;
    }
  };

  return {
    logger,
    handlers: {
      'diagnostics.runHealthCheck': async ({ id }) => {
        const record = ctx.known(id);
        // A second click (or a second window) joins the check under way instead of doubling the probes.
        let run = running.get(id);
        if (run === undefined) {
          run = check(record).finally(() => running.delete(id));
          running.set(id, run);
        }
        return run;
      },
      'diagnostics.lastReport': async ({ id }) => {
        ctx.known(id);
        return lastReports.get(id) ?? null;
      },
      'diagnostics.exportBundle': async ({ id, webPassword, redactWalletWorkers }) => {
        const record = ctx.known(id);
        const step = progress(id, 'export');
        try {
          // Fleet events are throttled: catch up with the fleet as it is now,
          // so the bundle has every change up to the moment of export.
          observeFleet(ctx.monitor.list());
          // Entries still queued belong in the bundle.
          await logger.flush();
          const audit = await new AuditLog(ctx.dataDir).read({ deviceId: id, limit: AUDIT_LIMIT });
          const exported = await exportSupportBundle({
            target: record,
            appVersion: ctx.version,
            history: ctx.monitor.history(id) ?? [],
            events: deviceEvents.for(id),
            auditLog: [...audit.entries].reverse(),
            logDir,
            ...(webPassword === undefined ? {} : { webPassword }),
            knownSecrets: opts.secrets?.() ?? [],
            ...(redactWalletWorkers === undefined ? {} : { redactWalletWorkers }),
            health: { ...opts.health, signal: stop.signal, userAgent: `hearth/${ctx.version}` },
            onStep: step,
          });
          remember(exported.report);
          const size = exported.bytes.length;
          if (size > MAX_UI_BUNDLE_BYTES) {
            throw new ApiRequestError('internal', `the bundle is ${(size / 1048576).toFixed(1)} MiB, more than the window can save; write it with \`hearth diag ${id} --bundle <file>\``);
          }
          log.diagnostics.info(`support bundle of ${id} exported`, { deviceId: id, bytes: size, notes: exported.manifest.notes });
          step('done');
          return {
            fileName: bundleFileName(id, exported.manifest.createdAt),
            base64: Buffer.from(exported.bytes.buffer, exported.bytes.byteOffset, size).toString('base64'),
            bytes: size,
            manifest: exported.manifest,
          };
        } catch (err) {
          step('failed');
          log.diagnostics.error(`support bundle of ${id} failed`, { deviceId: id, error: err });
          throw err;
        }
      },
      'diagnostics.openBundle': async ({ name, base64 }) => {
        try {
          const bundle = openSupportBundle(Buffer.from(base64, 'base64'));
          log.diagnostics.info(`bundle opened: ${name}`, { name, device: bundle.manifest.device.id, createdAt: bundle.manifest.createdAt });
          return { name, bundle };
        } catch (err) {
          if (!(err instanceof BundleError)) throw err;
          log.diagnostics.warn(`bundle refused: ${name}`, { name, kind: err.kind, reason: err.message });
          throw new ApiRequestError('invalid-params', `${name} cannot be opened: ${err.message}`, { kind: err.kind });
        }
      },
      'diagnostics.startupBundle': async () => opts.startupBundle ?? null,
      'logs.query': async (query) => {
        await logger.flush();
        const read = await readLogs(logDir, query);
        return { entries: read.entries, skipped: read.skipped, truncatedFiles: read.truncatedFiles.map((f) => basename(f)) };
      },
    },
    async close() {
      for (const off of unsubscribe) off();
      stop.abort();
      await Promise.allSettled(running.values());
      await logger.flush();
    },
  };
}
