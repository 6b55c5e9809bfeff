import { test } from 'node:test';
import assert from 'node:assert/strict';
import { difficultyToTarget } from '../../../electron/core/hashing/target.js';
import { TestPool } from '../../../electron/core/stratum/test-pool.js';
import { buildWork, decodeJob, submitFields, type NotifyJob } from '../../../electron/core/stratum/work.js';
import { findBadNonce, findNonce, waitFor } from './helpers.js';
import { connectRaw, type RawPeer } from './raw-peer.js';

const EASY = 2 ** -24;

/** Subscribes (and optionally configures and authorizes) a raw miner; returns what the pool handed out. */
async function handshake(peer: RawPeer, o: { configureMask?: string; authorize?: boolean } = {}) {
  let mask: number | null = null;
  if (o.configureMask !== undefined) {
    peer.send({ id: 1, method: 'mining.configure', params: [['version-rolling'], { 'version-rolling.mask': o.configureMask }] });
    const r = (await peer.next()) as { result: Record<string, unknown> };
    mask = r.result['version-rolling'] === true ? Number.parseInt(String(r.result['version-rolling.mask']), 16) : null;
  }
  peer.send({ id: 2, method: 'mining.subscribe', params: ['raw/1'] });
  const sub = (await peer.next()) as { result: [unknown, string, number] };
  const diff = (await peer.next()) as { method: string; params: [number] };
  const notify = (await peer.next()) as { method: string; params: unknown[] };
  assert.equal(diff.method, 'mining.set_difficulty');
  assert.equal(notify.method, 'mining.notify');
  if (o.authorize !== false) {
    peer.send({ id: 3, method: 'mining.authorize', params: ['w', 'x'] });
    assert.deepEqual(await peer.next(), { id: 3, result: true, error: null });
  }
  const p = notify.params as [string, string, string, string, string[], string, string, string, boolean];
  const n: NotifyJob = { jobId: p[0], prevhash: p[1], coinb1: p[2], coinb2: p[3], merkleBranch: p[4], version: p[5], nbits: p[6], ntime: p[7], cleanJobs: p[8] };
  const work = buildWork(decodeJob(n), { extranonce1: Buffer.from(sub.result[1], 'hex'), extranonce2: Buffer.alloc(sub.result[2]) });
  return { extranonce1: sub.result[1], extranonce2Size: sub.result[2], difficulty: diff.params[0], mask, work };
}

async function submit(peer: RawPeer, id: number, params: unknown[]): Promise<{ result: unknown; error: unknown }> {
  peer.send({ id, method: 'mining.submit', params });
  const reply = (await peer.next()) as { id: number; result: unknown; error: unknown };
  assert.equal(reply.id, id);
  return reply;
}

test('test pool: job shape, configure mask negotiation and the submit checks with their error codes', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY, merkleBranchLength: 4 });
  const peer = await connectRaw(pool.port);
  t.after(async () => {
    peer.socket.destroy();
    await pool.close();
  });
  // Not subscribed yet: 25.
  assert.deepEqual((await submit(peer, 9, ['w', '1', '00000000', '00000000', '00000000'])).error, [25, 'Not subscribed', null]);

  const h = await handshake(peer, { configureMask: 'ffffffff', authorize: false });
  assert.equal(h.mask, 0x1fffe000);
  assert.equal(h.difficulty, EASY);
  assert.equal(h.extranonce2Size, 4);
  assert.match(h.extranonce1, /^[0-9a-f]{8}$/);
  // The prevhash looks like a real block hash: 32 leading zero bits in display order.
  assert.equal(h.work.header.subarray(4 + 28, 4 + 32).toString('hex'), '00000000');
  assert.equal(h.work.version, 0x20000000);
  assert.equal(h.work.nbits, 0x17028c61);

  const nonce = findNonce(h.work.header, difficultyToTarget(EASY))!;
  const f = submitFields(h.work, nonce, { mask: 0x1fffe000 });
  const params = [f.jobId, f.extranonce2, f.ntime, f.nonce, f.versionBits];
  // Subscribed but not authorized: 24.
  assert.deepEqual((await submit(peer, 10, ['w', ...params])).error, [24, 'Unauthorized worker', null]);
  peer.send({ id: 11, method: 'mining.authorize', params: ['w', 'x'] });
  assert.deepEqual(await peer.next(), { id: 11, result: true, error: null });

  assert.deepEqual(await submit(peer, 12, ['w', ...params]), { id: 12, result: true, error: null });
  assert.deepEqual((await submit(peer, 13, ['w', ...params])).error, [22, 'Duplicate share', null]);
  assert.deepEqual((await submit(peer, 14, ['w', 'ffff', ...params.slice(1)])).error, [21, 'Job not found', null]);
  assert.deepEqual((await submit(peer, 15, ['w', f.jobId, '0000', f.ntime, f.nonce, f.versionBits])).error, [20, 'Incorrect size of extranonce2', null]);
  const before = (h.work.ntime - 1).toString(16).padStart(8, '0');
  assert.deepEqual((await submit(peer, 16, ['w', f.jobId, f.extranonce2, before, f.nonce, f.versionBits])).error, [20, 'Ntime out of range (before the job)', null]);
  const late = (h.work.ntime + 7001).toString(16).padStart(8, '0');
  assert.deepEqual((await submit(peer, 17, ['w', f.jobId, f.extranonce2, late, f.nonce, f.versionBits])).error, [20, 'Ntime out of range (too far ahead)', null]);
  assert.deepEqual((await submit(peer, 18, ['w', f.jobId, f.extranonce2, f.ntime, f.nonce, '00000001'])).error, [20, 'Version bits outside the negotiated mask', null]);
  const bad = findBadNonce(h.work.header, difficultyToTarget(EASY));
  const low = submitFields(h.work, bad, { mask: 0x1fffe000 });
  assert.deepEqual((await submit(peer, 19, ['w', low.jobId, low.extranonce2, low.ntime, low.nonce, low.versionBits])).error, [23, 'Low difficulty share', null]);
  assert.deepEqual((await submit(peer, 20, ['w', f.jobId, 'zz', f.ntime, f.nonce])).error, [20, 'Invalid submit parameters', null]);

  assert.equal(pool.accepted.length, 1);
  assert.equal(pool.accepted[0]?.versionBits, '00000000');
  assert.deepEqual(
    pool.rejected.map((s) => s.code),
    [25, 24, 22, 21, 20, 20, 20, 20, 23, 20],
  );
  const lowRecord = pool.rejected.find((s) => s.code === 23);
  assert.ok(lowRecord?.hash !== undefined && BigInt(`0x${lowRecord.hash}`) > difficultyToTarget(EASY));
});

test('test pool: a clean job makes older jobs stale (21); without configure, version bits are refused', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY });
  const peer = await connectRaw(pool.port);
  t.after(async () => {
    peer.socket.destroy();
    await pool.close();
  });
  const h = await handshake(peer);
  assert.equal(h.mask, null);
  const nonce = findNonce(h.work.header, difficultyToTarget(EASY))!;
  const f = submitFields(h.work, nonce);
  assert.deepEqual((await submit(peer, 5, ['w', f.jobId, f.extranonce2, f.ntime, f.nonce, '00002000'])).error, [20, 'Version rolling not negotiated', null]);
  pool.newJob({ clean: true });
  const notify = (await peer.next()) as { method: string; params: unknown[] };
  assert.equal(notify.method, 'mining.notify');
  assert.equal(notify.params[8], true);
  assert.deepEqual((await submit(peer, 6, ['w', f.jobId, f.extranonce2, f.ntime, f.nonce])).error, [21, 'Job not found', null]);
});

test('test pool: a refused worker gets 24; garbage or an oversized line drops the miner', async (t) => {
  const pool = await TestPool.start({ authorize: (worker) => worker !== 'intruder' });
  t.after(() => pool.close());
  const a = await connectRaw(pool.port);
  a.send({ id: 1, method: 'mining.authorize', params: ['intruder', 'x'] });
  assert.deepEqual(await a.next(), { id: 1, result: null, error: [24, 'Unauthorized worker', null] });
  a.send('this is not json\n');
  await a.closed;

  const b = await connectRaw(pool.port);
  const bothGone = pool.connectionCount === 0 ? Promise.resolve() : waitFor(pool, 'disconnect', () => pool.connectionCount === 0);
  b.send('x'.repeat(70 * 1024));
  await b.closed;
  await bothGone;
  assert.equal(pool.connectionCount, 0);
});

test('test pool: listens on loopback only', async () => {
  await assert.rejects(TestPool.start({ host: '0.0.0.0' }), /loopback only/);
});
