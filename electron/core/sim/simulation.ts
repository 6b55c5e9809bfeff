// A fleet of simulated AvalonMiners, each serving the CGMiner API on its own
// loopback address: what the tests, the benchmarks and the app's demo mode
// talk to.
import { allocateTargets, type Target } from './addresses.js';
import { SimDevice } from './device.js';
import type { Fault } from './faults.js';
import { mixSeed } from './prng.js';
import { DEFAULT_FLEET_MODELS, PROFILES, profileById } from './profiles.js';
import { DEFAULT_LIMITS, SimServer } from './server.js';

export interface SimulationOptions {
  count: number;
  /** First address, default 127.0.1.1. */
  base?: string;
  /** Default 4028; 0 = any free port (the real ports are in `targets`). */
  port?: number;
  /** All devices on `base` with ports port, port+1, ...: for systems where only 127.0.0.1 exists. */
  portStep?: boolean;
  seed?: number;
  /** Catalog ids, assigned in turn; default a mixed fleet of every simulated model. */
  models?: string[];
  now?: () => number;
  faults?: Record<number, Fault>;
  /** Let `base` lie outside 127.0.0.0/8. */
  allowNonLoopback?: boolean;
  /** Delay of the 'slow-reply' fault, default 10 s. */
  slowReplyMs?: number;
  /** How long a client may take to send its request, default 10 s (the Nano 3S firmware's receive timeout). */
  readTimeoutMs?: number;
  /**
   * Whether privileged commands run, for every device: true gives the
   * A-series a `W:` allow entry, false makes every model answer access
   * denied. Default: each firmware's own rule (A-series denied, home models allowed).
   */
  writeAccess?: boolean;
  /** Seconds a reboot keeps a device away, default REBOOT_S (about what a Q took). */
  rebootS?: number;
  /** Every device's pools (one to three stratum URLs); default three on pool.example.com. */
  poolUrls?: readonly string[];
}

export interface Simulation {
  devices: SimDevice[];
  targets: Target[];
  device(host: string, port?: number): SimDevice | undefined;
  /** Applies at once; the returned promise settles when the port is open or closed accordingly. */
  setFault(index: number, fault: Fault): Promise<void>;
  /** Lets device `index` run privileged commands, or makes it answer access denied (code 45). */
  setWriteAccess(index: number, allowed: boolean): void;
  close(): Promise<void>;
}

export class SimulationError extends Error {
  override name = 'SimulationError';
}

export const DEFAULT_BASE = '127.0.1.1';
export const DEFAULT_PORT = 4028;
export const DEFAULT_SEED = 1;

/** A clear message for a failed listen: EADDRNOTAVAIL means the loopback alias does not exist (macOS). */
export function bindError(err: unknown, target: Target, portStep: boolean): Error {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${target.host}:${target.port}`;
  if (code === 'EADDRNOTAVAIL') {
    return new SimulationError(
      `cannot listen on ${where}: the address does not exist on this machine. ` +
        (portStep
          ? 'Choose a base address that exists (127.0.0.1).'
          : 'On macOS and Windows only 127.0.0.1 exists by default: use --port-step (all devices on 127.0.0.1, consecutive ports).'),
    );
  }
  if (code === 'EADDRINUSE') return new SimulationError(`cannot listen on ${where}: already in use (another simulator or a miner API?)`);
  if (code === 'EACCES') return new SimulationError(`cannot listen on ${where}: permission denied (ports below 1024 need privileges)`);
  return new SimulationError(`cannot listen on ${where}: ${err instanceof Error ? err.message : String(err)}`);
}

export async function startSimulation(opts: SimulationOptions): Promise<Simulation> {
  const portStep = opts.portStep ?? false;
  const requested = allocateTargets({
    base: opts.base ?? (portStep ? '127.0.0.1' : DEFAULT_BASE),
    port: opts.port ?? DEFAULT_PORT,
    count: opts.count,
    portStep,
    allowNonLoopback: opts.allowNonLoopback ?? false,
  });
  const models = opts.models?.length ? opts.models : DEFAULT_FLEET_MODELS;
  for (const id of models) {
    if (!profileById(id)) throw new SimulationError(`unknown model "${id}"; simulated models: ${PROFILES.map((p) => p.id).join(', ')}`);
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  const now = opts.now ?? Date.now;
  const limits = {
    readTimeoutMs: opts.readTimeoutMs ?? DEFAULT_LIMITS.readTimeoutMs,
    maxRequestBytes: DEFAULT_LIMITS.maxRequestBytes,
    maxConnections: DEFAULT_LIMITS.maxConnections,
    slowReplyMs: opts.slowReplyMs ?? DEFAULT_LIMITS.slowReplyMs,
  };

  const servers = requested.map((t, index) => {
    const profile = profileById(models[index % models.length]!)!;
    const device = new SimDevice({
      index,
      host: t.host,
      port: t.port,
      profile,
      seed: mixSeed(seed, index),
      now,
      ...(opts.rebootS === undefined ? {} : { rebootS: opts.rebootS }),
      ...(opts.poolUrls === undefined ? {} : { poolUrls: opts.poolUrls }),
    });
    if (opts.writeAccess !== undefined) device.writeAccess = opts.writeAccess;
    const fault = opts.faults?.[index];
    if (fault) device.setFault(fault);
    return new SimServer(device, limits);
  });

  try {
    for (const [i, s] of servers.entries()) {
      if (s.device.fault === 'offline') continue;
      await s.listen().catch((err: unknown) => {
        throw bindError(err, requested[i]!, portStep);
      });
    }
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }

  const targets = (): Target[] => servers.map((s) => ({ host: s.device.host, port: s.boundPort }));
  const devices = servers.map((s) => s.device);
  let pending: Promise<void> = Promise.resolve();

  return {
    devices,
    get targets() {
      return targets();
    },
    device(host, port) {
      return servers.find((s) => s.device.host === host && (port === undefined || s.boundPort === port))?.device;
    },
    setFault(index, fault) {
      const server = servers[index];
      if (!server) return Promise.reject(new SimulationError(`no simulated device ${index} (fleet of ${servers.length})`));
      server.device.setFault(fault);
      const step = fault === 'offline' ? () => server.close() : () => server.listen();
      pending = pending.then(step, step);
      return pending;
    },
    setWriteAccess(index, allowed) {
      const server = servers[index];
      if (!server) throw new SimulationError(`no simulated device ${index} (fleet of ${servers.length})`);
      server.device.writeAccess = allowed;
    },
    async close() {
      await pending.catch(() => undefined);
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
