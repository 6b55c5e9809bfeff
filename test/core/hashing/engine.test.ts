// The WebAssembly engines (SIMD and its scalar twin) against the real block
// headers, the stratum examples and node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HashingInputError } from '../../../electron/core/hashing/engine.js';
import { bitsToTarget, DEVICE_DIFF1_TARGET, difficultyToTarget, digestToDisplayHex, MAX_TARGET } from '../../../electron/core/hashing/target.js';
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
    assert.ok(Math.max(...v.difficulty) < 1);
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
