// What every SHA-256d implementation of the hashing core provides: hash one
// header with many nonces and hand back the hashes as 256-bit numbers.

/** Bytes in a block header. */
export const HEADER_BYTES = 80;

/** Offset of the nonce in the header (little-endian u32). */
export const NONCE_OFFSET = 76;

export interface ScanResult {
  /**
   * The hashes as little-endian 256-bit integers, eight u32 words each, least
   * significant first, grouped `lanes` nonces at a time: word k of nonce i is at
   * ((i / lanes | 0) * 8 + k) * lanes + i % lanes. Valid until the next scan.
   * Word 7 (the most significant) is always there; words 0..6 are only
   * guaranteed for nonces whose word 7 is at most the scan's `limit`.
   */
  readonly words: Uint32Array;
  readonly lanes: number;
  /**
   * The groups (nonce i is in group i / lanes | 0) an engine computed whole,
   * in order, when it may have cut others short; absent: every hash is whole.
   * Valid until the next scan.
   */
  readonly whole?: Uint32Array;
}

/** What judging a batch produces (see verdicts.ts for the meaning of each field). */
export interface Verdicts {
  /** Share difficulty of each nonce's hash (cgminer's share_diff); 0 where meetsDevice is 0 (a hardware error). */
  difficulty: Float64Array;
  /** 1 when the hash meets the device target, else 0 (then: a hardware error). */
  meetsDevice: Uint8Array;
  /** 1 when the hash meets the share target: submit it. */
  meetsShare: Uint8Array;
  /** 1 when the hash meets the network target: a block. */
  meetsNetwork: Uint8Array;
  /** The raw digests, 32 bytes per nonce, when asked for. */
  digests?: Uint8Array;
}

/**
 * Zeroed verdicts for `n` nonces, all in one ArrayBuffer: one allocation and
 * one transfer back from the worker instead of four or five.
 */
export function allocateVerdicts(n: number, withDigests: boolean): Verdicts {
  // Float64 first (8-byte aligned), then the digests (4-byte words), then the flags.
  const digestsAt = 8 * n;
  const flagsAt = digestsAt + (withDigests ? 32 * n : 0);
  const buffer = new ArrayBuffer(flagsAt + 3 * n);
  const verdicts: Verdicts = {
    difficulty: new Float64Array(buffer, 0, n),
    meetsDevice: new Uint8Array(buffer, flagsAt, n),
    meetsShare: new Uint8Array(buffer, flagsAt + n, n),
    meetsNetwork: new Uint8Array(buffer, flagsAt + 2 * n, n),
  };
  if (withDigests) verdicts.digests = new Uint8Array(buffer, digestsAt, 32 * n);
  return verdicts;
}

export interface Sha256dEngine {
  /** e.g. "wasm-simd", "wasm-scalar", "native-sha-ni". */
  readonly name: string;
  /**
   * SHA-256d of `header` (80 bytes; its nonce field ignored) with each nonce in
   * place. `limit` (default 0xffffffff: every hash whole) lets an engine skip
   * the rest of a hash whose most significant word exceeds it.
   */
  scan(header: Uint8Array, nonces: Uint32Array, limit?: number): ScanResult;
  /** An engine that also judges natively (targets packed as in packTargets); otherwise verdicts.ts does it. */
  judge?(header: Uint8Array, nonces: Uint32Array, packedTargets: Uint32Array, withDigests: boolean): Verdicts;
}

export class HashingInputError extends Error {
  override readonly name = 'HashingInputError';
}

export function checkHeader(header: Uint8Array): void {
  if (!(header instanceof Uint8Array) || header.length !== HEADER_BYTES) {
    throw new HashingInputError(`a block header has ${HEADER_BYTES} bytes, got ${header instanceof Uint8Array ? header.length : typeof header}`);
  }
}

/** Index of word k of nonce i in a ScanResult's words. */
export function wordIndex(lanes: number, i: number, k: number): number {
  return (Math.floor(i / lanes) * 8 + k) * lanes + (i % lanes);
}
