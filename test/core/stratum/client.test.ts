import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StratumClient, type PoolStatus, type StratumClientOptions } from '../../../electron/core/stratum/client.js';
import { difficultyToTarget } from '../../../electron/core/hashing/target.js';
import { TestPool } from '../../../electron/core/stratum/test-pool.js';
import { sha256d, versionBitsAt, withNonce } from '../../../electron/core/stratum/work.js';
import { findBadNonce, findNonce, waitFor } from './helpers.js';

/** Difficulty 1 is 2^32 hashes per share; 2^-24 makes it about 16, so tests find shares at once. */
const EASY = 2 ** -24;
const HARDER = 2 ** -20;

function makeClient(urls: string[], extra: Partial<StratumClientOptions> = {}): StratumClient {
  return new StratumClient({
    pools: urls.map((url) => ({ url, user: 'hearth.test', password: 'x' })),
    clientVersion: '0.1.0-test',
    backoff: { initialMs: 20, maxMs: 100 },
    connectTimeoutMs: 500,
    requestTimeoutMs: 500,
    primaryProbeMs: 100,
    random: () => 1,
    ...extra,
  });
}

async function started(client: StratumClient): Promise<void> {
  const job = waitFor(client, 'job');
  client.start();
  await job;
}

const displayHash = (header: Buffer): string => Buffer.from(sha256d(header)).reverse().toString('hex');

test('subscribe, authorize, notify, set_difficulty and an accepted share, with version rolling', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY });
  const client = makeClient([pool.url]);
  t.after(async () => {
    client.stop();
    await pool.close();
  });
  const states: string[] = [];
  client.on('pool', (s) => states.push(s.state));
  await started(client);
  assert.deepEqual(states, ['connecting', 'subscribed', 'authorized']);
  const status = client.status();
  assert.equal(status.activePool, 0);
  assert.equal(status.difficulty, EASY);
  assert.equal(status.versionMask, 0x1fffe000);

  const work = client.nextWork();
  assert.ok(work);
  assert.equal(work.extranonce2.toString('hex'), '00000000');
  assert.equal(client.nextWork()?.extranonce2.toString('hex'), '01000000');
  assert.equal(work.target, difficultyToTarget(EASY));
  const nonce = findNonce(work.header, work.target);
  assert.notEqual(nonce, undefined);
  const report = await client.submit(work, nonce!);
  assert.equal(report.status, 'accepted');
  assert.equal(report.versionBits, '00000000');
  assert.equal(pool.accepted.length, 1);
  assert.equal(pool.accepted[0]?.hash, displayHash(withNonce(work.header, nonce!)));

  // A rolled version inside the mask: the pool rebuilds the same header from the 6th param.
  const rolled = client.nextWork({ versionBits: versionBitsAt(0x1fffe000, 0x1234) });
  assert.ok(rolled);
  assert.equal(rolled.version, 0x20000000 | versionBitsAt(0x1fffe000, 0x1234));
  const rolledNonce = findNonce(rolled.header, rolled.target)!;
  const rolledReport = await client.submit(rolled, rolledNonce);
  assert.equal(rolledReport.status, 'accepted');
  assert.equal(pool.accepted[1]?.versionBits, (rolled.version & 0x1fffe000).toString(16).padStart(8, '0'));

  // set_difficulty applies from the next job.
  const diff = waitFor<[number]>(client, 'difficulty', (d) => d === HARDER);
  const job = waitFor<[{ difficulty: number }]>(client, 'job', (j) => j.difficulty === HARDER);
  pool.setDifficulty(HARDER);
  await diff;
  await job;
  const harder = client.nextWork()!;
  assert.equal(harder.target, difficultyToTarget(HARDER));
  assert.equal((await client.submit(harder, findNonce(harder.header, harder.target)!)).status, 'accepted');
  assert.equal(client.status().pools[0]?.accepted, 3);
});

test('shares made wrong are rejected with the pool reason; stale work is never sent', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY });
  const client = makeClient([pool.url]);
  t.after(async () => {
    client.stop();
    await pool.close();
  });
  await started(client);
  const work = client.nextWork()!;
  const bad = findBadNonce(work.header, work.target);
  const low = await client.submit(work, bad);
  assert.equal(low.status, 'rejected');
  assert.equal(low.code, 23);
  assert.equal(low.reason, 'Low difficulty share');

  const good = findNonce(work.header, work.target)!;
  assert.equal((await client.submit(work, good)).status, 'accepted');
  const dup = await client.submit(work, good);
  assert.equal(dup.status, 'rejected');
  assert.equal(dup.code, 22);
  assert.equal(client.status().pools[0]?.rejected, 2);

  const clean = waitFor<[{ clean: boolean }]>(client, 'job', (j) => j.clean);
  pool.newJob({ clean: true });
  await clean;
  const sharesBefore = pool.shares.length;
  const stale = await client.submit(work, good);
  assert.equal(stale.status, 'stale');
  assert.equal(pool.shares.length, sharesBefore);
  await assert.rejects(client.submit(work, good, { ntime: work.ntime - 1 }), RangeError);
  await assert.rejects(client.submit(work, good, { version: work.version | 1 }), RangeError);
  await assert.rejects(client.submit(work, 2 ** 32), RangeError);
});

test('reconnects after the pool drops the connection', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY });
  const client = makeClient([pool.url]);
  t.after(async () => {
    client.stop();
    await pool.close();
  });
  await started(client);
  const failed = waitFor<[PoolStatus]>(client, 'pool', (s) => s.state === 'failed');
  pool.dropConnections();
  const [status] = await failed;
  assert.equal(status.lastError?.kind, 'closed');
  assert.equal(client.nextWork(), undefined, 'no work while disconnected');
  // The retry comes after the back-off (20 ms here), so this waiter is in place before it.
  await waitFor(client, 'job');
  assert.equal(client.status().activePool, 0);
  const work = client.nextWork()!;
  assert.equal((await client.submit(work, findNonce(work.header, work.target)!)).status, 'accepted');
  assert.equal(pool.connectionCount, 1);
});

test('fails over to the second pool and returns to the first when it is back', async (t) => {
  const a = await TestPool.start({ difficulty: EASY });
  const b = await TestPool.start({ difficulty: EASY });
  const portA = a.port;
  const client = makeClient([a.url, b.url]);
  const restarted: TestPool[] = [];
  t.after(async () => {
    client.stop();
    await b.close();
    for (const p of restarted) await p.close();
  });
  await started(client);
  assert.equal(client.status().activePool, 0);

  const jobFromB = waitFor<[{ poolIndex: number }]>(client, 'job', (j) => j.poolIndex === 1, 4000);
  await a.close();
  await jobFromB;
  const work = client.nextWork();
  assert.ok(work, 'work from the backup pool');
  assert.equal(work.poolIndex, 1);
  assert.equal((await client.submit(work, findNonce(work.header, work.target)!)).status, 'accepted');
  assert.equal(b.accepted.length, 1);
  assert.equal(client.status().pools[0]?.state, 'failed');

  const jobFromA = waitFor<[{ poolIndex: number }]>(client, 'job', (j) => j.poolIndex === 0, 4000);
  const leftB = waitFor(b, 'disconnect', () => true, 4000);
  const a2 = await TestPool.start({ port: portA, difficulty: EASY });
  restarted.push(a2);
  await jobFromA;
  await leftB;
  assert.equal(client.status().pools[1]?.state, 'idle');
  assert.equal(b.connectionCount, 0);
  const back = client.nextWork()!;
  assert.equal(back.poolIndex, 0);
  assert.equal((await client.submit(back, findNonce(back.header, back.target)!)).status, 'accepted');
  assert.equal(a2.accepted.length, 1);
});

test('client.reconnect: follows the pool to itself, refuses a foreign host', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY });
  const client = makeClient([pool.url]);
  const logs: string[] = [];
  client.on('log', (_l, text) => logs.push(text));
  t.after(async () => {
    client.stop();
    await pool.close();
  });
  await started(client);
  const failures: PoolStatus[] = [];
  client.on('pool', (s) => {
    if (s.state === 'failed') failures.push(s);
  });
  const reconnected = waitFor(pool, 'connection');
  pool.requestReconnect(null, null, 0);
  await reconnected;
  await waitFor<[number | null]>(client, 'active', (i) => i === 0);
  assert.deepEqual(failures, []);

  pool.requestReconnect('evil.example.com', 3333, 0);
  await waitFor(client, 'log', (_l: unknown, text: unknown) => typeof text === 'string' && text.includes('refused'));
  assert.equal(client.status().activePool, 0);
  assert.equal(pool.connectionCount, 1);

  // Same host, another port: the client follows and mines there as the same pool entry.
  const other = await TestPool.start({ difficulty: EASY });
  t.after(() => other.close());
  const moved = waitFor(other, 'connection');
  pool.requestReconnect('127.0.0.1', other.port, 0);
  await moved;
  await waitFor<[{ poolIndex: number }]>(client, 'job', (j) => j.poolIndex === 0);
  const work = client.nextWork()!;
  assert.equal((await client.submit(work, findNonce(work.header, work.target)!)).status, 'accepted');
  assert.equal(other.accepted.length, 1);
  assert.equal(pool.accepted.length, 0);
});

test('mining.set_extranonce makes older work stale and new work uses the new extranonce1', async (t) => {
  const pool = await TestPool.start({ difficulty: EASY });
  const client = makeClient([pool.url]);
  t.after(async () => {
    client.stop();
    await pool.close();
  });
  await started(client);
  const old = client.nextWork()!;
  const oldNonce = findNonce(old.header, old.target)!;
  pool.rotateExtranonce();
  const job = waitFor(client, 'job');
  pool.newJob({ clean: false });
  await job;
  assert.equal((await client.submit(old, oldNonce)).status, 'stale');
  const fresh = client.nextWork()!;
  assert.equal(fresh.extranonce2.toString('hex'), '00000000');
  assert.notDeepEqual(fresh.coinbase, old.coinbase);
  assert.equal((await client.submit(fresh, findNonce(fresh.header, fresh.target)!)).status, 'accepted');
  const newExtranonce = Buffer.from(`${pool.accepted[0]?.extranonce1}00000000`, 'hex');
  assert.equal(newExtranonce.length, 8);
  assert.ok(fresh.coinbase.includes(newExtranonce), 'fresh work carries the new extranonce1');
  assert.ok(!old.coinbase.includes(newExtranonce), 'old work carried the previous one');
});

test('end to end: a CPU loop finds shares for real work and the pool accepts them all', async (t) => {
  const pool = await TestPool.start({ difficulty: HARDER, merkleBranchLength: 5 });
  const client = makeClient([pool.url]);
  t.after(async () => {
    client.stop();
    await pool.close();
  });
  await started(client);
  const reports = [];
  const works = [];
  for (let i = 0; i < 4; i++) {
    const work = client.nextWork({ versionBits: versionBitsAt(0x1fffe000, i), ntimeRoll: i % 3 })!;
    works.push(work);
    const nonce = findNonce(work.header, work.target, i * 1_000_000);
    assert.notEqual(nonce, undefined);
    reports.push(await client.submit(work, nonce!));
  }
  assert.deepEqual(
    reports.map((r) => r.status),
    Array(4).fill('accepted'),
  );
  assert.equal(pool.accepted.length, 4);
  assert.equal(pool.rejected.length, 0);
  // The pool's own hashes agree with the header this side built, and each meets the pool's target.
  for (const [i, share] of pool.accepted.entries()) {
    assert.equal(share.hash, displayHash(withNonce(works[i]!.header, Number.parseInt(share.nonce, 16))));
    assert.ok(BigInt(`0x${share.hash}`) <= difficultyToTarget(HARDER));
  }
  assert.equal(new Set(pool.accepted.map((s) => s.extranonce2)).size, 4);
});
