// The pools form's rows and their checks, before anything is sent. The core
// checks again (the contract's schema and the stratum URL parser); these
// checks only catch what a user can fix on the spot.
import type { UsbPool, UsbPoolInput } from '../../../electron/contract/usb.js';

export interface PoolRow {
  /** Stable React key. */
  key: number;
  url: string;
  worker: string;
  /** Typed here; empty keeps a saved password unless `clearPassword`. */
  password: string;
  hasSavedPassword: boolean;
  clearPassword: boolean;
}

export type PoolProblem = 'url' | 'worker';

const URL_RE = /^(?:stratum\+tcp:\/\/|stratum:\/\/)?(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}\/?$/;
const WORKER_RE = /^[\x21-\x7e]{1,128}$/;

export function rowsFrom(pools: readonly UsbPool[], firstKey = 0): PoolRow[] {
  return pools.map((p, i) => ({ key: firstKey + i, url: p.url, worker: p.worker, password: '', hasSavedPassword: p.hasPassword, clearPassword: false }));
}

export function rowProblems(row: PoolRow): PoolProblem[] {
  const problems: PoolProblem[] = [];
  const url = row.url.trim();
  const port = Number(/:(\d+)\/?$/.exec(url)?.[1]);
  if (!URL_RE.test(url) || !(port >= 1 && port <= 65535)) problems.push('url');
  if (!WORKER_RE.test(row.worker.trim())) problems.push('worker');
  return problems;
}

/** What usb.pools.set gets: a password only when typed, or empty to clear a saved one. */
export function toInput(row: PoolRow): UsbPoolInput {
  const input: UsbPoolInput = { url: row.url.trim(), worker: row.worker.trim() };
  if (row.password !== '') input.password = row.password;
  else if (row.clearPassword) input.password = '';
  return input;
}
