import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePools, redactSecrets } from '../../../electron/core/avalon/pools.js';
import { PoolSchema } from '../../../electron/contract/snapshot.js';
import { captureJson, withWarnings } from './fixtures.js';

// The Q's pools reply carries `Password` in clear (asic-rs fixture pools.json,
// protocol reference 2.5); shape reduced to the fields that matter here.
const qPools = {
  STATUS: [{ STATUS: 'S', Code: 7, Msg: '1 Pool(s)' }],
  POOLS: [{ POOL: 0, URL: 'stratum+tcp://pool.example:3333', User: 'worker.q', Password: 'hunter2', Status: 'Alive', Priority: 0, 'Stratum Active': true }],
};

describe('parsePools', () => {
  it('reads the A1566 pools', () => {
    const { value: pools, warnings } = withWarnings((warn) => parsePools(captureJson('a1566-pools.json'), warn));
    assert.deepEqual(warnings, []);
    assert.equal(pools.length, 3);
    for (const p of pools) assert.equal(PoolSchema.safeParse(p).success, true);
    assert.deepEqual(pools[0], {
      index: 0,
      url: 'stratum+tcp://stratum.pool.io:3333',
      user: 'pool_username.real_worker',
      status: 'Alive',
      priority: 0,
      active: true,
      accepted: 148,
      rejected: 1,
      stale: 0,
      difficulty: 262144,
      lastShareTime: 975,
      bestShare: 19649871,
    });
    assert.deepEqual(
      pools.map((p) => [p.index, p.url.slice(-4), p.active]),
      [
        [0, '3333', true],
        [1, '3334', false],
        [2, '3335', false],
      ],
    );
  });

  it('never carries a pool password', () => {
    const pools = parsePools(qPools);
    assert.equal(pools.length, 1);
    assert.equal(JSON.stringify(pools).includes('hunter2'), false);
    assert.equal(pools[0]?.user, 'worker.q');
  });

  it('skips entries without a URL and tolerates wrong types', () => {
    const { value: pools, warnings } = withWarnings((warn) =>
      parsePools({ POOLS: [{ POOL: 0 }, { URL: 'stratum+tcp://a:1', Status: 5, Priority: 'high', Accepted: '12' }] }, warn),
    );
    assert.deepEqual(warnings, ['POOLS: entry 0 has no URL; skipped']);
    assert.deepEqual(pools, [{ index: 1, url: 'stratum+tcp://a:1', status: '5', accepted: 12 }]);
  });
});

describe('redactSecrets', () => {
  it('removes password-like keys at any depth and leaves the rest', () => {
    const out = redactSecrets({ pools: [qPools], Pass: 'x', list: [{ pass: 'y', keep: 1 }] });
    assert.equal(JSON.stringify(out).includes('hunter2'), false);
    assert.deepEqual(out, {
      pools: [{ STATUS: qPools.STATUS, POOLS: [{ POOL: 0, URL: 'stratum+tcp://pool.example:3333', User: 'worker.q', Status: 'Alive', Priority: 0, 'Stratum Active': true }] }],
      list: [{ keep: 1 }],
    });
  });

  it('copies only what it changes, and never changes its input', () => {
    const clean = { STATUS: [{ STATUS: 'S' }], POOLS: [{ URL: 'stratum+tcp://a:1', User: 'w' }] };
    assert.equal(redactSecrets(clean), clean, 'nothing to remove: the same object back');
    const input = { a: { keep: [1, 2] }, b: [{ Pass: 'p', x: 1 }], c: 'text' };
    const snapshot = JSON.stringify(input);
    const out = redactSecrets(input) as typeof input;
    assert.deepEqual(out, { a: { keep: [1, 2] }, b: [{ x: 1 }], c: 'text' });
    assert.equal(out.a, input.a, 'untouched branches are shared');
    assert.equal(JSON.stringify(input), snapshot, 'the input is not modified');
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as object;
    const cleaned = redactSecrets(proto) as Record<string, unknown>;
    assert.deepEqual(Object.keys(cleaned), ['ok']);
    assert.equal(Object.getPrototypeOf(cleaned), Object.prototype);
  });

  it('cuts hostile nesting instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let out = redactSecrets(deep);
    let depth = 0;
    while (Array.isArray(out)) {
      out = out[0];
      depth++;
    }
    assert.equal(depth, 16);
    assert.equal(out, '[nested too deep]');
  });
});
