// A fleet driven by hand for alert tests: the real simulator on loopback with
// a fake clock, polled with the real client and snapshot builder, and turned
// into FleetDevice records the way the monitor does (status rules from
// fleet/status.ts), one poll per device per step.
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { CgminerError } from '../../../electron/core/cgminer-api/errors.js';
import { pollFailure, requestPollReplies } from '../../../electron/core/fleet/poll-request.js';
import { statusAfterFailure } from '../../../electron/core/fleet/status.js';
import { startSimulation, type Simulation, type SimulationOptions } from '../../../electron/core/sim/index.js';

export interface SimFleet {
  sim: Simulation;
  /** The fake wall clock, ms. */
  now(): number;
  /** Advances the clock by `ms`, then polls every device once. */
  advance(ms: number): Promise<FleetDevice[]>;
  close(): Promise<void>;
}

export async function startSimFleet(opts: Omit<SimulationOptions, 'now'> & { pollTimeoutMs: number; intervalMs: number }): Promise<SimFleet> {
  let t = Date.UTC(2026, 0, 1, 12);
  const sim = await startSimulation({ ...opts, now: () => t });
  const devices: FleetDevice[] = sim.targets.map((target, i) => ({
    record: { id: `${target.host}:${target.port}`, host: target.host, port: target.port, nickname: `rig ${i}`, source: 'demo', addedAt: t },
    status: 'unknown',
    consecutiveFailures: 0,
  }));

  async function poll(device: FleetDevice): Promise<FleetDevice> {
    const at = t;
    try {
      const result = await requestPollReplies(device.record, ['version', 'summary', 'pools', 'estats'], true, { timeoutMs: opts.pollTimeoutMs });
      const failure = pollFailure(result);
      if (failure) throw failure;
      const { lastError: _gone, ...rest } = device;
      return { ...rest, status: 'online', snapshot: buildSnapshot(result.replies, at), lastSuccessAt: at, lastPollAt: at, consecutiveFailures: 0 };
    } catch (err) {
      const error = err instanceof CgminerError ? { kind: err.kind, message: err.message } : { kind: 'unreachable' as const, message: String(err) };
      return {
        ...device,
        status: statusAfterFailure(device.lastSuccessAt, at, opts.intervalMs),
        lastError: error,
        lastPollAt: at,
        consecutiveFailures: device.consecutiveFailures + 1,
      };
    }
  }

  return {
    sim,
    now: () => t,
    async advance(ms) {
      t += ms;
      const next = await Promise.all(devices.map(poll));
      devices.splice(0, devices.length, ...next);
      return [...devices];
    },
    close: () => sim.close(),
  };
}
