// Typed access to the shared hashing vectors (../shared/vectors beside the repository).
import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vectorsDir = path.join(repoRoot, '..', 'shared', 'vectors');

function load<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(vectorsDir, name), 'utf8')) as T;
}

export interface BlockVector {
  height: number;
  header_hex: string;
  hash: string;
  sha256d_raw_digest_hex: string;
  bits: number;
  target_hex: string;
  pow_valid: boolean;
  nonce: number;
  network_difficulty: number;
  share_difficulty_of_hash: number;
}

export interface ShareDifficultyVectors {
  diff1_target_hex: string;
  truediffone_double: number;
  compact_bits_cases: { bits_hex: string; target_hex: string | null; negative: boolean; overflow: boolean; valid_as_pow_target: boolean }[];
  pool_difficulty_to_target: { pool_difficulty: string; share_target_hex: string; top32_bits_zero: boolean }[];
  hash_to_share_difficulty: { label: string; hash_display_hex: string; share_difficulty: number; meets_diff_1: boolean; leading_zero_bits: number }[];
}

export interface SlushVector {
  header_hex: string;
  nonce: number;
  hash_display_hex: string;
  share_difficulty: number;
  accept_at_pool_difficulty: Record<string, boolean>;
  network_target_hex: string;
  network_difficulty: number;
  is_block: boolean;
  other_extranonce2_no_share: { header_with_nonce_0_hex: string };
}

export interface StratumJobVector {
  header_hex: string;
  nonce: number;
  hash_display_hex: string;
  share_difficulty: number;
  share_target_hex: string;
  set_difficulty: number;
}

export const blocks = load<{ diff1_target_hex: string; blocks: BlockVector[] }>('blocks.json');
export const shareDifficulty = load<ShareDifficultyVectors>('share-difficulty.json');
export const slush = load<{ vectors: SlushVector[] }>('stratum-slush-example.json').vectors;
export const stratumJob = load<StratumJobVector>('stratum-job.json');

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Reference SHA-256d: node:crypto's one-shot SHA-256, twice. */
export function referenceSha256d(data: Uint8Array): Buffer {
  return hash('sha256', hash('sha256', data, 'buffer'), 'buffer');
}

/** The header with `nonce` written at offset 76, little-endian. */
export function withNonce(header: Uint8Array, nonce: number): Buffer {
  const copy = Buffer.from(header);
  copy.writeUInt32LE(nonce, 76);
  return copy;
}

/** |a - b| within `ulps` units in the last place of b. */
export function closeTo(a: number, b: number, ulps = 2): boolean {
  return Math.abs(a - b) <= ulps * Number.EPSILON * Math.abs(b);
}
