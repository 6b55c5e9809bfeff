// The health report of one device: the checks over its snapshot, or the one
// failed connection check when it could not be read. `buildHealthReport` is
// pure; `runHealthCheck` is the user-started check that reads the device and
// runs the network probes (pool reachability, read-only write-access probe).
import type { DiagnosticsStep, ExposureProbe, HealthReport, PoolProbe } from '../../contract/diagnostics.js';
import type { DeviceError, Sample } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import { modelById } from '../avalon/models.js';
import type { CgminerTarget } from '../cgminer-api/client.js';
import { worstStatus } from './check-helpers.js';
import { runChecks } from './checks.js';
import { collectDevice, type Collected, type CollectOptions } from './collect.js';
import { probeWriteAccess } from './exposure.js';
import { connectionCheck } from './network-checks.js';
import { probePool } from './pool-probe.js';

export interface ReportInput {
  deviceId: string;
  generatedAt: number;
  snapshot?: DeviceSnapshot;
  /** Why the device could not be read; with a snapshot, the report is of its last known state. */
  pollError?: DeviceError;
  samples?: readonly Sample[];
  poolProbes?: readonly PoolProbe[];
  exposureProbe?: ExposureProbe;
}

export function buildHealthReport(input: ReportInput): HealthReport {
  const base = { formatVersion: 1 as const, deviceId: input.deviceId, generatedAt: input.generatedAt };
  const connection = input.pollError === undefined ? [] : [connectionCheck(input.pollError)];
  const pollError = input.pollError === undefined ? {} : { pollError: input.pollError };
  if (input.snapshot === undefined) {
    return { ...base, modelId: 'unknown', overall: worstStatus(connection.map((c) => c.status)), checks: connection, decodedErrors: [], heatMaps: [], ...pollError };
  }
  const snapshot = input.snapshot;
  const model = modelById(snapshot.identity.modelId);
  const results = runChecks({
    snapshot,
    ...(model === undefined ? {} : { model }),
    ...(input.samples === undefined ? {} : { samples: input.samples }),
    ...(input.poolProbes === undefined ? {} : { poolProbes: input.poolProbes }),
    ...(input.exposureProbe === undefined ? {} : { exposureProbe: input.exposureProbe }),
  });
  const checks = [...connection, ...results.checks];
  return {
    ...base,
    takenAt: snapshot.takenAt,
    modelId: snapshot.identity.modelId,
    ...(model === undefined ? {} : { modelName: model.displayName }),
    ...(snapshot.identity.firmware === undefined ? {} : { firmware: snapshot.identity.firmware }),
    overall: worstStatus(checks.map((c) => c.status)),
    checks,
    decodedErrors: results.decodedErrors,
    heatMaps: results.heatMaps,
    ...(input.poolProbes === undefined ? {} : { poolProbes: [...input.poolProbes] }),
    ...(input.exposureProbe === undefined ? {} : { exposureProbe: input.exposureProbe }),
    ...pollError,
  };
}

export interface HealthCheckOptions extends CollectOptions {
  samples?: readonly Sample[];
  /** Test each enabled pool from this computer (connect + subscribe); default true. */
  probePools?: boolean;
  /** Ask the device, read-only, whether this computer may change it; default true. */
  probeExposure?: boolean;
  poolTimeoutMs?: number;
  userAgent?: string;
  /** Told as each stage starts, for a progress display. */
  onStep?: (step: DiagnosticsStep) => void;
}

export interface HealthCheckRun {
  report: HealthReport;
  collected: Collected;
}

/** The user-started health check: read the device, run the probes, build the report. */
export async function runHealthCheck(target: CgminerTarget, opts: HealthCheckOptions = {}): Promise<HealthCheckRun> {
  const now = opts.now ?? Date.now;
  const deviceId = `${target.host}:${target.port}`;
  opts.onStep?.('reading');
  const collected = await collectDevice(target, opts);
  const snapshot = collected.snapshot;
  if (snapshot === undefined) {
    const error = collected.error ?? { kind: 'invalid-reply' as const, message: `${deviceId}: nothing usable was read` };
    return { report: buildHealthReport({ deviceId, generatedAt: now(), pollError: error }), collected };
  }
  if (opts.probePools !== false) opts.onStep?.('pools');
  const poolProbes =
    opts.probePools === false
      ? undefined
      : await Promise.all(
          snapshot.pools
            .filter((p) => !/disabled/i.test(p.status))
            .map((p) =>
              probePool(p.index, p.url, {
                timeoutMs: opts.poolTimeoutMs ?? 5000,
                ...(opts.userAgent === undefined ? {} : { userAgent: opts.userAgent }),
                ...(opts.signal === undefined ? {} : { signal: opts.signal }),
              }),
            ),
        );
  if (opts.probeExposure !== false) opts.onStep?.('exposure');
  const exposureProbe =
    opts.probeExposure === false
      ? undefined
      : await probeWriteAccess(target, { timeoutMs: opts.timeoutMs ?? 5000, ...(opts.signal === undefined ? {} : { signal: opts.signal }) });
  const report = buildHealthReport({
    deviceId,
    generatedAt: now(),
    snapshot,
    ...(opts.samples === undefined ? {} : { samples: opts.samples }),
    ...(poolProbes === undefined ? {} : { poolProbes }),
    ...(exposureProbe === undefined ? {} : { exposureProbe }),
  });
  return { report, collected };
}
