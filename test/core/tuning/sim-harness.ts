// The tuning stack against the product simulator over TCP, on a clock the
// test moves: every read-back pause advances it instead of waiting. Shared by
// the per-family files (sim-controls, sim-generations): `sent` proves the
// exact request that arrived at the simulator, `notSent` that nothing did.
import assert from 'node:assert/strict';
import type { ChangeRequest, ChangeResult } from '../../../electron/contract/tuning.js';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { startSimulation, type CommandLogEntry, type Simulation } from '../../../electron/core/sim/index.js';
import { applyChange } from '../../../electron/core/tuning/apply.js';
import { SOFT_SWITCH_LEAD_S } from '../../../electron/core/tuning/controls.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';

export interface SimHarness {
  sim: Simulation;
  index(id: string): number;
  /** The simulated clock, ms. */
  now(): number;
  /** The `1:<time>` softoff/softon carry for a change made now. */
  softTime(): number;
  privileged(id: string): CommandLogEntry[];
  change(id: string, request: ChangeRequest): Promise<ChangeResult>;
  /** Applies `request` and checks that exactly this one privileged request arrived; the result shows it as `shown` (secrets redacted). */
  sent(id: string, request: ChangeRequest, command: string, parameter: string, shown?: string): Promise<ChangeResult>;
  /** Applies `request` and checks that nothing was sent and the result is `skipped`. */
  notSent(id: string, request: ChangeRequest): Promise<ChangeResult>;
}

export interface HarnessOptions {
  models: string[];
  base: string;
  seed: number;
  /** Clock start, ms. */
  start: number;
  rebootS?: number;
}

export async function startHarness(opts: HarnessOptions): Promise<SimHarness> {
  let clock = opts.start;
  const sim = await startSimulation({
    count: opts.models.length,
    base: opts.base,
    seed: opts.seed,
    models: opts.models,
    now: () => clock,
    ...(opts.rebootS === undefined ? {} : { rebootS: opts.rebootS }),
  });
  const index = (id: string): number => {
    const i = opts.models.indexOf(id);
    if (i < 0) throw new Error(`no simulated ${id} in this harness`);
    return i;
  };
  const model = (id: string): AvalonModel => modelById(id)!;
  const privileged = (id: string): CommandLogEntry[] => sim.devices[index(id)]!.commandLog.filter((e) => e.privileged);

  const change = (id: string, request: ChangeRequest): Promise<ChangeResult> => {
    const t = sim.targets[index(id)]!;
    return applyChange(t, model(id), request, {
      query,
      readBack: () => readSnapshot(t, { timeoutMs: 2000 }),
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
      readBackTries: 4,
      rebootTimeoutMs: 120_000,
    });
  };

  return {
    sim,
    index,
    now: () => clock,
    softTime: () => Math.floor(clock / 1000) + SOFT_SWITCH_LEAD_S,
    privileged,
    change,
    async sent(id, request, command, parameter, shown = parameter) {
      const before = privileged(id).length;
      const result = await change(id, request);
      const log = privileged(id).slice(before);
      assert.deepEqual(
        log.map((e) => [e.command, e.parameter]),
        [[command, parameter]],
        `${id} ${JSON.stringify(request)}: ${result.message}`,
      );
      assert.deepEqual(result.sent, { command, parameter: shown });
      return result;
    },
    async notSent(id, request) {
      const before = privileged(id).length;
      const result = await change(id, request);
      assert.equal(privileged(id).length, before, `${id}: nothing may be sent for ${JSON.stringify(request)}`);
      assert.equal(result.status, 'skipped');
      return result;
    },
  };
}
