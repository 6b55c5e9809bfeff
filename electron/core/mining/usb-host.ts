// The USB mining host: one AvalonUsbDriver per stick, fed with stratum work;
// every nonce a stick returns is verified by the hashing core before anything
// is submitted. A nonce that misses the device target is a hardware error for
// that stick and chip and is never submitted (cgminer's submit_noffset_nonce);
// one that meets the pool's share target goes to the pool.
import { DEVICE_DIFF1_TARGET } from '../hashing/target.js';
import type { NonceVerdict, NonceWork } from '../hashing/batcher.js';
import type { MiningWork, ShareReport } from '../stratum/client.js';
import { AvalonUsbDriver, type CandidateShare, type UsbDriverOptions, type UsbDriverState, type UsbDriverStats } from '../usb/driver.js';
import type { DetectReply, StickStatus } from '../usb/messages.js';
import type { PacketTransport } from '../usb/transport.js';

/** Where work comes from and shares go: StratumClient. */
export interface WorkSource {
  nextWork(): MiningWork | undefined;
  submit(work: MiningWork, nonce: number, o: { ntime?: number }): Promise<ShareReport>;
}

/** Who judges nonces: the hashing core's NonceBatcher. */
export interface NonceVerifier {
  verify(work: NonceWork, nonce: number): Promise<NonceVerdict>;
}

export interface UsbMinerStats {
  key: string;
  state: UsbDriverState;
  info?: DetectReply;
  accepted: number;
  rejected: number;
  /** Not sent or no verdict: the job or session was gone, or the pool did not answer. */
  stale: number;
  hardwareErrors: number;
  hardwareErrorsPerChip: number[];
  /** Nonces that met the device target. */
  verifiedNonces: number;
  /** Highest share difficulty among verified nonces. */
  bestShare: number;
  /** Hashes per second the verified nonces stand for, since the stick started mining. */
  hashrate: number;
  /** Nonces that could not be verified (hashing core closed or overloaded). */
  unverified: number;
  /** When the stick first mined under this host (ms); kept across re-plugs. */
  miningSince?: number;
  /** Chip frequencies in MHz as the stick reports them: read back on a mini, from its status on a nano. */
  frequencyMhz?: number[];
  /** The stick's last status reply. */
  status?: StickStatus;
  driver: UsbDriverStats;
}

export type UsbHostEvent =
  | { type: 'device'; key: string; state: UsbDriverState; info?: DetectReply }
  | { type: 'share'; key: string; report: ShareReport }
  | { type: 'hardware-error'; key: string; chipId: number; jobId: string }
  | { type: 'warning'; key: string; message: string };

export interface UsbHostOptions {
  source: WorkSource;
  verifier: NonceVerifier;
  /**
   * What every correct nonce from the sticks meets; default difficulty 1
   * (DEVICE_DIFF1_TARGET), as real chips return. A simulated stick set to fewer
   * zero bits needs its own.
   */
  deviceTarget?: bigint;
  driver?: Omit<UsbDriverOptions<MiningWork>, 'nextWork' | 'onEvent'>;
  onEvent?: (event: UsbHostEvent) => void;
  now?: () => number;
}

interface Device {
  key: string;
  driver: AvalonUsbDriver<MiningWork>;
  stats: Omit<UsbMinerStats, 'key' | 'state' | 'info' | 'hashrate' | 'driver'>;
  miningSince: number | undefined;
  /** One NonceWork per (work, ntime offset), so the batcher groups a work's nonces. */
  nonceWork: WeakMap<MiningWork, Map<number, NonceWork>>;
}

export class UsbMiningHost {
  private readonly devices = new Map<string, Device>();
  private readonly deviceTarget: bigint;
  /** Hashes one verified nonce stands for: 2^256 / (device target + 1). */
  readonly hashesPerNonce: number;
  private readonly now: () => number;

  constructor(private readonly options: UsbHostOptions) {
    this.deviceTarget = options.deviceTarget ?? DEVICE_DIFF1_TARGET;
    if (this.deviceTarget <= 0n) throw new RangeError('the device target must be positive');
    this.hashesPerNonce = Number((1n << 256n) / (this.deviceTarget + 1n));
    this.now = options.now ?? Date.now;
  }

  /** Starts mining on a stick; the same key again (a re-plug) re-attaches its driver, keeping its counts. */
  attach(key: string, transport: PacketTransport): void {
    let device = this.devices.get(key);
    if (!device) {
      const created: Device = {
        key,
        driver: new AvalonUsbDriver<MiningWork>({
          ...this.options.driver,
          nextWork: () => this.options.source.nextWork(),
          onEvent: (e) => {
            if (e.type === 'candidate') void this.judge(created, e.candidate);
            else if (e.type === 'state') this.onState(created, e.state);
            else if (e.type === 'warning') this.options.onEvent?.({ type: 'warning', key, message: e.message });
          },
        }),
        stats: { accepted: 0, rejected: 0, stale: 0, hardwareErrors: 0, hardwareErrorsPerChip: [], verifiedNonces: 0, bestShare: 0, unverified: 0 },
        miningSince: undefined,
        nonceWork: new WeakMap(),
      };
      device = created;
      this.devices.set(key, device);
    }
    device.driver.attach(transport);
  }

  /** Stops a stick's driver and forgets it. */
  async remove(key: string): Promise<void> {
    const device = this.devices.get(key);
    if (!device) return;
    this.devices.delete(key);
    await device.driver.stop();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.devices.keys()].map((key) => this.remove(key)));
  }

  stats(key: string): UsbMinerStats | undefined {
    const d = this.devices.get(key);
    if (!d) return undefined;
    const info = d.driver.info;
    const elapsed = d.miningSince === undefined ? 0 : (this.now() - d.miningSince) / 1000;
    const status = d.driver.status;
    const readBack = d.driver.frequencyMhz?.filter((f): f is number => f !== undefined);
    const frequencyMhz = readBack?.length ? readBack : status?.frequencyMhz !== undefined ? [status.frequencyMhz] : undefined;
    return {
      key,
      state: d.driver.state,
      ...(info ? { info } : {}),
      ...d.stats,
      hardwareErrorsPerChip: [...d.stats.hardwareErrorsPerChip],
      hashrate: elapsed > 0 ? (d.stats.verifiedNonces * this.hashesPerNonce) / elapsed : 0,
      ...(d.miningSince !== undefined ? { miningSince: d.miningSince } : {}),
      ...(frequencyMhz ? { frequencyMhz } : {}),
      ...(status ? { status } : {}),
      driver: d.driver.stats(),
    };
  }

  keys(): string[] {
    return [...this.devices.keys()];
  }

  private onState(d: Device, state: UsbDriverState): void {
    if (state === 'mining') d.miningSince ??= this.now();
    const info = d.driver.info;
    this.options.onEvent?.({ type: 'device', key: d.key, state, ...(info ? { info } : {}) });
  }

  private nonceWorkFor(d: Device, c: CandidateShare<MiningWork>): NonceWork {
    let byOffset = d.nonceWork.get(c.work);
    if (!byOffset) {
      byOffset = new Map();
      d.nonceWork.set(c.work, byOffset);
    }
    let w = byOffset.get(c.ntimeOffset);
    if (!w) {
      w = { header: c.header, shareTarget: c.work.target, deviceTarget: this.deviceTarget };
      byOffset.set(c.ntimeOffset, w);
    }
    return w;
  }

  private async judge(d: Device, c: CandidateShare<MiningWork>): Promise<void> {
    let verdict: NonceVerdict;
    try {
      verdict = await this.options.verifier.verify(this.nonceWorkFor(d, c), c.nonce);
    } catch (error) {
      d.stats.unverified++;
      this.options.onEvent?.({ type: 'warning', key: d.key, message: `nonce not verified: ${(error as Error).message}` });
      return;
    }
    if (!verdict.meetsDevice) {
      d.stats.hardwareErrors++;
      d.stats.hardwareErrorsPerChip[c.chipId] = (d.stats.hardwareErrorsPerChip[c.chipId] ?? 0) + 1;
      for (let i = 0; i < d.stats.hardwareErrorsPerChip.length; i++) d.stats.hardwareErrorsPerChip[i] ??= 0;
      this.options.onEvent?.({ type: 'hardware-error', key: d.key, chipId: c.chipId, jobId: c.jobId });
      return;
    }
    d.stats.verifiedNonces++;
    d.stats.bestShare = Math.max(d.stats.bestShare, verdict.difficulty);
    if (!verdict.meetsShare) return;
    let report: ShareReport;
    try {
      report = await this.options.source.submit(c.work, c.nonce, { ntime: c.ntime });
    } catch (error) {
      d.stats.stale++;
      this.options.onEvent?.({ type: 'warning', key: d.key, message: `share not submitted: ${(error as Error).message}` });
      return;
    }
    if (report.status === 'accepted') d.stats.accepted++;
    else if (report.status === 'rejected') d.stats.rejected++;
    else d.stats.stale++;
    this.options.onEvent?.({ type: 'share', key: d.key, report });
  }
}
