// A simulated USB AvalonMiner (Avalon4 mini by default, or a nano) that speaks
// the packet protocol byte for byte over the in-memory link, modelled on
// Canaan's own firmware (Avalon-nano firmware/{mini,nano}/code/src/hid_main.c,
// mini avalon_a3222.c): it checks only the CRC of what it receives (not the
// header), answers DETECT, SET_FREQ/GET_FREQ, SET_VOLT, SETM and POLLING, takes
// work as two packets, rolls ntime as asked, and reports nonces with the
// chips' +0x4000 offset. Its chips really hash: SHA-256 from the midstate
// (one compression of the header's last 16 bytes) then node:crypto's SHA-256,
// independent of electron/core/hashing. "Easy" means a nonce is reported when
// its hash has `zeroBits` leading zero bits (a real chip: 32, difficulty 1).
import { createHash } from 'node:crypto';
import { sha256Compress } from '../stratum/sha256-compress.js';
import { createMemoryLink, type DeviceEnd } from './memory-transport.js';
import {
  NONCE_OFFSET,
  decodeSetFrequency,
  decodeSetSpiSpeed,
  decodeSetVoltage,
  decodeVoltageCode,
  decodeWork,
  encodeAckDetect,
  encodeFrequencyStatus,
  encodeNonceReply,
  encodeStatus,
  frequencyToPll,
  pllToFrequency,
  type DecodedWork,
} from './messages.js';
import { CRC_OFFSET, DATA_BYTES, DATA_OFFSET, PACKET_BYTES, PacketType, crc16, type Packet } from './packet.js';
import type { PacketTransport } from './transport.js';

export interface SimFaults {
  /** Every nth nonce the stick reports is replaced by one whose hash fails (a hardware error). */
  wrongNonceEvery?: number;
  /** Every nth reply goes out with a broken CRC. */
  corruptCrcEvery?: number;
  /** Every nth reply is never sent. */
  dropReplyEvery?: number;
}

export interface SimStickOptions {
  model?: 'avalon4-mini' | 'avalon-nano';
  /** 8 bytes; default derived from `serial`. */
  dna?: Uint8Array;
  serial?: number;
  /** Leading zero bits of every reported nonce's hash; default 12. */
  zeroBits?: number;
  /** Hashes per second over all chips; default 40000. */
  hashRate?: number;
  tickMs?: number;
  faults?: SimFaults;
}

export interface WrongNonce {
  workId: number;
  chipNonce: number;
  ntimeOffset: number;
}

export interface SimStickStats {
  plugs: number;
  packetsReceived: number;
  /** Received packets the firmware would ignore for a bad CRC or length. */
  badPacketsReceived: number;
  detects: number;
  worksReceived: number;
  hashes: number;
  noncesFound: number;
  noncesReported: number;
  repliesSent: number;
  repliesCorrupted: number;
  repliesDropped: number;
  /** Works lost because the host sent more than the queue holds. */
  worksOverflowed: number;
}

interface QueuedWork {
  work: DecodedWork;
  ntimeOffset: number;
  /** Header bytes 64..75 with this entry's ntime roll applied. */
  tail: Uint8Array;
  state: number[];
}

interface Chip {
  job: QueuedWork;
  next: number;
}

interface Report {
  workIdBytes: Uint8Array;
  workId: number;
  chipId: number;
  ntimeOffset: number;
  deviceNonce: number;
}

const MODELS = {
  'avalon4-mini': { version: '4M1505-5e6f7a8', asics: 5, recordsPerReply: 2 },
  'avalon-nano': { version: '3U1505-1a2b3c4', asics: 1, recordsPerReply: 1 },
} as const;
const WORK_QUEUE = 4; // rounds of work the device buffers (AVAM_DEFAULT_ARRAY_SIZE - 1)
const REPORT_QUEUE = 64;
const PLL_200 = frequencyToPll(200);

/** Whether a SHA-256d digest, read as a little-endian 256-bit number, has `bits` leading zero bits. */
export function hasLeadingZeroBits(digest: Uint8Array, bits: number): boolean {
  let i = 31;
  let left = bits;
  for (; left >= 8; left -= 8, i--) if (digest[i] !== 0) return false;
  return left === 0 || (digest[i] ?? 0) >> (8 - left) === 0;
}

/** SHA-256d of a header given its midstate (words, H0 first), its bytes 64..75 and a nonce written big-endian at 76. */
export function hashFromMidstate(state: readonly number[], tail: Uint8Array, chipNonce: number): Buffer {
  const block = new Uint8Array(64);
  block.set(tail, 0);
  new DataView(block.buffer).setUint32(12, chipNonce >>> 0, false);
  block[16] = 0x80;
  block[62] = 0x02; // message length: 640 bits
  block[63] = 0x80;
  const words = sha256Compress(state, block);
  const first = Buffer.alloc(32);
  words.forEach((w, i) => first.writeUInt32BE(w, i * 4));
  return createHash('sha256').update(first).digest();
}

function stateOf(midstate: Uint8Array): number[] {
  const view = new DataView(midstate.buffer, midstate.byteOffset, 32);
  return Array.from({ length: 8 }, (_, i) => view.getUint32(i * 4, false));
}

export class SimStick {
  private readonly model: (typeof MODELS)[keyof typeof MODELS];
  readonly modelName: 'avalon4-mini' | 'avalon-nano';
  readonly dna: Uint8Array;
  readonly zeroBits: number;
  private readonly hashRate: number;
  private readonly tickMs: number;
  private faults: SimFaults;
  private end: DeviceEnd | undefined;
  private timer: NodeJS.Timeout | undefined;
  private halfWork: Packet | undefined;
  private queue: QueuedWork[] = [];
  private chips: (Chip | undefined)[] = [];
  private reports: Report[] = [];
  private voltageCode = 0xff;
  private spiSpeed = 0;
  private pll: [number, number, number][] = [];
  private found = 0;
  private replies = 0;
  private readonly counters: SimStickStats = {
    plugs: 0,
    packetsReceived: 0,
    badPacketsReceived: 0,
    detects: 0,
    worksReceived: 0,
    hashes: 0,
    noncesFound: 0,
    noncesReported: 0,
    repliesSent: 0,
    repliesCorrupted: 0,
    repliesDropped: 0,
    worksOverflowed: 0,
  };
  /** Nonces made wrong on purpose, for tests to check against. */
  readonly wrongNonces: WrongNonce[] = [];

  constructor(options: SimStickOptions = {}) {
    this.modelName = options.model ?? 'avalon4-mini';
    this.model = MODELS[this.modelName];
    const serial = options.serial ?? 1;
    this.dna = options.dna ?? Uint8Array.from([0x00, 0x1a, 0x2b, 0x3c, (serial >>> 24) & 0xff, (serial >>> 16) & 0xff, (serial >>> 8) & 0xff, serial & 0xff]);
    this.zeroBits = options.zeroBits ?? 12;
    this.hashRate = options.hashRate ?? 40_000;
    this.tickMs = options.tickMs ?? 10;
    this.faults = { ...options.faults };
    if (!Number.isInteger(this.zeroBits) || this.zeroBits < 1 || this.zeroBits > 32) throw new RangeError(`zeroBits must be 1..32, got ${this.zeroBits}`);
  }

  get version(): string {
    return this.model.version;
  }

  get asicCount(): number {
    return this.model.asics;
  }

  get plugged(): boolean {
    return this.end !== undefined && !this.end.unplugged;
  }

  stats(): SimStickStats {
    return { ...this.counters };
  }

  /** What the host has configured: voltage (0 = off), SPI speed, each ASIC's three frequencies (MHz, undefined if unset). */
  settings(): { voltageMv: number; spiSpeedHz: number; frequencyMhz: (number | undefined)[][] } {
    return {
      voltageMv: decodeVoltageCode(this.voltageCode),
      spiSpeedHz: this.spiSpeed,
      frequencyMhz: this.pll.map((words) => words.map(pllToFrequency)),
    };
  }

  setFaults(faults: SimFaults): void {
    this.faults = { ...faults };
  }

  /** Plugs the stick in (again): the firmware starts from scratch. Returns the host's transport. */
  plug(): PacketTransport {
    this.unplug();
    const link = createMemoryLink({ description: `simulated ${this.modelName} ${Buffer.from(this.dna).toString('hex')}` });
    this.end = link.device;
    // A fresh power-up: nothing configured yet.
    this.reset();
    this.voltageCode = 0xff;
    this.spiSpeed = 0;
    this.pll = [];
    this.counters.plugs++;
    link.device.onReport((bytes) => this.receive(bytes));
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    return link.host;
  }

  unplug(): void {
    this.end?.unplug();
    this.end = undefined;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private reset(): void {
    this.queue = [];
    this.chips = [];
    this.reports = [];
    this.halfWork = undefined;
  }

  private receive(bytes: Uint8Array): void {
    this.counters.packetsReceived++;
    // The firmware checks the CRC only (process_mm_pkg); the header bytes are not looked at.
    const data = bytes.slice(DATA_OFFSET, DATA_OFFSET + DATA_BYTES);
    if (bytes.length !== PACKET_BYTES || crc16(data) !== (((bytes[CRC_OFFSET] ?? 0) << 8) | (bytes[CRC_OFFSET + 1] ?? 0))) {
      this.counters.badPacketsReceived++;
      return;
    }
    const p: Packet = { type: bytes[2] ?? 0, opt: bytes[3] ?? 0, idx: bytes[4] ?? 0, cnt: bytes[5] ?? 0, data };
    switch (p.type) {
      case PacketType.detect:
        this.counters.detects++;
        this.reset();
        this.reply(encodeAckDetect({ dna: this.dna, version: this.model.version, asicCount: this.model.asics }));
        return;
      case PacketType.work:
        this.takeWork(p);
        return;
      case PacketType.polling:
        this.poll();
        return;
      case PacketType.setFrequency:
        if (this.modelName === 'avalon4-mini') this.setFrequency(p);
        return;
      case PacketType.getFrequency:
        if (this.modelName === 'avalon4-mini') this.reply(encodeFrequencyStatus(p.opt, this.pll[Math.max(0, p.opt - 1)] ?? [PLL_200, PLL_200, PLL_200]));
        return;
      case PacketType.setVoltage:
        if (this.modelName === 'avalon4-mini') this.voltageCode = decodeSetVoltage(p).code;
        return;
      case PacketType.setSpiSpeed:
        if (this.modelName === 'avalon4-mini') this.spiSpeed = decodeSetSpiSpeed(p) ?? this.spiSpeed;
        return;
      default:
        // Unknown types get no answer, as in the firmware.
        return;
    }
  }

  private setFrequency(p: Packet): void {
    const { pll, asicIndex } = decodeSetFrequency(p);
    if (asicIndex === 0) this.pll = Array.from({ length: this.model.asics }, () => [...pll]);
    else if (asicIndex <= this.model.asics) this.pll[asicIndex - 1] = [...pll];
  }

  private takeWork(p: Packet): void {
    if (p.idx === 1 && p.cnt === 2) {
      this.halfWork = p;
      return;
    }
    if (p.idx !== 2 || p.cnt !== 2 || !this.halfWork) return;
    const work = decodeWork(this.halfWork, p);
    this.halfWork = undefined;
    this.counters.worksReceived++;
    const state = stateOf(work.midstate);
    // a3222_roll_work: each extra entry has ntime (header bytes 68..71, little-endian) one second later.
    for (let offset = 0; offset <= work.ntimeRoll; offset++) {
      const tail = Uint8Array.from(work.tail);
      const view = new DataView(tail.buffer);
      view.setUint32(4, (view.getUint32(4, true) + offset) >>> 0, true);
      this.queue.push({ work, ntimeOffset: offset, tail, state });
    }
    const cap = this.model.asics * WORK_QUEUE;
    while (this.queue.length > cap) {
      this.queue.shift();
      this.counters.worksOverflowed++;
    }
    // a3222_process: a full set of works, one per chip, is loaded at once.
    while (this.queue.length >= this.model.asics) {
      this.chips = this.queue.splice(0, this.model.asics).map((job) => ({ job, next: 0 }));
    }
  }

  private tick(): void {
    const budget = Math.max(1, Math.round((this.hashRate * this.tickMs) / 1000));
    const chips = this.chips.filter((c): c is Chip => c !== undefined);
    if (chips.length === 0) return;
    const each = Math.max(1, Math.floor(budget / chips.length));
    this.chips.forEach((chip, chipId) => {
      if (!chip) return;
      for (let i = 0; i < each && chip.next <= 0xffffffff; i++, chip.next++) {
        this.counters.hashes++;
        if (hasLeadingZeroBits(hashFromMidstate(chip.job.state, chip.job.tail, chip.next), this.zeroBits)) this.report(chip, chipId, chip.next);
      }
    });
  }

  private report(chip: Chip, chipId: number, chipNonce: number): void {
    this.counters.noncesFound++;
    this.found++;
    let nonce = chipNonce;
    const every = this.faults.wrongNonceEvery;
    if (every && this.found % every === 0) {
      nonce = (chipNonce + 1) >>> 0;
      while (hasLeadingZeroBits(hashFromMidstate(chip.job.state, chip.job.tail, nonce), this.zeroBits)) nonce = (nonce + 1) >>> 0;
      this.wrongNonces.push({ workId: chip.job.work.workId, chipNonce: nonce, ntimeOffset: chip.job.ntimeOffset });
    }
    if (this.reports.length >= REPORT_QUEUE) this.reports.shift();
    this.reports.push({
      workIdBytes: chip.job.work.workIdBytes,
      workId: chip.job.work.workId,
      chipId,
      ntimeOffset: chip.job.ntimeOffset,
      deviceNonce: (nonce + NONCE_OFFSET) >>> 0,
    });
  }

  private poll(): void {
    if (this.reports.length > 0) {
      const records = this.reports.splice(0, this.model.recordsPerReply).map((r) => ({
        workIdBytes: r.workIdBytes,
        chipId: r.chipId,
        ntimeOffset: r.ntimeOffset,
        deviceNonce: r.deviceNonce,
        usbFifo: 0,
        workFifo: this.queue.length,
        nonceFifo: this.reports.length,
      }));
      this.counters.noncesReported += records.length;
      this.reply(encodeNonceReply(records));
      return;
    }
    this.reply(encodeStatus(this.statusWords()));
  }

  private statusWords(): number[] {
    const powered = this.chips.length > 0;
    if (this.modelName === 'avalon-nano') {
      // freq, led, fan (none), 2.5 V adc (~2.5 V once powered), vcore adc, temperature, 1.8 V << 16 | 0.9 V adc, power good
      return [200, 0x0000ff, 0xffffffff, powered ? 387 : 0, powered ? 200 : 0, 45, (558 << 16) | 279, powered ? 1 : 0];
    }
    // spi speed, led, fan (none), voltage code, 12 V adc, copper adc, fan adc, power good
    return [this.spiSpeed, 0x00ff00, 0xffffffff, this.voltageCode, 341, 512, 512, this.voltageCode === 0xff ? 0 : 1];
  }

  private reply(packet: Buffer): void {
    const end = this.end;
    if (!end) return;
    this.replies++;
    const { dropReplyEvery, corruptCrcEvery } = this.faults;
    if (dropReplyEvery && this.replies % dropReplyEvery === 0) {
      this.counters.repliesDropped++;
      return;
    }
    if (corruptCrcEvery && this.replies % corruptCrcEvery === 0) {
      packet[CRC_OFFSET + 1] = (packet[CRC_OFFSET + 1] ?? 0) ^ 0xa5;
      this.counters.repliesCorrupted++;
    }
    this.counters.repliesSent++;
    end.send(packet);
  }
}

