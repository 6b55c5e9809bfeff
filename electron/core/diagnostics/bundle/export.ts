// "Export a support bundle" for one device: read it (every report command),
// run the health check, fetch its own logs when the model serves them and
// the user gave the web password, add the app's history, events, audit log
// and logs, and build the zip. The caller writes the bytes where the user chose.
import type { DiagnosticsStep, HealthReport, LogEntry } from '../../../contract/diagnostics.js';
import type { Sample } from '../../../contract/fleet.js';
import { modelById } from '../../avalon/models.js';
import type { CgminerTarget } from '../../cgminer-api/client.js';
import { parseLenientJson } from '../../cgminer-api/lenient-json.js';
import { readLogs } from '../logging/reader.js';
import { isSecretKey } from '../redact.js';
import { runHealthCheck, type HealthCheckOptions } from '../report.js';
import type { RawReply } from '../collect.js';
import { fetchDeviceLogs, servesDeviceLogs, type DeviceLogResult } from './device-logs.js';
import { buildSupportBundle, type BuiltBundle, type HostInfo } from './write.js';

export interface ExportOptions {
  target: CgminerTarget;
  appVersion: string;
  host?: HostInfo;
  now?: () => number;
  history?: readonly Sample[];
  events?: readonly unknown[];
  auditLog?: readonly unknown[];
  /** The app's log folder; its newest entries go into the bundle. */
  logDir?: string;
  /** How many app log entries to include; default 5000. */
  appLogLimit?: number;
  /** The device's web password, for its own logs; never stored, scrubbed from the bundle. */
  webPassword?: string;
  webPort?: number;
  /** Pool passwords the app knows (from its settings), scrubbed wherever they appear. */
  knownSecrets?: readonly string[];
  redactWalletWorkers?: boolean;
  health?: Omit<HealthCheckOptions, 'samples' | 'now' | 'onStep'>;
  deviceLogTimeoutMs?: number;
  /** Told as each stage starts, for a progress display. */
  onStep?: (step: DiagnosticsStep) => void;
}

export interface ExportedBundle extends BuiltBundle {
  /** The health report as built (the bundle holds its redacted copy). */
  report: HealthReport;
}

/** Passwords a device itself printed (the Avalon Q lists each pool's password in clear in `pools`). */
export function secretsInReplies(raw: Partial<Record<string, RawReply>>): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'string' && isSecretKey(k) && x !== '') found.add(x);
      else walk(x, depth + 1);
    }
  };
  for (const reply of Object.values(raw)) {
    if (reply?.ok !== true) continue;
    try {
      walk(parseLenientJson(reply.text), 0);
    } catch {
      // A reply that does not parse is still scrubbed by the text patterns.
    }
  }
  return [...found];
}

export async function exportSupportBundle(opts: ExportOptions): Promise<ExportedBundle> {
  const now = opts.now ?? Date.now;
  const { report, collected } = await runHealthCheck(opts.target, {
    ...opts.health,
    now,
    ...(opts.history === undefined ? {} : { samples: opts.history }),
    ...(opts.onStep === undefined ? {} : { onStep: opts.onStep }),
  });
  const notes: string[] = [];
  const model = collected.snapshot === undefined ? undefined : modelById(collected.snapshot.identity.modelId);
  let deviceLogs: DeviceLogResult[] | undefined;
  if (opts.webPassword === undefined || opts.webPassword === '') {
    if (servesDeviceLogs(model)) notes.push('device logs: not included (no web password was given)');
  } else if (!servesDeviceLogs(model)) {
    notes.push(`device logs: ${model?.displayName ?? 'this model'} does not serve its logs over its web interface`);
  } else {
    opts.onStep?.('device-logs');
    const fetched = await fetchDeviceLogs({
      host: opts.target.host,
      password: opts.webPassword,
      ...(opts.webPort === undefined ? {} : { port: opts.webPort }),
      ...(opts.deviceLogTimeoutMs === undefined ? {} : { timeoutMs: opts.deviceLogTimeoutMs }),
    });
    if (fetched.authFailed) notes.push('device logs: the device refused the web password');
    deviceLogs = fetched.files;
  }
  let appLogs: LogEntry[] = [];
  if (opts.logDir !== undefined) {
    opts.onStep?.('app-logs');
    const read = await readLogs(opts.logDir, { limit: opts.appLogLimit ?? 5000 });
    appLogs = read.entries;
    if (read.skipped > 0) notes.push(`app logs: ${read.skipped} unreadable lines left out`);
  }
  const secrets = [...(opts.knownSecrets ?? []), ...(opts.webPassword ? [opts.webPassword] : []), ...secretsInReplies(collected.raw)];
  opts.onStep?.('packing');
  const built = buildSupportBundle({
    createdAt: now(),
    appVersion: opts.appVersion,
    ...(opts.host === undefined ? {} : { host: opts.host }),
    deviceId: report.deviceId,
    report,
    ...(collected.snapshot === undefined ? {} : { snapshot: collected.snapshot }),
    raw: collected.raw,
    ...(opts.history === undefined ? {} : { history: opts.history }),
    ...(opts.events === undefined ? {} : { events: opts.events }),
    ...(opts.auditLog === undefined ? {} : { auditLog: opts.auditLog }),
    appLogs,
    ...(deviceLogs === undefined ? {} : { deviceLogs }),
    notes,
    secrets,
    ...(opts.redactWalletWorkers === undefined ? {} : { redactWalletWorkers: opts.redactWalletWorkers }),
  });
  return { ...built, report };
}
