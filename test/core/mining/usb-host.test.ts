// End to end: simulated USB stick -> driver -> hashing core -> stratum client
// -> local test pool, all on loopback. The pool checks every share with its
// own hashing code; nonces made wrong on purpose must never reach it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NonceBatcher } from '../../../electron/core/hashing/batcher.js';
import { HashPool } from '../../../electron/core/hashing/pool.js';
import { UsbMiningHost, type UsbHostEvent } from '../../../electron/core/mining/usb-host.js';
import { StratumClient } from '../../../electron/core/stratum/client.js';
import { TestPool, type PoolShare } from '../../../electron/core/stratum/test-pool.js';
import { SimStick } from '../../../electron/core/usb/sim-stick.js';
import { waitFor, zeroBitsTarget } from '../usb/helpers.js';

const ZERO_BITS = 12;

test('stick -> driver -> hashing core -> stratum -> pool: shares accepted, wrong nonces counted and never sent, re-plug recovers', async () => {
  // 2^-21 is below what 12 zero bits guarantee (target ~2^245 > 2^244), so every good nonce is a share.
  const pool = await TestPool.start({ difficulty: 2 ** -21 });
  const poolShares: PoolShare[] = [];
  pool.on('share', (s) => poolShares.push(s));
  const client = new StratumClient({ pools: [{ url: pool.url, user: 'hearth.usb' }], clientVersion: '0.1.0', versionRolling: false });
  const hashing = new HashPool({ workers: 1 });
  const stick = new SimStick({ zeroBits: ZERO_BITS, hashRate: 60_000, faults: { wrongNonceEvery: 4 } });
  const events: UsbHostEvent[] = [];
  const host = new UsbMiningHost({
    source: client,
    verifier: new NonceBatcher(hashing),
    deviceTarget: zeroBitsTarget(ZERO_BITS),
    driver: { ioTimeoutMs: 100, roundDelayMs: 20, settleMs: 0, retryDelayMs: 20 },
    onEvent: (e) => events.push(e),
  });
  try {
    client.start();
    await hashing.whenReady();
    await waitFor('a job', () => client.status().job !== null, 5000);
    host.attach('sim-1', stick.plug());
    const stats = () => {
      const s = host.stats('sim-1');
      assert.ok(s);
      return s;
    };
    await waitFor('6 accepted shares and a hardware error', () => stats().accepted >= 6 && stats().hardwareErrors >= 1, 15_000);
    assert.equal(stats().info?.dna, '001a2b3c00000001');

    stick.unplug();
    await waitFor('unplugged', () => stats().state === 'unplugged', 2000);
    const before = stats().accepted;
    host.attach('sim-1', stick.plug());
    await waitFor('mining again', () => stats().state === 'mining' && stats().driver.detects === 2, 5000);
    await waitFor('3 more accepted shares', () => stats().accepted >= before + 3, 15_000);
    stick.unplug();
    await waitFor('every submitted share answered', () => poolShares.length === stats().accepted + stats().rejected, 5000);

    const s = stats();
    assert.ok(poolShares.length > 0);
    assert.ok(poolShares.every((p) => p.accepted), 'the pool accepted every submitted share');
    assert.equal(s.rejected, 0);
    assert.ok(s.hardwareErrors >= 1 && s.hardwareErrors <= stick.wrongNonces.length, `${s.hardwareErrors} hardware errors, ${stick.wrongNonces.length} wrong nonces`);
    assert.equal(s.hardwareErrorsPerChip.reduce((a, b) => a + b, 0), s.hardwareErrors);
    assert.equal(poolShares.length, s.accepted);
    assert.ok(s.verifiedNonces >= s.accepted);
    assert.ok(s.bestShare > 0);
    assert.ok(s.hashrate > 0);
    assert.equal(s.stale, 0);
    assert.equal(s.unverified, 0);
    assert.equal(s.driver.unplugs, 2); // the re-plug test and the final unplug
    assert.ok(events.some((e) => e.type === 'hardware-error'));
    assert.ok(events.some((e) => e.type === 'device' && e.state === 'unplugged'));
  } finally {
    await host.stop();
    stick.unplug();
    client.stop();
    await hashing.close();
    await pool.close();
  }
});

test('the host counts what it could not verify or submit, and verdicts decide hardware errors per chip', async () => {
  const { randomBytes } = await import('node:crypto');
  const stick = new SimStick({ zeroBits: 8, hashRate: 40_000 });
  let n = 0;
  const work = () => ({ jobId: `j${n++}`, header: randomBytes(80), target: 1n }) as never;
  let verdicts = 0;
  const host = new UsbMiningHost({
    source: {
      nextWork: work,
      submit: async () => {
        throw new RangeError('ntime outside the window');
      },
    },
    verifier: {
      verify: async (_w, nonce) => {
        verdicts++;
        if (verdicts % 3 === 0) throw new Error('queue full');
        return { nonce, difficulty: 1, meetsDevice: verdicts % 3 === 1, meetsShare: true, meetsNetwork: false };
      },
    },
    driver: { ioTimeoutMs: 100, roundDelayMs: 5, settleMs: 0 },
  });
  try {
    host.attach('a', stick.plug());
    const stats = () => host.stats('a') ?? assert.fail('no stats');
    await waitFor('12 verdicts', () => verdicts >= 12, 8000);
    await new Promise((r) => setImmediate(r));
    const s = stats();
    assert.ok(s.unverified >= 3);
    assert.ok(s.hardwareErrors >= 3);
    assert.equal(s.hardwareErrorsPerChip.length, Math.max(...Object.keys(s.hardwareErrorsPerChip).map(Number)) + 1);
    assert.equal(s.hardwareErrorsPerChip.reduce((a, b) => a + b, 0), s.hardwareErrors);
    assert.equal(s.accepted, 0);
    assert.ok(s.stale >= 3, 'submit failures are counted as not sent');
    assert.equal(s.verifiedNonces, s.stale);
    assert.deepEqual(host.keys(), ['a']);
    assert.equal(host.stats('nope'), undefined);
  } finally {
    await host.stop();
    stick.unplug();
  }
  assert.deepEqual(host.keys(), []);
});
