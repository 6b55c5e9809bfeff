// The 40-byte 'C' 'N' packet of the Avalon nano / Avalon4 mini ("AVAM")
// protocol: framing and CRC only; what the 32 data bytes mean per type is in
// messages.ts. Layout: cgminer driver-avalon-miner.h struct avalonm_pkg;
// CRC: cgminer crc16.c (table-driven CRC-16, poly 0x1021, init 0) over the
// data bytes only, stored high byte first (avalonm_init_pkg).

export const PACKET_BYTES = 40;
export const DATA_BYTES = 32;
export const DATA_OFFSET = 6;
export const CRC_OFFSET = 38;
export const HEADER = Object.freeze([0x43, 0x4e] as const); // 'C' 'N'

/** Type codes, driver-avalon-miner.h AVAM_P_*. */
export const PacketType = Object.freeze({
  detect: 0x10,
  setVoltage: 0x22,
  setFrequency: 0x23,
  work: 0x24,
  setSpiSpeed: 0x25,
  polling: 0x30,
  require: 0x31,
  test: 0x32,
  getFrequency: 0x33,
  ackDetect: 0x40,
  status: 0x41,
  nonce: 0x42,
  testResult: 0x43,
  frequencyStatus: 0x44,
} as const);
export type PacketTypeName = keyof typeof PacketType;

const NAMES = new Map<number, PacketTypeName>(Object.entries(PacketType).map(([name, code]) => [code, name as PacketTypeName]));

export function packetTypeName(code: number): PacketTypeName | undefined {
  return NAMES.get(code);
}

export interface Packet {
  type: number;
  /** ASIC index for frequency packets (0 = all), otherwise 0. */
  opt: number;
  /** 1-based position in a multi-packet message. */
  idx: number;
  /** Packets in the message. */
  cnt: number;
  /** Exactly 32 bytes. */
  data: Uint8Array;
}

export type PacketErrorCode = 'length' | 'header' | 'crc' | 'field';

export class PacketError extends Error {
  override readonly name = 'PacketError';
  constructor(
    readonly code: PacketErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    table[i] = crc & 0xffff;
  }
  return table;
})();

/** CRC-16/XMODEM: polynomial 0x1021, initial value 0, no reflection, no final XOR. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((CRC_TABLE[((crc >>> 8) ^ b) & 0xff] ?? 0) ^ (crc << 8)) & 0xffff;
  return crc;
}

function byteField(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new PacketError('field', `${name} must be a byte, got ${value}`);
  return value;
}

/** Frames one packet; data shorter than 32 bytes is zero-padded (the drivers memset it first). */
export function encodePacket(p: { type: number; opt?: number; idx?: number; cnt?: number; data?: Uint8Array }): Buffer {
  const data = p.data ?? new Uint8Array(0);
  if (data.length > DATA_BYTES) throw new PacketError('field', `packet data holds ${DATA_BYTES} bytes, got ${data.length}`);
  const out = Buffer.alloc(PACKET_BYTES);
  out[0] = HEADER[0];
  out[1] = HEADER[1];
  out[2] = byteField('type', p.type);
  out[3] = byteField('opt', p.opt ?? 0);
  out[4] = byteField('idx', p.idx ?? 1);
  out[5] = byteField('cnt', p.cnt ?? 1);
  out.set(data, DATA_OFFSET);
  out.writeUInt16BE(crc16(out.subarray(DATA_OFFSET, DATA_OFFSET + DATA_BYTES)), CRC_OFFSET);
  return out;
}

/**
 * Checks and unframes one packet. Stricter than cgminer's decode_pkg, which
 * only rejects a packet when both header bytes are wrong.
 */
export function decodePacket(bytes: Uint8Array): Packet {
  if (bytes.length !== PACKET_BYTES) throw new PacketError('length', `a packet has ${PACKET_BYTES} bytes, got ${bytes.length}`);
  if (bytes[0] !== HEADER[0] || bytes[1] !== HEADER[1]) {
    throw new PacketError('header', `bad packet header ${hex2(bytes[0])} ${hex2(bytes[1])}, expected 43 4e ('C' 'N')`);
  }
  const data = Uint8Array.from(bytes.subarray(DATA_OFFSET, DATA_OFFSET + DATA_BYTES));
  const expected = crc16(data);
  const actual = ((bytes[CRC_OFFSET] ?? 0) << 8) | (bytes[CRC_OFFSET + 1] ?? 0);
  if (expected !== actual) throw new PacketError('crc', `bad packet CRC ${actual.toString(16).padStart(4, '0')}, expected ${expected.toString(16).padStart(4, '0')}`);
  return { type: bytes[2] ?? 0, opt: bytes[3] ?? 0, idx: bytes[4] ?? 0, cnt: bytes[5] ?? 0, data };
}

function hex2(b: number | undefined): string {
  return (b ?? 0).toString(16).padStart(2, '0');
}
