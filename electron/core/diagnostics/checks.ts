// Every health check over one device's snapshot: the decoded error codes,
// the per-chip heat maps, and one verdict per concern, each with a
// plain-language explanation and a next step. Pure: the network probes
// (pools, exposure) are run elsewhere and passed in.
import type { BoardHeatMap, DecodedError, ExposureProbe, HealthCheck, PoolProbe } from '../../contract/diagnostics.js';
import type { Sample } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import type { AvalonModel } from '../avalon/models.js';
import { boardHeatMaps } from './chips.js';
import { rawList, rawText } from './check-helpers.js';
import { decodeBootBy, decodeEchu, decodeEcmm, decodePsuError } from './error-codes.js';
import { boardsCheck, chipsCheck, errorCodesCheck, fansCheck, powerSupplyCheck, runStateCheck, temperatureCheck } from './hardware-checks.js';
import { exposureCheck, poolsCheck } from './network-checks.js';
import { firmwareCheck, hardwareErrorsCheck, hashrateCheck, rebootReasonCheck } from './performance-checks.js';

export interface CheckInput {
  snapshot: DeviceSnapshot;
  /** The catalog entry (modelById(snapshot.identity.modelId)); undefined for an unknown model. */
  model?: AvalonModel;
  /** Recent live history, oldest first. */
  samples?: readonly Sample[];
  /** Results of the pool reachability test, when one was run. */
  poolProbes?: readonly PoolProbe[];
  /** Result of the read-only write-access probe, when one was run. */
  exposureProbe?: ExposureProbe;
}

export interface CheckResults {
  checks: HealthCheck[];
  decodedErrors: DecodedError[];
  heatMaps: BoardHeatMap[];
}

/** Every error-like code the snapshot carries, decoded for its model's generation. */
export function decodeSnapshotErrors(snapshot: DeviceSnapshot, model: AvalonModel | undefined): DecodedError[] {
  const family = model?.family;
  const out: DecodedError[] = [];
  for (const m of snapshot.modules) {
    m.errorCodes.echu.forEach((code, board) => out.push(decodeEchu(code, family, m.key, board)));
    m.errorCodes.ecmm.forEach((code) => out.push(decodeEcmm(code, family, m.key)));
    const ps0 = rawList(m, 'PS')?.[0];
    if (ps0 !== undefined) out.push(decodePsuError(ps0, family, m.key));
    const bootBy = rawText(m, 'BOOTBY');
    const boot = bootBy === undefined ? undefined : decodeBootBy(bootBy, family, m.key);
    if (boot !== undefined) out.push(boot);
  }
  return out;
}

export function runChecks(input: CheckInput): CheckResults {
  const { snapshot, model } = input;
  const decodedErrors = decodeSnapshotErrors(snapshot, model);
  const heatMaps = boardHeatMaps(snapshot.modules);
  const checks: HealthCheck[] = [
    runStateCheck(snapshot.modules),
    errorCodesCheck(decodedErrors),
    boardsCheck(snapshot.modules, model, heatMaps),
    chipsCheck(heatMaps),
    temperatureCheck(snapshot),
    fansCheck(snapshot.modules),
    powerSupplyCheck(snapshot, model, decodedErrors),
    hashrateCheck(snapshot, model, input.samples ?? []),
    hardwareErrorsCheck(snapshot),
    firmwareCheck(snapshot),
    rebootReasonCheck(decodedErrors),
    exposureCheck(model, input.exposureProbe),
    poolsCheck(snapshot, input.poolProbes),
  ];
  return { checks, decodedErrors, heatMaps };
}
