// The optional native addon: when built (npm run build:native) it must agree
// with node:crypto and the WebAssembly engine; when not, loading says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findAddon, loadNativeEngine } from '../../../electron/core/hashing/native-engine.js';
import { bitsToTarget, DEVICE_DIFF1_TARGET, difficultyToTarget, digestToDisplayHex } from '../../../electron/core/hashing/target.js';
import { judgeNonces, packTargets, sha256dHeader } from '../../../electron/core/hashing/verdicts.js';
import { WasmSha256d } from '../../../electron/core/hashing/wasm-engine.js';
import { blocks, closeTo, hex, referenceSha256d, withNonce } from './vectors.js';

const addon = findAddon();

test('a missing or broken addon is reported, never thrown', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-native-'));
  try {
    const fake = path.join(dir, 'sha256d.node');
    writeFileSync(fake, 'not a shared object');
    const broken = loadNativeEngine(fake);
    assert.equal(broken.engine, undefined);
    assert.match(broken.reason ?? '', /^failed to load .*sha256d\.node: /);
    assert.match(findAddon(dir) ?? 'not found', /not found|native\/sha256d\/build\/Release\/sha256d\.node$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const loaded = loadNativeEngine();
  if (addon) assert.match(loaded.engine?.name ?? '', /^native-(sha-ni|armv8-crypto|portable)$/);
  else assert.equal(loaded.reason, 'not built (run `npm run build:native`)');
});

if (addon) {
  const loaded = loadNativeEngine(addon);
  const engine = loaded.engine;
  assert.ok(engine, loaded.reason);

  test(`${engine.name}: every real block header, and its own target`, () => {
    for (const b of blocks.blocks) {
      const header = Buffer.from(b.header_hex, 'hex');
      assert.equal(digestToDisplayHex(sha256dHeader(engine, header)), b.hash, `block ${b.height}`);
      const v = judgeNonces(engine, header, Uint32Array.of(b.nonce), packTargets({ device: DEVICE_DIFF1_TARGET, share: difficultyToTarget(1), network: bitsToTarget(b.bits) }));
      assert.deepEqual([v.meetsDevice[0], v.meetsShare[0], v.meetsNetwork[0]], [1, 1, b.pow_valid ? 1 : 0]);
      assert.ok(closeTo(v.difficulty[0] ?? 0, b.share_difficulty_of_hash), `block ${b.height}`);
    }
  });

  test(`${engine.name}: 100,000 random (header, nonce) pairs agree with node:crypto and the WebAssembly engine`, () => {
    const wasm = new WasmSha256d();
    for (let h = 0; h < 100; h++) {
      const header = randomBytes(80);
      const nonces = new Uint32Array(randomBytes(4000).buffer.slice(0, 4000));
      const targets = packTargets({ device: DEVICE_DIFF1_TARGET, share: BigInt('0x' + randomBytes(32).toString('hex')), network: BigInt('0x' + randomBytes(32).toString('hex')) });
      const a = judgeNonces(engine, header, nonces, targets, true);
      const b = judgeNonces(wasm, header, nonces, targets, true);
      assert.deepEqual(a, b, `header ${h}`);
      // Without digests the WebAssembly engine skips the rest of hashes above every target: same verdicts.
      assert.deepEqual(judgeNonces(engine, header, nonces, targets), judgeNonces(wasm, header, nonces, targets), `header ${h}, no digests`);
      for (const i of [0, 1, 999]) assert.equal(hex(a.digests?.subarray(32 * i, 32 * i + 32) ?? new Uint8Array()), hex(referenceSha256d(withNonce(header, nonces[i] ?? 0))));
    }
  });

  test(`${engine.name}: wrong argument types and sizes are TypeError / RangeError, not crashes`, () => {
    const header = new Uint8Array(80);
    const targets = new Uint32Array(24);
    assert.throws(() => engine.scan(new Uint8Array(79), Uint32Array.of(1)), /80 bytes/);
    assert.throws(() => engine.judge?.(header, Uint32Array.of(1), new Uint32Array(23), false), /24 words/);
    assert.deepEqual(engine.judge?.(header, new Uint32Array(0), targets, true).digests, new Uint8Array(0));
  });
}
