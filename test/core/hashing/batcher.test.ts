import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NonceBatcher, type NonceWork } from '../../../electron/core/hashing/batcher.js';
import { HashPool, HashPoolError, type VerifyBatch } from '../../../electron/core/hashing/pool.js';
import { difficultyToTarget } from '../../../electron/core/hashing/target.js';
import { slush } from './vectors.js';

const s = slush[0];
assert.ok(s);
const work: NonceWork = { header: Buffer.from(s.header_hex, 'hex'), shareTarget: difficultyToTarget(1) };

/** The pool, with every batch it is given recorded; verdicts wait for `hold`, if given. */
function recording(pool: HashPool, hold?: Promise<void>): { verify: HashPool['verify']; batches: number[][] } {
  const batches: number[][] = [];
  return {
    batches,
    verify: (batch: VerifyBatch) => {
      batches.push([...batch.nonces]);
      const verdicts = pool.verify(batch);
      if (!hold) return verdicts;
      return verdicts.then(async (v) => {
        await hold;
        return v;
      });
    },
  };
}

test('nonces for one piece of work arriving together go to the pool as one batch', async () => {
  const pool = new HashPool({ workers: 1 });
  try {
    const spy = recording(pool);
    const batcher = new NonceBatcher(spy);
    const nonces = [s.nonce, 1, 2, s.nonce + 1];
    const verdicts = await Promise.all(nonces.map((n) => batcher.verify(work, n)));
    assert.deepEqual(spy.batches, [nonces]);
    assert.deepEqual(
      verdicts.map((v) => [v.nonce, v.meetsDevice, v.meetsShare, v.meetsNetwork]),
      [
        [s.nonce, true, true, false],
        [1, false, false, false],
        [2, false, false, false],
        [s.nonce + 1, false, false, false],
      ],
    );
    assert.ok(Math.abs((verdicts[0]?.difficulty ?? 0) - s.share_difficulty) < 1e-12);
    assert.deepEqual(verdicts.slice(1).map((v) => v.difficulty), [0, 0, 0], 'a hardware error has no difficulty');
  } finally {
    await pool.close();
  }
});

test('a full batch is sent at once; different work goes in different batches', async () => {
  const pool = new HashPool({ workers: 1 });
  try {
    const spy = recording(pool);
    const batcher = new NonceBatcher(spy, { maxNonces: 3 });
    const other: NonceWork = { ...work };
    const pending = [1, 2, 3, 4, 5].map((n) => batcher.verify(work, n));
    pending.push(batcher.verify(other, 6));
    assert.deepEqual(spy.batches, [[1, 2, 3]], 'the full batch left at once, the rest waits for the end of this turn');
    await Promise.all(pending);
    assert.deepEqual(spy.batches, [[1, 2, 3], [4, 5], [6]]);
  } finally {
    await pool.close();
  }
});

test('while batches are in flight, new nonces gather and go together when one comes back', async () => {
  const pool = new HashPool({ workers: 1 });
  try {
    await pool.whenReady();
    // The first batch stays in flight until released, however fast the worker answers.
    let release = () => {};
    const spy = recording(pool, new Promise<void>((resolve) => (release = resolve)));
    const batcher = new NonceBatcher(spy, { maxInFlight: 1 });
    const first = batcher.verify(work, s.nonce);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(spy.batches, [[s.nonce]], 'a lone nonce leaves after its turn, with no timer');
    const later = [batcher.verify(work, 7), batcher.verify(work, 8)];
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(spy.batches, [[s.nonce]], 'the pool is busy: they wait');
    release();
    assert.equal((await first).meetsShare, true);
    await Promise.all(later);
    assert.deepEqual(spy.batches, [[s.nonce], [7, 8]]);
  } finally {
    await pool.close();
  }
});

test('a rejected batch rejects each of its nonces; a nonce that is not a u32 is refused', async () => {
  const pool = new HashPool({ workers: 1 });
  try {
    const batcher = new NonceBatcher(pool);
    const bad: NonceWork = { header: new Uint8Array(12), shareTarget: difficultyToTarget(1) };
    const results = await Promise.allSettled([batcher.verify(bad, 1), batcher.verify(bad, 2)]);
    for (const r of results) {
      assert.equal(r.status, 'rejected');
      assert.ok(r.reason instanceof HashPoolError && r.reason.code === 'invalid_batch');
    }
    await assert.rejects(batcher.verify(work, 2 ** 32), RangeError);
    await assert.rejects(batcher.verify(work, -1), RangeError);
  } finally {
    await pool.close();
  }
});
