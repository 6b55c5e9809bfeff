// Drives one Avalon nano / Avalon4 mini over a PacketTransport, following
// cgminer's driver-avalon-miner.c: detect (DNA, version, ASIC count), set SPI
// speed, voltage and frequency, then rounds of "send one work per ASIC, poll
// until a STATUS reply, wait". Nonce records become candidate shares carrying
// the exact header to hash; verifying them is the caller's job (the hashing
// core), as is counting the hardware errors its verdicts reveal.
import { setTimeout as sleep } from 'node:timers/promises';
import { midstate as computeMidstate } from '../stratum/sha256-compress.js';
import {
  decodeAckDetect,
  decodeFrequencyStatus,
  decodeNonceReply,
  decodeStatus,
  encodeDetect,
  encodeGetFrequency,
  encodePolling,
  encodeSetFrequency,
  encodeSetSpiSpeed,
  encodeSetVoltage,
  encodeWork,
  type DetectReply,
  type Frequencies,
  type NonceRecord,
  type StickStatus,
} from './messages.js';
import { rebuildHeader } from './nonce-header.js';
import { PacketError, PacketType, decodePacket, packetTypeName, type Packet } from './packet.js';
import { TransportError, type PacketTransport } from './transport.js';

export interface UsbWorkItem {
  jobId: string;
  /** The serialized header, 80 bytes (or its first 76); the nonce field is ignored. */
  header: Uint8Array;
  /** The SHA-256 state after the header's first 64 bytes, words big-endian (stratum/work.ts Work.midstate); computed when absent. */
  midstate?: Uint8Array;
  /** The share target; carried to the candidates untouched. */
  target: bigint;
}

/** A nonce the device returned, with all a verifier and a pool submit need. W: the caller's work type. */
export interface CandidateShare<W extends UsbWorkItem = UsbWorkItem> {
  work: W;
  jobId: string;
  target: bigint;
  workId: number;
  chipId: number;
  ntimeOffset: number;
  /** The nonce as the device reported it. */
  deviceNonce: number;
  /** deviceNonce - 0x4000: cgminer's nonce. */
  chipNonce: number;
  /** The header's nonce field as a little-endian u32 (hashing/pool.ts VerifyBatch.nonces, stratum/work.ts submitFields). */
  nonce: number;
  /** The header's ntime with the device's roll applied (stratum submits it). */
  ntime: number;
  /** The exact 80-byte header to hash. */
  header: Buffer;
  receivedAt: number;
}

export type UsbDriverState = 'idle' | 'detecting' | 'configuring' | 'mining' | 'unplugged' | 'stopped';

export type UsbDriverEvent<W extends UsbWorkItem = UsbWorkItem> =
  | { type: 'state'; state: UsbDriverState }
  | { type: 'detected'; info: DetectReply }
  | { type: 'candidate'; candidate: CandidateShare<W> }
  | { type: 'status'; status: StickStatus }
  /** Something went wrong that the driver recovers from (a bad packet, a silent device); for logs. */
  | { type: 'warning'; message: string };

export interface UsbDriverStats {
  detects: number;
  rounds: number;
  worksSent: number;
  /** Rounds that found the work source empty. */
  starvedRounds: number;
  /** Work items refused because their header or midstate had the wrong size. */
  rejectedWork: number;
  polls: number;
  nonceRecords: number;
  candidates: number;
  candidatesPerChip: number[];
  statusReplies: number;
  crcErrors: number;
  /** Wrong length or header, or a payload that does not decode. */
  badPackets: number;
  timeouts: number;
  /** Nonces for a work id the driver no longer (or never) had. */
  unknownWork: number;
  /** Chip ids at or above the device's ASIC count (cgminer drops these). */
  invalidChips: number;
  unexpectedReplies: number;
  powerOffNotices: number;
  redetects: number;
  unplugs: number;
}

export interface UsbDriverOptions<W extends UsbWorkItem = UsbWorkItem> {
  /** Called for each work item the device needs; undefined when there is none. */
  nextWork: () => W | undefined;
  onEvent?: (event: UsbDriverEvent<W>) => void;
  /** Three PLL frequencies in MHz; default 200 each (AVAM_DEFAULT_FREQUENCY). */
  frequencyMhz?: Frequencies;
  /** Default 6500 mV (AVAM_DEFAULT_VOLTAGE). */
  voltageMv?: number;
  /** Default 1 MHz (AVAM_DEFAULT_SPISPEED). */
  spiSpeedHz?: number;
  /** Seconds the first work of each round may be rolled by; must stay below the ASIC count. Default 0 (opt_avalonm_ntime_offset). */
  ntimeRoll?: number;
  /** Per read and write; default 300 ms (usbutils.c AVALONM_TIMEOUT_MS). */
  ioTimeoutMs?: number;
  /** Pause between rounds; default cgminer's CAL_DELAY for the highest frequency (87 ms at 200 MHz). */
  roundDelayMs?: number;
  /** Pause between sending work and polling; default 400 ms on a nano ("3U"), else 0, as cgminer does. */
  settleMs?: number;
  /** Polls per round before giving up on a STATUS reply; default 32. */
  maxPollsPerRound?: number;
  /** Silent reads in a row before the device is detected again; default 5. */
  maxSilentReads?: number;
  /** Pause before detecting again after a failure; default 1000 ms. */
  retryDelayMs?: number;
  now?: () => number;
}

/** cgminer AVAM_DEFAULT_ARRAY_SIZE: rounds of work kept for late nonces. */
const ROUNDS_KEPT = 5;
const DRAIN_LIMIT = 64;
const DRAIN_TIMEOUT_MS = 20;

/** driver-avalon-miner.h CAL_DELAY(freq) with AVAM_ASIC_TIMEOUT_100M = 703, in integer math as in C. */
export function calDelayMs(mhz: number): number {
  return Math.floor(Math.floor((100 * 703) / Math.floor(mhz)) / 4);
}

class Unresponsive extends Error {
  override readonly name = 'Unresponsive';
}

interface SentWork<W> {
  item: W;
}

function emptyStats(): UsbDriverStats {
  return {
    detects: 0,
    rounds: 0,
    worksSent: 0,
    starvedRounds: 0,
    rejectedWork: 0,
    polls: 0,
    nonceRecords: 0,
    candidates: 0,
    candidatesPerChip: [],
    statusReplies: 0,
    crcErrors: 0,
    badPackets: 0,
    timeouts: 0,
    unknownWork: 0,
    invalidChips: 0,
    unexpectedReplies: 0,
    powerOffNotices: 0,
    redetects: 0,
    unplugs: 0,
  };
}

export class AvalonUsbDriver<W extends UsbWorkItem = UsbWorkItem> {
  private readonly opts: Required<Omit<UsbDriverOptions<W>, 'onEvent' | 'roundDelayMs' | 'settleMs'>> & Pick<UsbDriverOptions<W>, 'onEvent' | 'roundDelayMs' | 'settleMs'>;
  private currentState: UsbDriverState = 'idle';
  private detected: DetectReply | undefined;
  private lastStatus: StickStatus | undefined;
  private readBack: (number | undefined)[] | undefined;
  private readonly counters = emptyStats();
  private readonly sent = new Map<number, SentWork<W>>();
  private nextWorkId = 1;
  private silentReads = 0;
  private transport: PacketTransport | undefined;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(options: UsbDriverOptions<W>) {
    this.opts = {
      frequencyMhz: [200, 200, 200],
      voltageMv: 6500,
      spiSpeedHz: 1_000_000,
      ntimeRoll: 0,
      ioTimeoutMs: 300,
      maxPollsPerRound: 32,
      maxSilentReads: 5,
      retryDelayMs: 1000,
      now: Date.now,
      ...options,
    };
    // Validate settings up front (throws PacketError for out-of-range values).
    encodeSetFrequency(0, this.opts.frequencyMhz);
    encodeSetVoltage(this.opts.voltageMv);
    encodeSetSpiSpeed(this.opts.spiSpeedHz);
    if (!Number.isInteger(this.opts.ntimeRoll) || this.opts.ntimeRoll < 0 || this.opts.ntimeRoll > 0xff) {
      throw new RangeError(`ntime roll must be 0..255, got ${this.opts.ntimeRoll}`);
    }
  }

  get state(): UsbDriverState {
    return this.currentState;
  }

  /** The last detect reply (DNA, version, ASIC count, model). */
  get info(): DetectReply | undefined {
    return this.detected;
  }

  get status(): StickStatus | undefined {
    return this.lastStatus;
  }

  /** The three frequencies (MHz) the stick reported after being set; undefined on a nano, which sets its own. */
  get frequencyMhz(): (number | undefined)[] | undefined {
    return this.readBack;
  }

  stats(): UsbDriverStats {
    return { ...this.counters, candidatesPerChip: [...this.counters.candidatesPerChip] };
  }

  /** Starts driving the stick on `transport`; after an unplug, call again with the re-plugged stick's transport. */
  attach(transport: PacketTransport): void {
    const previous = this.transport;
    this.detach();
    if (previous && previous !== transport) void previous.close();
    this.silentReads = 0;
    const abort = new AbortController();
    this.abort = abort;
    this.transport = transport;
    transport.onClose((reason) => {
      if (this.transport !== transport) return;
      if (reason === 'unplugged') {
        this.counters.unplugs++;
        this.setState('unplugged');
      }
      abort.abort();
    });
    this.running = this.run(transport, abort.signal);
  }

  /** Stops and closes the transport. */
  async stop(): Promise<void> {
    const running = this.running;
    const transport = this.transport;
    this.detach();
    await transport?.close();
    await running;
    this.setState('stopped');
  }

  private detach(): void {
    this.abort?.abort();
    this.transport = undefined;
    this.abort = undefined;
  }

  private emit(event: UsbDriverEvent<W>): void {
    this.opts.onEvent?.(event);
  }

  private setState(state: UsbDriverState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit({ type: 'state', state });
  }

  private active(t: PacketTransport, signal: AbortSignal): boolean {
    return !signal.aborted && !t.closed && this.transport === t;
  }

  private async run(t: PacketTransport, signal: AbortSignal): Promise<void> {
    let first = true;
    while (this.active(t, signal)) {
      try {
        if (!first) this.counters.redetects++;
        first = false;
        await this.session(t, signal);
      } catch (error) {
        if (!this.active(t, signal)) break;
        this.emit({ type: 'warning', message: `${t.description}: ${error instanceof Error ? error.message : String(error)}; detecting again` });
        await sleep(this.opts.retryDelayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async session(t: PacketTransport, signal: AbortSignal): Promise<void> {
    this.setState('detecting');
    const info = await this.detect(t);
    this.detected = info;
    this.counters.detects++;
    this.sent.clear();
    while (this.counters.candidatesPerChip.length < info.asicCount) this.counters.candidatesPerChip.push(0);
    this.emit({ type: 'detected', info });
    this.setState('configuring');
    await this.configure(t, info);
    this.setState('mining');
    const settle = this.opts.settleMs ?? (info.model === 'avalon-nano' ? 400 : 0);
    const delay = this.opts.roundDelayMs ?? calDelayMs(Math.max(...this.opts.frequencyMhz));
    while (this.active(t, signal)) {
      await this.sendRound(t, info);
      if (settle > 0) await sleep(settle, undefined, { signal });
      const status = await this.pollRound(t, info);
      if (status?.poweredOff) {
        this.counters.powerOffNotices++;
        await this.configure(t, info);
      }
      if (delay > 0) await sleep(delay, undefined, { signal });
    }
  }

  /** Reads one packet; bad ones are counted and come back as undefined. */
  private async receive(t: PacketTransport): Promise<Packet | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await t.read(this.opts.ioTimeoutMs);
    } catch (error) {
      if (error instanceof TransportError && error.code === 'timeout') {
        this.counters.timeouts++;
        if (++this.silentReads >= this.opts.maxSilentReads) {
          this.silentReads = 0;
          throw new Unresponsive(`no reply to ${this.opts.maxSilentReads} requests in a row`);
        }
        return undefined;
      }
      throw error;
    }
    this.silentReads = 0;
    try {
      return decodePacket(bytes);
    } catch (error) {
      if (error instanceof PacketError && error.code === 'crc') this.counters.crcErrors++;
      else this.counters.badPackets++;
      this.emit({ type: 'warning', message: `${t.description}: dropped a packet: ${(error as Error).message}` });
      return undefined;
    }
  }

  private async detect(t: PacketTransport): Promise<DetectReply> {
    // Stale reports from before (cgminer: "Cleanup the usb fifo").
    for (let i = 0; i < DRAIN_LIMIT; i++) {
      try {
        await t.read(DRAIN_TIMEOUT_MS);
      } catch (error) {
        if (error instanceof TransportError && error.code === 'timeout') break;
        throw error;
      }
    }
    await t.write(encodeDetect(), this.opts.ioTimeoutMs);
    for (let i = 0; i < DRAIN_LIMIT; i++) {
      const p = await this.receive(t);
      if (!p) continue;
      if (p.type !== PacketType.ackDetect) {
        this.counters.unexpectedReplies++;
        continue;
      }
      try {
        return decodeAckDetect(p);
      } catch (error) {
        this.counters.badPackets++;
        throw error;
      }
    }
    throw new Unresponsive(`no detect reply among ${DRAIN_LIMIT} packets`);
  }

  /** cgminer's order: SPI speed after detect, then voltage and frequency, then GET_FREQ to read the setting back (avalonm_get_frequency). */
  private async configure(t: PacketTransport, info: DetectReply): Promise<void> {
    const { spiSpeedHz, voltageMv, frequencyMhz, ioTimeoutMs } = this.opts;
    await t.write(encodeSetSpiSpeed(spiSpeedHz), ioTimeoutMs);
    await t.write(encodeSetVoltage(voltageMv), ioTimeoutMs);
    await t.write(encodeSetFrequency(0, frequencyMhz), ioTimeoutMs);
    // The nano firmware ignores SET_FREQ and does not answer GET_FREQ.
    if (info.model === 'avalon-nano') return;
    await t.write(encodeGetFrequency(0), ioTimeoutMs);
    const p = await this.receive(t);
    if (p?.type === PacketType.frequencyStatus) this.readBack = decodeFrequencyStatus(p).mhz;
    else if (p) this.unexpected(t, p, 'the frequency read-back');
  }

  private unexpected(t: PacketTransport, p: Packet, during: string): void {
    this.counters.unexpectedReplies++;
    this.emit({ type: 'warning', message: `${t.description}: unexpected ${packetTypeName(p.type) ?? `type 0x${p.type.toString(16)}`} packet during ${during}` });
  }

  /**
   * One work per ASIC, the first rolled by ntimeRoll (covering that many more
   * ASICs), as avalonm_process_tasks does; cgminer refuses a roll of the ASIC
   * count or more, so it is capped below it.
   */
  private async sendRound(t: PacketTransport, info: DetectReply): Promise<void> {
    this.counters.rounds++;
    const roll = Math.min(this.opts.ntimeRoll, info.asicCount - 1);
    const need = info.asicCount - roll;
    let sent = 0;
    // Bounded, so a source that only hands out bad items cannot spin the loop.
    for (let tries = 0; sent < need && tries < need * 4; tries++) {
      const item = this.opts.nextWork();
      if (!item) {
        this.counters.starvedRounds++;
        break;
      }
      const midstate = item.header.length === 76 || item.header.length === 80 ? (item.midstate ?? computeMidstate(item.header)) : undefined;
      if (!midstate || midstate.length !== 32) {
        this.counters.rejectedWork++;
        this.emit({ type: 'warning', message: `work for job ${item.jobId} refused: header has ${item.header.length} bytes (76 or 80), midstate ${midstate?.length ?? '-'} (32)` });
        continue;
      }
      const workId = this.nextWorkId;
      this.nextWorkId = (this.nextWorkId + 1) >>> 0 || 1;
      const [first, second] = encodeWork({ workId, midstate, tail: item.header.subarray(64, 76), ntimeRoll: sent === 0 ? roll : 0 });
      this.remember(workId, item, info);
      await t.write(first, this.opts.ioTimeoutMs);
      await t.write(second, this.opts.ioTimeoutMs);
      this.counters.worksSent++;
      sent++;
    }
  }

  private remember(workId: number, item: W, info: DetectReply): void {
    this.sent.set(workId, { item });
    const keep = info.asicCount * ROUNDS_KEPT;
    for (const key of this.sent.keys()) {
      if (this.sent.size <= keep) break;
      this.sent.delete(key);
    }
  }

  private async pollRound(t: PacketTransport, info: DetectReply): Promise<StickStatus | undefined> {
    for (let i = 0; i < this.opts.maxPollsPerRound; i++) {
      await t.write(encodePolling(), this.opts.ioTimeoutMs);
      this.counters.polls++;
      const p = await this.receive(t);
      if (!p) continue;
      try {
        if (p.type === PacketType.nonce) {
          for (const record of decodeNonceReply(p)) this.onNonce(record, info);
          continue;
        }
        if (p.type === PacketType.status) {
          const status = decodeStatus(p, info.model);
          this.counters.statusReplies++;
          this.lastStatus = status;
          this.emit({ type: 'status', status });
          return status;
        }
      } catch (error) {
        this.counters.badPackets++;
        this.emit({ type: 'warning', message: `${t.description}: ${(error as Error).message}` });
        continue;
      }
      this.unexpected(t, p, 'polling');
    }
    return undefined;
  }

  private onNonce(record: NonceRecord, info: DetectReply): void {
    this.counters.nonceRecords++;
    if (record.chipId >= info.asicCount) {
      this.counters.invalidChips++;
      return;
    }
    const sent = this.sent.get(record.workId);
    if (!sent) {
      this.counters.unknownWork++;
      return;
    }
    const { item } = sent;
    const rebuilt = rebuildHeader(item.header, record.ntimeOffset, record.nonce);
    this.counters.candidates++;
    this.counters.candidatesPerChip[record.chipId] = (this.counters.candidatesPerChip[record.chipId] ?? 0) + 1;
    this.emit({
      type: 'candidate',
      candidate: {
        work: item,
        jobId: item.jobId,
        target: item.target,
        workId: record.workId,
        chipId: record.chipId,
        ntimeOffset: record.ntimeOffset,
        deviceNonce: record.deviceNonce,
        chipNonce: record.nonce,
        nonce: rebuilt.nonce,
        ntime: rebuilt.ntime,
        header: rebuilt.header,
        receivedAt: this.opts.now(),
      },
    });
  }
}
