import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  NTIME_ROLL_LIMIT_SECONDS,
  buildWork,
  decodeJob,
  extranonce2Bytes,
  maskBitCount,
  merkleRoot,
  rollNtime,
  rollVersion,
  sha256d,
  submitFields,
  swapWords32,
  versionBitsAt,
  withNonce,
} from '../../../electron/core/stratum/work.js';
import { SHA256_IV, midstate, sha256Compress } from '../../../electron/core/stratum/sha256-compress.js';
import { hashMeetsTarget, difficultyToTarget, targetToHex } from '../../../electron/core/hashing/target.js';
import { notifyFromVector, readVector, slushExample, stratumJob } from './vectors.js';

const displayHex = (digest: Buffer): string => Buffer.from(digest).reverse().toString('hex');

test('stratum-job.json: coinbase, merkle root, header and share hash match the vector', () => {
  const v = stratumJob();
  const job = decodeJob(notifyFromVector(v.notify));
  const work = buildWork(job, {
    extranonce1: Buffer.from(v.subscribe_result_extranonce1, 'hex'),
    extranonce2: Buffer.from(v.extranonce2, 'hex'),
  });
  assert.equal(work.coinbase.toString('hex'), v.coinbase_hex);
  assert.equal(sha256d(work.coinbase).toString('hex'), v.coinbase_hash_hex);
  assert.equal(work.merkleRoot.toString('hex'), v.merkle_root_header_order_hex);
  const header = withNonce(work.header, v.nonce);
  assert.equal(header.toString('hex'), v.header_hex);
  const hash = sha256d(header);
  assert.equal(displayHex(hash), v.hash_display_hex);
  const target = difficultyToTarget(v.set_difficulty);
  assert.equal(targetToHex(target), v.share_target_hex);
  assert.equal(hashMeetsTarget(hash, target), true);
  // The share is worth ~0.0278, so a pool at difficulty 0.03 would refuse it.
  assert.equal(hashMeetsTarget(hash, difficultyToTarget(0.03)), false);
  assert.equal(submitFields(work, v.nonce).nonce, v.nonce_hex_for_submit);
});

test('slush example: the one difficulty-1 share for extranonce2 00000000, byte for byte', () => {
  const v = slushExample();
  const job = decodeJob(notifyFromVector(v.notify));
  assert.equal(job.prevhash.toString('hex'), v.prevhash_header_bytes_hex);
  const work = buildWork(job, { extranonce1: Buffer.from(v.subscribe_result_extranonce1, 'hex'), extranonce2: Buffer.from(v.extranonce2, 'hex') });
  assert.equal(work.coinbase.toString('hex'), v.coinbase_hex);
  assert.equal(work.merkleRoot.toString('hex'), v.merkle_root_raw_hex_as_in_header);
  const header = withNonce(work.header, v.nonce);
  assert.equal(header.toString('hex'), v.header_hex);
  const hash = sha256d(header);
  assert.equal(displayHex(hash), v.hash_display_hex);
  for (const [d, accepted] of Object.entries(v.accept_at_pool_difficulty)) {
    assert.equal(hashMeetsTarget(hash, difficultyToTarget(Number(d))), accepted, `pool difficulty ${d}`);
  }
  const f = submitFields(work, v.nonce);
  assert.deepEqual([f.jobId, f.extranonce2, f.ntime, f.nonce], v.submit_params.slice(1));
  assert.equal(f.versionBits, undefined);
});

test('slush example negative case: extranonce2 00000001 changes the header and the share is gone', () => {
  const v = slushExample();
  const job = decodeJob(notifyFromVector(v.notify));
  const work = buildWork(job, {
    extranonce1: Buffer.from(v.subscribe_result_extranonce1, 'hex'),
    extranonce2: Buffer.from(v.other_extranonce2_no_share.extranonce2, 'hex'),
  });
  assert.equal(work.header.toString('hex'), v.other_extranonce2_no_share.header_with_nonce_0_hex);
  const hash = sha256d(withNonce(work.header, v.nonce));
  assert.equal(hashMeetsTarget(hash, difficultyToTarget(1)), false);
});

test('prevhash: word swap gives header order, and the display hash is its full reversal', () => {
  const v = readVector<{ vectors: { notify: { prevhash: string }; prevhash_display_hex: string }[] }>('stratum-slush-example.json').vectors[0]!;
  const header = swapWords32(Buffer.from(v.notify.prevhash, 'hex'));
  assert.equal(displayHex(header), v.prevhash_display_hex);
  assert.equal(swapWords32(header).toString('hex'), v.notify.prevhash);
  assert.throws(() => swapWords32(Buffer.alloc(3)), RangeError);
});

test('merkle root folds the branch as sha256d(root || branch) with raw hashes', () => {
  const coinbase = Buffer.from('01000000deadbeef', 'hex');
  const b1 = createHash('sha256').update('tx1').digest();
  const b2 = createHash('sha256').update('tx2').digest();
  const expected = sha256d(Buffer.concat([sha256d(Buffer.concat([sha256d(coinbase), b1])), b2]));
  assert.equal(merkleRoot(coinbase, [b1, b2]).toString('hex'), expected.toString('hex'));
  assert.equal(merkleRoot(coinbase, []).toString('hex'), sha256d(coinbase).toString('hex'));
});

test('sha256Compress over a padded one-block message equals SHA-256 of it ("abc", FIPS 180-4 example)', () => {
  const block = Buffer.alloc(64);
  block.write('abc', 0, 'latin1');
  block[3] = 0x80;
  block.writeUInt32BE(24, 60);
  const state = sha256Compress(SHA256_IV, block);
  const out = Buffer.alloc(32);
  state.forEach((w, i) => out.writeUInt32BE(w, i * 4));
  assert.equal(out.toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('midstate + the padded second block reproduce node:crypto SHA-256 of the header', () => {
  const v = stratumJob();
  const header = Buffer.from(v.header_hex, 'hex');
  const mid = midstate(header);
  const state = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => mid.readUInt32BE(i * 4));
  const tail = Buffer.alloc(64);
  header.copy(tail, 0, 64, 80);
  tail[16] = 0x80;
  tail.writeUInt32BE(640, 60);
  const final = sha256Compress(state, tail);
  const out = Buffer.alloc(32);
  final.forEach((w, i) => out.writeUInt32BE(w, i * 4));
  assert.equal(out.toString('hex'), createHash('sha256').update(header).digest('hex'));
});

test('version rolling stays within the pool mask (BIP 310)', () => {
  const mask = 0x1fffe000;
  assert.equal(maskBitCount(mask), 16);
  assert.equal(rollVersion(0x20000000, 0xffffffff, mask), 0x3fffe000);
  assert.equal(rollVersion(0x20000000, 0x00002000, mask), 0x20002000);
  // Bits outside the mask are never applied, whatever the miner asks for.
  assert.equal(rollVersion(0x20000000, 0xe0001fff, mask), 0x20000000);
  assert.equal(versionBitsAt(mask, 0), 0);
  assert.equal(versionBitsAt(mask, 1), 0x2000);
  assert.equal(versionBitsAt(mask, 3), 0x6000);
  assert.equal(versionBitsAt(mask, 0xffff), mask);
  assert.equal(versionBitsAt(0x18000000, 2), 0x10000000);
  assert.throws(() => versionBitsAt(mask, 0x10000), RangeError);

  const v = stratumJob();
  const job = decodeJob(notifyFromVector(v.notify));
  const base = { extranonce1: Buffer.from(v.subscribe_result_extranonce1, 'hex'), extranonce2: Buffer.alloc(4) };
  const plain = buildWork(job, base);
  const rolled = buildWork(job, { ...base, versionRolling: { mask, bits: versionBitsAt(mask, 5) } });
  assert.equal(rolled.version, 0x2000a000);
  assert.equal(rolled.header.readUInt32LE(0), 0x2000a000);
  assert.deepEqual(rolled.header.subarray(4), plain.header.subarray(4));
  assert.notDeepEqual(rolled.midstate, plain.midstate);
  const f = submitFields(rolled, 1, { mask });
  assert.equal(f.versionBits, '0000a000');
  // The pool's reconstruction from the submitted bits gives the header's version.
  assert.equal(rollVersion(job.version, Number.parseInt(f.versionBits!, 16), mask), rolled.version);
});

test('extranonce2 counter bytes are little-endian and sized', () => {
  assert.equal(extranonce2Bytes(0n, 4).toString('hex'), '00000000');
  assert.equal(extranonce2Bytes(0x60b6n, 8).toString('hex'), 'b660000000000000');
  assert.equal(extranonce2Bytes(0xffffffffn, 4).toString('hex'), 'ffffffff');
  assert.throws(() => extranonce2Bytes(0x100000000n, 4), RangeError);
  assert.throws(() => extranonce2Bytes(-1n, 4), RangeError);
  assert.throws(() => extranonce2Bytes(0n, 0), RangeError);
});

test('ntime rolls forward only, within the limit', () => {
  const job = decodeJob(notifyFromVector(stratumJob().notify));
  assert.equal(rollNtime(job, 0), 0x5e148a8c);
  assert.equal(rollNtime(job, NTIME_ROLL_LIMIT_SECONDS), 0x5e148a8c + NTIME_ROLL_LIMIT_SECONDS);
  assert.throws(() => rollNtime(job, NTIME_ROLL_LIMIT_SECONDS + 1), RangeError);
  assert.throws(() => rollNtime(job, -1), RangeError);
  const work = buildWork(job, { extranonce1: Buffer.alloc(4), extranonce2: Buffer.alloc(4), ntimeRoll: 7 });
  assert.equal(work.header.readUInt32LE(68), 0x5e148a8c + 7);
  assert.equal(submitFields(work, 0).ntime, (0x5e148a8c + 7).toString(16));
});

test('decodeJob refuses malformed hex with a message naming the field', () => {
  const n = notifyFromVector(stratumJob().notify);
  assert.throws(() => decodeJob({ ...n, prevhash: n.prevhash.slice(2) }), /prevhash: expected 32 bytes of hex/);
  assert.throws(() => decodeJob({ ...n, coinb1: `${n.coinb1}0` }), /coinb1/);
  assert.throws(() => decodeJob({ ...n, merkleBranch: ['zz'] }), /merkle_branch\[0\]/);
  assert.throws(() => decodeJob({ ...n, nbits: '1a02b0' }), /nbits/);
});
