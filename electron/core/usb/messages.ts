// What the 32 data bytes of each AVAM packet type carry, both directions
// (host side: cgminer driver-avalon-miner.c; device side: Canaan's
// Avalon-nano firmware, firmware/{nano,mini}/code/src/hid_main.c). Pure.
// Multi-byte numbers are big-endian (the drivers' UNPACK32/PACK32, be32toh).
import { DATA_BYTES, PacketError, PacketType, encodePacket, type Packet } from './packet.js';

/** The chips add this to every nonce they report (process_nonce: "nonce -= 0x4000"). */
export const NONCE_OFFSET = 0x4000;
export const DNA_BYTES = 8; // AVAM_MM_DNA_LEN
export const VERSION_BYTES = 15; // AVAM_MM_VER_LEN
/** Chip ids are one byte and 0xff marks an empty nonce record; larger counts are not a real stick. */
export const MAX_ASICS = 64;
export const FREQUENCY_MIN_MHZ = 100; // AVAM_DEFAULT_FREQUENCY_MIN
export const FREQUENCY_MAX_MHZ = 400; // AVAM_DEFAULT_FREQUENCY_MAX
export const VOLTAGE_MIN_MV = 5000; // AVAM_DEFAULT_VOLTAGE_MIN
export const VOLTAGE_MAX_MV = 9000; // AVAM_DEFAULT_VOLTAGE_MAX

function expectType(p: Packet, type: number, what: string): void {
  if (p.type !== type) throw new PacketError('field', `expected a ${what} packet (type 0x${type.toString(16)}), got type 0x${p.type.toString(16)}`);
}

function u32(data: Uint8Array, offset: number): number {
  return (((data[offset] ?? 0) << 24) | ((data[offset + 1] ?? 0) << 16) | ((data[offset + 2] ?? 0) << 8) | (data[offset + 3] ?? 0)) >>> 0;
}

function putU32(data: Uint8Array, offset: number, value: number): void {
  data[offset] = (value >>> 24) & 0xff;
  data[offset + 1] = (value >>> 16) & 0xff;
  data[offset + 2] = (value >>> 8) & 0xff;
  data[offset + 3] = value & 0xff;
}

function checkU32(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new PacketError('field', `${name} must be a 32-bit unsigned integer, got ${value}`);
  return value;
}

// ---- detect ---------------------------------------------------------------

export function encodeDetect(): Buffer {
  return encodePacket({ type: PacketType.detect });
}

export type StickModel = 'avalon-nano' | 'avalon4-mini' | 'unknown';

export interface DetectReply {
  /** 8 bytes, shown as hex (cgminer's DNA[...] in its API stats). */
  dna: string;
  /** e.g. "3U1505-1a2b3c4" (nano) or "4M1505-..." (Avalon4 mini). */
  version: string;
  asicCount: number;
  model: StickModel;
}

/** The firmware Makefiles build the version as "3U1505-<git>" (nano) and "4M1505-<git>" (mini). */
export function modelFromVersion(version: string): StickModel {
  if (version.startsWith('3U')) return 'avalon-nano';
  if (version.startsWith('4M')) return 'avalon4-mini';
  return 'unknown';
}

/** ACKDETECT data: DNA (8), version (15 characters), ASIC count (32-bit) - avalonm_detect_one. */
export function encodeAckDetect(r: { dna: Uint8Array; version: string; asicCount: number }): Buffer {
  if (r.dna.length !== DNA_BYTES) throw new PacketError('field', `DNA has ${DNA_BYTES} bytes, got ${r.dna.length}`);
  const version = Buffer.from(r.version, 'latin1');
  if (version.length > VERSION_BYTES) throw new PacketError('field', `version holds ${VERSION_BYTES} characters, got ${version.length}`);
  const data = new Uint8Array(DATA_BYTES);
  data.set(r.dna, 0);
  data.set(version, DNA_BYTES);
  putU32(data, DNA_BYTES + VERSION_BYTES, checkU32('ASIC count', r.asicCount));
  return encodePacket({ type: PacketType.ackDetect, data });
}

export function decodeAckDetect(p: Packet): DetectReply {
  expectType(p, PacketType.ackDetect, 'ACKDETECT');
  const raw = p.data.subarray(DNA_BYTES, DNA_BYTES + VERSION_BYTES);
  const end = raw.indexOf(0);
  const versionBytes = end === -1 ? raw : raw.subarray(0, end);
  if (versionBytes.some((b) => b < 0x20 || b > 0x7e)) throw new PacketError('field', 'ACKDETECT version is not printable text');
  const asicCount = u32(p.data, DNA_BYTES + VERSION_BYTES);
  if (asicCount < 1 || asicCount > MAX_ASICS) throw new PacketError('field', `ACKDETECT reports ${asicCount} ASICs (expected 1..${MAX_ASICS})`);
  const version = Buffer.from(versionBytes).toString('latin1').trim();
  return { dna: Buffer.from(p.data.subarray(0, DNA_BYTES)).toString('hex'), version, asicCount, model: modelFromVersion(version) };
}

// ---- work -----------------------------------------------------------------

export interface WorkFields {
  /** cgminer's work id: 32-bit, in the first 4 of the 6 id bytes. */
  workId: number;
  /** SHA-256 state after the header's first 64 bytes, each word big-endian, H0 first (stratum/sha256-compress.ts midstate). */
  midstate: Uint8Array;
  /** Header bytes 64..75 as serialized: merkle-root tail, ntime, nbits. */
  tail: Uint8Array;
  /** Seconds the device may roll ntime; cgminer sets it on the first work of a round only. */
  ntimeRoll: number;
}

/**
 * cgminer byte-reverses two buffers into the work packets: work->midstate (the
 * state words as a little-endian host stores them; endian_flip32 is a no-op
 * there) and work->data + 64 (header words, each byte-swapped). Both come out
 * as the same words in reverse order, each word's bytes kept: H7..H0 big-endian,
 * and nbits, ntime, merkle tail as serialized. Its own inverse.
 */
function reverseWords(bytes: Uint8Array): Uint8Array {
  const n = bytes.length / 4;
  const out = new Uint8Array(bytes.length);
  for (let w = 0; w < n; w++) out.set(bytes.subarray(w * 4, w * 4 + 4), (n - 1 - w) * 4);
  return out;
}

/** Two WORK packets, idx 1 and 2 of cnt 2 (avalonm_process_tasks "P_WORK part 1/2"). */
export function encodeWork(w: WorkFields): [Buffer, Buffer] {
  if (w.midstate.length !== 32) throw new PacketError('field', `midstate has 32 bytes, got ${w.midstate.length}`);
  if (w.tail.length !== 12) throw new PacketError('field', `header tail has 12 bytes, got ${w.tail.length}`);
  if (!Number.isInteger(w.ntimeRoll) || w.ntimeRoll < 0 || w.ntimeRoll > 0xff) throw new PacketError('field', `ntime roll must be 0..255, got ${w.ntimeRoll}`);
  const first = reverseWords(w.midstate);
  // id(6) + reserved(2) + ntime roll(1) + fan(3) + led(4) + reserved(4) + header tail(12)
  const second = new Uint8Array(DATA_BYTES);
  putU32(second, 0, checkU32('work id', w.workId));
  second[8] = w.ntimeRoll;
  second.set(reverseWords(w.tail), 20);
  return [encodePacket({ type: PacketType.work, idx: 1, cnt: 2, data: first }), encodePacket({ type: PacketType.work, idx: 2, cnt: 2, data: second })];
}

export interface DecodedWork extends WorkFields {
  /** All six id bytes, echoed back in nonce records. */
  workIdBytes: Uint8Array;
}

export function decodeWork(first: Packet, second: Packet): DecodedWork {
  expectType(first, PacketType.work, 'WORK');
  expectType(second, PacketType.work, 'WORK');
  if (first.idx !== 1 || first.cnt !== 2 || second.idx !== 2 || second.cnt !== 2) {
    throw new PacketError('field', `WORK packets must be idx 1 and 2 of cnt 2, got ${first.idx}/${first.cnt} and ${second.idx}/${second.cnt}`);
  }
  const d = second.data;
  return {
    workId: u32(d, 0),
    workIdBytes: d.slice(0, 6),
    midstate: reverseWords(first.data),
    tail: reverseWords(d.subarray(20, 32)),
    ntimeRoll: d[8] ?? 0,
  };
}

// ---- polling and nonces ----------------------------------------------------

export function encodePolling(): Buffer {
  return encodePacket({ type: PacketType.polling });
}

export interface NonceRecord {
  workId: number;
  workIdBytes: Uint8Array;
  chipId: number;
  /** Seconds the device added to ntime for this nonce. */
  ntimeOffset: number;
  /** The value in the record (bytes 8..11), as the chip reports it. */
  deviceNonce: number;
  /** deviceNonce - 0x4000: the value cgminer hands to submit_noffset_nonce. */
  nonce: number;
  /** The device's USB, work and nonce FIFO fill counts (bytes 13, 14, 15). */
  usbFifo: number;
  workFifo: number;
  nonceFifo: number;
}

const RECORD_BYTES = 16;
const EMPTY_CHIP = 0xff;

/**
 * NONCE_M: up to two 16-byte records; the rest of the packet is 0xff, which
 * makes an absent record's chip id (byte 6) 0xff - the test decode_pkg uses.
 */
export function encodeNonceReply(records: readonly Omit<NonceRecord, 'nonce' | 'workId'>[]): Buffer {
  if (records.length < 1 || records.length > 2) throw new PacketError('field', `a nonce packet carries 1 or 2 records, got ${records.length}`);
  const data = new Uint8Array(DATA_BYTES).fill(0xff);
  records.forEach((r, i) => {
    const at = i * RECORD_BYTES;
    if (r.workIdBytes.length !== 6) throw new PacketError('field', `work id has 6 bytes, got ${r.workIdBytes.length}`);
    if (r.chipId === EMPTY_CHIP) throw new PacketError('field', 'chip id 0xff marks an empty record');
    data.set(r.workIdBytes, at);
    data[at + 6] = r.chipId & 0xff;
    data[at + 7] = r.ntimeOffset & 0xff;
    putU32(data, at + 8, checkU32('nonce', r.deviceNonce));
    data[at + 12] = 0;
    data[at + 13] = r.usbFifo & 0xff;
    data[at + 14] = r.workFifo & 0xff;
    data[at + 15] = r.nonceFifo & 0xff;
  });
  return encodePacket({ type: PacketType.nonce, data });
}

export function decodeNonceReply(p: Packet): NonceRecord[] {
  expectType(p, PacketType.nonce, 'NONCE');
  const out: NonceRecord[] = [];
  for (let at = 0; at < DATA_BYTES; at += RECORD_BYTES) {
    const d = p.data;
    if (d[at + 6] === EMPTY_CHIP) continue;
    const deviceNonce = u32(d, at + 8);
    out.push({
      workId: u32(d, at),
      workIdBytes: d.slice(at, at + 6),
      chipId: d[at + 6] ?? 0,
      ntimeOffset: d[at + 7] ?? 0,
      deviceNonce,
      nonce: (deviceNonce - NONCE_OFFSET) >>> 0,
      usbFifo: d[at + 13] ?? 0,
      workFifo: d[at + 14] ?? 0,
      nonceFifo: d[at + 15] ?? 0,
    });
  }
  return out;
}

// ---- status ----------------------------------------------------------------

export interface StickStatus {
  /** The eight 32-bit words as sent. */
  words: number[];
  /** Power-good word (both firmwares put it last). */
  powerGood: boolean;
  /** Core/supply voltage: nano V, from the 2.5 V ADC (cgminer: adc x 3.3 / 1023 / 0.5); mini mV, from the voltage code. */
  voltage: number;
  /** Nano: core frequency in MHz. */
  frequencyMhz?: number;
  /** Nano: temperature in degC as the firmware reads it from its sensor. */
  temperatureC?: number;
  /** Mini: SPI speed in Hz. */
  spiSpeed?: number;
  led: number;
  /** cgminer's "power off notice": a zero voltage means the device lost power and needs its settings again. */
  poweredOff: boolean;
}

/** STATUS_M: eight words. Nano: freq, led, fan, 2.5V adc, vcore adc, temp, 1.8V<<16|0.9V adc, power good. Mini: spi, led, fan, voltage code, 12V adc, copper adc, fan adc, power good. */
export function encodeStatus(words: readonly number[]): Buffer {
  if (words.length !== 8) throw new PacketError('field', `a status packet holds 8 words, got ${words.length}`);
  const data = new Uint8Array(DATA_BYTES);
  words.forEach((w, i) => putU32(data, i * 4, checkU32(`status word ${i}`, w)));
  return encodePacket({ type: PacketType.status, data });
}

export function decodeStatus(p: Packet, model: StickModel): StickStatus {
  expectType(p, PacketType.status, 'STATUS');
  const words = Array.from({ length: 8 }, (_, i) => u32(p.data, i * 4));
  const [w0 = 0, w1 = 0, , w3 = 0, , w5 = 0, , w7 = 0] = words;
  if (model === 'avalon-nano') {
    const voltage = Math.round(((w3 * 3.3) / 1023 / 0.5) * 100) / 100;
    // cgminer keeps this voltage in a uint32, so anything under 1 V reads as 0: the power-off notice.
    return { words, powerGood: w7 === 1, voltage, frequencyMhz: w0, temperatureC: w5, led: w1, poweredOff: voltage < 1 };
  }
  const voltage = decodeVoltageCode(w3 & 0xff);
  return { words, powerGood: w7 === 1, voltage, spiSpeed: w0, led: w1, poweredOff: voltage === 0 };
}

// ---- frequency -------------------------------------------------------------

/** MHz -> PLL word for the A3222 chips (driver-avalon-miner.c g_freq_array). */
export const FREQUENCY_TABLE: readonly (readonly [number, number])[] = Object.freeze([
  [100, 0x1e678447], [113, 0x22688447], [125, 0x1c470447], [138, 0x2a6a8447], [150, 0x22488447],
  [163, 0x326c8447], [175, 0x1a268447], [188, 0x1c270447], [200, 0x1e278447], [213, 0x20280447],
  [225, 0x22288447], [238, 0x24290447], [250, 0x26298447], [263, 0x282a0447], [275, 0x2a2a8447],
  [288, 0x2c2b0447], [300, 0x2e2b8447], [313, 0x302c0447], [325, 0x322c8447], [338, 0x342d0447],
  [350, 0x1a068447], [363, 0x382e0447], [375, 0x1c070447], [388, 0x3c2f0447], [400, 0x1e078447],
] as const);

function checkMhz(mhz: number): number {
  if (!Number.isFinite(mhz) || mhz < FREQUENCY_MIN_MHZ || mhz > FREQUENCY_MAX_MHZ) {
    throw new PacketError('field', `frequency must be ${FREQUENCY_MIN_MHZ}..${FREQUENCY_MAX_MHZ} MHz, got ${mhz}`);
  }
  return mhz;
}

/** Rounds down to a table step, as avalonm_get_cpm does. */
export function frequencyToPll(mhz: number): number {
  checkMhz(mhz);
  let word = FREQUENCY_TABLE[0]?.[1] ?? 0;
  for (const [step, pll] of FREQUENCY_TABLE) if (mhz >= step) word = pll;
  return word;
}

/** decode_cpm: exact table match, else undefined. */
export function pllToFrequency(pll: number): number | undefined {
  return FREQUENCY_TABLE.find(([, word]) => word === pll)?.[0];
}

export type Frequencies = readonly [number, number, number];

function checkAsicIndex(asicIndex: number): number {
  if (!Number.isInteger(asicIndex) || asicIndex < 0 || asicIndex > MAX_ASICS) throw new PacketError('field', `ASIC index must be 0 (all) .. ${MAX_ASICS}, got ${asicIndex}`);
  return asicIndex;
}

/** SET_FREQ: three PLL words; opt = ASIC index, 1-based, 0 = all (avalonm_set_freq). */
export function encodeSetFrequency(asicIndex: number, mhz: Frequencies): Buffer {
  const data = new Uint8Array(DATA_BYTES);
  mhz.forEach((f, i) => putU32(data, i * 4, frequencyToPll(f)));
  return encodePacket({ type: PacketType.setFrequency, opt: checkAsicIndex(asicIndex), data });
}

export interface FrequencySetting {
  asicIndex: number;
  pll: [number, number, number];
  /** undefined where a PLL word is not in the table. */
  mhz: [number | undefined, number | undefined, number | undefined];
}

function frequencyWords(p: Packet): FrequencySetting {
  const pll: [number, number, number] = [u32(p.data, 0), u32(p.data, 4), u32(p.data, 8)];
  return { asicIndex: p.opt, pll, mhz: [pllToFrequency(pll[0]), pllToFrequency(pll[1]), pllToFrequency(pll[2])] };
}

export function decodeSetFrequency(p: Packet): FrequencySetting {
  expectType(p, PacketType.setFrequency, 'SET_FREQ');
  return frequencyWords(p);
}

export function encodeGetFrequency(asicIndex: number): Buffer {
  return encodePacket({ type: PacketType.getFrequency, opt: checkAsicIndex(asicIndex) });
}

/** STATUS_FREQ: the same three words, opt echoing the ASIC index asked for (mini firmware). */
export function encodeFrequencyStatus(asicIndex: number, pll: readonly [number, number, number]): Buffer {
  const data = new Uint8Array(DATA_BYTES);
  pll.forEach((w, i) => putU32(data, i * 4, checkU32('PLL word', w)));
  return encodePacket({ type: PacketType.frequencyStatus, opt: checkAsicIndex(asicIndex), data });
}

export function decodeFrequencyStatus(p: Packet): FrequencySetting {
  expectType(p, PacketType.frequencyStatus, 'STATUS_FREQ');
  return frequencyWords(p);
}

// ---- voltage and SPI speed -------------------------------------------------

/** encode_voltage: ((0x59 - (mV - 5000) / 125) & 0xff) << 1 | 1; 0 mV (off) is 0xff. */
export function encodeVoltageCode(mv: number): number {
  if (mv === 0) return 0xff;
  if (!Number.isInteger(mv) || mv < VOLTAGE_MIN_MV || mv > VOLTAGE_MAX_MV) {
    throw new PacketError('field', `voltage must be 0 (off) or ${VOLTAGE_MIN_MV}..${VOLTAGE_MAX_MV} mV, got ${mv}`);
  }
  return (((0x59 - Math.floor((mv - 5000) / 125)) & 0xff) << 1) | 1;
}

/** decode_voltage: 0xff is off (0 mV). */
export function decodeVoltageCode(code: number): number {
  if (code === 0xff) return 0;
  return (0x59 - (code >> 1)) * 125 + 5000;
}

/** SET_VOLT: the 16-bit code, big-endian, in data bytes 0-1 (avalonm_set_voltage). */
export function encodeSetVoltage(mv: number): Buffer {
  const code = encodeVoltageCode(mv);
  return encodePacket({ type: PacketType.setVoltage, data: Uint8Array.of(code >> 8, code & 0xff) });
}

/** The code as the mini firmware takes it ((data[0] << 8) | data[1], used as 8 bits) and the mV it stands for. */
export function decodeSetVoltage(p: Packet): { code: number; mv: number } {
  expectType(p, PacketType.setVoltage, 'SET_VOLT');
  const code = (((p.data[0] ?? 0) << 8) | (p.data[1] ?? 0)) & 0xff;
  return { code, mv: decodeVoltageCode(code) };
}

/** SETM: SPI speed with bit 31 set as "valid" (avalonm_set_spispeed). */
export function encodeSetSpiSpeed(hz: number): Buffer {
  if (!Number.isInteger(hz) || hz < 1 || hz > 0x7fffffff) throw new PacketError('field', `SPI speed must be 1..2^31-1 Hz, got ${hz}`);
  const data = new Uint8Array(DATA_BYTES);
  putU32(data, 0, (hz | 0x80000000) >>> 0);
  return encodePacket({ type: PacketType.setSpiSpeed, data });
}

/** undefined when the valid bit is clear (the firmware ignores such a packet). */
export function decodeSetSpiSpeed(p: Packet): number | undefined {
  expectType(p, PacketType.setSpiSpeed, 'SETM');
  const word = u32(p.data, 0);
  return word & 0x80000000 ? word & 0x7fffffff : undefined;
}
