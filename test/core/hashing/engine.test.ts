// The WebAssembly engines (SIMD and its scalar twin) against the real block
// headers, the stratum examples and node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HashingInputError, wordIndex } from '../../../electron/core/hashing/engine.js';
import { bitsToTarget, DEVICE_DIFF1_TARGET, difficultyToTarget, digestToDisplayHex, hashToBigInt, MAX_TARGET, TRUE_DIFF_ONE } from '../../../electron/core/hashing/target.js';
import { judgeNonces, packTargets, sha256dHeader } from '../../../electron/core/hashing/verdicts.js';
import { WasmSha256d, wasmSimdSupported } from '../../../electron/core/hashing/wasm-engine.js';
import { blocks, closeTo, hex, referenceSha256d, repoRoot, slush, stratumJob, withNonce } from './vectors.js';

const engines = [new WasmSha256d({ simd: true }), new WasmSha256d({ simd: false })];

test('this machine runs WebAssembly SIMD, and the engines say which variant they are', () => {
  assert.equal(wasmSimdSupported(), true);
  assert.deepEqual(
    engines.map((e) => [e.name, e.lanes]),
    [
      ['wasm-simd', 4],
      ['wasm-scalar', 1],
    ],
  );
});

for (const engine of engines) {
  test(`${engine.name}: every real block header hashes to its published hash and meets its own target`, () => {
    assert.equal(blocks.blocks.length, 9);
    for (const b of blocks.blocks) {
      const header = Buffer.from(b.header_hex, 'hex');
      const digest = sha256dHeader(engine, header);
      assert.equal(hex(digest), b.sha256d_raw_digest_hex, `block ${b.height}`);
      assert.equal(digestToDisplayHex(digest), b.hash, `block ${b.height}`);
      const targets = packTargets({ device: DEVICE_DIFF1_TARGET, share: difficultyToTarget(1), network: bitsToTarget(b.bits) });
      const verdicts = judgeNonces(engine, header, Uint32Array.of(b.nonce, b.nonce + 1), targets);
      assert.equal(verdicts.meetsNetwork[0], b.pow_valid ? 1 : 0, `block ${b.height}`);
      assert.equal(verdicts.meetsShare[0], 1);
      assert.equal(verdicts.meetsDevice[0], 1);
      assert.ok(closeTo(verdicts.difficulty[0] ?? 0, b.share_difficulty_of_hash), `block ${b.height}: ${verdicts.difficulty[0]}`);
      // The next nonce is (overwhelmingly likely) no block.
      assert.equal(verdicts.meetsNetwork[1], 0, `block ${b.height} nonce + 1`);
    }
  });

  test(`${engine.name}: the slush stratum example's share is valid at difficulty 1..3, not 4, and not a block`, () => {
    const s = slush[0];
    assert.ok(s);
    const header = Buffer.from(s.header_hex, 'hex');
    assert.equal(header.readUInt32LE(76), s.nonce);
    assert.equal(digestToDisplayHex(sha256dHeader(engine, header)), s.hash_display_hex);
    const network = BigInt('0x' + s.network_target_hex);
    assert.equal(network, bitsToTarget(header.readUInt32LE(72)));
    for (const [d, accepted] of Object.entries(s.accept_at_pool_difficulty)) {
      const targets = packTargets({ device: DEVICE_DIFF1_TARGET, share: difficultyToTarget(Number(d)), network });
      const v = judgeNonces(engine, header, Uint32Array.of(s.nonce), targets);
      assert.equal(v.meetsShare[0], accepted ? 1 : 0, `difficulty ${d}`);
      assert.equal(v.meetsNetwork[0], s.is_block ? 1 : 0);
      assert.ok(closeTo(v.difficulty[0] ?? 0, s.share_difficulty));
    }
  });

  test(`${engine.name}: the slush job with extranonce2 00000001 has no difficulty-1 share (negative case)`, () => {
    const s = slush[0];
    assert.ok(s);
    const header = Buffer.from(s.other_extranonce2_no_share.header_with_nonce_0_hex, 'hex');
    // The valid share's nonce, plus a sweep of 2^16 nonces around it.
    const nonces = new Uint32Array(1 << 16).map((_, i) => (s.nonce - 0x8000 + i) >>> 0);
    const targets = packTargets({ device: DEVICE_DIFF1_TARGET, share: difficultyToTarget(1), network: MAX_TARGET });
    const v = judgeNonces(engine, header, nonces, targets);
    assert.equal(v.meetsShare.reduce((a, b) => a + b, 0), 0);
    assert.equal(v.meetsDevice.reduce((a, b) => a + b, 0), 0);
    assert.equal(v.meetsNetwork.reduce((a, b) => a + b, 0), nonces.length);
    // Every one is a hardware error (no hash has its top 32 bits zero): no difficulty.
    assert.deepEqual(new Set(v.difficulty), new Set([0]));
  });

  test(`${engine.name}: the real pool job (stratum-job.json) share at difficulty 0.01`, () => {
    const header = Buffer.from(stratumJob.header_hex, 'hex');
    assert.equal(digestToDisplayHex(sha256dHeader(engine, header)), stratumJob.hash_display_hex);
    const targets = packTargets({ device: MAX_TARGET, share: difficultyToTarget(stratumJob.set_difficulty), network: bitsToTarget(header.readUInt32LE(72)) });
    const v = judgeNonces(engine, header, Uint32Array.of(stratumJob.nonce), targets);
    assert.deepEqual([v.meetsShare[0], v.meetsNetwork[0]], [1, 0]);
    assert.ok(closeTo(v.difficulty[0] ?? 0, stratumJob.share_difficulty));
  });

  test(`${engine.name}: batches of every length up to 9 agree with node:crypto, digests included`, () => {
    const header = Buffer.from(blocks.blocks[3]?.header_hex ?? '', 'hex');
    for (let n = 1; n <= 9; n++) {
      const nonces = Uint32Array.from({ length: n }, (_, i) => (0x9e3779b9 * (i + n)) >>> 0);
      const v = judgeNonces(engine, header, nonces, packTargets({ device: MAX_TARGET, share: MAX_TARGET, network: 0n }), true);
      assert.equal(v.digests?.length, 32 * n);
      nonces.forEach((nonce, i) => {
        assert.equal(hex(v.digests?.subarray(32 * i, 32 * i + 32) ?? new Uint8Array()), hex(referenceSha256d(withNonce(header, nonce))), `n=${n} i=${i}`);
      });
      assert.deepEqual([...v.meetsShare], Array(n).fill(1));
      assert.deepEqual([...v.meetsNetwork], Array(n).fill(0));
    }
  });

  test(`${engine.name}: judged without digests (the rest of a hash skipped above the targets), verdicts still agree with node:crypto`, () => {
    const b = blocks.blocks[5];
    assert.ok(b);
    const header = Buffer.from(b.header_hex, 'hex');
    // 1,000 nonces around the block's own one, which sits mid-group (index 501).
    const nonces = Uint32Array.from({ length: 1000 }, (_, i) => (b.nonce - 501 + i) >>> 0);
    const network = bitsToTarget(b.bits);
    const v = judgeNonces(engine, header, nonces, packTargets({ device: DEVICE_DIFF1_TARGET, share: difficultyToTarget(1), network }));
    const wrong: string[] = [];
    nonces.forEach((nonce, i) => {
      const want = hashToBigInt(referenceSha256d(withNonce(header, nonce)));
      const device = want <= DEVICE_DIFF1_TARGET ? 1 : 0;
      if (v.meetsDevice[i] !== device) wrong.push(`device ${i}`);
      if (v.meetsShare[i] !== (want <= difficultyToTarget(1) ? 1 : 0)) wrong.push(`share ${i}`);
      if (v.meetsNetwork[i] !== (want <= network ? 1 : 0)) wrong.push(`network ${i}`);
      if (device ? !closeTo(v.difficulty[i] ?? 0, TRUE_DIFF_ONE / Number(want)) : v.difficulty[i] !== 0) wrong.push(`difficulty ${i}`);
    });
    assert.deepEqual(wrong, []);
    // The block's nonce is the one hash that meets anything, and it is whole.
    assert.deepEqual([v.meetsDevice[501], v.meetsShare[501], v.meetsNetwork[501]], [1, 1, 1]);
    assert.equal(v.meetsDevice.reduce((a, x) => a + x, 0), 1);
    assert.ok(closeTo(v.difficulty[501] ?? 0, b.share_difficulty_of_hash));
  });

  test(`${engine.name}: scan with a limit: the top word always, the whole hash for any group a nonce of which passes`, () => {
    const header = Buffer.from(blocks.blocks[2]?.header_hex ?? '', 'hex');
    const nonces = Uint32Array.from({ length: 64 }, (_, i) => (0x61c88647 * i) >>> 0);
    const want = Array.from(nonces, (nonce) => new Uint32Array(Uint8Array.from(referenceSha256d(withNonce(header, nonce))).buffer));
    const tops = want.map((w) => w[7] ?? 0);
    const limit = [...tops].sort((x, y) => x - y)[3] ?? 0; // four nonces pass
    const { words, lanes, whole: groups } = engine.scan(header, nonces, limit);
    const passing = nonces.map((_, i) => i).filter((i) => (tops[i] ?? 0) <= limit);
    assert.deepEqual([...(groups ?? [])], [...new Set(passing.map((i) => Math.floor(i / lanes)))]);
    let whole = 0;
    nonces.forEach((_, i) => {
      assert.equal(words[wordIndex(lanes, i, 7)], tops[i], `top word of nonce ${i}`);
      if ((tops[i] ?? 0) > limit) return;
      whole++;
      for (let k = 0; k < 8; k++) assert.equal(words[wordIndex(lanes, i, k)], want[i]?.[k], `word ${k} of nonce ${i}`);
    });
    assert.equal(whole, 4);
  });

  test(`${engine.name}: a header that is not 80 bytes is a typed error`, () => {
    assert.throws(() => engine.scan(new Uint8Array(79), Uint32Array.of(1)), HashingInputError);
    assert.throws(() => sha256dHeader(engine, new Uint8Array(81)), HashingInputError);
  });
}

test('the committed WebAssembly is what the generator produces now', () => {
  const generated = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'gen-sha256d-wasm.mjs'), '--print'], { encoding: 'utf8' });
  assert.equal(generated.status, 0, generated.stderr);
  const committed = readFileSync(path.join(repoRoot, 'electron', 'core', 'hashing', 'sha256d-wasm.generated.ts'), 'utf8');
  assert.ok(generated.stdout.length > 10_000);
  assert.equal(generated.stdout, committed);
});
