// Targets and difficulties, as Bitcoin and pools define them. Pure functions.
//
// Byte order: a SHA-256d digest is compared with a target as a 256-bit
// LITTLE-endian integer (digest byte 31 is the most significant); explorers
// print it byte-reversed ("display hex"), which reads as a big-endian number.
// Targets here are bigints. Sources: ../shared/vectors/share-difficulty.json and
// stratum-job.json `byte_order_rules`; docs/hashing.md.

/** Bitcoin's difficulty-1 target, 0xffff * 2^208 ("bdiff"). */
export const DIFF1_TARGET = 0xffffn << 208n;

/** cgminer's `truediffone`: DIFF1_TARGET as a double. */
export const TRUE_DIFF_ONE = Number(DIFF1_TARGET);

/** Largest 256-bit value; also the target every hash meets. */
export const MAX_TARGET = (1n << 256n) - 1n;

/**
 * The target cgminer checks a device's nonce against before anything else
 * (`test_nonce`): the hash's top 32 bits are zero, i.e. digest bytes 28..31.
 * A nonce that misses it is a hardware error.
 */
export const DEVICE_DIFF1_TARGET = (1n << 224n) - 1n;

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

export interface CompactTarget {
  /** The expanded value (the mantissa with the sign bit cleared); null on overflow. */
  target: bigint | null;
  negative: boolean;
  overflow: boolean;
}

/** Bitcoin Core's `SetCompact`, with its negative and overflow flags. */
export function decodeCompact(bits: number): CompactTarget {
  if (!Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) throw new TargetError(`compact bits out of range: ${bits}`);
  const size = bits >>> 24;
  let word = bits & 0x007fffff;
  let target: bigint;
  if (size <= 3) {
    word >>>= 8 * (3 - size);
    target = BigInt(word);
  } else {
    target = BigInt(word) << BigInt(8 * (size - 3));
  }
  const negative = word !== 0 && (bits & 0x00800000) !== 0;
  const overflow = word !== 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
  return { target: overflow ? null : target, negative, overflow };
}

/** A block's proof-of-work target from its `bits`; throws for encodings a block cannot carry. */
export function bitsToTarget(bits: number): bigint {
  const { target, negative, overflow } = decodeCompact(bits);
  if (negative || overflow || target === null || target === 0n) {
    throw new TargetError(`bits 0x${bits.toString(16).padStart(8, '0')} is not a valid proof-of-work target`);
  }
  return target;
}

// The exact decimal value of a finite positive double as numerator / 10^scale,
// via its shortest round-trip text: a pool sends difficulty as JSON text, so
// "0.001" must mean one thousandth, not the nearest binary fraction.
function decimalRatio(value: number): { numerator: bigint; denominator: bigint } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new TargetError(`difficulty is not a finite number: ${value}`);
  const [, whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(whole + fraction);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}

/** Share target for a pool difficulty: floor(DIFF1_TARGET / difficulty), capped at MAX_TARGET. */
export function difficultyToTarget(difficulty: number): bigint {
  if (!Number.isFinite(difficulty) || difficulty <= 0) throw new TargetError(`difficulty must be a positive finite number: ${difficulty}`);
  const { numerator, denominator } = decimalRatio(difficulty);
  const target = (DIFF1_TARGET * denominator) / numerator;
  return target > MAX_TARGET ? MAX_TARGET : target;
}

/** The difficulty a target stands for (network difficulty from a block's target). */
export function targetToDifficulty(target: bigint): number {
  if (target <= 0n) throw new TargetError('target must be positive');
  return TRUE_DIFF_ONE / Number(target);
}

/** The 256-bit little-endian integer a 32-byte digest stands for. */
export function hashToBigInt(digest: Uint8Array): bigint {
  if (digest.length !== 32) throw new TargetError(`a digest has 32 bytes, got ${digest.length}`);
  let value = 0n;
  for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(digest[i] ?? 0);
  return value;
}

/**
 * A hash's share difficulty the way cgminer computes it (`share_diff`,
 * `le256todouble`): truediffone divided by the hash as a double built from
 * four 64-bit limbs. `words` holds the hash as eight little-endian u32 words,
 * least significant first, starting at `offset` with `stride` between words.
 */
export function shareDifficultyOfWords(words: Uint32Array, offset = 0, stride = 1): number {
  // No helper closure here: this runs once per nonce, and tsx wraps every closure it creates.
  const limb3 = (words[offset + 7 * stride] ?? 0) * 0x1_0000_0000 + (words[offset + 6 * stride] ?? 0);
  const limb2 = (words[offset + 5 * stride] ?? 0) * 0x1_0000_0000 + (words[offset + 4 * stride] ?? 0);
  const limb1 = (words[offset + 3 * stride] ?? 0) * 0x1_0000_0000 + (words[offset + 2 * stride] ?? 0);
  const limb0 = (words[offset + stride] ?? 0) * 0x1_0000_0000 + (words[offset] ?? 0);
  return TRUE_DIFF_ONE / (limb3 * 2 ** 192 + limb2 * 2 ** 128 + limb1 * 2 ** 64 + limb0);
}

/** Share difficulty of a 32-byte digest (see shareDifficultyOfWords). */
export function shareDifficulty(digest: Uint8Array): number {
  if (digest.length !== 32) throw new TargetError(`a digest has 32 bytes, got ${digest.length}`);
  const words = new Uint32Array(8);
  const view = new DataView(digest.buffer, digest.byteOffset, 32);
  for (let i = 0; i < 8; i++) words[i] = view.getUint32(4 * i, true);
  return shareDifficultyOfWords(words);
}

/** True when the digest, read as a little-endian integer, is at most the target. */
export function hashMeetsTarget(digest: Uint8Array, target: bigint): boolean {
  return hashToBigInt(digest) <= target;
}

/** A target as eight u32 words, least significant first: the form the hashing core compares against. */
export function targetToWords(target: bigint): Uint32Array {
  if (target < 0n || target > MAX_TARGET) throw new TargetError('target must be a 256-bit unsigned value');
  const words = new Uint32Array(8);
  for (let i = 0; i < 8; i++) words[i] = Number((target >> BigInt(32 * i)) & 0xffffffffn);
  return words;
}

/** Explorer-style hex (byte-reversed digest) from a raw digest, and back. */
export function digestToDisplayHex(digest: Uint8Array): string {
  return Buffer.from(digest).reverse().toString('hex');
}

export function displayHexToDigest(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new TargetError('a display hash is 64 hex digits');
  return new Uint8Array(Buffer.from(hex, 'hex').reverse());
}

/** A 256-bit value as 64 hex digits, most significant first (how the vectors print targets). */
export function targetToHex(target: bigint): string {
  return target.toString(16).padStart(64, '0');
}
