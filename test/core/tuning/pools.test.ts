import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Pool } from '../../../electron/contract/snapshot.js';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { ControlValidationError } from '../../../electron/core/tuning/controls.js';
import {
  buildPoolCommand,
  nano3WebCredential,
  poolOperations,
  poolSecrets,
  redactPoolOp,
  redactPoolReply,
  validatePoolUrl,
  validateWorker,
} from '../../../electron/core/tuning/pools.js';

function model(id: string): AvalonModel {
  const m = modelById(id);
  assert.ok(m, id);
  return m;
}

const pools = (n: number): Pool[] =>
  Array.from({ length: n }, (_, i) => ({ index: i, url: `stratum+tcp://p.example.com:${3333 + i}`, status: 'Alive', priority: i }));

const invalid = (e: unknown): boolean => e instanceof ControlValidationError && e.reason === 'invalid-value';

describe('pool URL validation', () => {
  for (const url of [
    'stratum+tcp://pool.example.com:3333',
    'stratum+tcp://192.168.1.10:3333',
    'stratum+tcp://[2001:db8::1]:3333',
    'STRATUM+TCP://Pool-1.Example.COM:65535',
  ]) {
    it(`accepts ${url}`, () => assert.doesNotThrow(() => validatePoolUrl(url)));
  }
  const bad: Array<[string, RegExp]> = [
    ['', /empty/],
    ['pool.example.com:3333', /stratum\+tcp:\/\/host:port/],
    ['stratum+tcp://pool.example.com', /stratum\+tcp:\/\/host:port/],
    ['stratum+tcp://pool.example.com:0', /outside 1-65535/],
    ['stratum+tcp://pool.example.com:65536', /outside 1-65535/],
    ['stratum+ssl://pool.example.com:3333', /scheme must be stratum\+tcp/],
    ['http://pool.example.com:3333', /scheme must be stratum\+tcp/],
    ['stratum2+tcp://pool.example.com:3336', /Stratum V2/],
    ['stratum+tcp://pool_x.example.com:3333', /not a valid host name/],
    ['stratum+tcp://-pool.example.com:3333', /not a valid host name/],
    ['stratum+tcp://300.1.1.1:3333', /not a valid IPv4/],
    ['stratum+tcp://[zz::1]:3333', /not an IPv6/],
    ['stratum+tcp://pool.example.com:3333,x', /comma/],
    ['stratum+tcp://pool example.com:3333', /spaces/],
    [`stratum+tcp://${'a'.repeat(380)}.com:1`, /longer than 384/],
  ];
  for (const [url, why] of bad) {
    it(`rejects ${JSON.stringify(url.slice(0, 40))}`, () => assert.throws(() => validatePoolUrl(url), (e: unknown) => invalid(e) && why.test((e as Error).message)));
  }
});

describe('worker validation', () => {
  it('accepts a usual worker', () => assert.doesNotThrow(() => validateWorker('bc1qexample.rig1')));
  it('rejects empty, commas, control characters, padding, overlong', () => {
    for (const w of ['', 'a,b', 'a\u0000b', 'a\nb', ' rig', 'x'.repeat(129)]) assert.throws(() => validateWorker(w), invalid, JSON.stringify(w));
  });
});

describe('pool commands per dialect', () => {
  it('controller era uses upstream addpool/switchpool/...; backslashes escaped for addpool', () => {
    const a8 = model('a841');
    assert.deepEqual(poolOperations(a8), ['add', 'remove', 'enable', 'disable', 'switch', 'priority']);
    assert.deepEqual(buildPoolCommand(a8, { op: 'add', url: 'stratum+tcp://p.example.com:3333', user: 'w.1', password: 'x\\y' }, pools(2)), {
      command: 'addpool',
      parameter: 'stratum+tcp://p.example.com:3333,w.1,x\\\\y',
    });
    assert.deepEqual(buildPoolCommand(a8, { op: 'switch', index: 1 }, pools(3)), { command: 'switchpool', parameter: '1' });
    assert.deepEqual(buildPoolCommand(a8, { op: 'enable', index: 2 }, pools(3)), { command: 'enablepool', parameter: '2' });
    assert.deepEqual(buildPoolCommand(a8, { op: 'disable', index: 0 }, pools(3)), { command: 'disablepool', parameter: '0' });
    assert.deepEqual(buildPoolCommand(a8, { op: 'remove', index: 2 }, pools(3)), { command: 'removepool', parameter: '2' });
    assert.deepEqual(buildPoolCommand(a8, { op: 'priority', order: [2, 0, 1] }, pools(3)), { command: 'poolpriority', parameter: '2,0,1' });
  });

  it('enforces the three-pool limit, existing indexes and a non-empty addpool password', () => {
    const a8 = model('a841');
    const add = { op: 'add' as const, url: 'stratum+tcp://p.example.com:3333', user: 'w', password: 'x' };
    assert.throws(() => buildPoolCommand(a8, add, pools(3)), /limit is 3/);
    assert.throws(() => buildPoolCommand(a8, { ...add, password: '' }, pools(1)), /pool password is empty/);
    assert.throws(() => buildPoolCommand(a8, { op: 'switch', index: 2 }, pools(2)), /does not exist/);
    assert.throws(() => buildPoolCommand(a8, { op: 'priority', order: [1, 1] }, pools(3)), /twice/);
  });

  it('Nano 3S: setpool with web credentials, 5 fields without a worker password; no addpool', () => {
    const n3s = model('nano3s');
    assert.deepEqual(poolOperations(n3s), ['set', 'enable', 'disable', 'switch', 'priority']);
    const set = { op: 'set' as const, index: 1, url: 'stratum+tcp://p.example.com:3333', user: 'w.1', password: '', webUser: 'admin', webPassword: 'hunter2' };
    assert.deepEqual(buildPoolCommand(n3s, set), { command: 'setpool', parameter: 'admin,hunter2,1,stratum+tcp://p.example.com:3333,w.1' });
    assert.deepEqual(buildPoolCommand(n3s, { ...set, password: 'x' }), { command: 'setpool', parameter: 'admin,hunter2,1,stratum+tcp://p.example.com:3333,w.1,x' });
    assert.throws(
      () => buildPoolCommand(n3s, { op: 'add', url: 'stratum+tcp://p.example.com:1', user: 'w', password: 'x' }),
      (e: unknown) => e instanceof ControlValidationError && e.reason === 'not-offered',
    );
    assert.throws(() => buildPoolCommand(n3s, { ...set, webPassword: 'a,b' }), /web password contains a comma/);
  });

  it('Nano 3: setpool as root with the hashed web password', () => {
    const expected = `ff0000ff${createHash('sha256').update('admin').digest('hex').slice(0, 24)}`;
    assert.equal(nano3WebCredential('admin'), expected);
    assert.equal(expected.length, 32);
    const cmd = buildPoolCommand(model('nano3'), { op: 'set', index: 2, url: 'stratum+tcp://p.example.com:3333', user: 'w', password: 'x', webUser: 'ignored', webPassword: 'admin' });
    assert.deepEqual(cmd, { command: 'setpool', parameter: `root,${expected},2,stratum+tcp://p.example.com:3333,w,x` });
  });

  it('A10: ascset setpool for its single pool', () => {
    const a10 = model('a1066');
    const set = { op: 'set' as const, index: 0, url: 'stratum+tcp://p.example.com:3333', user: 'w', password: 'x', webUser: 'root', webPassword: 'root' };
    assert.deepEqual(buildPoolCommand(a10, set), { command: 'ascset', parameter: '0,setpool,root,root,stratum+tcp://p.example.com:3333,w,x' });
    assert.throws(() => buildPoolCommand(a10, { ...set, index: 1 }), /single pool/);
  });

  it('models without pool control over the API offer no operation', () => {
    for (const id of ['avalon-q', 'mini3', 'a1566', 'nano2']) assert.deepEqual(poolOperations(model(id)), [], id);
  });
});

describe('password redaction', () => {
  const set = { op: 'set' as const, index: 0, url: 'stratum+tcp://p.example.com:3333', user: 'w.1', password: 'p@ss\\1', webUser: 'admin', webPassword: 'hunter2' };

  it('redacts the operation', () => {
    assert.deepEqual(redactPoolOp(set), { ...set, password: '***', webPassword: '***' });
    const add = { op: 'add' as const, url: 'u', user: 'w', password: 'secret' };
    assert.deepEqual(redactPoolOp(add), { ...add, password: '***' });
  });

  it('redacts a device reply that echoes the worker password, in any escaped form', () => {
    const reply = 'Pool set info: \npool 0 success set to stratum+tcp://p.example.com:3333\nworker is w.1\nworkerpassword is p@ss\\1\nPlease reboot miner to make config work.\n';
    const out = redactPoolReply(reply, poolSecrets(set));
    assert.equal(out.includes('p@ss'), false);
    assert.match(out, /workerpassword is \*\*\*\n/);
    assert.equal(redactPoolReply("Invalid addpool details 'u,w,p@ss\\\\1'", poolSecrets(set)), "Invalid addpool details 'u,w,***'");
    assert.equal(redactPoolReply('userpass err for hunter2', poolSecrets(set)), 'userpass err for ***');
  });
});
