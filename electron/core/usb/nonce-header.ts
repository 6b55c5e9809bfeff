// The exact 80-byte header a returned nonce belongs to, rebuilt the way cgminer
// does before hashing it (cgminer.c submit_noffset_nonce -> roll_work_ntime,
// rebuild_nonce, regen_hash). cgminer keeps the header with every 4-byte word
// byte-swapped, so its "ntime + offset" is the header's little-endian ntime
// plus the offset, and its htole32(nonce) at offset 76 becomes, once swapped
// back, the chip's nonce written big-endian into the serialized header.

export const HEADER_BYTES = 80;
const NTIME_OFFSET = 68;
const NONCE_FIELD = 76;

export interface RebuiltHeader {
  header: Buffer;
  /** The header's nonce field read little-endian: what hashing/pool.ts and stratum/work.ts call the nonce. */
  nonce: number;
  /** The header's ntime after the roll. */
  ntime: number;
}

/**
 * @param header 76 or 80 serialized header bytes (any nonce is replaced)
 * @param ntimeOffset seconds the device rolled ntime by
 * @param chipNonce the device's nonce after the -0x4000 correction
 */
export function rebuildHeader(header: Uint8Array, ntimeOffset: number, chipNonce: number): RebuiltHeader {
  if (header.length !== 76 && header.length !== HEADER_BYTES) throw new RangeError(`a header has 76 or 80 bytes, got ${header.length}`);
  const h = Buffer.alloc(HEADER_BYTES);
  h.set(header.subarray(0, NONCE_FIELD));
  const ntime = (h.readUInt32LE(NTIME_OFFSET) + ntimeOffset) >>> 0;
  h.writeUInt32LE(ntime, NTIME_OFFSET);
  h.writeUInt32BE(chipNonce >>> 0, NONCE_FIELD);
  return { header: h, nonce: h.readUInt32LE(NONCE_FIELD), ntime };
}
