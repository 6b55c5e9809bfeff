// What `hearth set` and `hearth pools` share: identify the device (one poll,
// `version` first), validate before anything is sent, ask for confirmation of
// interrupting changes, apply with read-back, and turn the result into one
// line and an exit code.
import { createInterface } from 'node:readline/promises';
import type { DeviceSnapshot } from '../contract/snapshot.js';
import type { ChangeRequest, ChangeResult } from '../contract/tuning.js';
import { modelById, type AvalonModel } from '../core/avalon/models.js';
import { query } from '../core/cgminer-api/client.js';
import { CgminerError } from '../core/cgminer-api/errors.js';
import type { DeviceAddress } from '../core/fleet/address.js';
import { applyChange, changeEffect, type ApplyDeps } from '../core/tuning/apply.js';
import { controlInfo, ControlValidationError, validateValue } from '../core/tuning/controls.js';
import { buildPoolCommand } from '../core/tuning/pools.js';
import { readSnapshot } from '../core/tuning/read-back.js';
import { EXIT_DEVICE, EXIT_NOT_APPLIED, EXIT_OK, ExitError, describeDeviceError } from './errors.js';
import type { Io } from './io.js';

/** Injected by tests: read-back timings and the confirmation prompt. */
export interface ChangeRunOptions {
  timing?: Pick<ApplyDeps, 'readBackTries' | 'readBackDelayMs' | 'rebootPollMs' | 'rebootTimeoutMs'>;
  /** Asks the user; default: a y/N prompt when stdin is a terminal, else no prompt at all. */
  confirm?: (question: string) => Promise<boolean>;
}

export interface Identified {
  model: AvalonModel;
  snapshot: DeviceSnapshot;
}

/** One poll (version, summary, pools, estats): the model and the state before the change. */
export async function identify(address: DeviceAddress, timeoutMs: number): Promise<Identified> {
  let snapshot: DeviceSnapshot;
  try {
    snapshot = await readSnapshot(address, { timeoutMs });
  } catch (err) {
    if (err instanceof CgminerError) throw new ExitError(EXIT_DEVICE, describeDeviceError(address.id, err));
    throw err;
  }
  const model = modelById(snapshot.identity.modelId);
  if (model === undefined) {
    throw new ExitError(EXIT_NOT_APPLIED, `${address.id}: not sent: the model could not be identified (${snapshot.identity.product ?? 'no product name'})`);
  }
  return { model, snapshot };
}

/** Throws an ExitError naming the problem when the request cannot be sent to this model as it is. */
function validate(address: DeviceAddress, { model, snapshot }: Identified, request: ChangeRequest): void {
  try {
    if (request.kind === 'pool') {
      buildPoolCommand(model, request.pool, snapshot.pools);
      return;
    }
    const info = controlInfo(model, request.control);
    if (info === undefined) throw new ControlValidationError('not-offered', `${model.displayName} has no ${request.control} control`);
    validateValue(info, request.value, request.module);
  } catch (err) {
    if (err instanceof ControlValidationError) throw new ExitError(EXIT_NOT_APPLIED, `${address.id}: not sent: ${err.message}`);
    throw err;
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** "applied: read back 2 (was 0)" and the like: one line per result. */
export function describeResult(id: string, result: ChangeResult): string {
  const parts = [`${id}: ${result.status}: ${result.message}`];
  // The device's words matter when it did not do what was asked; "ASC 0 set OK" after a change adds nothing.
  if (result.deviceMessage !== undefined && result.status !== 'applied' && !result.message.includes(result.deviceMessage)) {
    parts.push(`(device: ${result.deviceMessage.replace(/\s+/g, ' ').trim()})`);
  }
  if (result.before !== undefined || result.after !== undefined) parts.push(`[before ${String(result.before ?? '?')}, after ${String(result.after ?? '?')}]`);
  return parts.join(' ');
}

export function exitCodeFor(result: ChangeResult): number {
  if (result.status === 'applied') return EXIT_OK;
  return result.status === 'unreachable' ? EXIT_DEVICE : EXIT_NOT_APPLIED;
}

/**
 * Validates, confirms (interrupting changes need `yes` or a "y" at the
 * prompt), applies with read-back and reports. Returns the exit code.
 */
export async function runChange(
  address: DeviceAddress,
  device: Identified,
  request: ChangeRequest,
  flags: { yes: boolean; json: boolean },
  io: Io,
  opts: ChangeRunOptions = {},
): Promise<number> {
  const effect = changeEffect(device.model, request);
  if (effect === undefined) {
    const what = request.kind === 'pool' ? `pool operation '${request.pool.op}'` : `the ${request.control} control`;
    throw new ExitError(EXIT_NOT_APPLIED, `${address.id}: not sent: ${device.model.displayName} does not offer ${what}`);
  }
  validate(address, device, request);
  let confirmed = flags.yes;
  if (effect.interrupts && !confirmed) {
    const question = `${address.id} (${device.model.displayName}): this ${effect.effect}. Go ahead?`;
    confirmed = await (opts.confirm ?? askOnTerminal)(question);
    if (!confirmed) throw new ExitError(EXIT_NOT_APPLIED, `${address.id}: not sent: this ${effect.effect}; confirm with --yes`);
  }
  const result = await applyChange(address, device.model, { ...request, confirmed }, {
    query,
    readBack: () => readSnapshot(address, { timeoutMs: 5000 }),
    before: device.snapshot,
    ...opts.timing,
  });
  const code = exitCodeFor(result);
  if (flags.json) io.out(JSON.stringify(result, null, 2));
  else if (code === EXIT_OK) io.out(describeResult(address.id, result));
  if (code !== EXIT_OK) throw new ExitError(code, describeResult(address.id, result));
  return code;
}
