// One million random (header, nonce) pairs through the HashPool, every digest
// and verdict checked against node:crypto and BigInt arithmetic. Half the
// batches ask for digests (every hash computed whole, every difficulty known);
// the other half are judged as a mining host's are, where the engine skips the
// rest of a hash that can meet no target and a hardware error has difficulty 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRandomValues, randomBytes } from 'node:crypto';
import { HashPool } from '../../../electron/core/hashing/pool.js';
import { DEVICE_DIFF1_TARGET, MAX_TARGET, TRUE_DIFF_ONE } from '../../../electron/core/hashing/target.js';
import { closeTo, referenceSha256d } from './vectors.js';

const HEADERS = 1000;
const NONCES_PER_HEADER = 1000;

// The hash as a little-endian 256-bit number: eight u32 words, most significant first.
function words(digest: Uint8Array): number[] {
  const view = Buffer.from(digest.buffer, digest.byteOffset, 32);
  return [7, 6, 5, 4, 3, 2, 1, 0].map((k) => view.readUInt32LE(4 * k));
}

function fromWords(w: number[]): bigint {
  return w.reduce((acc, word) => (acc << 32n) | BigInt(word), 0n);
}

function atMost(a: number[], b: number[]): boolean {
  for (let i = 0; i < 8; i++) if (a[i] !== b[i]) return (a[i] ?? 0) < (b[i] ?? 0);
  return true;
}

test('one million random headers and nonces: digests and verdicts agree with node:crypto', async () => {
  // The WebAssembly engine: the one every machine has (native.test.ts covers the addon).
  const pool = new HashPool({ workers: 2, engine: 'wasm-simd' });
  try {
    await pool.whenReady();
    let checked = 0;
    let shares = 0;
    let blocks = 0;
    const pending: Promise<void>[] = [];
    for (let h = 0; h < HEADERS; h++) {
      const header = randomBytes(80);
      const nonces = getRandomValues(new Uint32Array(NONCES_PER_HEADER));
      const sent = nonces.slice();
      const expected = Array.from(sent, (nonce) => {
        header.writeUInt32LE(nonce, 76);
        return referenceSha256d(header);
      });
      // Targets taken from this batch's own hashes: about half meet the share
      // target, 1 % the network one, and the boundary (equality) is exercised.
      const values = expected.map(words);
      const sorted = [...values].sort((a, b) => (atMost(a, b) ? -1 : 1));
      const shareLimbs = sorted[NONCES_PER_HEADER / 2] ?? [];
      const networkLimbs = sorted[NONCES_PER_HEADER / 100] ?? [];
      const shareTarget = fromWords(shareLimbs);
      const networkTarget = fromWords(networkLimbs);
      const whole = h % 2 === 0;
      const deviceTarget = whole ? MAX_TARGET : DEVICE_DIFF1_TARGET;
      const deviceLimbs = whole ? Array<number>(8).fill(0xffffffff) : [0, ...Array<number>(7).fill(0xffffffff)];
      // A few batches in flight keep both workers busy without holding a million digests at once.
      if (pending.length >= 4) await pending.shift();
      pending.push(
        pool.verify({ header, nonces, shareTarget, networkTarget, deviceTarget, digests: whole }).then((v) => {
          assert.deepEqual(v.nonces, sent);
          const digests = v.digests ?? new Uint8Array();
          const wrong: string[] = [];
          for (let i = 0; i < NONCES_PER_HEADER; i++) {
            const want = expected[i] ?? Buffer.alloc(0);
            const value = values[i] ?? [];
            if (whole && Buffer.compare(Buffer.from(digests.buffer, digests.byteOffset + 32 * i, 32), want) !== 0) wrong.push(`digest ${i}`);
            if (v.meetsShare[i] !== (atMost(value, shareLimbs) ? 1 : 0)) wrong.push(`share ${i}`);
            if (v.meetsNetwork[i] !== (atMost(value, networkLimbs) ? 1 : 0)) wrong.push(`network ${i}`);
            const device = atMost(value, deviceLimbs);
            if (v.meetsDevice[i] !== (device ? 1 : 0)) wrong.push(`device ${i}`);
            if (device ? i % 97 === 0 && !closeTo(v.difficulty[i] ?? 0, TRUE_DIFF_ONE / Number(fromWords(value))) : v.difficulty[i] !== 0) wrong.push(`difficulty ${i}`);
            shares += v.meetsShare[i] ?? 0;
            blocks += v.meetsNetwork[i] ?? 0;
            checked++;
          }
          assert.deepEqual(wrong, [], `header ${h}`);
        }),
      );
    }
    await Promise.all(pending);
    assert.equal(checked, HEADERS * NONCES_PER_HEADER);
    // Exactly the planned share of hashes met each target (duplicate hashes aside, which do not occur).
    assert.equal(shares, HEADERS * (NONCES_PER_HEADER / 2 + 1));
    assert.equal(blocks, HEADERS * (NONCES_PER_HEADER / 100 + 1));
  } finally {
    await pool.close();
  }
});
