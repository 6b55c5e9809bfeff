// Running network scans for the service: each has an id, reports progress as
// `discovery.progress` events (throttled: a /16 probes 65,534 hosts), and can
// be cancelled. A few may run at once (e.g. two windows).
import { randomUUID } from 'node:crypto';
import type { DiscoveredHost, ScanProgress } from '../../contract/fleet.js';
import { identifyAvalon } from '../avalon/identify.js';
import { expandTargets, TargetSyntaxError, type ScanTarget } from '../discovery/cidr.js';
import { localSubnets } from '../discovery/interfaces.js';
import { scan } from '../discovery/scanner.js';
import { ApiRequestError } from './errors.js';

export const MAX_RUNNING_SCANS = 4;
/** Least time between two progress events of one scan, unless a device was just found. */
const PROGRESS_THROTTLE_MS = 250;

export interface DiscoveryOptions {
  /** True when the fleet already holds host:port. */
  isKnown: (host: string, port: number) => boolean;
  emit: (progress: ScanProgress) => void;
  /** The machine's subnets, for a scan with no targets. Default: the real interfaces. */
  subnets?: () => string[];
  concurrency?: number;
  timeoutMs?: number;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
}

export class DiscoverySessions {
  private readonly opts: DiscoveryOptions;
  private readonly running = new Map<string, Running>();

  constructor(opts: DiscoveryOptions) {
    this.opts = opts;
  }

  /**
   * Validates the targets and starts the scan; progress follows as events.
   * Bad targets and too many running scans are refused here, before any id exists.
   */
  start(entries: readonly string[] | undefined): { scanId: string } {
    if (this.running.size >= MAX_RUNNING_SCANS) {
      throw new ApiRequestError('invalid-params', `${MAX_RUNNING_SCANS} scans are running already; cancel one or wait`);
    }
    const targetsText = entries && entries.length > 0 ? [...entries] : (this.opts.subnets ?? defaultSubnets)();
    if (targetsText.length === 0) {
      throw new ApiRequestError('invalid-params', 'this machine has no IPv4 network to scan; type an address range such as 192.168.1.0/24');
    }
    let targets: ScanTarget[];
    try {
      targets = expandTargets(targetsText);
    } catch (err) {
      if (err instanceof TargetSyntaxError) throw new ApiRequestError('invalid-params', err.message, { input: err.input });
      throw err;
    }
    const scanId = randomUUID();
    const controller = new AbortController();
    const done = this.run(scanId, targetsText, targets, controller.signal).finally(() => this.running.delete(scanId));
    this.running.set(scanId, { controller, done });
    return { scanId };
  }

  cancel(scanId: string): boolean {
    const scanning = this.running.get(scanId);
    if (!scanning) return false;
    scanning.controller.abort(new Error('cancelled'));
    return true;
  }

  /** Cancels every scan and waits until their sockets are closed. */
  async close(): Promise<void> {
    const all = [...this.running.values()];
    for (const s of all) s.controller.abort(new Error('closing'));
    await Promise.all(all.map((s) => s.done));
  }

  private async run(scanId: string, targetsText: string[], targets: ScanTarget[], signal: AbortSignal): Promise<void> {
    const found: DiscoveredHost[] = [];
    let probed = 0;
    let lastEmit = 0;
    const progress = (state: ScanProgress['state'], error?: string): ScanProgress => {
      const p: ScanProgress = { scanId, targets: targetsText, total: targets.length, probed, found: [...found], state };
      if (error !== undefined) p.error = error;
      return p;
    };
    // The id must reach the caller before the first event about it.
    await new Promise((resolve) => setImmediate(resolve));
    this.opts.emit(progress('running'));
    try {
      await scan(targets, {
        identify: identifyAvalon,
        signal,
        ...(this.opts.concurrency === undefined ? {} : { concurrency: this.opts.concurrency }),
        ...(this.opts.timeoutMs === undefined ? {} : { timeoutMs: this.opts.timeoutMs }),
        onProgress: (n, _total, hit) => {
          probed = n;
          if (hit) found.push({ ...hit, alreadyKnown: this.opts.isKnown(hit.host, hit.port) });
          const now = performance.now();
          if (hit || now - lastEmit >= PROGRESS_THROTTLE_MS) {
            lastEmit = now;
            this.opts.emit(progress('running'));
          }
        },
      });
      this.finish(scanId, progress('done'));
    } catch (err) {
      if (signal.aborted) this.finish(scanId, progress('cancelled'));
      else this.finish(scanId, progress('failed', err instanceof Error ? err.message : String(err)));
    }
  }

  /** A scan is over for cancel() before anyone hears that it is. */
  private finish(scanId: string, last: ScanProgress): void {
    this.running.delete(scanId);
    this.opts.emit(last);
  }
}

function defaultSubnets(): string[] {
  return localSubnets().map((s) => s.cidr);
}
