// Finds Avalons among many addresses: each host gets a `version` request
// (and `stats` when version alone says nothing), many hosts at once, and
// counts as found only when `identify` recognises the replies.
// See docs/discovery.md.
import { setMaxListeners } from 'node:events';
import type { DiscoveredHost } from '../../contract/fleet.js';
import { query } from '../cgminer-api/client.js';
import type { CgminerReply } from '../cgminer-api/client.js';
import type { ScanTarget } from './cidr.js';

/** What a scan reports about one host; the service adds `alreadyKnown`. */
export type ScanHit = Omit<DiscoveredHost, 'alreadyKnown'>;

export type Identity = { modelId: string; product?: string; firmware?: string; mac?: string };
/**
 * Recognises a device from its `version` reply, and, for a CGMiner that
 * `version` alone does not identify, from its `stats` reply too; null when it
 * is not one we want.
 */
export type Identify = (versionReply: CgminerReply, statsReply?: CgminerReply) => Identity | null;

export interface ScanOptions {
  /** Hosts probed at once. Default 64. */
  concurrency?: number;
  /** Budget per host, connect included. Default 1500 ms. */
  timeoutMs?: number;
  /** Aborting stops the scan: no new probes start and open sockets are closed. */
  signal?: AbortSignal;
  /** Called after every host; `hit` is set when that host was found. */
  onProgress?: (probed: number, total: number, hit?: ScanHit) => void;
  identify: Identify;
}

export const DEFAULT_SCAN_CONCURRENCY = 64;
export const DEFAULT_SCAN_TIMEOUT_MS = 1500;
const MAX_CONCURRENCY = 1024;

const VERSION_MAX_BYTES = 64 * 1024;
// A controller's stats hold every module's MM ID string: an A1566's alone is 9 KB.
const STATS_MAX_BYTES = 512 * 1024;

function safeIdentify(identify: Identify, version: CgminerReply, stats?: CgminerReply): Identity | null {
  try {
    const identity = stats === undefined ? identify(version) : identify(version, stats);
    return identity !== null && typeof identity.modelId === 'string' && identity.modelId !== '' ? identity : null;
  } catch {
    return null;
  }
}

/**
 * `version` first; a CGMiner it does not identify gets a second request,
 * `stats`, because controller-era Avalons answer `version` like stock
 * cgminer (avalon-protocol.md 2.2, 7). Both share the host's time budget and
 * run one after the other: the firmware serves one client at a time (1.1).
 */
async function probe(target: ScanTarget, identify: Identify, timeoutMs: number, signal: AbortSignal): Promise<ScanHit | null> {
  const deadline = performance.now() + timeoutMs;
  let identity: Identity | null;
  try {
    const version = await query(target, 'version', undefined, { timeoutMs, signal, maxBytes: VERSION_MAX_BYTES });
    identity = safeIdentify(identify, version);
    const left = deadline - performance.now();
    if (identity === null && left > 0) {
      const stats = await query(target, 'stats', undefined, { timeoutMs: left, signal, maxBytes: STATS_MAX_BYTES });
      identity = safeIdentify(identify, version, stats);
    }
  } catch {
    // Closed, silent, or not a CGMiner: simply not found. Aborts are noticed by the caller.
    return null;
  }
  if (identity === null) return null;
  const hit: ScanHit = { host: target.host, port: target.port, modelId: identity.modelId };
  if (identity.product !== undefined) hit.product = identity.product;
  if (identity.firmware !== undefined) hit.firmware = identity.firmware;
  if (identity.mac !== undefined) hit.mac = identity.mac;
  return hit;
}

/**
 * Probes every target with bounded concurrency. Resolves with the hits in
 * target order. When `signal` aborts, rejects with its reason once the
 * in-flight probes have closed (promptly: their sockets are destroyed).
 */
export async function scan(targets: readonly ScanTarget[], opts: ScanOptions): Promise<ScanHit[]> {
  const concurrency = opts.concurrency ?? DEFAULT_SCAN_CONCURRENCY;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new RangeError(`concurrency must be an integer from 1 to ${MAX_CONCURRENCY}, got ${concurrency}`);
  }
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  if (typeof opts.identify !== 'function') throw new TypeError('identify must be a function');
  const outer = opts.signal;
  if (outer?.aborted) throw outer.reason;

  // One internal signal for all probes, so the outer one carries a single
  // listener however many sockets are open.
  const controller = new AbortController();
  setMaxListeners(concurrency + 1, controller.signal);
  const onAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });

  const hits: (ScanHit | null)[] = new Array<ScanHit | null>(targets.length).fill(null);
  let next = 0;
  let probed = 0;
  const worker = async (): Promise<void> => {
    while (!controller.signal.aborted && next < targets.length) {
      const index = next++;
      const hit = await probe(targets[index] as ScanTarget, opts.identify, timeoutMs, controller.signal);
      if (controller.signal.aborted) return;
      hits[index] = hit;
      probed++;
      opts.onProgress?.(probed, targets.length, hit ?? undefined);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  } catch (e) {
    // Only onProgress can throw here; stop the other workers too.
    controller.abort(e);
    throw e;
  } finally {
    outer?.removeEventListener('abort', onAbort);
  }
  if (controller.signal.aborted) throw controller.signal.reason;
  return hits.filter((h): h is ScanHit => h !== null);
}
