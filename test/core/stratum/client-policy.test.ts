import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StratumClient, backoffDelay, reconnectHostAllowed } from '../../../electron/core/stratum/client.js';
import { StratumError } from '../../../electron/core/stratum/errors.js';
import { JobBook } from '../../../electron/core/stratum/jobs.js';
import { decodeJob } from '../../../electron/core/stratum/work.js';
import { notifyFromVector, stratumJob } from './vectors.js';

test('back-off doubles from the initial delay up to the cap, with half of each step jittered', () => {
  const full = () => 1;
  const none = () => 0;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, 1000, 60_000, full)), [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
  assert.deepEqual([0, 1, 2].map((a) => backoffDelay(a, 1000, 60_000, none)), [500, 1000, 2000]);
  assert.equal(backoffDelay(1000, 1000, 60_000, full), 60_000);
});

test('client.reconnect may only move within the pool own domain (cgminer rule)', () => {
  assert.equal(reconnectHostAllowed('eu.pool.example.com', 'us.pool.example.com'), true);
  assert.equal(reconnectHostAllowed('stratum.example.com', 'stratum2.example.com'), true);
  assert.equal(reconnectHostAllowed('stratum.example.com', 'evil.example.org'), false);
  assert.equal(reconnectHostAllowed('a.com', 'b.com'), false);
  assert.equal(reconnectHostAllowed('127.0.0.1', '127.0.0.1'), true);
  assert.equal(reconnectHostAllowed('127.0.0.1', '127.0.0.2'), false);
  assert.equal(reconnectHostAllowed('Pool.Example.com', 'pool.example.COM'), true);
});

test('the client refuses an empty pool list and bad URLs up front', () => {
  assert.throws(() => new StratumClient({ pools: [], clientVersion: '1' }), (e: unknown) => e instanceof StratumError && e.kind === 'config');
  assert.throws(() => new StratumClient({ pools: [{ url: 'stratum+ssl://x.example.com:1', user: 'u' }], clientVersion: '1' }), /TLS/);
  const c = new StratumClient({ pools: [{ url: 'stratum+tcp://127.0.0.1:1', user: 'u' }], clientVersion: '0.1.0' });
  assert.equal(c.userAgent, 'hearth/0.1.0');
  assert.equal(c.nextWork(), undefined);
  assert.deepEqual(c.status().pools.map((p) => p.state), ['idle']);
});

test('job book: clean_jobs or a new prevhash drops older jobs; the window is bounded', () => {
  const base = decodeJob(notifyFromVector(stratumJob().notify));
  const job = (id: string, clean: boolean, prevhashByte = 0x41) => ({ job: { ...base, jobId: id, cleanJobs: clean, prevhash: Buffer.alloc(32, prevhashByte) }, difficulty: 1 });
  const book = new JobBook(3);
  assert.equal(book.add(job('a', true)), true);
  assert.equal(book.add(job('b', false)), false);
  assert.equal(book.add(job('c', false)), false);
  assert.equal(book.add(job('d', false)), false);
  assert.equal(book.size, 3);
  assert.equal(book.get('a'), undefined);
  assert.equal(book.latest()?.job.jobId, 'd');
  assert.equal(book.add(job('e', false, 0x42)), true, 'new prevhash');
  assert.equal(book.size, 1);
  assert.equal(book.get('d'), undefined);
  assert.equal(book.add(job('f', true, 0x42)), true);
  assert.deepEqual([book.get('e'), book.latest()?.job.jobId], [undefined, 'f']);
  assert.throws(() => new JobBook(0), RangeError);
});
