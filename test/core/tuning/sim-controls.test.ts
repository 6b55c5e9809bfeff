// Every control and pool operation of every simulated model family, through
// the real tuning stack over TCP against the product simulator: the exact
// request that arrived (the simulator's command log), the read-back, the
// device's refusals, values rejected before anything is sent, access denied
// explained, and a batch over 20 mixed devices with one made to fail. The
// simulator runs on a clock the test moves: each read-back pause advances it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BatchProgress, ChangeRequest } from '../../../electron/contract/tuning.js';
import { modelById } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { startSimulation } from '../../../electron/core/sim/index.js';
import { SIM_WEB_PASSWORD, SIM_WEB_USER } from '../../../electron/core/sim/device.js';
import { applyChange } from '../../../electron/core/tuning/apply.js';
import { applyBatch, type BatchDevice } from '../../../electron/core/tuning/batch.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';
import { startHarness, type SimHarness } from './sim-harness.js';

const MODELS = ['a1566', 'nano3', 'nano3s', 'mini3', 'avalon-q', 'a1246'];
let h: SimHarness;

before(async () => {
  h = await startHarness({ models: MODELS, base: '127.0.91.11', seed: 21, start: Date.UTC(2026, 2, 2, 9), rebootS: 40 });
  // The A1566 stands for an A-series whose API allow list has a W: entry; the A1246 keeps the default (read-only).
  h.sim.setWriteAccess(0, true);
});
after(() => h.sim.close());

const change = (id: string, request: ChangeRequest) => h.change(id, request);
const sent = (id: string, request: ChangeRequest, command: string, parameter: string, shown?: string) => h.sent(id, request, command, parameter, shown);
const notSent = (id: string, request: ChangeRequest) => h.notSent(id, request);
const privileged = (id: string) => h.privileged(id);
const nowS = (): number => h.softTime();
const ctl = (control: ChangeRequest & { kind: 'control' }): ChangeRequest => control;

describe('A11-A15 (A1566 with write access)', () => {
  it('worklevel: sent, accepted; the A1566 does not print it, so it is not verified', async () => {
    const r = await sent('a1566', { kind: 'control', control: 'worklevel', value: 2, confirmed: true }, 'ascset', '0,worklevel,set,2');
    assert.equal(r.status, 'applied');
    assert.equal(r.verified, false);
    assert.equal(h.sim.devices[0]!.workLevel, 2);
  });

  it('led on and off: read back from Led[]', async () => {
    const on = await sent('a1566', { kind: 'control', control: 'led', value: 'on' }, 'ascset', '0,led,1-1');
    assert.deepEqual([on.status, on.verified, on.before, on.after], ['applied', true, 'off', 'on']);
    const off = await sent('a1566', { kind: 'control', control: 'led', value: 'off' }, 'ascset', '0,led,1-0');
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
  });

  it('soft off then soft on: idle, then working, in the device\'s words', async () => {
    const off = await sent('a1566', ctl({ kind: 'control', control: 'softoff', value: null, confirmed: true }), 'ascset', `0,softoff,1:${nowS()}`);
    assert.deepEqual([off.status, off.verified, off.after], ['applied', true, 'off']);
    assert.match(off.deviceMessage ?? '', /^ASC 0 set info: success softoff:\d+$/);
    const on = await sent('a1566', ctl({ kind: 'control', control: 'softon', value: null }), 'ascset', `0,softon,1:${nowS()}`);
    assert.deepEqual([on.status, on.after], ['applied', 'on']);
  });

  it('reboot: offline, then back with a fresh uptime', async () => {
    const r = await sent('a1566', { kind: 'control', control: 'reboot', value: null, confirmed: true }, 'ascset', '0,reboot,0');
    assert.equal(r.status, 'applied', r.message);
    assert.equal(r.verified, true);
    assert.match(r.message, /^restarted and back online after \d+ s$/);
  });

  it('out of range and unconfirmed changes are never sent', async () => {
    assert.equal((await notSent('a1566', { kind: 'control', control: 'worklevel', value: 3, confirmed: true })).skipReason, 'invalid-value');
    assert.equal((await notSent('a1566', { kind: 'control', control: 'worklevel', value: 1 })).skipReason, 'needs-confirmation');
    assert.equal((await notSent('a1566', { kind: 'control', control: 'fan', value: 50 })).skipReason, 'not-offered');
  });

  it('without a W: allow entry (A1246 as shipped): access denied, with the fix', async () => {
    const r = await sent('a1246', { kind: 'control', control: 'led', value: 'on' }, 'ascset', '0,led,1-1');
    assert.equal(r.status, 'access-denied');
    assert.equal(r.deviceMessage, "Access denied to 'ascset' command");
    assert.match(r.message, /W:this computer's address/);
    assert.match(r.message, /API allow/);
  });
});

describe('Nano 3', () => {
  it('worklevel by its named levels, read back from WORKLEVEL', async () => {
    const r = await sent('nano3', { kind: 'control', control: 'worklevel', value: 0, confirmed: true }, 'ascset', '0,worklevel,set,0');
    assert.deepEqual([r.status, r.verified, r.after], ['applied', true, 0]);
  });

  it('led on = flash mode 2, off = fixed mode 1', async () => {
    const on = await sent('nano3', { kind: 'control', control: 'led', value: 'on' }, 'ascset', '0,led,setmode,2');
    assert.deepEqual([on.status, on.after, on.deviceMessage], ['applied', 'on', 'ASC 0 set info: led setmode ok']);
    const off = await sent('nano3', { kind: 'control', control: 'led', value: 'off' }, 'ascset', '0,led,setmode,1');
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
  });

  it('reboot,all', async () => {
    const r = await sent('nano3', { kind: 'control', control: 'reboot', value: null, confirmed: true }, 'ascset', '0,reboot,all');
    assert.deepEqual([r.status, r.verified], ['applied', true]);
  });

  it('setpool with the hashed web credential; takes effect after a reboot', async () => {
    const before = privileged('nano3').length;
    const r = await change('nano3', {
      kind: 'pool',
      pool: { op: 'set', index: 2, url: 'stratum+tcp://pool.example.net:3333', user: 'home.nano3', password: 's3cret', webUser: 'root', webPassword: SIM_WEB_PASSWORD },
    });
    const log = privileged('nano3').slice(before);
    assert.equal(log.length, 1);
    assert.equal(log[0]!.command, 'setpool');
    assert.match(log[0]!.parameter!, /^root,ff0000ff[0-9a-f]{24},2,stratum\+tcp:\/\/pool\.example\.net:3333,home\.nano3,s3cret$/);
    assert.deepEqual([r.status, r.verified], ['applied', false]);
    assert.doesNotMatch(JSON.stringify(r), /s3cret/);
    assert.match(r.deviceMessage ?? '', /workerpassword is \*\*\*/);
  });

  it('setpool with a wrong web password: refused in the device\'s words', async () => {
    const r = await change('nano3', {
      kind: 'pool',
      pool: { op: 'set', index: 0, url: 'stratum+tcp://pool.example.net:3333', user: 'w', password: '', webUser: 'root', webPassword: 'wrong' },
    });
    assert.deepEqual([r.status, r.deviceMessage], ['device-refused', 'Pool set error: userpass err']);
  });
});

describe('Nano 3S', () => {
  it('workmode: sent, read back; hashing re-tunes', async () => {
    const r = await sent('nano3s', { kind: 'control', control: 'workmode', value: 0, confirmed: true }, 'ascset', '0,workmode,set,0');
    assert.deepEqual([r.status, r.verified, r.before, r.after], ['applied', true, 2, 0]);
  });

  it('worklevel outside what the device allows: refused with its message', async () => {
    const r = await sent('nano3s', { kind: 'control', control: 'worklevel', value: 1, confirmed: true }, 'ascset', '0,worklevel,set,1');
    assert.deepEqual([r.status, r.deviceMessage], ['device-refused', 'ASC 0 set failed: worklevel unknown argument']);
  });

  it('fan: a percentage read back from FanR, auto = -1', async () => {
    const r = await sent('nano3s', { kind: 'control', control: 'fan', value: 70 }, 'ascset', '0,fan-spd,70');
    assert.deepEqual([r.status, r.after], ['applied', 70]);
    const auto = await sent('nano3s', { kind: 'control', control: 'fan', value: 'auto' }, 'ascset', '0,fan-spd,-1');
    assert.equal(auto.status, 'applied');
    assert.equal((await notSent('nano3s', { kind: 'control', control: 'fan', value: 10 })).skipReason, 'invalid-value');
  });

  it('voltage: the device checks its own range', async () => {
    const ok = await sent('nano3s', { kind: 'control', control: 'voltage', value: 2200, confirmed: true }, 'ascset', '0,voltage,2200');
    assert.deepEqual([ok.status, ok.verified], ['applied', false]);
    const bad = await sent('nano3s', { kind: 'control', control: 'voltage', value: 1000, confirmed: true }, 'ascset', '0,voltage,1000');
    assert.deepEqual([bad.status, bad.deviceMessage], ['device-refused', 'ASC 0 set failed: Setting invalid: voltage range 2150~2600']);
  });

  it('freq: all four PLL points; above 1195 MHz never sent', async () => {
    const r = await sent('nano3s', { kind: 'control', control: 'freq', value: 400, confirmed: true }, 'ascset', '0,frequency,400:400:400:400');
    assert.deepEqual([r.status, r.verified], ['applied', false]);
    assert.equal((await notSent('nano3s', { kind: 'control', control: 'freq', value: 1200, confirmed: true })).skipReason, 'invalid-value');
  });

  it('led: ledset keeps the user\'s colour; read back from LEDUser', async () => {
    const on = await sent('nano3s', { kind: 'control', control: 'led', value: 'on' }, 'ascset', '0,ledset,2-100-100-5-0-255');
    assert.deepEqual([on.status, on.after, on.deviceMessage], ['applied', 'on', 'ASC 0 set info: led set ok']);
    const off = await sent('nano3s', { kind: 'control', control: 'led', value: 'off' }, 'ascset', '0,ledset,1-100-100-5-0-255');
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
  });

  it('pools: switch, disable, enable, priority, read back from the pool list', async () => {
    const sw = await sent('nano3s', { kind: 'pool', pool: { op: 'switch', index: 1 }, confirmed: true }, 'switchpool', '1');
    assert.deepEqual([sw.status, sw.verified], ['applied', true]);
    const dis = await sent('nano3s', { kind: 'pool', pool: { op: 'disable', index: 2 }, confirmed: true }, 'disablepool', '2');
    assert.equal(dis.status, 'applied');
    assert.match(String(dis.after), /2 Disabled/);
    const en = await sent('nano3s', { kind: 'pool', pool: { op: 'enable', index: 2 } }, 'enablepool', '2');
    assert.equal(en.status, 'applied');
    const pr = await sent('nano3s', { kind: 'pool', pool: { op: 'priority', order: [2, 0, 1] }, confirmed: true }, 'poolpriority', '2,0,1');
    assert.deepEqual([pr.status, pr.after], ['applied', '2 Alive, 0 Alive, 1 Alive']);
    assert.equal((await notSent('nano3s', { kind: 'pool', pool: { op: 'switch', index: 0 } })).skipReason, 'needs-confirmation');
    assert.equal((await notSent('nano3s', { kind: 'pool', pool: { op: 'add', url: 'stratum+tcp://x.example:1', user: 'w', password: 'p' } })).skipReason, 'not-offered');
  });

  it('setpool: the web login is checked; passwords never leave the request', async () => {
    const pool = { op: 'set' as const, index: 0, url: 'stratum+tcp://pool.example.org:3333', user: 'home.n3s', password: 's3cret', webUser: SIM_WEB_USER, webPassword: SIM_WEB_PASSWORD };
    // The simulator's web login is root/root: every occurrence of a secret is hidden, the user name too.
    const r = await sent(
      'nano3s',
      { kind: 'pool', pool },
      'setpool',
      'root,root,0,stratum+tcp://pool.example.org:3333,home.n3s,s3cret',
      '***,***,0,stratum+tcp://pool.example.org:3333,home.n3s,***',
    );
    assert.deepEqual([r.status, r.verified], ['applied', false]);
    assert.doesNotMatch(JSON.stringify(r), /s3cret/);
    const bad = await change('nano3s', { kind: 'pool', pool: { ...pool, webUser: 'admin' } });
    assert.deepEqual([bad.status, bad.deviceMessage], ['device-refused', 'Pool set error: username err']);
    assert.equal((await notSent('nano3s', { kind: 'pool', pool: { ...pool, url: 'http://pool.example.org' } })).skipReason, 'invalid-value');
  });

  it('reboot, with the delay 0', async () => {
    const r = await sent('nano3s', { kind: 'control', control: 'reboot', value: null, confirmed: true }, 'ascset', '0,reboot,0');
    assert.deepEqual([r.status, r.verified], ['applied', true]);
  });
});

describe('Mini 3', () => {
  it('workmode and worklevel by name values; fan', async () => {
    const wm = await sent('mini3', { kind: 'control', control: 'workmode', value: 2, confirmed: true }, 'ascset', '0,workmode,set,2');
    assert.deepEqual([wm.status, wm.after], ['applied', 2]);
    const wl = await sent('mini3', { kind: 'control', control: 'worklevel', value: -1, confirmed: true }, 'ascset', '0,worklevel,set,-1');
    assert.deepEqual([wl.status, wl.after], ['applied', -1]);
    const fan = await sent('mini3', { kind: 'control', control: 'fan', value: 100 }, 'ascset', '0,fan-spd,100');
    assert.deepEqual([fan.status, fan.after], ['applied', 100]);
    assert.equal((await notSent('mini3', { kind: 'control', control: 'workmode', value: 3, confirmed: true })).skipReason, 'invalid-value');
    assert.equal((await notSent('mini3', { kind: 'control', control: 'led', value: 'on' })).skipReason, 'not-offered');
  });

  it('soft off / soft on and reboot', async () => {
    const off = await sent('mini3', { kind: 'control', control: 'softoff', value: null, confirmed: true }, 'ascset', `0,softoff,1:${nowS()}`);
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
    const on = await sent('mini3', { kind: 'control', control: 'softon', value: null }, 'ascset', `0,softon,1:${nowS()}`);
    assert.deepEqual([on.status, on.after], ['applied', 'on']);
    const rb = await sent('mini3', { kind: 'control', control: 'reboot', value: null, confirmed: true }, 'ascset', '0,reboot,0');
    assert.deepEqual([rb.status, rb.verified], ['applied', true]);
  });

  it('forced access denied on a home model: explained, not a crash', async () => {
    h.sim.setWriteAccess(h.index('mini3'), false);
    try {
      const r = await sent('mini3', { kind: 'control', control: 'fan', value: 50 }, 'ascset', '0,fan-spd,50');
      assert.equal(r.status, 'access-denied');
      assert.match(r.message, /normally accepts changes from any address/);
    } finally {
      h.sim.setWriteAccess(h.index('mini3'), true);
    }
  });
});

describe('Avalon Q', () => {
  it('workmode, worklevel, fan', async () => {
    const wm = await sent('avalon-q', { kind: 'control', control: 'workmode', value: 0, confirmed: true }, 'ascset', '0,workmode,set,0');
    assert.deepEqual([wm.status, wm.after], ['applied', 0]);
    const wl = await sent('avalon-q', { kind: 'control', control: 'worklevel', value: 0, confirmed: true }, 'ascset', '0,worklevel,set,0');
    assert.deepEqual([wl.status, wl.after], ['applied', 0]);
    const fan = await sent('avalon-q', { kind: 'control', control: 'fan', value: 'auto' }, 'ascset', '0,fan-spd,-1');
    assert.equal(fan.status, 'applied');
  });

  it('voltage in 2150-2600 (checked before sending), freq', async () => {
    const v = await sent('avalon-q', { kind: 'control', control: 'voltage', value: 2400, confirmed: true }, 'ascset', '0,voltage,2400');
    assert.deepEqual([v.status, v.verified], ['applied', false]);
    assert.equal((await notSent('avalon-q', { kind: 'control', control: 'voltage', value: 2601, confirmed: true })).skipReason, 'invalid-value');
    const f = await sent('avalon-q', { kind: 'control', control: 'freq', value: 500, confirmed: true }, 'ascset', '0,frequency,500:500:500:500');
    assert.equal(f.status, 'applied');
  });

  it('soft off / soft on and reboot', async () => {
    const off = await sent('avalon-q', { kind: 'control', control: 'softoff', value: null, confirmed: true }, 'ascset', `0,softoff,1:${nowS()}`);
    assert.deepEqual([off.status, off.after], ['applied', 'off']);
    const on = await sent('avalon-q', { kind: 'control', control: 'softon', value: null }, 'ascset', `0,softon,1:${nowS()}`);
    assert.deepEqual([on.status, on.after], ['applied', 'on']);
    const rb = await sent('avalon-q', { kind: 'control', control: 'reboot', value: null, confirmed: true }, 'ascset', '0,reboot,0');
    assert.deepEqual([rb.status, rb.verified], ['applied', true]);
  });
});

describe('batch over 20 mixed simulated devices', () => {
  it('applies where offered, skips the rest with the reason, one failure stops nothing', async () => {
    let bclock = Date.UTC(2026, 2, 3, 20);
    const fleet = await startSimulation({ count: 20, base: '127.0.91.31', seed: 4, now: () => bclock });
    try {
      const failing = fleet.devices.findIndex((d) => d.profile.id === 'avalon-q');
      fleet.setWriteAccess(failing, false);
      const id = (i: number): string => `${fleet.targets[i]!.host}:${fleet.targets[i]!.port}`;
      const devices: BatchDevice[] = fleet.devices.map((d, i) => ({ deviceId: id(i), model: modelById(d.profile.id) }));
      const request: ChangeRequest = { kind: 'control', control: 'workmode', value: 1, confirmed: true };
      const progress: BatchProgress[] = [];
      const results = await applyBatch(
        devices,
        request,
        (device, req) => {
          const t = fleet.targets[devices.findIndex((d) => d.deviceId === device.deviceId)]!;
          return applyChange(t, device.model, req, {
            query,
            readBack: () => readSnapshot(t, { timeoutMs: 2000 }),
            now: () => bclock,
            sleep: async (ms) => {
              bclock += ms;
            },
            readBackTries: 3,
          });
        },
        { onProgress: (p) => progress.push(p) },
      );
      assert.equal(results.length, 20);
      const offered = new Set(['nano3s', 'mini3', 'avalon-q']);
      results.forEach((r, i) => {
        const dev = fleet.devices[i]!;
        assert.equal(r.deviceId, id(i));
        if (i === failing) {
          assert.equal(r.result.status, 'access-denied');
        } else if (dev.profile.id === 'a1066') {
          // The A10 takes the mode at its next boot: accepted, honestly unverified.
          assert.deepEqual([r.result.status, r.result.verified, dev.pendingWorkMode], ['applied', false, 1], r.result.message);
        } else if (offered.has(dev.profile.id)) {
          assert.equal(r.result.status, 'applied', `${dev.profile.id}: ${r.result.message}`);
          assert.equal(r.result.after, 1);
          assert.equal(dev.workMode, 1);
        } else {
          assert.deepEqual([r.result.status, r.result.skipReason], ['skipped', 'not-offered'], dev.profile.id);
          assert.equal(dev.commandLog.filter((e) => e.privileged).length, 0, `${dev.profile.id} was never contacted with a change`);
        }
      });
      const done = progress.filter((p) => p.phase === 'done');
      assert.equal(done.length, 20);
      assert.equal(done.at(-1)!.done, 20);
      assert.ok(results.some((r) => r.result.status === 'skipped') && results.filter((r) => r.result.status === 'applied').length >= 5);
      // The fleet mixes every generation: controller rigs and the A10 are part of it.
      assert.ok(['a1066', 'a851'].every((m) => fleet.devices.some((d) => d.profile.id === m)));
    } finally {
      await fleet.close();
    }
  });
});
