import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findAddon } from '../../../electron/core/hashing/native-engine.js';
import { HashPool, HashPoolError, type HashPoolEvent } from '../../../electron/core/hashing/pool.js';
import { difficultyToTarget, DIFF1_TARGET, MAX_TARGET } from '../../../electron/core/hashing/target.js';
import { CRASH_ALWAYS, CRASH_ONCE } from './fixtures/crash-codes.js';
import { blocks, closeTo, hex, referenceSha256d, slush, withNonce } from './vectors.js';

const crashingWorker = new URL('./fixtures/crashing-worker.ts', import.meta.url);
const genesis = blocks.blocks[0];
assert.ok(genesis);
const genesisHeader = Buffer.from(genesis.header_hex, 'hex');

async function rejection(promise: Promise<unknown>): Promise<HashPoolError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HashPoolError, `expected HashPoolError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

function randomNonces(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, () => Math.floor(Math.random() * 2 ** 32));
}

test('verify: verdicts and digests for every nonce, nonces transferred (detached) and returned', async () => {
  const pool = new HashPool({ workers: 2 });
  try {
    await pool.whenReady();
    assert.match(pool.stats().engine ?? '', /^(wasm-simd|native-)/);
    const nonces = randomNonces(1001);
    nonces[500] = genesis.nonce;
    const sent = nonces.slice();
    const pending = pool.verify({ header: genesisHeader, nonces, shareTarget: difficultyToTarget(1), digests: true });
    assert.equal(nonces.buffer.byteLength, 0, 'the caller no longer holds the nonces buffer');
    assert.equal(nonces.length, 0);
    const v = await pending;
    assert.deepEqual([...v.nonces], [...sent]);
    assert.equal(v.difficulty.length, 1001);
    for (let i = 0; i < sent.length; i++) {
      const expected = referenceSha256d(withNonce(genesisHeader, sent[i] ?? 0));
      assert.equal(hex(v.digests?.subarray(32 * i, 32 * i + 32) ?? new Uint8Array()), hex(expected));
    }
    // The genesis nonce: a diff-2536 share and a block at the header's own target.
    assert.deepEqual([v.meetsDevice[500], v.meetsShare[500], v.meetsNetwork[500]], [1, 1, 1]);
    assert.ok(closeTo(v.difficulty[500] ?? 0, genesis.share_difficulty_of_hash));
    assert.equal(v.meetsNetwork.reduce((a, b) => a + b, 0), 1);
  } finally {
    await pool.close();
  }
});

test('verify: a view into a larger buffer is copied, not transferred; targets can be given explicitly', async () => {
  const pool = new HashPool({ workers: 1, engine: 'wasm-scalar' });
  try {
    await pool.whenReady();
    assert.equal(pool.stats().engine, 'wasm-scalar');
    const s = slush[0];
    assert.ok(s);
    const header = Buffer.from(s.header_hex, 'hex');
    const backing = new Uint32Array([1, 2, s.nonce, 3, 4]);
    const v = await pool.verify({ header, nonces: backing.subarray(1, 4), shareTarget: difficultyToTarget(3), networkTarget: DIFF1_TARGET });
    assert.equal(backing.length, 5, 'the larger buffer is untouched');
    assert.deepEqual([...v.nonces], [2, s.nonce, 3]);
    assert.deepEqual([...v.meetsShare], [0, 1, 0]);
    assert.deepEqual([...v.meetsNetwork], [0, 1, 0]);
    assert.equal(v.digests, undefined);
  } finally {
    await pool.close();
  }
});

test('verify: the header is copied at once, so the caller may reuse its buffer while the batch waits', async () => {
  const pool = new HashPool({ workers: 1 });
  try {
    const header = Buffer.from(genesisHeader);
    const pending = pool.verify({ header, nonces: Uint32Array.of(genesis.nonce), shareTarget: DIFF1_TARGET });
    assert.equal(pool.stats().queued, 1, 'still waiting for the worker to start');
    header.fill(0xff);
    assert.equal((await pending).meetsNetwork[0], 1);
  } finally {
    await pool.close();
  }
});

test('verify: bad batches are typed errors; an empty batch is an empty answer', async () => {
  const pool = new HashPool({ workers: 1, maxBatchNonces: 4 });
  try {
    const shareTarget = difficultyToTarget(1);
    const cases: [string, Promise<unknown>][] = [
      ['short header', pool.verify({ header: new Uint8Array(79), nonces: Uint32Array.of(1), shareTarget })],
      ['nonces not u32', pool.verify({ header: genesisHeader, nonces: [1] as unknown as Uint32Array, shareTarget })],
      ['negative target', pool.verify({ header: genesisHeader, nonces: Uint32Array.of(1), shareTarget: -1n })],
      ['target over 256 bits', pool.verify({ header: genesisHeader, nonces: Uint32Array.of(1), shareTarget: MAX_TARGET + 1n })],
      ['bits with no valid target', pool.verify({ header: new Uint8Array(80), nonces: Uint32Array.of(1), shareTarget })],
      ['too many nonces', pool.verify({ header: genesisHeader, nonces: new Uint32Array(5), shareTarget })],
    ];
    for (const [label, promise] of cases) assert.equal((await rejection(promise)).code, 'invalid_batch', label);
    const empty = await pool.verify({ header: genesisHeader, nonces: new Uint32Array(0), shareTarget, digests: true });
    assert.deepEqual([empty.difficulty.length, empty.meetsShare.length, empty.digests?.length], [0, 0, 0]);
  } finally {
    await pool.close();
  }
});

test('back-pressure: a full queue rejects with queue_full until capacity returns', async () => {
  const pool = new HashPool({ workers: 1, maxQueuedBatches: 2, maxInFlightPerWorker: 1 });
  try {
    // The worker is still starting, so batches wait in the queue.
    const batch = () => ({ header: genesisHeader, nonces: randomNonces(64), shareTarget: DIFF1_TARGET });
    const accepted = [pool.verify(batch()), pool.verify(batch())];
    assert.equal(pool.stats().queued, 2);
    assert.equal((await rejection(pool.verify(batch()))).code, 'queue_full');
    await pool.waitForCapacity();
    accepted.push(pool.verify(batch()));
    const results = await Promise.all(accepted);
    assert.deepEqual(
      results.map((r) => r.difficulty.length),
      [64, 64, 64],
    );
  } finally {
    await pool.close();
  }
});

test('a worker that crashes is reported and replaced, and its batch retried once', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hearth-hashpool-'));
  process.env.HEARTH_TEST_CRASH_MARKER = path.join(dir, 'crashed');
  const events: HashPoolEvent[] = [];
  const pool = new HashPool({ workers: 1, workerUrl: crashingWorker, onEvent: (e) => events.push(e) });
  try {
    const nonces = Uint32Array.of(CRASH_ONCE, genesis.nonce);
    const v = await pool.verify({ header: genesisHeader, nonces, shareTarget: DIFF1_TARGET });
    assert.deepEqual([...v.meetsNetwork], [0, 1]);
    const crashes = events.filter((e) => e.type === 'worker-crashed');
    assert.equal(crashes.length, 1);
    assert.deepEqual(crashes.map((e) => [e.worker, e.retried, e.failed, e.replaced, e.error.message]), [[0, 1, 0, true, 'hashing worker 0 exited with code 8']]);
    assert.equal(events.filter((e) => e.type === 'worker-ready').length, 2);
    assert.equal(pool.stats().crashes, 1);
  } finally {
    await pool.close();
    delete process.env.HEARTH_TEST_CRASH_MARKER;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a batch that crashes its worker every time fails with worker_crashed; the pool keeps working', async () => {
  const events: HashPoolEvent[] = [];
  const pool = new HashPool({ workers: 2, workerUrl: crashingWorker, onEvent: (e) => events.push(e) });
  try {
    const error = await rejection(pool.verify({ header: genesisHeader, nonces: Uint32Array.of(CRASH_ALWAYS, 1), shareTarget: DIFF1_TARGET }));
    assert.equal(error.code, 'worker_crashed');
    assert.match(error.message, /crashed on this batch 2 times: hashing worker \d exited with code 7/);
    const crashes = events.filter((e) => e.type === 'worker-crashed');
    assert.deepEqual(
      crashes.map((e) => [e.retried, e.failed, e.replaced]),
      [
        [1, 0, true],
        [0, 1, true],
      ],
    );
    const v = await pool.verify({ header: genesisHeader, nonces: Uint32Array.of(genesis.nonce), shareTarget: DIFF1_TARGET });
    assert.equal(v.meetsNetwork[0], 1);
    assert.equal(pool.stats().workers, 2);
  } finally {
    await pool.close();
  }
});

test('workers that cannot start make the pool fail clearly instead of respawning forever', async () => {
  process.env.HEARTH_TEST_FAIL_START = '1';
  const events: HashPoolEvent[] = [];
  const pool = new HashPool({ workers: 1, workerUrl: crashingWorker, onEvent: (e) => events.push(e) });
  try {
    const pending = pool.verify({ header: genesisHeader, nonces: Uint32Array.of(1), shareTarget: DIFF1_TARGET });
    const error = await rejection(pool.whenReady());
    assert.equal(error.code, 'workers_unavailable');
    assert.match(error.message, /this worker fails to start \(test\)/);
    assert.equal((await rejection(pending)).code, 'workers_unavailable');
    assert.equal((await rejection(pool.verify({ header: genesisHeader, nonces: Uint32Array.of(1), shareTarget: DIFF1_TARGET }))).code, 'workers_unavailable');
    assert.deepEqual(
      events.map((e) => (e.type === 'worker-crashed' ? e.replaced : e.type)),
      [true, true, false],
    );
  } finally {
    delete process.env.HEARTH_TEST_FAIL_START;
    await pool.close();
  }
});

test('the native engine, when asked for, is used if built and fails clearly if not', async () => {
  const pool = new HashPool({ workers: 1, engine: 'native' });
  try {
    if (findAddon()) {
      await pool.whenReady();
      assert.match(pool.stats().engine ?? '', /^native-/);
      const v = await pool.verify({ header: genesisHeader, nonces: Uint32Array.of(genesis.nonce), shareTarget: DIFF1_TARGET, digests: true });
      assert.equal(hex(v.digests ?? new Uint8Array()), genesis.sha256d_raw_digest_hex);
    } else {
      const error = await rejection(pool.whenReady());
      assert.match(error.message, /native hashing addon is not available: not built/);
    }
  } finally {
    await pool.close();
  }
});

test('close: queued batches are rejected, in-flight ones finish, later calls are refused', async () => {
  const pool = new HashPool({ workers: 1, maxInFlightPerWorker: 1 });
  await pool.whenReady();
  const header = Buffer.from(blocks.blocks[5]?.header_hex ?? '', 'hex');
  const inFlight = pool.verify({ header, nonces: randomNonces(20_000), shareTarget: DIFF1_TARGET });
  const queued = pool.verify({ header, nonces: randomNonces(10), shareTarget: DIFF1_TARGET });
  assert.deepEqual([pool.stats().inFlight, pool.stats().queued], [1, 1]);
  const closing = pool.close();
  assert.equal(pool.close(), closing);
  assert.equal((await rejection(queued)).code, 'closed');
  assert.equal((await inFlight).difficulty.length, 20_000);
  await closing;
  assert.equal((await rejection(pool.verify({ header, nonces: Uint32Array.of(1), shareTarget: DIFF1_TARGET }))).code, 'closed');
  assert.equal((await rejection(pool.whenReady())).code, 'closed');
  assert.deepEqual(pool.stats().inFlight, 0);
});
