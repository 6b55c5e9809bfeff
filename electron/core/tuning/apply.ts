// One change on one device: validate, send, interpret the answer, then read
// the state back until it shows the change (or the tries run out), and say
// honestly which of those happened. Nothing is sent when validation fails or
// an interrupting change was not confirmed.
import type { MessageText } from '../../contract/message-text.js';
import type { DeviceSnapshot, Pool } from '../../contract/snapshot.js';
import type { ChangeRequest, ChangeResult, Observed, PoolOp, PoolOpName } from '../../contract/tuning.js';
import type { CgminerReply, CgminerTarget, QueryOptions } from '../cgminer-api/client.js';
import type { AvalonModel } from '../avalon/models.js';
import { buildCommand, controlInfo, controlMatches, ControlValidationError, readControl, validateValue, type ApiCommand } from './controls.js';
import { buildPoolCommand, MAX_POOLS, poolOpNeedsReboot, poolOperations, poolSecrets, redactPoolReply, redactText } from './pools.js';
import { redactMessage, said, tuningEnglish, tuningText as text } from './messages.js';
import { accessDeniedHelp, interpretError, interpretReply, type SendOutcome } from './reply.js';

export type QueryFn = (target: CgminerTarget, command: string, parameter?: string, opts?: QueryOptions) => Promise<CgminerReply>;

export interface ApplyDeps {
  query: QueryFn;
  /** A fresh poll of the device; rejects when it does not answer. */
  readBack: () => Promise<DeviceSnapshot>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The latest snapshot, when the caller has one; otherwise the device is polled once before the change. */
  before?: DeviceSnapshot;
  /** Read-back polls after a change, and the pause before each: mode changes settle over seconds. Default 6 x 2000 ms. */
  readBackTries?: number;
  readBackDelayMs?: number;
  /** How long to watch a reboot (a Q took almost 4 minutes [Q-RE-NOTES]), and how often. Default 300 s, every 10 s. */
  rebootTimeoutMs?: number;
  rebootPollMs?: number;
  /** Budget for the command itself. Default 5000 ms. */
  commandTimeoutMs?: number;
  /** This computer's address as the device sees it, for the access-denied advice. */
  clientAddress?: string;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Pool operations that can move hashing to another pool (or stop it). */
const INTERRUPTING_POOL_OPS = new Set<PoolOpName>(['remove', 'disable', 'switch', 'priority']);

/** What the confirmation names: the control's effect, or the pool operation's. */
export function changeEffect(model: AvalonModel, request: ChangeRequest): { interrupts: boolean; effect: string; effectText?: MessageText } | undefined {
  if (request.kind === 'pool') {
    const op = request.pool.op;
    if (!poolOperations(model).includes(op)) return undefined;
    const effectText = text(`tune.effect.pool.${op}`);
    return { interrupts: INTERRUPTING_POOL_OPS.has(op), effect: tuningEnglish(effectText), effectText };
  }
  const info = controlInfo(model, request.control);
  if (info === undefined) return undefined;
  return { interrupts: info.interrupts, effect: info.effect, ...(info.effectText === undefined ? {} : { effectText: info.effectText }) };
}

/** "the fan control", "pool operation 'add'": what a model does not offer. */
export function notOffered(model: AvalonModel, request: ChangeRequest): MessageText {
  const what = request.kind === 'pool' ? text('tune.what.poolOp', { op: request.pool.op }) : text('tune.what.control', { control: request.control });
  return text('tune.notOffered', { model: model.displayName, what });
}

/** A short name for logs and the audit trail: "workmode", "pools:switch". */
export function changeName(request: ChangeRequest): string {
  return request.kind === 'pool' ? `pools:${request.pool.op}` : request.control;
}

export async function applyChange(target: CgminerTarget, model: AvalonModel, request: ChangeRequest, deps: ApplyDeps): Promise<ChangeResult> {
  const effect = changeEffect(model, request);
  const secrets = request.kind === 'pool' ? poolSecrets(request.pool) : [];
  if (effect === undefined) return { status: 'skipped', skipReason: 'not-offered', ...said(notOffered(model, request)) };
  if (effect.interrupts && request.confirmed !== true) {
    return { status: 'skipped', skipReason: 'needs-confirmation', ...said(text('tune.needsConfirmation', { effect: effect.effectText ?? effect.effect })) };
  }

  // Validate what can be checked without the device first, so a bad value never costs a poll.
  try {
    prevalidate(model, request);
  } catch (err) {
    return skippedFor(err, request, undefined, secrets);
  }

  let before = deps.before;
  if (before === undefined) {
    try {
      before = await deps.readBack();
    } catch (err) {
      return { status: 'unreachable', ...said(text('tune.pollFailed', { message: errorText(err) })) };
    }
  }

  let command: ApiCommand;
  try {
    command = request.kind === 'pool' ? buildPoolCommand(model, request.pool, before.pools) : buildCommand(model, request.control, request.value, contextFor(request, before, deps));
  } catch (err) {
    return skippedFor(err, request, before, secrets);
  }
  const sent = redactCommand(command, secrets);

  let outcome: SendOutcome;
  try {
    const opts: QueryOptions = { timeoutMs: deps.commandTimeoutMs ?? 5000 };
    outcome = interpretReply(await deps.query(target, command.command, command.parameter, opts));
  } catch (err) {
    outcome = interpretError(err);
  }
  const deviceMessage = redactPoolReply(outcome.message, secrets);
  const beforeValue = observe(model, request, before);
  const base = { sent, ...(beforeValue === undefined ? {} : { before: beforeValue }) };

  switch (outcome.kind) {
    case 'invalid-request':
      return { status: 'skipped', skipReason: 'invalid-value', ...said(text('tune.notSent', { reason: deviceMessage })) };
    case 'unreachable':
      return { ...base, status: 'unreachable', ...said(text('tune.notSent', { reason: deviceMessage })) };
    case 'access-denied':
      return { ...base, status: 'access-denied', deviceMessage, ...said(accessDeniedHelp(model, deps.clientAddress)) };
    case 'refused':
      return { ...base, status: 'device-refused', deviceMessage, ...said(text('tune.refused', { message: deviceMessage })) };
    case 'accepted':
    case 'unknown':
      break;
  }
  const answered = outcome.kind === 'accepted';
  const reply = answered ? { deviceMessage } : {};

  if (request.kind === 'control' && request.control === 'reboot') {
    return { ...base, ...reply, ...(await watchReboot(before, request.module, answered, deps)) };
  }
  const waitsForReboot = request.kind === 'pool' ? poolOpNeedsReboot(request.pool.op) : controlInfo(model, request.control)?.takesEffect === 'after-reboot';
  if (waitsForReboot) {
    return answered
      ? { ...base, ...reply, status: 'applied', verified: false, ...said(text('tune.result.afterReboot')) }
      : { ...base, status: 'not-applied', ...said(text('tune.result.noAnswerAfterReboot', { message: deviceMessage })) };
  }
  if (!canReadBack(model, request)) {
    return answered
      ? { ...base, ...reply, status: 'applied', verified: false, ...said(text('tune.result.unreadable')) }
      : { ...base, status: 'not-applied', ...said(text('tune.result.noAnswerUnreadable', { message: deviceMessage })) };
  }
  const check = await pollUntilApplied(model, request, before, deps);
  if (check.kind === 'no-answer') {
    return answered
      ? { ...base, ...reply, status: 'applied', verified: false, ...said(text('tune.result.noReadBack')) }
      : { ...base, status: 'unreachable', ...said(text('tune.result.noAnswerNoReadBack', { message: deviceMessage })) };
  }
  if (check.kind === 'not-reported') {
    return answered
      ? { ...base, ...reply, status: 'applied', verified: false, ...said(text('tune.result.notReported')) }
      : { ...base, status: 'not-applied', ...said(text('tune.result.noAnswerNotReported', { message: deviceMessage })) };
  }
  const after = check.observed === undefined ? {} : { after: check.observed };
  if (check.kind === 'applied') {
    const note = answered ? text('tune.result.applied') : text('tune.result.appliedWithoutAnswer');
    return { ...base, ...reply, ...after, status: 'applied', verified: true, ...said(note) };
  }
  return {
    ...base,
    ...reply,
    ...after,
    status: 'not-applied',
    ...said(answered ? text('tune.result.notShown') : text('tune.result.noAnswerNotShown', { message: deviceMessage })),
  };
}

/** Checks that need no device state: the control exists and the value is in range; pool fields are well-formed. */
function prevalidate(model: AvalonModel, request: ChangeRequest): void {
  if (request.kind === 'pool') {
    buildPoolCommand(model, request.pool, undefined);
    return;
  }
  const info = controlInfo(model, request.control);
  if (info === undefined) throw new ControlValidationError('not-offered', text('tune.invalid.noControl', { model: model.displayName, control: request.control }));
  validateValue(info, request.value, request.module);
}

/** A validation failure as a result; anything else is a bug and is rethrown. */
function skippedFor(err: unknown, request: ChangeRequest, before: DeviceSnapshot | undefined, secrets: readonly string[]): ChangeResult {
  if (!(err instanceof ControlValidationError)) throw err;
  const limit = request.kind === 'pool' && request.pool.op === 'add' && (before?.pools.length ?? 0) >= MAX_POOLS;
  const redact = (s: string): string => redactText(s, secrets);
  const reason = err.text === undefined ? redact(err.message) : redactMessage(err.text, redact);
  return { status: 'skipped', skipReason: limit ? 'pool-limit' : err.reason, ...said(text('tune.notSent', { reason })) };
}

function contextFor(request: Extract<ChangeRequest, { kind: 'control' }>, before: DeviceSnapshot, deps: ApplyDeps) {
  return {
    ...(request.module === undefined ? {} : { module: request.module }),
    snapshot: before,
    nowS: Math.floor((deps.now ?? Date.now)() / 1000),
  };
}

function redactCommand(command: ApiCommand, secrets: readonly string[]): { command: string; parameter?: string } {
  return command.parameter === undefined ? { command: command.command } : { command: command.command, parameter: redactText(command.parameter, secrets) };
}

function canReadBack(model: AvalonModel, request: ChangeRequest): boolean {
  if (request.kind === 'pool') return true;
  return controlInfo(model, request.control)?.readable === true;
}

type Check = { kind: 'applied' | 'not-applied'; observed?: Observed } | { kind: 'no-answer' } | { kind: 'not-reported' };

async function pollUntilApplied(model: AvalonModel, request: ChangeRequest, before: DeviceSnapshot | undefined, deps: ApplyDeps): Promise<Check> {
  const sleep = deps.sleep ?? defaultSleep;
  const tries = Math.max(1, deps.readBackTries ?? 6);
  let last: Check = { kind: 'no-answer' };
  for (let i = 0; i < tries; i++) {
    await sleep(deps.readBackDelayMs ?? 2000);
    let snapshot: DeviceSnapshot;
    try {
      snapshot = await deps.readBack();
    } catch {
      continue;
    }
    const observed = observe(model, request, snapshot);
    // Some firmware of a dialect does not print the field (the A1566 has no WORKLEVEL).
    if (observed === undefined) return { kind: 'not-reported' };
    const ok = request.kind === 'pool' ? poolApplied(request.pool, snapshot.pools, before?.pools) : controlMatches(model, request.control, request.value, observed);
    last = { kind: ok === true ? 'applied' : 'not-applied', ...(observed === undefined ? {} : { observed }) };
    if (ok === true) return last;
  }
  return last;
}

function observe(model: AvalonModel, request: ChangeRequest, snapshot: DeviceSnapshot): Observed | undefined {
  if (request.kind === 'pool') return describePools(request.pool, snapshot.pools);
  return readControl(model, request.control, snapshot, request.module);
}

/** Pools in priority order with their status, e.g. "1 Alive, 0 Alive, 2 Disabled". */
function describePools(_op: PoolOp, pools: readonly Pool[]): string {
  const ordered = [...pools].sort((a, b) => (a.priority ?? a.index) - (b.priority ?? b.index));
  return ordered.map((p) => `${p.index} ${p.status}`).join(', ');
}

function byIndex(pools: readonly Pool[], index: number): Pool | undefined {
  return pools.find((p) => p.index === index);
}

function poolApplied(op: PoolOp, pools: readonly Pool[], beforePools: readonly Pool[] | undefined): boolean {
  switch (op.op) {
    case 'add':
      return pools.some((p) => p.url === op.url && p.user === op.user);
    case 'remove':
      // The device renumbers pools after a removal; the count is what can be checked.
      return beforePools !== undefined && pools.length === beforePools.length - 1;
    case 'enable':
      return byIndex(pools, op.index)?.status !== undefined && byIndex(pools, op.index)?.status !== 'Disabled';
    case 'disable':
      return byIndex(pools, op.index)?.status === 'Disabled';
    case 'switch': {
      const p = byIndex(pools, op.index);
      return p !== undefined && (p.priority === 0 || (p.priority === undefined && p.active === true));
    }
    case 'priority':
      return op.order.every((index, rank) => byIndex(pools, index)?.priority === rank);
    case 'set':
      return false;
  }
}

function elapsedS(snapshot: DeviceSnapshot | undefined, module?: number): number | undefined {
  if (snapshot === undefined) return undefined;
  if (module !== undefined) return snapshot.modules.find((m) => m.key === `MM ID${module}`)?.elapsedS;
  return snapshot.summary.elapsedS ?? snapshot.modules[0]?.elapsedS;
}

/**
 * A reboot is proven when the device stops answering and comes back, or
 * answers with an uptime that restarted. A device still down at the end is
 * reported as restarting, not as done.
 */
async function watchReboot(before: DeviceSnapshot | undefined, module: number | undefined, answered: boolean, deps: ApplyDeps): Promise<Omit<ChangeResult, 'sent'>> {
  const sleep = deps.sleep ?? defaultSleep;
  const now = deps.now ?? Date.now;
  const start = now();
  const timeout = deps.rebootTimeoutMs ?? 300_000;
  const startElapsed = elapsedS(before, module);
  let wentOffline = false;
  while (now() - start < timeout) {
    await sleep(deps.rebootPollMs ?? 10_000);
    let snapshot: DeviceSnapshot;
    try {
      snapshot = await deps.readBack();
    } catch {
      wentOffline = true;
      continue;
    }
    const e = elapsedS(snapshot, module);
    const sinceStartS = (now() - start) / 1000;
    // An uptime shorter than the time since the command means it booted since.
    const restarted = e !== undefined && e <= sinceStartS + 1 && (startElapsed === undefined || e < startElapsed + sinceStartS - 1);
    if (wentOffline || restarted) {
      const secs = Math.round((now() - start) / 1000);
      return { status: 'applied', verified: true, ...said(text('tune.result.rebooted', { seconds: secs })), ...(e === undefined ? {} : { after: e }) };
    }
  }
  const mins = Math.round(timeout / 60000);
  if (wentOffline) return { status: 'applied', verified: false, ...said(text('tune.result.stillRestarting', { minutes: mins })) };
  return answered
    ? { status: 'not-applied', ...said(text('tune.result.keptRunning', { minutes: mins })) }
    : { status: 'not-applied', ...said(text('tune.result.noAnswerKeptRunning')) };
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
