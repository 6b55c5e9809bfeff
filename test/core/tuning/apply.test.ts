// applyChange over real TCP against a small stateful test server on loopback:
// the bytes sent, the replies as real firmware words them, and the read-back.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { ChangeRequest } from '../../../electron/contract/tuning.js';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { applyChange, type ApplyDeps } from '../../../electron/core/tuning/apply.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';
import { FakeMiner, type FakeState } from './fake-miner.js';

function model(id: string): AvalonModel {
  const m = modelById(id);
  assert.ok(m, id);
  return m;
}

const miners: FakeMiner[] = [];
after(async () => {
  await Promise.all(miners.map((m) => m.stop()));
});

async function miner(id: string, state: Partial<FakeState> = {}): Promise<FakeMiner> {
  const m = await new FakeMiner(model(id), state).start();
  miners.push(m);
  return m;
}

function deps(m: FakeMiner, extra: Partial<ApplyDeps> = {}): ApplyDeps {
  return {
    query,
    readBack: () => readSnapshot(m.target, { timeoutMs: 1000 }),
    readBackTries: 4,
    readBackDelayMs: 20,
    rebootPollMs: 100,
    rebootTimeoutMs: 3000,
    commandTimeoutMs: 1000,
    ...extra,
  };
}

const set = (control: Extract<ChangeRequest, { kind: 'control' }>['control'], value: number | 'auto' | 'on' | 'off' | null, confirmed = true): ChangeRequest => ({
  kind: 'control',
  control,
  value,
  confirmed,
});

describe('applyChange: controls', () => {
  it('Avalon Q work mode: exact bytes, accepted, read back as applied', async () => {
    const m = await miner('avalon-q', { workMode: 1 });
    const result = await applyChange(m.target, m.model, set('workmode', 2), deps(m));
    assert.deepEqual(
      m.writes().map((r) => r.raw),
      ['{"command":"ascset","parameter":"0,workmode,set,2"}'],
    );
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, true);
    assert.equal(result.after, 2);
    assert.equal(result.deviceMessage, 'ASC 0 set OK');
    assert.deepEqual(result.sent, { command: 'ascset', parameter: '0,workmode,set,2' });
  });

  it('an interrupting change without confirmation is not sent', async () => {
    const m = await miner('avalon-q');
    const result = await applyChange(m.target, m.model, set('workmode', 0, false), deps(m));
    assert.equal(result.status, 'skipped');
    assert.equal(result.skipReason, 'needs-confirmation');
    assert.deepEqual(m.requests, []);
  });

  it('an out-of-range value is rejected before anything is sent', async () => {
    const m = await miner('nano3s');
    const result = await applyChange(m.target, m.model, set('fan', 101), deps(m));
    assert.equal(result.status, 'skipped');
    assert.equal(result.skipReason, 'invalid-value');
    assert.match(result.message, /15-100/);
    assert.deepEqual(m.requests, []);
  });

  it('a control the model lacks is not offered and not sent', async () => {
    const m = await miner('nano3s');
    const result = await applyChange(m.target, m.model, set('softoff', null), deps(m));
    assert.equal(result.status, 'skipped');
    assert.equal(result.skipReason, 'not-offered');
    assert.deepEqual(m.requests, []);
  });

  it('a refusal while calibrating is reported in the device\'s own words', async () => {
    const m = await miner('nano3s', { calibrating: true, workMode: 1 });
    const result = await applyChange(m.target, m.model, set('workmode', 2), deps(m));
    assert.equal(result.status, 'device-refused');
    assert.equal(result.deviceMessage, "ASC 0 set failed: current mode 1 is caling Don't permit switch mode");
    assert.equal(m.state.workMode, 1);
  });

  it('a refusal above the device maximum mode', async () => {
    const m = await miner('nano3s');
    m.override = (req) =>
      req.command === 'ascset'
        ? { STATUS: [{ STATUS: 'E', When: 1, Code: 120, Msg: 'ASC 0 set failed: error:1 not support set workmode max_mode[1]', Description: 'cgminer 4.11.1' }], id: 1 }
        : undefined;
    const result = await applyChange(m.target, m.model, set('workmode', 2), deps(m));
    assert.equal(result.status, 'device-refused');
    assert.equal(result.deviceMessage, 'ASC 0 set failed: error:1 not support set workmode max_mode[1]');
  });

  it('access denied (code 45) is explained with the API allow fix', async () => {
    const m = await miner('a841', { denyWrites: true });
    const result = await applyChange(m.target, m.model, set('fan', 70), deps(m, { clientAddress: '192.168.1.20' }));
    assert.equal(result.status, 'access-denied');
    assert.equal(result.deviceMessage, "Access denied to 'ascset' command");
    assert.match(result.message, /W:192\.168\.1\.20/);
    assert.match(result.message, /API Allow/);
  });

  it('soft off on a Q: the info reply of the capture, then idle on read-back', async () => {
    const m = await miner('avalon-q');
    const now = 1753434816_000;
    const result = await applyChange(m.target, m.model, set('softoff', null), deps(m, { now: () => now }));
    assert.deepEqual(m.writes().map((r) => r.parameter), ['0,softoff,1:1753434821']);
    assert.equal(result.deviceMessage, 'ASC 0 set info: success softoff:1753434821');
    assert.equal(result.status, 'applied');
    assert.equal(result.after, 'off');
    assert.equal(m.state.softOff, true);
  });

  it('soft on that closes the socket without a reply is judged by the read-back', async () => {
    const m = await miner('avalon-q', { softOff: true });
    m.override = (req, fm) => {
      if (req.command !== 'ascset') return undefined;
      fm.state.softOff = false;
      return 'drop';
    };
    const result = await applyChange(m.target, m.model, set('softon', null), deps(m));
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, true);
    assert.match(result.message, /did not answer the command/);
  });

  it('accepted but not in effect: not-applied with before and after', async () => {
    const m = await miner('mini3', { workMode: 1, ignoreChanges: true });
    const result = await applyChange(m.target, m.model, set('workmode', 2), deps(m, { before: await readSnapshot(m.target) }));
    assert.equal(result.status, 'not-applied');
    assert.equal(result.before, 1);
    assert.equal(result.after, 1);
  });

  it('a device that is not listening is unreachable', async () => {
    const m = await miner('avalon-q');
    await m.stop();
    const result = await applyChange(m.target, m.model, set('fan', 50), deps(m));
    assert.equal(result.status, 'unreachable');
  });

  it('A10 work mode is accepted and waits for a reboot (not claimed as proven)', async () => {
    const m = await miner('a1066', { workMode: 0 });
    const result = await applyChange(m.target, m.model, set('workmode', 1), deps(m));
    assert.deepEqual(m.writes().map((r) => r.raw), ['{"command":"ascset","parameter":"0,workmode,1"}']);
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, false);
    assert.match(result.message, /after the next reboot/);
  });

  it('voltage cannot be read back: applied, unverified', async () => {
    const m = await miner('avalon-q');
    const result = await applyChange(m.target, m.model, set('voltage', 2200), deps(m));
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, false);
    assert.match(result.message, /cannot be read back/);
  });

  it('a setting the firmware does not print is accepted but not claimed as proven', async () => {
    const m = await miner('a1566', { omit: ['WORKLEVEL'] });
    const result = await applyChange(m.target, m.model, set('worklevel', 1), deps(m));
    assert.deepEqual(m.writes().map((r) => r.parameter), ['0,worklevel,set,1']);
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, false);
    assert.match(result.message, /does not report this setting/);
  });

  it('Nano 3S LED refused in night mode although the reply is an info', async () => {
    const m = await miner('nano3s');
    m.override = (req) =>
      req.command === 'ascset'
        ? { STATUS: [{ STATUS: 'I', When: 1, Code: 118, Msg: 'ASC 0 set info: not in (day)mode now', Description: 'cgminer 4.11.1' }], id: 1 }
        : undefined;
    const result = await applyChange(m.target, m.model, set('led', 'on'), deps(m));
    assert.equal(result.status, 'device-refused');
    assert.deepEqual(m.writes().map((r) => r.parameter), ['0,ledset,2-100-100-5-0-255']);
  });

  it('reboot: the device drops off, comes back with a new uptime', async () => {
    const m = await miner('avalon-q', { rebootMs: 250 });
    const result = await applyChange(m.target, m.model, set('reboot', null), deps(m));
    assert.deepEqual(m.writes().map((r) => r.parameter), ['0,reboot,0']);
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, true);
    assert.match(result.message, /back online/);
  });

  it('reboot that is still down at the end is reported as restarting, not done', async () => {
    const m = await miner('avalon-q', { rebootMs: 60_000 });
    const result = await applyChange(m.target, m.model, set('reboot', null), deps(m, { rebootTimeoutMs: 300 }));
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, false);
    assert.match(result.message, /restarting/);
  });
});

describe('applyChange: pools', () => {
  it('switch pool on a Nano 3S: confirmed, read back by priority', async () => {
    const m = await miner('nano3s');
    const request: ChangeRequest = { kind: 'pool', pool: { op: 'switch', index: 2 }, confirmed: true };
    const result = await applyChange(m.target, m.model, request, deps(m));
    assert.deepEqual(m.writes().map((r) => r.raw), ['{"command":"switchpool","parameter":"2"}']);
    assert.equal(result.status, 'applied');
    assert.equal(result.after, '2 Alive, 0 Alive, 1 Alive');
  });

  it('setpool: password never in the result, reboot needed', async () => {
    const m = await miner('nano3s');
    const request: ChangeRequest = {
      kind: 'pool',
      pool: { op: 'set', index: 0, url: 'stratum+tcp://p.example.com:3333', user: 'w.1', password: 'Sup3rS3cret', webUser: 'admin', webPassword: 'W3bPass' },
    };
    const result = await applyChange(m.target, m.model, request, deps(m));
    assert.equal(m.writes()[0]?.parameter, 'admin,W3bPass,0,stratum+tcp://p.example.com:3333,w.1,Sup3rS3cret');
    assert.equal(result.status, 'applied');
    assert.equal(result.verified, false);
    assert.match(result.message, /after the next reboot/);
    const text = JSON.stringify(result);
    assert.equal(text.includes('Sup3rS3cret'), false);
    assert.equal(text.includes('W3bPass'), false);
    assert.equal(result.sent?.parameter, 'admin,***,0,stratum+tcp://p.example.com:3333,w.1,***');
    assert.match(result.deviceMessage ?? '', /workerpassword is \*\*\*/);
  });

  it('add pool on a controller-era rig at the three-pool limit is refused before sending', async () => {
    const m = await miner('a841');
    const request: ChangeRequest = { kind: 'pool', pool: { op: 'add', url: 'stratum+tcp://p.example.com:1', user: 'w', password: 'x' } };
    const result = await applyChange(m.target, m.model, request, deps(m));
    assert.equal(result.status, 'skipped');
    assert.equal(result.skipReason, 'pool-limit');
    assert.deepEqual(m.writes(), []);
  });
});
