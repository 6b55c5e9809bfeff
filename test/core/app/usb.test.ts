// The USB feature end to end on loopback: simulated sticks on the simulated
// bus -> driver -> hashing core (worker thread) -> stratum client -> local
// test pool, which checks every share with its own hashing code.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UsbList, UsbStick } from '../../../electron/contract/usb.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { createUsbFeature, type UsbFeature } from '../../../electron/core/app/usb.js';
import { TestPool } from '../../../electron/core/stratum/test-pool.js';
import { UDEV_INSTALL_COMMAND, usbError } from '../../../electron/core/usb/access.js';
import { UsbDiscovery } from '../../../electron/core/usb/discovery.js';
import { SimUsbBus } from '../../../electron/core/usb/sim-bus.js';
import { SimStick } from '../../../electron/core/usb/sim-stick.js';
import { waitFor, zeroBitsTarget } from '../usb/helpers.js';

/** Quick rounds so the tests see shares within a second or two. */
const FAST = {
  driver: { ioTimeoutMs: 100, roundDelayMs: 20, settleMs: 0, retryDelayMs: 20 },
  emitThrottleMs: 20,
  refreshMs: 100,
  stratum: { backoff: { initialMs: 50, maxMs: 200 } },
} as const;

function context(dataDir: string, emitted: UsbList[] = []) {
  return {
    dataDir,
    version: '0.1.0',
    log: () => undefined,
    emit: (event: string, payload: unknown) => {
      if (event === 'usb.changed') emitted.push(payload as UsbList);
    },
  };
}

async function list(feature: UsbFeature): Promise<UsbList> {
  return feature.handlers['usb.list']({});
}

function stick(l: UsbList, id: string): UsbStick {
  const s = l.sticks.find((x) => x.id === id);
  assert.ok(s, `no stick ${id} in ${l.sticks.map((x) => x.id).join(', ')}`);
  return s;
}

async function until(feature: UsbFeature, what: string, predicate: (l: UsbList) => boolean, timeoutMs = 15_000): Promise<UsbList> {
  let last: UsbList | undefined;
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    last = await list(feature);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last?.sticks.map((s) => [s.id, s.state, s.accepted, s.hardwareErrors]))}`);
}

const sum = (l: UsbList, f: (s: UsbStick) => number) => l.sticks.reduce((a, s) => a + f(s), 0);

describe('USB feature in demo mode', () => {
  let dataDir: string;
  let feature: UsbFeature;
  const emitted: UsbList[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hearth-usb-'));
    feature = await createUsbFeature(context(dataDir, emitted), { demo: { speed: 5 }, fleet: FAST });
  });
  after(async () => {
    await feature?.close?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('mines on the local pool: both sticks accepted there, hashrate from verified nonces', async () => {
    const l = await until(
      feature,
      'two mining sticks with accepted shares',
      (x) => x.sticks.length === 2 && x.sticks.every((s) => s.state === 'mining' && s.accepted >= 1 && s.hashrateHs > 0) && stick(x, 'sim:mini-1').accepted >= 2,
    );
    assert.equal(l.demo, true);
    assert.equal(l.mining, true);
    assert.equal(l.available, true);
    const demo = feature.demo;
    assert.ok(demo);
    assert.equal(l.pool?.state, 'authorized');
    assert.equal(l.pool?.url, demo.pool.url);
    assert.match(l.pool.url, /^stratum\+tcp:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(l.pool.difficulty, 2 ** -18);
    const mini = stick(l, 'sim:mini-1');
    const nano = stick(l, 'sim:nano-2');
    assert.deepEqual([mini.model, mini.connection, mini.usbId, mini.asicCount, mini.firmware], ['avalon4-mini', 'simulated', '29f1:40f1', 5, '4M1505-5e6f7a8']);
    assert.deepEqual([nano.model, nano.usbId, nano.asicCount, nano.temperatureC], ['avalon-nano', '29f1:33f3', 1, 45]);
    assert.equal(mini.dna, '001a2b3c00000001');
    assert.deepEqual(mini.frequencyMhz, [200, 200, 200]);
    assert.deepEqual(mini.hardwareErrorsPerChip, [0, 0, 0, 0, 0]);
    assert.equal(nano.hardwareErrorsPerChip, undefined, 'one chip: no per-chip split');
    for (const s of [mini, nano]) {
      assert.ok(s.verifiedNonces >= s.accepted, `${s.id}: ${s.verifiedNonces} verified, ${s.accepted} accepted`);
      assert.ok(s.bestShare >= 2 ** -18, `${s.id}: best share ${s.bestShare} meets the pool's difficulty`);
      assert.ok(s.hashrateWindowS >= 1, `${s.id}: ${s.hashrateHs} H/s over ${s.hashrateWindowS} s`);
      assert.ok(s.lastShareMs !== undefined && s.lastShareMs <= Date.now());
      assert.equal(s.pool?.state, 'authorized');
    }
    // The sims hash at 60,000 and 30,000 H/s; each verified nonce stands for 2^12 hashes.
    // Over a few seconds the count is small (and a loaded machine slows the sims), so only the order of magnitude is checked.
    assert.ok(mini.hashrateHs > 60_000 / 10 && mini.hashrateHs < 60_000 * 10, `mini ${mini.hashrateHs} H/s`);
    assert.ok(emitted.length > 0 && emitted.at(-1)?.sticks.length === 2, 'usb.changed pushed the list');
    assert.deepEqual(demo.pool.rejected, [], 'the pool rejected nothing');
  });

  it('counts wrong nonces as hardware errors per stick and chip, never submitting them', async () => {
    const demo = feature.demo;
    assert.ok(demo);
    const sim = demo.bus.sim('sim:mini-1');
    assert.ok(sim);
    const before = stick(await list(feature), 'sim:mini-1').hardwareErrors;
    sim.setFaults({ wrongNonceEvery: 2 });
    const l = await until(feature, 'hardware errors on the mini', (x) => stick(x, 'sim:mini-1').hardwareErrors >= before + 3);
    sim.setFaults({});
    const mini = stick(l, 'sim:mini-1');
    assert.equal(mini.hardwareErrorsPerChip?.reduce((a, b) => a + b, 0), mini.hardwareErrors);
    assert.ok(mini.hardwareErrors <= sim.wrongNonces.length, `${mini.hardwareErrors} errors for ${sim.wrongNonces.length} wrong nonces`);
    assert.equal(stick(l, 'sim:nano-2').hardwareErrors, 0);
    assert.deepEqual(demo.pool.rejected, [], 'no wrong nonce reached the pool');
  });

  it('shows an unplugged stick as unplugged with its counts, and mining again after a re-plug', async () => {
    const demo = feature.demo;
    assert.ok(demo);
    demo.bus.unplug('sim:mini-1');
    const gone = await until(feature, 'the mini unplugged', (x) => stick(x, 'sim:mini-1').state === 'unplugged');
    const at = stick(gone, 'sim:mini-1');
    assert.ok(at.accepted >= 2, 'counts kept while unplugged');
    assert.equal(at.pool, undefined);
    assert.equal(stick(gone, 'sim:nano-2').state, 'mining');
    demo.bus.replug('sim:mini-1');
    const back = await until(feature, 'the mini mining again with new shares', (x) => stick(x, 'sim:mini-1').state === 'mining' && stick(x, 'sim:mini-1').accepted >= at.accepted + 2);
    assert.equal(back.sticks.length, 2, 'the same row, not a new one');

    // Quiet both sticks, let the last answers arrive: the pool saw exactly what the sticks count as sent.
    demo.bus.unplug('sim:mini-1');
    demo.bus.unplug('sim:nano-2');
    const settled = await until(feature, 'pool and sticks agree', (x) => demo.pool.shares.length === sum(x, (s) => s.accepted + s.rejected), 5000);
    assert.ok(settled.sticks.every((s) => s.state === 'unplugged'));
    assert.equal(demo.pool.accepted.length, sum(settled, (s) => s.accepted));
    assert.equal(sum(settled, (s) => s.rejected), 0);
    demo.bus.replug('sim:mini-1');
    demo.bus.replug('sim:nano-2');
    await until(feature, 'both mining again', (x) => x.sticks.every((s) => s.state === 'mining'));
  });

  it('stops and starts on request', async () => {
    const stopped = await feature.handlers['usb.stop']({});
    assert.equal(stopped.mining, false);
    assert.equal(stopped.pool, null);
    assert.deepEqual(
      stopped.sticks.map((s) => [s.id, s.state, s.accepted, s.hashrateHs]),
      [
        ['sim:mini-1', 'idle', 0, 0],
        ['sim:nano-2', 'idle', 0, 0],
      ],
    );
    const started = await feature.handlers['usb.start']({});
    assert.equal(started.mining, true);
    await until(feature, 'shares after the restart', (x) => x.sticks.every((s) => s.state === 'mining' && s.accepted >= 1));
  });
});

describe('USB feature without USB', () => {
  it('lists nothing with the reason, and refuses to start without pools', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-usb-'));
    const feature = await createUsbFeature(context(dataDir), { source: new UsbDiscovery({ platform: 'linux', hasUsbBus: () => false }) });
    try {
      const l = await list(feature);
      assert.deepEqual(
        { available: l.available, demo: l.demo, mining: l.mining, pool: l.pool, sticks: l.sticks },
        { available: false, demo: false, mining: false, pool: null, sticks: [] },
      );
      assert.equal(l.status, 'USB unavailable: no USB bus on this machine (/sys/bus/usb/devices is missing)');
      await assert.rejects(feature.handlers['usb.start']({}), (e: unknown) => e instanceof ApiRequestError && e.code === 'invalid-params' && /add a pool/.test(e.message));
      assert.equal((await list(feature)).mining, false);
    } finally {
      await feature.close?.();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("USB feature on the user's pools", () => {
  it('mines on the saved pool, moves to new pools while mining, stops when they are removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-usb-'));
    const [poolA, poolB] = await Promise.all([TestPool.start({ difficulty: 2 ** -20 }), TestPool.start({ difficulty: 2 ** -20 })]);
    const bus = new SimUsbBus();
    bus.add('a', new SimStick({ serial: 7, zeroBits: 12, hashRate: 60_000 }));
    const feature = await createUsbFeature(context(dataDir), { source: bus, fleet: { ...FAST, deviceTarget: zeroBitsTarget(12) } });
    try {
      assert.equal(stick(await list(feature), 'sim:a').state, 'idle', 'listed, not mining until asked');
      await feature.handlers['usb.pools.set']({ pools: [{ url: poolA.url, worker: 'me.usb', password: 'x' }] });
      await feature.handlers['usb.start']({});
      await until(feature, 'shares on pool A', (x) => stick(x, 'sim:a').accepted >= 3);
      assert.ok(poolA.accepted.length >= 3);
      assert.ok(poolA.accepted.every((s) => s.worker === 'me.usb'));

      await feature.handlers['usb.pools.set']({ pools: [{ url: poolB.url, worker: 'me.b' }] });
      await waitFor('shares on pool B', () => poolB.accepted.length >= 2, 15_000);
      const l = await list(feature);
      assert.equal(l.pool?.url, poolB.url);
      assert.equal(l.pool?.worker, 'me.b');
      assert.deepEqual([...poolA.rejected, ...poolB.rejected], []);

      await feature.handlers['usb.pools.set']({ pools: [] });
      const stopped = await list(feature);
      assert.equal(stopped.mining, false);
      assert.equal(stick(stopped, 'sim:a').state, 'idle');
    } finally {
      await feature.close?.();
      bus.close();
      await Promise.all([poolA.close(), poolB.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('says what to do when the OS refuses a stick', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-usb-'));
    const pool = await TestPool.start();
    const bus = new SimUsbBus();
    bus.add('locked', new SimStick({ serial: 9 }));
    const refusing = {
      scan: () => bus.scan(),
      watch: (listener: Parameters<SimUsbBus['watch']>[0]) => bus.watch(listener),
      open: async () => {
        throw usbError(new Error('LIBUSB_ERROR_ACCESS'), { platform: 'linux', backend: 'usb', what: 'Avalon4 mini (29f1:40f1) at usb:1-4' });
      },
    };
    const feature = await createUsbFeature(context(dataDir), { source: refusing, fleet: { ...FAST, platform: 'linux' } });
    try {
      await feature.handlers['usb.pools.set']({ pools: [{ url: pool.url, worker: 'w' }] });
      await feature.handlers['usb.start']({});
      const l = await until(feature, 'access denied', (x) => stick(x, 'sim:locked').state === 'access-denied');
      const problem = stick(l, 'sim:locked').problem;
      assert.equal(problem?.code, 'access-denied');
      assert.equal(problem.message, 'Avalon4 mini (29f1:40f1) at usb:1-4: LIBUSB_ERROR_ACCESS');
      assert.equal(problem.command, UDEV_INSTALL_COMMAND);
      assert.match(problem.fix ?? '', /udev rule/);
      assert.equal(l.platform, 'linux');
    } finally {
      await feature.close?.();
      bus.close();
      await pool.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reports a refused device node before mining (Linux permissions check)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearth-usb-'));
    const bus = new SimUsbBus();
    bus.add('early', new SimStick({ serial: 3 }));
    const checked: string[] = [];
    const feature = await createUsbFeature(context(dataDir), {
      source: bus,
      fleet: {
        ...FAST,
        platform: 'linux',
        checkAccess: async (s) => {
          checked.push(s.key);
          return { code: 'access-denied', message: 'EACCES: permission denied', fix: 'install the rule', command: UDEV_INSTALL_COMMAND };
        },
      },
    });
    try {
      const l = await until(feature, 'access denied before mining', (x) => stick(x, 'sim:early').state === 'access-denied');
      assert.equal(l.mining, false);
      assert.deepEqual(checked, ['sim:early']);
    } finally {
      await feature.close?.();
      bus.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
