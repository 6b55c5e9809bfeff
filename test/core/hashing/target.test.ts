import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bitsToTarget,
  decodeCompact,
  DEVICE_DIFF1_TARGET,
  DIFF1_TARGET,
  difficultyToTarget,
  digestToDisplayHex,
  displayHexToDigest,
  hashMeetsTarget,
  hashToBigInt,
  MAX_TARGET,
  shareDifficulty,
  TargetError,
  targetToDifficulty,
  targetToHex,
  targetToWords,
  TRUE_DIFF_ONE,
} from '../../../electron/core/hashing/target.js';
import { blocks, closeTo, shareDifficulty as vectors, slush, stratumJob } from './vectors.js';

test('the difficulty-1 target and truediffone match share-difficulty.json', () => {
  assert.equal(targetToHex(DIFF1_TARGET), vectors.diff1_target_hex);
  assert.equal(targetToHex(DIFF1_TARGET), blocks.diff1_target_hex);
  assert.equal(TRUE_DIFF_ONE, vectors.truediffone_double);
  assert.equal(targetToHex(DEVICE_DIFF1_TARGET), '00000000' + 'f'.repeat(56));
});

test('compact bits expand like Bitcoin Core SetCompact (every case in share-difficulty.json)', () => {
  assert.ok(vectors.compact_bits_cases.length >= 20);
  for (const c of vectors.compact_bits_cases) {
    const bits = Number.parseInt(c.bits_hex, 16);
    const decoded = decodeCompact(bits);
    assert.equal(decoded.negative, c.negative, c.bits_hex);
    assert.equal(decoded.overflow, c.overflow, c.bits_hex);
    assert.equal(decoded.target === null ? null : targetToHex(decoded.target), c.target_hex, c.bits_hex);
    if (c.valid_as_pow_target) assert.equal(targetToHex(bitsToTarget(bits)), c.target_hex, c.bits_hex);
    else assert.throws(() => bitsToTarget(bits), TargetError, c.bits_hex);
  }
});

test('compact bits outside a u32 are rejected', () => {
  for (const bad of [-1, 2 ** 32, 1.5, Number.NaN]) assert.throws(() => decodeCompact(bad), TargetError);
});

test('every block header bits expands to its target_hex, with its network difficulty', () => {
  for (const b of blocks.blocks) {
    const target = bitsToTarget(b.bits);
    assert.equal(targetToHex(target), b.target_hex, `block ${b.height}`);
    assert.ok(closeTo(targetToDifficulty(target), b.network_difficulty), `block ${b.height}: ${targetToDifficulty(target)}`);
  }
});

test('pool difficulty -> share target is floor(diff1 / d), exactly (every case)', () => {
  assert.ok(vectors.pool_difficulty_to_target.length >= 10);
  for (const c of vectors.pool_difficulty_to_target) {
    const target = difficultyToTarget(Number(c.pool_difficulty));
    assert.equal(targetToHex(target), c.share_target_hex, `d=${c.pool_difficulty}`);
    assert.equal(target < 1n << 224n, c.top32_bits_zero, `d=${c.pool_difficulty}`);
  }
  assert.equal(targetToHex(difficultyToTarget(stratumJob.set_difficulty)), stratumJob.share_target_hex);
});

test('difficulties below 2^-32 cap at the largest target; bad difficulties are typed errors', () => {
  assert.equal(difficultyToTarget(1e-12), MAX_TARGET);
  assert.equal(difficultyToTarget(1e-7), (DIFF1_TARGET * 10n ** 7n));
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => difficultyToTarget(bad), TargetError);
});

test('hash -> share difficulty as cgminer computes it, and the diff-1 verdict (every case)', () => {
  for (const c of vectors.hash_to_share_difficulty) {
    const digest = displayHexToDigest(c.hash_display_hex);
    assert.ok(closeTo(shareDifficulty(digest), c.share_difficulty), `${c.label}: ${shareDifficulty(digest)}`);
    assert.equal(hashMeetsTarget(digest, DIFF1_TARGET), c.meets_diff_1, c.label);
    const value = hashToBigInt(digest);
    assert.equal(256 - value.toString(2).length, c.leading_zero_bits, c.label);
  }
});

test('just above the diff-1 target has difficulty 1.0 as a double but is not a diff-1 share', () => {
  const digest = displayHexToDigest('00000000ffff0000000000000000000000000000000000000000000000000001');
  assert.equal(shareDifficulty(digest), 1);
  assert.equal(hashMeetsTarget(digest, DIFF1_TARGET), false);
  assert.equal(hashMeetsTarget(digest, DIFF1_TARGET + 1n), true);
});

test('byte order: the digest is a little-endian number; display hex is it reversed', () => {
  const s = slush[0];
  assert.ok(s);
  const digest = displayHexToDigest(s.hash_display_hex);
  assert.equal(digest[31], 0);
  assert.equal(digest[0], 0xb0);
  assert.equal(digestToDisplayHex(digest), s.hash_display_hex);
  assert.equal(hashToBigInt(digest), BigInt('0x' + s.hash_display_hex));
  const words = targetToWords(BigInt('0x' + s.hash_display_hex));
  assert.equal(words[7], 0);
  assert.equal(words[6], 0x42a81be2);
  assert.equal(words[0], 0xa7cc28b0);
});

test('malformed inputs are typed errors', () => {
  assert.throws(() => displayHexToDigest('00'), TargetError);
  assert.throws(() => displayHexToDigest('zz'.repeat(32)), TargetError);
  assert.throws(() => hashToBigInt(new Uint8Array(31)), TargetError);
  assert.throws(() => shareDifficulty(new Uint8Array(33)), TargetError);
  assert.throws(() => targetToWords(-1n), TargetError);
  assert.throws(() => targetToWords(MAX_TARGET + 1n), TargetError);
  assert.throws(() => targetToDifficulty(0n), TargetError);
});
