// `hearth diag <host[:port]>`: the health report of one device, and with
// --bundle the support bundle, for use over SSH. Only read-only commands are
// sent to the device (the exposure probe is `check|ascset`); the pool test
// connects and subscribes, nothing more.
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HealthReport } from '../contract/diagnostics.js';
import { resolveDataDir } from '../core/app/paths.js';
import { exportSupportBundle } from '../core/diagnostics/bundle/export.js';
import { formatHealthReport } from '../core/diagnostics/report-text.js';
import { runHealthCheck } from '../core/diagnostics/report.js';
import { AuditLog } from '../core/tuning/audit.js';
import { deviceArgument, intOption, parseCommandLine } from './args.js';
import { EXIT_CHECK_FAILED, EXIT_DEVICE, EXIT_FILE, EXIT_OK, ExitError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { readSecretLine } from './stdin.js';
import { HEARTH_VERSION } from './version.js';

export const DIAG_HELP = `Usage: hearth diag <host[:port]> [--bundle out.zip] [--web-password-stdin] [--no-pool-test]
                   [--no-wallet-redaction] [--json] [--timeout ms] [--web-port n] [--data-dir dir]

Checks one device and prints its health report: decoded error codes, chips,
fans, power, hashrate, pools (tested from this machine), firmware, reboot
reason, and whether anyone on the network can change it. Sends only read-only
commands.
  --bundle out.zip        also write a support bundle (secrets removed) to out.zip
  --web-password-stdin    read the device's web password from stdin (first line),
                          to add the device's own logs to the bundle (Nano 3S family)
  --web-port n            port of the device's web interface (default 80)
  --no-pool-test          do not test the pools from this machine
  --no-wallet-redaction   keep wallet addresses used as worker names in full
  --json                  print the report as JSON
  --timeout ms            budget per device command (default 5000)
  --data-dir dir          the app's data folder, whose logs and audit log go into the
                          bundle (default: $HEARTH_DATA_DIR, else the platform's folder)
Exit status: 0 no failing check, 5 a check failed, 1 the device could not be read,
6 the bundle could not be written, 2 usage error.`;

export async function diagCommand(argv: readonly string[], io: Io, stdin: () => Promise<string> = readSecretLine): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    bundle: { type: 'string' },
    'web-password-stdin': { type: 'boolean' },
    'no-pool-test': { type: 'boolean' },
    'no-wallet-redaction': { type: 'boolean' },
    json: { type: 'boolean' },
    timeout: { type: 'string' },
    'data-dir': { type: 'string' },
    'web-port': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('diag takes exactly one device address');
  const target = deviceArgument(positionals[0]);
  const timeoutMs = intOption('timeout', values.timeout, 1, 600_000) ?? 5000;
  const webPort = intOption('web-port', values['web-port'], 1, 65535);
  if (values.bundle !== undefined && values.bundle.trim() === '') throw new UsageError('--bundle needs a file name');
  if (values['web-password-stdin'] && values.bundle === undefined) throw new UsageError('--web-password-stdin is only useful with --bundle');
  if (values['no-wallet-redaction'] && values.bundle === undefined) throw new UsageError('--no-wallet-redaction is only useful with --bundle');
  const webPassword = values['web-password-stdin'] ? await stdin() : undefined;
  const health = { timeoutMs, probePools: values['no-pool-test'] !== true, userAgent: `hearth/${HEARTH_VERSION}` };

  const json = values.json === true;
  if (values.bundle === undefined) {
    const { report } = await runHealthCheck(target, health);
    io.out(formatReport(report, json));
    return exitFor(report);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const logDir = join(dataDir, 'logs');
  const audit = existsSync(dataDir) ? await new AuditLog(dataDir).read({ deviceId: target.id, limit: 1000 }) : { entries: [] };
  const exported = await exportSupportBundle({
    target,
    appVersion: HEARTH_VERSION,
    ...(existsSync(logDir) ? { logDir } : {}),
    auditLog: [...audit.entries].reverse(),
    ...(webPassword === undefined ? {} : { webPassword }),
    ...(webPort === undefined ? {} : { webPort }),
    ...(values['no-wallet-redaction'] ? { redactWalletWorkers: false } : {}),
    health,
  });
  // The report first: it is worth having even when the bundle cannot be written.
  io.out(formatReport(exported.report, json));
  await writeBundle(values.bundle, exported.bytes);
  io.err(`Support bundle written to ${values.bundle} (${exported.bytes.length} bytes)`);
  for (const note of exported.manifest.notes) io.err(`  note: ${note}`);
  return exitFor(exported.report);
}

function formatReport(report: HealthReport, json: boolean): string {
  return json ? JSON.stringify(report, null, 2) : formatHealthReport(report).trimEnd();
}

function exitFor(report: HealthReport): number {
  if (report.pollError !== undefined) return EXIT_DEVICE;
  return report.checks.some((c) => c.status === 'fail') ? EXIT_CHECK_FAILED : EXIT_OK;
}

/** Written next to the target and renamed over it, so a failed write never leaves half a bundle under the chosen name. */
async function writeBundle(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.part`;
  try {
    await writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new ExitError(EXIT_FILE, `cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
