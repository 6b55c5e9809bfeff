// Every control and pool operation of the A10 series and of the controller
// era (A8/A9 rigs with several modules), through the real tuning stack over
// TCP against the simulator: the exact request that arrived, the read-back
// (or the honest "cannot be read back"), refusals in the device's words,
// values rejected before sending, and access denied explained.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChangeRequest } from '../../../electron/contract/tuning.js';
import { modelById } from '../../../electron/core/avalon/models.js';
import { SIM_WEB_PASSWORD, SIM_WEB_USER } from '../../../electron/core/sim/device.js';
import { availableControls } from '../../../electron/core/tuning/controls.js';
import { poolOperations } from '../../../electron/core/tuning/pools.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';
import { startHarness, type SimHarness } from './sim-harness.js';

const MODELS = ['a1066', 'a851', 'a921', 'a911'];
let h: SimHarness;

before(async () => {
  h = await startHarness({ models: MODELS, base: '127.0.91.161', seed: 8, start: Date.UTC(2026, 4, 11, 21), rebootS: 40 });
});
after(() => h.sim.close());

const snapshotOf = (id: string) => readSnapshot(h.sim.targets[h.index(id)]!, { timeoutMs: 2000 });
const controlsOf = (id: string): string[] => availableControls(modelById(id)!).map((c) => c.control);
const confirmed = (request: ChangeRequest): ChangeRequest => ({ ...request, confirmed: true });

describe('A10 series (A1066)', () => {
  it('offers work mode, LED, reboot and its single pool: each is exercised below', () => {
    assert.deepEqual(controlsOf('a1066'), ['workmode', 'led', 'reboot']);
    assert.deepEqual(poolOperations(modelById('a1066')!), ['set']);
  });

  it('workmode: accepted now, shown only after a reboot, and then read back', async () => {
    const r = await h.sent('a1066', confirmed({ kind: 'control', control: 'workmode', value: 0 }), 'ascset', '0,workmode,0');
    assert.deepEqual([r.status, r.verified, r.before, r.deviceMessage], ['applied', false, 1, 'ASC 0 set info: WORKMODE[0]']);
    assert.match(r.message, /takes effect after the next reboot/);
    assert.equal((await snapshotOf('a1066')).modules[0]!.workMode, 1, 'still running the old mode');
    const reboot = await h.sent('a1066', confirmed({ kind: 'control', control: 'reboot', value: null }), 'ascset', '0,reboot,0');
    assert.deepEqual([reboot.status, reboot.verified], ['applied', true]);
    assert.match(reboot.message, /^restarted and back online after \d+ s$/);
    assert.equal((await snapshotOf('a1066')).modules[0]!.workMode, 0);
  });

  it('workmode outside Normal / High performance, or unconfirmed, is never sent', async () => {
    assert.equal((await h.notSent('a1066', confirmed({ kind: 'control', control: 'workmode', value: 2 }))).skipReason, 'invalid-value');
    assert.equal((await h.notSent('a1066', { kind: 'control', control: 'workmode', value: 1 })).skipReason, 'needs-confirmation');
    assert.equal((await h.notSent('a1066', { kind: 'control', control: 'fan', value: 50 })).skipReason, 'not-offered');
  });

  it('led on and off, read back from Led[]', async () => {
    const on = await h.sent('a1066', { kind: 'control', control: 'led', value: 'on' }, 'ascset', '0,led,1-1');
    assert.deepEqual([on.status, on.verified, on.before, on.after, on.deviceMessage], ['applied', true, 'off', 'on', 'ASC 0 set OK']);
    const off = await h.sent('a1066', { kind: 'control', control: 'led', value: 'off' }, 'ascset', '0,led,1-0');
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
  });

  it('setpool through ascset: the web login is checked, secrets never leave the request, the pool changes at the next boot', async () => {
    const pool = { op: 'set' as const, index: 0, url: 'stratum+tcp://pool.example.org:3333', user: 'home.a10', password: 's3cret', webUser: SIM_WEB_USER, webPassword: SIM_WEB_PASSWORD };
    const bad = await h.change('a1066', { kind: 'pool', pool: { ...pool, webPassword: 'wrong' } });
    assert.deepEqual([bad.status, bad.deviceMessage], ['device-refused', 'ASC 0 set failed: userpass err']);
    // The simulator's web login is root/root, so the user name is hidden along with the password.
    const r = await h.sent(
      'a1066',
      { kind: 'pool', pool },
      'ascset',
      '0,setpool,root,root,stratum+tcp://pool.example.org:3333,home.a10,s3cret',
      '0,setpool,***,***,stratum+tcp://pool.example.org:3333,home.a10,***',
    );
    assert.deepEqual([r.status, r.verified], ['applied', false]);
    assert.match(r.deviceMessage ?? '', /pool success set to stratum\+tcp:\/\/pool\.example\.org:3333\nworker is home\.a10\nworkerpassword is \*\*\*/);
    assert.doesNotMatch(JSON.stringify(r), /s3cret/);
    assert.equal((await snapshotOf('a1066')).pools[0]!.url, 'stratum+tcp://pool.example.com:3333', 'not before a reboot');
    await h.change('a1066', confirmed({ kind: 'control', control: 'reboot', value: null }));
    assert.deepEqual((await snapshotOf('a1066')).pools.map((p) => [p.url, p.user]), [['stratum+tcp://pool.example.org:3333', 'home.a10']]);
    assert.equal((await h.notSent('a1066', { kind: 'pool', pool: { ...pool, index: 1 } })).skipReason, 'invalid-value');
    assert.equal((await h.notSent('a1066', { kind: 'pool', pool: { op: 'switch', index: 0 }, confirmed: true })).skipReason, 'not-offered');
  });

  it('with an API allow list that leaves this computer out: access denied, with the fix', async () => {
    h.sim.setWriteAccess(h.index('a1066'), false);
    try {
      const r = await h.sent('a1066', { kind: 'control', control: 'led', value: 'on' }, 'ascset', '0,led,1-1');
      assert.deepEqual([r.status, r.deviceMessage], ['access-denied', "Access denied to 'ascset' command"]);
      assert.match(r.message, /Add W:this computer's address to the API allow setting/);
    } finally {
      h.sim.setWriteAccess(h.index('a1066'), true);
    }
  });
});

describe('controller era: an A851 rig of three modules', () => {
  it('offers fan, frequency, voltage level, LED and reboot per module, and upstream pools: each is exercised below', () => {
    assert.deepEqual(controlsOf('a851'), ['fan', 'freq', 'voltage', 'led', 'reboot']);
    assert.deepEqual(poolOperations(modelById('a851')!), ['add', 'remove', 'enable', 'disable', 'switch', 'priority']);
  });

  it('as shipped (no W: entry for this computer): access denied, explained with the controller\'s API Allow setting', async () => {
    const r = await h.sent('a851', { kind: 'control', control: 'led', value: 'on', module: 1 }, 'ascset', '0,led,1-1');
    assert.deepEqual([r.status, r.deviceMessage], ['access-denied', "Access denied to 'ascset' command"]);
    assert.match(r.message, /Add W:this computer's address to its API allow list/);
    assert.match(r.message, /"API Allow"/);
    const pool = await h.sent('a851', { kind: 'pool', pool: { op: 'enable', index: 1 } }, 'enablepool', '1');
    assert.equal(pool.status, 'access-denied');
    for (const id of ['a851', 'a921', 'a911']) h.sim.setWriteAccess(h.index(id), true);
  });

  it('fan: a fixed percentage read back from FanR; auto is the driver\'s 5-100 range; over 100 never sent', async () => {
    const r = await h.sent('a851', { kind: 'control', control: 'fan', value: 40 }, 'ascset', '0,fan,40-40');
    assert.deepEqual([r.status, r.verified, r.after], ['applied', true, 40]);
    const auto = await h.sent('a851', { kind: 'control', control: 'fan', value: 'auto' }, 'ascset', '0,fan,5-100');
    assert.equal(auto.status, 'applied');
    assert.equal((await h.notSent('a851', { kind: 'control', control: 'fan', value: 101 })).skipReason, 'invalid-value');
  });

  it('frequency: one value for every module; accepted but not readable; off-step values never sent', async () => {
    const r = await h.sent('a851', confirmed({ kind: 'control', control: 'freq', value: 600 }), 'ascset', '0,frequency,600');
    assert.deepEqual([r.status, r.verified], ['applied', false]);
    assert.match(r.message, /cannot be read back/);
    assert.equal((await h.notSent('a851', confirmed({ kind: 'control', control: 'freq', value: 610 }))).skipReason, 'invalid-value');
    assert.equal((await h.notSent('a851', confirmed({ kind: 'control', control: 'freq', value: 1225 }))).skipReason, 'invalid-value');
    assert.equal((await h.notSent('a851', { kind: 'control', control: 'freq', value: 600 })).skipReason, 'needs-confirmation');
  });

  it('voltage level -15..15, not readable', async () => {
    const r = await h.sent('a851', confirmed({ kind: 'control', control: 'voltage', value: -3 }), 'ascset', '0,voltage-level,-3');
    assert.deepEqual([r.status, r.verified], ['applied', false]);
    assert.equal((await h.notSent('a851', confirmed({ kind: 'control', control: 'voltage', value: 16 }))).skipReason, 'invalid-value');
  });

  it('led of one module, read back from that module\'s Led[]; a module the rig lacks is refused by the driver', async () => {
    const on = await h.sent('a851', { kind: 'control', control: 'led', value: 'on', module: 2 }, 'ascset', '0,led,2-1');
    assert.deepEqual([on.status, on.verified, on.before, on.after], ['applied', true, 'off', 'on']);
    const off = await h.sent('a851', { kind: 'control', control: 'led', value: 'off', module: 2 }, 'ascset', '0,led,2-0');
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
    const absent = await h.sent('a851', { kind: 'control', control: 'led', value: 'on', module: 5 }, 'ascset', '0,led,5-1');
    assert.deepEqual([absent.status, absent.deviceMessage], ['device-refused', 'ASC 0 set failed: the current module was disabled 5']);
    assert.equal((await h.notSent('a851', { kind: 'control', control: 'led', value: 'on' })).skipReason, 'invalid-value');
  });

  it('reboot of one module: it leaves the stats and comes back with a fresh uptime', async () => {
    const r = await h.sent('a851', confirmed({ kind: 'control', control: 'reboot', value: null, module: 3 }), 'ascset', '0,reboot,3');
    assert.deepEqual([r.status, r.verified], ['applied', true], r.message);
    assert.match(r.message, /^restarted and back online after \d+ s$/);
    const modules = (await snapshotOf('a851')).modules;
    assert.ok(modules[2]!.elapsedS! < modules[0]!.elapsedS!, 'only module 3 restarted');
    assert.equal((await h.notSent('a851', confirmed({ kind: 'control', control: 'reboot', value: null, module: 7 }))).skipReason, 'invalid-value');
  });

  it('pools: remove, add (limit three), switch, refusal to remove the active pool, disable, enable, priority', async () => {
    const rm = await h.sent('a851', confirmed({ kind: 'pool', pool: { op: 'remove', index: 2 } }), 'removepool', '2');
    assert.deepEqual([rm.status, rm.verified], ['applied', true]);
    const add = await h.sent(
      'a851',
      { kind: 'pool', pool: { op: 'add', url: 'stratum+tcp://pool.example.org:3333', user: 'rig.a851', password: 's3cret' } },
      'addpool',
      'stratum+tcp://pool.example.org:3333,rig.a851,s3cret',
      'stratum+tcp://pool.example.org:3333,rig.a851,***',
    );
    assert.deepEqual([add.status, add.verified, add.deviceMessage], ['applied', true, "Added pool 2: 'stratum+tcp://pool.example.org:3333'"]);
    const full = await h.notSent('a851', { kind: 'pool', pool: { op: 'add', url: 'stratum+tcp://pool.example.net:3333', user: 'w', password: 'x' } });
    assert.equal(full.skipReason, 'pool-limit');
    const sw = await h.sent('a851', confirmed({ kind: 'pool', pool: { op: 'switch', index: 2 } }), 'switchpool', '2');
    assert.deepEqual([sw.status, sw.verified], ['applied', true]);
    const active = await h.sent('a851', confirmed({ kind: 'pool', pool: { op: 'remove', index: 2 } }), 'removepool', '2');
    assert.deepEqual([active.status, active.deviceMessage], ['device-refused', "Cannot remove active pool 2:'stratum+tcp://pool.example.org:3333'"]);
    const dis = await h.sent('a851', confirmed({ kind: 'pool', pool: { op: 'disable', index: 0 } }), 'disablepool', '0');
    assert.match(String(dis.after), /0 Disabled/);
    const en = await h.sent('a851', { kind: 'pool', pool: { op: 'enable', index: 0 } }, 'enablepool', '0');
    assert.equal(en.status, 'applied');
    const pr = await h.sent('a851', confirmed({ kind: 'pool', pool: { op: 'priority', order: [0, 1, 2] } }), 'poolpriority', '0,1,2');
    assert.deepEqual([pr.status, pr.after], ['applied', '0 Alive, 1 Alive, 2 Alive']);
    assert.equal((await h.notSent('a851', { kind: 'pool', pool: { op: 'switch', index: 1 } })).skipReason, 'needs-confirmation');
    const badUrl = { op: 'add' as const, url: 'http://pool.example.org', user: 'w', password: 'x' };
    assert.equal((await h.notSent('a851', { kind: 'pool', pool: badUrl })).skipReason, 'invalid-value');
  });
});

describe('controller era: A921 (seven PLL points) and A911 (target temperature)', () => {
  it('the A921 offers what the A851 does; frequency goes out as all seven points', async () => {
    assert.deepEqual(controlsOf('a921'), ['fan', 'freq', 'voltage', 'led', 'reboot']);
    const f = await h.sent('a921', confirmed({ kind: 'control', control: 'freq', value: 700 }), 'ascset', '0,frequency,700:700:700:700:700:700:700');
    assert.deepEqual([f.status, f.verified], ['applied', false]);
    const v = await h.sent('a921', confirmed({ kind: 'control', control: 'voltage', value: 15 }), 'ascset', '0,voltage-level,15');
    assert.equal(v.status, 'applied');
    const fan = await h.sent('a921', { kind: 'control', control: 'fan', value: 65 }, 'ascset', '0,fan,65-65');
    assert.deepEqual([fan.status, fan.after], ['applied', 65]);
    const led = await h.sent('a921', { kind: 'control', control: 'led', value: 'on', module: 1 }, 'ascset', '0,led,1-1');
    assert.deepEqual([led.status, led.after], ['applied', 'on']);
    const rb = await h.sent('a921', confirmed({ kind: 'control', control: 'reboot', value: null, module: 1 }), 'ascset', '0,reboot,1');
    assert.deepEqual([rb.status, rb.verified], ['applied', true]);
    assert.equal((await h.notSent('a921', { kind: 'control', control: 'target-temp', value: 80 })).skipReason, 'not-offered');
  });

  it('the A911: target temperature 0-100 (not shown in its stats), four PLL points, voltage level 0..35', async () => {
    assert.deepEqual(controlsOf('a911'), ['fan', 'freq', 'voltage', 'target-temp', 'led', 'reboot']);
    const t = await h.sent('a911', { kind: 'control', control: 'target-temp', value: 75 }, 'ascset', '0,target-temp,75');
    assert.deepEqual([t.status, t.verified], ['applied', false]);
    assert.equal(h.sim.devices[h.index('a911')]!.targetTempC, 75);
    assert.equal((await h.notSent('a911', { kind: 'control', control: 'target-temp', value: 101 })).skipReason, 'invalid-value');
    const f = await h.sent('a911', confirmed({ kind: 'control', control: 'freq', value: 725 }), 'ascset', '0,frequency,725:725:725:725');
    assert.equal(f.status, 'applied');
    const v = await h.sent('a911', confirmed({ kind: 'control', control: 'voltage', value: 35 }), 'ascset', '0,voltage-level,35');
    assert.equal(v.status, 'applied');
    assert.equal((await h.notSent('a911', confirmed({ kind: 'control', control: 'voltage', value: -1 }))).skipReason, 'invalid-value');
    const fan = await h.sent('a911', { kind: 'control', control: 'fan', value: 'auto' }, 'ascset', '0,fan,5-100');
    assert.equal(fan.status, 'applied');
    const led = await h.sent('a911', { kind: 'control', control: 'led', value: 'on', module: 2 }, 'ascset', '0,led,2-1');
    assert.deepEqual([led.status, led.after], ['applied', 'on']);
    const rb = await h.sent('a911', confirmed({ kind: 'control', control: 'reboot', value: null, module: 2 }), 'ascset', '0,reboot,2');
    assert.deepEqual([rb.status, rb.verified], ['applied', true]);
  });
});
