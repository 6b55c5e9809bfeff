// Turns hashes into verdicts: each nonce's share difficulty and whether its
// hash meets the device, share and network targets.
import { allocateVerdicts, checkHeader, NONCE_OFFSET, wordIndex, type Sha256dEngine, type Verdicts } from './engine.js';
import { shareDifficultyOfWords, targetToWords } from './target.js';

export type { Verdicts } from './engine.js';

/** The three targets a nonce is judged against. */
export interface Targets {
  /** What a correct nonce from the device always meets; missing it is a hardware error. */
  device: bigint;
  /** The pool's share target. */
  share: bigint;
  /** The block's own target (from its bits): meeting it means a block. */
  network: bigint;
}

/** Targets as 24 u32 words (device, share, network; each least significant word first). */
export function packTargets(targets: Targets): Uint32Array {
  const packed = new Uint32Array(24);
  packed.set(targetToWords(targets.device), 0);
  packed.set(targetToWords(targets.share), 8);
  packed.set(targetToWords(targets.network), 16);
  return packed;
}

// Compares from the most significant word down; most hashes differ at the first.
function meets(words: Uint32Array, base: number, stride: number, targets: Uint32Array, at: number): number {
  for (let k = 7; k >= 0; k--) {
    const w = words[base + k * stride] ?? 0;
    const t = targets[at + k] ?? 0;
    if (w !== t) return w < t ? 1 : 0;
  }
  return 1;
}

/**
 * The most significant word a hash can have and still meet one of the targets:
 * above it, a hash meets none, and the engine may skip the rest of it.
 */
export function scanLimit(packedTargets: Uint32Array): number {
  return Math.max(packedTargets[7] ?? 0, packedTargets[15] ?? 0, packedTargets[23] ?? 0);
}

/**
 * Hashes `header` with every nonce on `engine` and judges each hash against
 * `packedTargets` (see packTargets). A hash that misses the device target gets
 * difficulty 0: it is a hardware error, and its difficulty is never used, so
 * the engine does not finish computing it (unless digests are asked for).
 */
export function judgeNonces(
  engine: Sha256dEngine,
  header: Uint8Array,
  nonces: Uint32Array,
  packedTargets: Uint32Array,
  withDigests = false,
): Verdicts {
  if (engine.judge) return engine.judge(header, nonces, packedTargets, withDigests);
  const limit = withDigests ? 0xffffffff : scanLimit(packedTargets);
  const { words, lanes, whole } = engine.scan(header, nonces, limit);
  const n = nonces.length;
  const verdicts = allocateVerdicts(n, withDigests);
  const { difficulty, meetsDevice, meetsShare, meetsNetwork } = verdicts;
  const digests = verdicts.digests ? new Uint32Array(verdicts.digests.buffer, verdicts.digests.byteOffset, 8 * n) : undefined;
  // Zero-filled verdicts already say "meets nothing": only the groups the engine
  // computed whole (hardly any, when it skips) need a look.
  const groups = whole ? whole.length : Math.ceil(n / lanes);
  for (let j = 0; j < groups; j++) {
    const g = whole ? (whole[j] ?? 0) : j;
    for (let lane = 0; lane < lanes && g * lanes + lane < n; lane++) {
      const i = g * lanes + lane;
      const base = g * 8 * lanes + lane;
      if ((words[base + 7 * lanes] ?? 0) > limit) continue;
      meetsDevice[i] = meets(words, base, lanes, packedTargets, 0);
      meetsShare[i] = meets(words, base, lanes, packedTargets, 8);
      meetsNetwork[i] = meets(words, base, lanes, packedTargets, 16);
      if (meetsDevice[i]) difficulty[i] = shareDifficultyOfWords(words, base, lanes);
      // On a little-endian host, the u32 words stored in order are the digest bytes.
      if (digests) for (let k = 0; k < 8; k++) digests[8 * i + k] = words[base + k * lanes] ?? 0;
    }
  }
  return verdicts;
}

/** SHA-256d of a whole 80-byte header (its own nonce included) on `engine`: the raw 32-byte digest. */
export function sha256dHeader(engine: Sha256dEngine, header: Uint8Array): Uint8Array {
  checkHeader(header);
  const nonce = new DataView(header.buffer, header.byteOffset, header.byteLength).getUint32(NONCE_OFFSET, true);
  const { words, lanes } = engine.scan(header, Uint32Array.of(nonce));
  const digest = new Uint32Array(8);
  for (let k = 0; k < 8; k++) digest[k] = words[wordIndex(lanes, 0, k)] ?? 0;
  return new Uint8Array(digest.buffer);
}
