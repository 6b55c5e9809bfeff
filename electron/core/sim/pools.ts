// A simulated device's pool list: configuration plus the counters cgminer
// keeps per pool. cgminer's default strategy is failover: the enabled, alive
// pool with the lowest priority number gets the work.

export interface SimPool {
  url: string;
  user: string;
  /** Only the Avalon Q reports it (in clear) in `pools`. */
  password: string;
  priority: number;
  enabled: boolean;
  accepted: number;
  rejected: number;
  stale: number;
  diff1: number;
  diffAccepted: number;
  diffRejected: number;
  diffStale: number;
  /** Clock time (ms) of the last accepted share, 0 = none yet. */
  lastShareAt: number;
  lastShareDifficulty: number;
  getworks: number;
  works: number;
}

export type PoolStatus = 'Alive' | 'Dead' | 'Disabled';

export function newPool(url: string, user: string, priority: number): SimPool {
  return {
    url,
    user,
    password: 'x',
    priority,
    enabled: true,
    accepted: 0,
    rejected: 0,
    stale: 0,
    diff1: 0,
    diffAccepted: 0,
    diffRejected: 0,
    diffStale: 0,
    lastShareAt: 0,
    lastShareDifficulty: 0,
    getworks: 0,
    works: 0,
  };
}

/** Three pools on reserved example domains, as the captured devices had three. */
export const EXAMPLE_POOL_URLS: readonly string[] = [3333, 3334, 3335].map((port) => `stratum+tcp://pool.example.com:${port}`);

export function defaultPools(worker: string, urls: readonly string[] = EXAMPLE_POOL_URLS): SimPool[] {
  return urls.slice(0, 3).map((url, i) => newPool(url, worker, i));
}

export function poolStatus(pool: SimPool, poolsDead: boolean): PoolStatus {
  if (!pool.enabled) return 'Disabled';
  return poolsDead ? 'Dead' : 'Alive';
}

/** Index of the pool that gets the work, or -1 when no pool is usable. */
export function activePoolIndex(pools: readonly SimPool[], poolsDead: boolean): number {
  let best = -1;
  pools.forEach((pool, i) => {
    if (poolStatus(pool, poolsDead) !== 'Alive') return;
    const current = best >= 0 ? pools[best] : undefined;
    if (!current || pool.priority < current.priority) best = i;
  });
  return best;
}
