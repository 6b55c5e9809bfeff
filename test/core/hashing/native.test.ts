// The optional native addon: when built (npm run build:native) it must agree
// with node:crypto and the WebAssembly engine; when not, loading says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { getRandomValues, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findAddon, loadNativeEngine } from '../../../electron/core/hashing/native-engine.js';
import { bitsToTarget, DEVICE_DIFF1_TARGET, difficultyToTarget, digestToDisplayHex } from '../../../electron/core/hashing/target.js';
import { judgeNonces, packTargets, sha256dHeader } from '../../../electron/core/hashing/verdicts.js';
import { WasmSha256d } from '../../../electron/core/hashing/wasm-engine.js';
import { blocks, closeTo, hex, referenceSha256d, repoRoot, withNonce } from './vectors.js';

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
      const nonces = getRandomValues(new Uint32Array(1000));
      const targets = packTargets({ device: DEVICE_DIFF1_TARGET, share: BigInt('0x' + randomBytes(32).toString('hex')), network: BigInt('0x' + randomBytes(32).toString('hex')) });
      const a = judgeNonces(engine, header, nonces, targets, true);
      const b = judgeNonces(wasm, header, nonces, targets, true);
      assert.deepEqual(a, b, `header ${h}`);
      // Without digests the WebAssembly engine skips the rest of hashes above every target: same verdicts.
      assert.deepEqual(judgeNonces(engine, header, nonces, targets), judgeNonces(wasm, header, nonces, targets), `header ${h}, no digests`);
      for (const i of [0, 1, 999]) assert.equal(hex(a.digests?.subarray(32 * i, 32 * i + 32) ?? new Uint8Array()), hex(referenceSha256d(withNonce(header, nonces[i] ?? 0))));
    }
  });

  test(`${engine.name}: every count of nonces 1..9 (partial passes of the interleaved lanes), nothing written past the end`, () => {
    const raw = createRequire(import.meta.url)(addon) as { scan(header: Uint8Array, nonces: Uint32Array, out: Uint32Array): void };
    const wasm = new WasmSha256d();
    const targets = packTargets({ device: DEVICE_DIFF1_TARGET, share: difficultyToTarget(1), network: bitsToTarget(0x1d00ffff) });
    for (let count = 1; count <= 9; count++) {
      const header = randomBytes(80);
      const nonces = getRandomValues(new Uint32Array(count));
      const out = new Uint32Array(8 * count + 8).fill(0xdeadbeef);
      raw.scan(header, nonces, out);
      const digests = Buffer.from(out.buffer, 0, 32 * count);
      for (let i = 0; i < count; i++) {
        assert.equal(hex(digests.subarray(32 * i, 32 * i + 32)), hex(referenceSha256d(withNonce(header, nonces[i] ?? 0))), `count ${count}, nonce ${i}`);
      }
      assert.deepEqual([...out.subarray(8 * count)], new Array<number>(8).fill(0xdeadbeef), `count ${count}`);
      assert.deepEqual(judgeNonces(engine, header, nonces, targets, true), judgeNonces(wasm, header, nonces, targets, true), `count ${count}`);
    }
  });

  // The C core on its own (built with cc, so not on Windows): the implementation this CPU runs against the portable C,
  // which the tests above never reach on a CPU with SHA instructions; counts 1..9 and longer; the genesis block.
  if (process.platform !== 'win32') test('the C core agrees with its portable C (native/sha256d/test/agree.c)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hearth-native-agree-'));
    try {
      const src = path.join(repoRoot, 'native', 'sha256d');
      const exe = path.join(dir, 'agree');
      const cc = spawnSync(process.env.CC ?? 'cc', ['-O2', '-std=c11', '-o', exe, path.join(src, 'test', 'agree.c'), path.join(src, 'src', 'sha256d.c')], { encoding: 'utf8' });
      assert.equal(cc.status, 0, `cc: ${cc.stderr || cc.error?.message}`);
      const run = spawnSync(exe, { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^ok: (sha-ni|armv8-crypto|portable) and portable agree on 46340 nonces, genesis block right\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
