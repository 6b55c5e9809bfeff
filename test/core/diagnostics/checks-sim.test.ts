// Each simulator fault mode, driven over real TCP on 127.0.50.x and read
// with the real client and snapshot builder, yields the right failing
// check; a healthy device yields none.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HealthCheckId, HealthReport } from '../../../electron/contract/diagnostics.js';
import { runHealthCheck } from '../../../electron/core/diagnostics/report.js';
import type { Fault } from '../../../electron/core/sim/index.js';
import { TestPool } from '../../../electron/core/stratum/test-pool.js';
import { startSim, type SimHarness } from './helpers.js';

// One A-series model with a published ECHU table (A1246, A12 generation), the A1566, and two home models.
const MODELS = ['a1246', 'a1566', 'nano3s', 'avalon-q'];
let h: SimHarness;

before(async () => {
  h = await startSim('127.0.50.1', MODELS);
});
after(async () => {
  await h.sim.close();
});

async function reportsAfter(fault: Fault): Promise<HealthReport[]> {
  for (let i = 0; i < MODELS.length; i++) await h.sim.setFault(i, fault);
  // Ten simulated minutes: the 1-minute averages and temperatures settle.
  h.advance(600_000);
  const out: HealthReport[] = [];
  for (const target of h.sim.targets) {
    // The simulated pools are on example.com: the pool probe is tested on loopback elsewhere.
    out.push((await runHealthCheck(target, { probePools: false, timeoutMs: 2000, now: () => h.clock.t })).report);
  }
  return out;
}

function failing(r: HealthReport): HealthCheckId[] {
  return r.checks.filter((c) => c.status === 'fail').map((c) => c.id);
}

test('healthy devices: no failing check, and the report covers every concern', async () => {
  for (const r of await reportsAfter('none')) {
    assert.deepEqual(failing(r), [], `${r.modelId}: ${JSON.stringify(r.checks.filter((c) => c.status === 'fail'))}`);
    assert.equal(r.checks.length, 13);
    assert.notEqual(r.modelId, 'unknown');
    assert.ok(r.exposureProbe !== undefined, 'the read-only probe ran');
  }
});

test('the A-series sim refuses writes (no W: entry), so exposure passes; the home models\' does not', async () => {
  const reports = await reportsAfter('none');
  const exposure = reports.map((r) => [r.modelId, r.checks.find((c) => c.id === 'exposure')?.status, r.exposureProbe?.access]);
  assert.deepEqual(exposure, [
    ['a1246', 'pass', 'denied'],
    ['a1566', 'pass', 'denied'],
    ['nano3s', 'warn', 'allowed'],
    ['avalon-q', 'warn', 'allowed'],
  ]);
});

test('overheat: the temperature check fails on every model', async () => {
  for (const r of await reportsAfter('overheat')) {
    assert.ok(failing(r).includes('temperature'), `${r.modelId}: ${failing(r).join(',')}`);
    assert.ok(failing(r).includes('run-state'), r.modelId);
  }
});

test('fan-failure: the fan check fails and names fan 1', async () => {
  for (const r of await reportsAfter('fan-failure')) {
    const fans = r.checks.find((c) => c.id === 'fans');
    assert.equal(fans?.status, 'fail', r.modelId);
    assert.match(fans?.explanation ?? '', /fan 1 is not turning/);
  }
});

test('board-down: the boards check fails; the A1246\'s ECHU 513 decodes as "abnormal" (Canaan log guide)', async () => {
  const reports = await reportsAfter('board-down');
  for (const r of reports) assert.ok(failing(r).includes('boards'), `${r.modelId}: ${failing(r).join(',')}`);
  const a1246 = reports[0];
  assert.ok(a1246 !== undefined);
  assert.ok(failing(a1246).includes('error-codes'));
  const echu = a1246.decodedErrors.find((d) => d.field === 'ECHU' && d.code === 513);
  assert.equal(echu?.board, 1);
  assert.equal(echu?.meanings[0]?.name, 'ABNORMAL');
  // No published table for the A15: the same code is shown as unknown bits, and warns.
  const a1566 = reports[1];
  assert.deepEqual(a1566?.decodedErrors.find((d) => d.code === 513)?.unknownBits, [0, 9]);
  assert.equal(a1566?.checks.find((c) => c.id === 'error-codes')?.status, 'warn');
});

test('pool-dead: the pools check fails, the device is idle rather than faulty', async () => {
  for (const r of await reportsAfter('pool-dead')) {
    assert.ok(failing(r).includes('pools'), `${r.modelId}: ${failing(r).join(',')}`);
    assert.equal(r.checks.find((c) => c.id === 'run-state')?.status, 'warn');
    assert.ok(!failing(r).includes('temperature'));
  }
});

test('offline: a single failed connection check with the reason', async () => {
  for (const r of await reportsAfter('offline')) {
    assert.deepEqual(r.checks.map((c) => [c.id, c.status]), [['connection', 'fail']]);
    assert.equal(r.pollError?.kind, 'refused');
    assert.equal(r.overall, 'fail');
  }
  for (let i = 0; i < MODELS.length; i++) await h.sim.setFault(i, 'none');
});

test('with a real pool test: latency reported when healthy; a dead pool that answers Hearth points at the device\'s network', async () => {
  const pool = await TestPool.start({ host: '127.0.50.200' });
  try {
    const device = h.sim.devices[0];
    const target = h.sim.targets[0];
    assert.ok(device !== undefined && target !== undefined);
    for (const p of device.pools) p.url = pool.url;
    const healthy = (await runHealthCheck(target, { timeoutMs: 2000, poolTimeoutMs: 2000, now: () => h.clock.t })).report;
    assert.equal(healthy.poolProbes?.length, 3);
    assert.ok(healthy.poolProbes?.every((p) => p.reachable && p.subscribeMs !== undefined));
    const pools = healthy.checks.find((c) => c.id === 'pools');
    assert.equal(pools?.status, 'pass');
    assert.match(pools?.explanation ?? '', /answers Hearth in [\d.]+ ms/);

    await h.sim.setFault(0, 'pool-dead');
    h.advance(600_000);
    const dead = (await runHealthCheck(target, { timeoutMs: 2000, poolTimeoutMs: 2000, now: () => h.clock.t })).report;
    const deadPools = dead.checks.find((c) => c.id === 'pools');
    assert.equal(deadPools?.status, 'fail');
    assert.match(deadPools?.explanation ?? '', /Hearth can reach the pool from this computer, so the problem is on the device's side/);
  } finally {
    await h.sim.setFault(0, 'none');
    await pool.close();
  }
});
