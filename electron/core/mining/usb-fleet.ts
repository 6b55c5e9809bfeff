// The USB sticks Hearth knows and mining with them. It watches a stick source
// (UsbDiscovery, or the simulated bus in the demo), and while mining (a user
// action) opens every minable stick and hands it to the UsbMiningHost, which
// takes work from a StratumClient on the user's pools and verifies every nonce
// in the hashing core. The hashing core's worker threads exist only while
// mining. Changes are reported as the whole view (contract/usb.ts), at most
// once per throttle window, and every `refreshMs` while mining so the
// hashrate moves.
import type { UsbList, UsbProblem } from '../../contract/usb.js';
import { NonceBatcher } from '../hashing/batcher.js';
import { HashPool, type HashPoolOptions } from '../hashing/pool.js';
import { StratumClient, type MiningWork, type PoolConfig, type StratumClientOptions } from '../stratum/client.js';
import { probeNodeAccess } from '../usb/access.js';
import type { UsbStick, UsbStickSource, UsbWatchEvent } from '../usb/discovery.js';
import { RateWindow } from './rate-window.js';
import { UsbMiningHost, type UsbHostEvent, type UsbHostOptions, type WorkSource } from './usb-host.js';
import { describeProblem, poolConnection, stickId, stickView, unsupportedProblem } from './usb-view.js';

export interface UsbFleetOptions {
  source: UsbStickSource;
  /** Hearth's version, for the stratum user agent. */
  clientVersion: string;
  /** Called with the whole view after changes (throttled). */
  onChange: (list: UsbList) => void;
  platform?: NodeJS.Platform;
  /** The sticks are simulated and the pool is the local test pool. */
  demo?: boolean;
  /** What every correct nonce meets; default difficulty 1 (real chips). */
  deviceTarget?: bigint;
  driver?: UsbHostOptions['driver'];
  hashing?: Pick<HashPoolOptions, 'workers' | 'workerUrl' | 'engine'>;
  stratum?: Omit<StratumClientOptions, 'pools' | 'clientVersion'>;
  /** Before mining: whether the OS will let us open a stick (Linux: the device node's permissions). */
  checkAccess?: (stick: UsbStick) => Promise<UsbProblem | undefined>;
  emitThrottleMs?: number;
  refreshMs?: number;
  hashrateWindowMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

interface Entry {
  id: string;
  stick: UsbStick;
  present: boolean;
  problem?: UsbProblem;
  opening: boolean;
  rate: RateWindow;
  lastShareMs?: number;
}

interface Run {
  hashing: HashPool;
  host: UsbMiningHost;
  client: StratumClient;
  refresh: NodeJS.Timeout;
}

/** cgminer's "MHS 5m". */
const HASHRATE_WINDOW_MS = 5 * 60_000;
const MIN_RATE_WINDOW_MS = 1000;

export class UsbFleet {
  private readonly entries = new Map<string, Entry>();
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private scan = { available: false, status: 'USB: looking for devices' };
  private run: Run | undefined;
  /** Which client made a work, so a nonce found on it is submitted there even after the pools changed. */
  private readonly origin = new WeakMap<MiningWork, StratumClient>();
  private unwatch: (() => void) | undefined;
  private emitTimer: NodeJS.Timeout | undefined;
  private lastEmitAt = -Infinity;
  private closed = false;

  private constructor(private readonly o: UsbFleetOptions) {
    this.platform = o.platform ?? process.platform;
    this.now = o.now ?? Date.now;
    this.log = o.log ?? (() => undefined);
  }

  /** Starts watching the source; resolves after its first scan. Never throws for a machine without USB. */
  static async start(options: UsbFleetOptions): Promise<UsbFleet> {
    const fleet = new UsbFleet(options);
    try {
      fleet.unwatch = await options.source.watch((event) => fleet.onWatch(event));
    } catch (error) {
      fleet.scan = { available: false, status: `USB unavailable: ${(error as Error).message}` };
    }
    return fleet;
  }

  get mining(): boolean {
    return this.run !== undefined;
  }

  list(): UsbList {
    const run = this.run;
    const pool = run ? poolConnection(run.client.status()) : null;
    const at = this.now();
    const sticks = [...this.entries.values()].map((e) => {
      const stats = run?.host.stats(e.id);
      // The host's counts start at zero when the stick first mines in this run.
      if (stats?.miningSince !== undefined) e.rate.begin(stats.miningSince, 0);
      const sampled = stats ? e.rate.sample(at, stats.verifiedNonces) : undefined;
      // A rate over less than a second says nothing yet.
      const rate = sampled && sampled.windowMs >= MIN_RATE_WINDOW_MS ? sampled : { perSecond: 0, windowMs: 0 };
      return stickView({
        id: e.id,
        stick: e.stick,
        present: e.present,
        ...(e.problem ? { problem: e.problem } : {}),
        ...(stats ? { stats } : {}),
        hashrate: { perSecond: rate.perSecond * (run?.host.hashesPerNonce ?? 0), windowMs: rate.windowMs },
        ...(e.lastShareMs !== undefined ? { lastShareMs: e.lastShareMs } : {}),
        pool,
      });
    });
    return { ...this.scan, demo: this.o.demo === true, mining: run !== undefined, platform: this.platform, pool, sticks };
  }

  /**
   * Starts mining every minable stick on `pools`. Rejects when the hashing
   * core cannot start (nothing is left running then).
   */
  async startMining(pools: readonly PoolConfig[]): Promise<void> {
    if (this.closed) throw new Error('the USB service is closed');
    if (this.run) return;
    const client = this.newClient(pools);
    const hashing = new HashPool({
      workers: 1,
      ...this.o.hashing,
      onEvent: (e) => {
        if (e.type === 'worker-crashed') this.log(`hearth usb: a hashing worker crashed (${e.error.message}); ${e.replaced ? 'replaced' : 'not replaced'}`);
      },
    });
    try {
      await hashing.whenReady();
    } catch (error) {
      client.removeAllListeners();
      await hashing.close();
      throw error;
    }
    const source: WorkSource = {
      nextWork: () => {
        const current = this.run?.client;
        const work = current?.nextWork();
        if (work && current) this.origin.set(work, current);
        return work;
      },
      submit: async (work, nonce, o) => {
        const owner = this.origin.get(work);
        // Every work comes from nextWork above; one that did not cannot be submitted anywhere (counted as stale).
        if (!owner) throw new Error(`job ${work.jobId} came from no pool client`);
        return owner.submit(work, nonce, o);
      },
    };
    const host = new UsbMiningHost({
      source,
      verifier: new NonceBatcher(hashing),
      ...(this.o.deviceTarget !== undefined ? { deviceTarget: this.o.deviceTarget } : {}),
      ...(this.o.driver ? { driver: this.o.driver } : {}),
      onEvent: (e) => this.onHostEvent(e),
    });
    const refresh = setInterval(() => this.changed(), this.o.refreshMs ?? 2000);
    refresh.unref();
    this.run = { hashing, host, client, refresh };
    client.start();
    for (const entry of this.entries.values()) {
      entry.rate.clear();
      void this.connect(entry);
    }
    this.changed();
  }

  async stopMining(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    clearInterval(run.refresh);
    await run.host.stop();
    run.client.stop();
    run.client.removeAllListeners();
    await run.hashing.close();
    for (const [id, entry] of this.entries) {
      if (!entry.present) this.entries.delete(id);
      else if (entry.problem?.code !== 'unsupported' && entry.problem?.code !== 'access-denied') delete entry.problem;
      entry.rate.clear();
    }
    this.changed();
  }

  /** New pools: while mining, the sticks move over at once (nonces on old work still go to the pool it came from). */
  setPools(pools: readonly PoolConfig[]): void {
    const run = this.run;
    if (!run) return;
    const old = run.client;
    run.client = this.newClient(pools);
    run.client.start();
    old.stop();
    old.removeAllListeners();
    this.changed();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    clearTimeout(this.emitTimer);
    await this.stopMining();
    clearTimeout(this.emitTimer);
  }

  private newClient(pools: readonly PoolConfig[]): StratumClient {
    const client = new StratumClient({ versionRolling: false, ...this.o.stratum, pools, clientVersion: this.o.clientVersion });
    client.on('pool', () => this.changed());
    client.on('difficulty', () => this.changed());
    client.on('log', (level, text) => {
      if (level === 'warn') this.log(`hearth usb: ${text}`);
    });
    return client;
  }

  private onWatch(event: UsbWatchEvent): void {
    if (this.closed) return;
    if (event.type === 'scan') {
      this.scan = { available: event.scan.available, status: event.scan.status };
    } else if (event.type === 'attach') {
      const id = stickId(event.stick);
      let entry = this.entries.get(id);
      if (!entry) {
        entry = { id, stick: event.stick, present: true, opening: false, rate: new RateWindow(this.o.hashrateWindowMs ?? HASHRATE_WINDOW_MS) };
        this.entries.set(id, entry);
      }
      entry.stick = event.stick;
      entry.present = true;
      delete entry.problem;
      if (!event.stick.minable) entry.problem = unsupportedProblem(event.stick);
      else void this.prepare(entry);
    } else {
      const entry = this.entries.get(stickId(event.stick));
      if (entry) {
        entry.present = false;
        // A stick that never mined in this run has nothing worth keeping on screen.
        if (!this.run?.host.stats(entry.id)) this.entries.delete(entry.id);
      }
    }
    this.changed();
  }

  /** A stick came: if mining, open it; else find out early whether the OS will let us. */
  private async prepare(entry: Entry): Promise<void> {
    if (this.run) return this.connect(entry);
    const check = this.o.checkAccess ?? ((stick: UsbStick) => this.nodeAccess(stick));
    const problem = await check(entry.stick);
    if (problem && !this.run && entry.present) {
      entry.problem = problem;
      this.changed();
    }
  }

  private async nodeAccess(stick: UsbStick): Promise<UsbProblem | undefined> {
    if (stick.backend === 'simulated') return undefined;
    const refused = await probeNodeAccess(stick.path, { platform: this.platform, backend: stick.backend, what: `${stick.name} (${stick.usbId}) at ${stick.path ?? stick.key}` });
    return refused ? describeProblem(refused, this.platform) : undefined;
  }

  private async connect(entry: Entry): Promise<void> {
    const run = this.run;
    if (!run || !entry.present || !entry.stick.minable || entry.opening) return;
    entry.opening = true;
    try {
      const transport = await this.o.source.open(entry.stick);
      if (this.run !== run || !entry.present) {
        await transport.close();
        return;
      }
      delete entry.problem;
      run.host.attach(entry.id, transport);
    } catch (error) {
      if (this.run === run) entry.problem = describeProblem(error, this.platform);
    } finally {
      entry.opening = false;
      this.changed();
    }
  }

  private onHostEvent(e: UsbHostEvent): void {
    if (e.type === 'share' && (e.report.status === 'accepted' || e.report.status === 'rejected')) {
      const entry = this.entries.get(e.key);
      if (entry) entry.lastShareMs = e.report.at;
    }
    if (e.type !== 'warning') this.changed();
  }

  private changed(): void {
    if (this.closed || this.emitTimer) return;
    const wait = Math.max(0, this.lastEmitAt + (this.o.emitThrottleMs ?? 1000) - performance.now());
    this.emitTimer = setTimeout(() => {
      this.emitTimer = undefined;
      this.lastEmitAt = performance.now();
      this.o.onChange(this.list());
    }, wait);
    this.emitTimer.unref();
  }
}
