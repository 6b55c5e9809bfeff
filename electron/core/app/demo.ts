// Demo mode: simulated AvalonMiners on loopback, so the app can be tried (and
// shown) without a miner. The simulator is loaded only when demo mode starts.
// Their pools are two local test pools, so that everything the app does with a
// demo device's pools (a health check's pool test, for one) stays on this machine.
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
  const [{ startSimulation }, { TestPool }] = await Promise.all([import('../sim/index.js'), import('../stratum/test-pool.js')]);
  const { count, base = DEMO_BASE } = opts;
  const faults: Record<number, Fault> = {};
  for (let i = 0; i < count; i++) faults[i] = DEMO_FAULTS[i % DEMO_FAULTS.length] ?? 'none';
  const pools = await Promise.all([TestPool.start({ tag: '/hearth demo/' }), TestPool.start({ tag: '/hearth demo backup/' })]);
  const poolUrls = pools.map((p) => p.url);
  const closePools = async (): Promise<void> => {
    await Promise.all(pools.map((p) => p.close()));
  };
  try {
    const simulation = await startSimulation({ count, base, faults, poolUrls }).catch((err: unknown) => {
      // macOS only answers on 127.0.0.1 unless aliases are added: use ports instead.
      log(`hearth: demo devices cannot listen on ${base} and up (${err instanceof Error ? err.message : String(err)}); using ${FALLBACK_HOST} ports ${FALLBACK_PORT} and up`);
      return startSimulation({ count, base: FALLBACK_HOST, port: FALLBACK_PORT, portStep: true, faults, poolUrls });
    });
    return {
      targets: simulation.targets,
      async close() {
        await simulation.close();
        await closePools();
      },
    };
  } catch (err) {
    await closePools();
    throw err;
  }
}
