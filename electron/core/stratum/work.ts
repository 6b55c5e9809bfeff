// Pure work building for Stratum V1: from a job (mining.notify) and the
// extranonces to the coinbase, merkle root, 80-byte header and midstate a
// device hashes, and back to the fields mining.submit sends.
// Byte orders: ../shared/vectors/stratum-job.json `byte_order_rules` (checked
// by a real CPU miner) and docs/stratum.md; cgminer's parse_notify and
// gen_stratum_work (ckolivas/cgminer util.c, cgminer.c) build work the same way.
import { createHash } from 'node:crypto';
import { hexToBytes, hexToU32, u32ToHex } from './hex.js';
import { midstate } from './sha256-compress.js';

/** A job as mining.notify carries it (hex text, already shape-checked by messages.ts). */
export interface NotifyJob {
  jobId: string;
  /** The previous block hash with each 4-byte word byte-swapped (stratum's form). */
  prevhash: string;
  coinb1: string;
  coinb2: string;
  merkleBranch: string[];
  /** Big-endian hex of the 32-bit values. */
  version: string;
  nbits: string;
  ntime: string;
  cleanJobs: boolean;
}

/** A decoded job: binary fields in the byte order the header uses. */
export interface StratumJob {
  readonly jobId: string;
  /** 32 bytes, header order. */
  readonly prevhash: Buffer;
  readonly coinb1: Buffer;
  readonly coinb2: Buffer;
  /** Raw 32-byte hashes, as given. */
  readonly merkleBranch: readonly Buffer[];
  readonly version: number;
  readonly nbits: number;
  readonly ntime: number;
  readonly cleanJobs: boolean;
}

/** One unit of work for one extranonce2: everything a device or verifier needs. */
export interface Work {
  readonly jobId: string;
  readonly extranonce2: Buffer;
  readonly coinbase: Buffer;
  /** As it goes into the header (raw digest order). */
  readonly merkleRoot: Buffer;
  /** The 80-byte header with nonce 0. */
  readonly header: Buffer;
  /** SHA-256 state after the header's first 64 bytes (see sha256-compress.ts). */
  readonly midstate: Buffer;
  /** The header's version: the job's, with rolled bits applied within the mask. */
  readonly version: number;
  readonly ntime: number;
  readonly nbits: number;
}

/** What mining.submit sends for one share, each as stratum hex text. */
export interface SubmitFields {
  jobId: string;
  extranonce2: string;
  ntime: string;
  nonce: string;
  /** BIP 310's 6th parameter, present only when version rolling was negotiated. */
  versionBits?: string;
}

/**
 * How far a miner may roll ntime forward on its own. cgminer allows a driver
 * 60 s per work item ("drv_rolllimit = 60", cgminer.c gen_stratum_work); pools
 * accept more (ckpool: up to +7000 s, never before the job's ntime), so 60 s
 * is safely inside every pool's window.
 */
export const NTIME_ROLL_LIMIT_SECONDS = 60;

/** Stratum sends prevhash with the bytes of each 4-byte word reversed; this undoes (and redoes) that. */
export function swapWords32(bytes: Uint8Array): Buffer {
  if (bytes.length % 4 !== 0) throw new RangeError(`word swap needs a multiple of 4 bytes, got ${bytes.length}`);
  const out = Buffer.alloc(bytes.length);
  for (let i = 0; i < bytes.length; i += 4) {
    out[i] = bytes[i + 3] ?? 0;
    out[i + 1] = bytes[i + 2] ?? 0;
    out[i + 2] = bytes[i + 1] ?? 0;
    out[i + 3] = bytes[i] ?? 0;
  }
  return out;
}

export function decodeJob(n: NotifyJob): StratumJob {
  return {
    jobId: n.jobId,
    prevhash: swapWords32(hexToBytes(n.prevhash, 'prevhash', 32)),
    coinb1: hexToBytes(n.coinb1, 'coinb1'),
    coinb2: hexToBytes(n.coinb2, 'coinb2'),
    merkleBranch: n.merkleBranch.map((b, i) => hexToBytes(b, `merkle_branch[${i}]`, 32)),
    version: hexToU32(n.version, 'version'),
    nbits: hexToU32(n.nbits, 'nbits'),
    ntime: hexToU32(n.ntime, 'ntime'),
    cleanJobs: n.cleanJobs,
  };
}

export function sha256d(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

/** coinb1 + extranonce1 + extranonce2 + coinb2 (the legacy serialization; its txid is sha256d of it). */
export function buildCoinbase(job: StratumJob, extranonce1: Uint8Array, extranonce2: Uint8Array): Buffer {
  return Buffer.concat([job.coinb1, extranonce1, extranonce2, job.coinb2]);
}

/** root = sha256d(coinbase); then root = sha256d(root || branch[i]) for each branch hash, all raw. */
export function merkleRoot(coinbase: Uint8Array, branch: readonly Uint8Array[]): Buffer {
  let root = sha256d(coinbase);
  for (const hash of branch) root = sha256d(Buffer.concat([root, hash]));
  return root;
}

/** BIP 310: nVersion = (job_version & ~mask) | (version_bits & mask). */
export function rollVersion(jobVersion: number, versionBits: number, mask: number): number {
  return ((jobVersion & ~mask) | (versionBits & mask)) >>> 0;
}

/** The number of version bits a mask lets a miner roll. */
export function maskBitCount(mask: number): number {
  let m = mask >>> 0;
  let count = 0;
  while (m !== 0) {
    m &= m - 1;
    count++;
  }
  return count;
}

/**
 * The `index`-th value in a mask's rolling space: the low bits of `index`
 * deposited into the mask's set bits, lowest first (0 <= index < 2^bits).
 */
export function versionBitsAt(mask: number, index: number): number {
  const size = 2 ** maskBitCount(mask);
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new RangeError(`version rolling index ${index} outside 0..${size - 1} for mask ${u32ToHex(mask)}`);
  }
  let out = 0;
  let rest = index;
  for (let bit = 0; bit < 32 && rest > 0; bit++) {
    if (((mask >>> bit) & 1) === 0) continue;
    if (rest & 1) out |= 1 << bit;
    rest = Math.floor(rest / 2);
  }
  return out >>> 0;
}

export interface HeaderFields {
  version: number;
  /** 32 bytes, header order. */
  prevhash: Uint8Array;
  /** 32 bytes, raw digest order. */
  merkleRoot: Uint8Array;
  ntime: number;
  nbits: number;
  nonce: number;
}

/** The 80-byte header: the four 32-bit fields little-endian, the two hashes as given. */
export function serializeHeader(f: HeaderFields): Buffer {
  if (f.prevhash.length !== 32 || f.merkleRoot.length !== 32) throw new RangeError('prevhash and merkle root have 32 bytes each');
  const h = Buffer.alloc(80);
  h.writeUInt32LE(f.version >>> 0, 0);
  h.set(f.prevhash, 4);
  h.set(f.merkleRoot, 36);
  h.writeUInt32LE(f.ntime >>> 0, 68);
  h.writeUInt32LE(f.nbits >>> 0, 72);
  h.writeUInt32LE(f.nonce >>> 0, 76);
  return h;
}

/** A copy of `header` with `nonce` (the 32-bit value) at offset 76, little-endian. */
export function withNonce(header: Uint8Array, nonce: number): Buffer {
  if (header.length !== 80) throw new RangeError(`a header has 80 bytes, got ${header.length}`);
  const h = Buffer.from(header);
  h.writeUInt32LE(nonce >>> 0, 76);
  return h;
}

/**
 * extranonce2 bytes for counter `n`: little-endian, like cgminer (gen_stratum_work
 * writes htole64(nonce2) so a small size fills from the left without overflow).
 * The pool never interprets it as a number; it only has to be unique per job.
 */
export function extranonce2Bytes(n: bigint, size: number): Buffer {
  if (!Number.isInteger(size) || size < 1 || size > 16) throw new RangeError(`extranonce2 size ${size} outside 1..16`);
  if (n < 0n || n >= 1n << BigInt(size * 8)) throw new RangeError(`extranonce2 counter ${n} does not fit ${size} bytes`);
  const out = Buffer.alloc(size);
  let rest = n;
  for (let i = 0; i < size; i++) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/** ntime rolled forward by `seconds`, within NTIME_ROLL_LIMIT_SECONDS of the job's ntime. */
export function rollNtime(job: StratumJob, seconds: number): number {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > NTIME_ROLL_LIMIT_SECONDS) {
    throw new RangeError(`ntime roll ${seconds} s outside 0..${NTIME_ROLL_LIMIT_SECONDS}`);
  }
  return (job.ntime + seconds) >>> 0;
}

export interface WorkOptions {
  extranonce1: Uint8Array;
  extranonce2: Uint8Array;
  /** Rolled version bits and the negotiated mask; without them the job's version is used as is. */
  versionRolling?: { mask: number; bits: number };
  /** Seconds to roll ntime forward (0..NTIME_ROLL_LIMIT_SECONDS). */
  ntimeRoll?: number;
}

export function buildWork(job: StratumJob, o: WorkOptions): Work {
  const coinbase = buildCoinbase(job, o.extranonce1, o.extranonce2);
  const root = merkleRoot(coinbase, job.merkleBranch);
  const version = o.versionRolling === undefined ? job.version : rollVersion(job.version, o.versionRolling.bits, o.versionRolling.mask);
  const ntime = rollNtime(job, o.ntimeRoll ?? 0);
  const header = serializeHeader({ version, prevhash: job.prevhash, merkleRoot: root, ntime, nbits: job.nbits, nonce: 0 });
  return {
    jobId: job.jobId,
    extranonce2: Buffer.from(o.extranonce2),
    coinbase,
    merkleRoot: root,
    header,
    midstate: midstate(header),
    version,
    ntime,
    nbits: job.nbits,
  };
}

/**
 * The mining.submit fields for `nonce` found on `work`. `ntime` and `version`
 * default to the work's own; a device that rolled either reports its values.
 * With a mask, the 6th parameter carries the version's bits inside the mask
 * (BIP 310: version_bits & ~mask must be 0).
 */
export function submitFields(work: Work, nonce: number, o: { mask?: number; ntime?: number; version?: number } = {}): SubmitFields {
  const fields: SubmitFields = {
    jobId: work.jobId,
    extranonce2: work.extranonce2.toString('hex'),
    ntime: u32ToHex(o.ntime ?? work.ntime),
    nonce: u32ToHex(nonce),
  };
  if (o.mask !== undefined) fields.versionBits = u32ToHex((o.version ?? work.version) & o.mask);
  return fields;
}
