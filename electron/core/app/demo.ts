// Demo mode: simulated AvalonMiners on loopback, so the app can be tried (and
// shown) without a miner. The simulator is loaded only when demo mode starts.
import type { Fault } from '../sim/index.js';

export interface DemoFleet {
  targets: { host: string; port: number }[];
  close(): Promise<void>;
}

/** A mixed fleet: mostly healthy, a few of the problems users meet. */
const DEMO_FAULTS: readonly Fault[] = ['none', 'none', 'none', 'overheat', 'none', 'fan-failure', 'none', 'pool-dead', 'none', 'board-down', 'none', 'offline'];
/** 127.0.1.x: a loopback block nothing else on a typical machine uses, one address per device on the real port. */
const DEMO_BASE = '127.0.1.1';
/** Where the fallback puts them: one address, one port per device. */
const FALLBACK_HOST = '127.0.0.1';
const FALLBACK_PORT = 41_028;

export async function startDemoFleet(opts: { count: number; base?: string }, log: (message: string) => void): Promise<DemoFleet> {
  const { startSimulation } = await import('../sim/index.js');
  const { count, base = DEMO_BASE } = opts;
  const faults: Record<number, Fault> = {};
  for (let i = 0; i < count; i++) faults[i] = DEMO_FAULTS[i % DEMO_FAULTS.length] ?? 'none';
  try {
    return await startSimulation({ count, base, faults });
  } catch (err) {
    // macOS only answers on 127.0.0.1 unless aliases are added: use ports instead.
    log(`hearth: demo devices cannot listen on ${base} and up (${err instanceof Error ? err.message : String(err)}); using ${FALLBACK_HOST} ports ${FALLBACK_PORT} and up`);
    return startSimulation({ count, base: FALLBACK_HOST, port: FALLBACK_PORT, portStep: true, faults });
  }
}
