import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { DeviceSnapshotSchema, type DeviceSnapshot } from '../../../electron/contract/snapshot.js';
import {
  captureJson,
  captureText,
  joinWrappedLines,
  nano3Lines,
  parsePythonRepr,
  parseTextReply,
  statsReplyWith,
  type Reply,
} from './fixtures.js';

function valid(s: DeviceSnapshot): DeviceSnapshot {
  const r = DeviceSnapshotSchema.safeParse(s);
  assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)));
  return s;
}

const close = (a: number | undefined, b: number, eps = 1e-6): void => assert.ok(a !== undefined && Math.abs(a - b) < eps, `${a} != ${b}`);

describe('buildSnapshot: A1566 (version, devs, pools, estats)', () => {
  const s = valid(
    buildSnapshot(
      {
        version: captureJson('a1566-version.json'),
        devs: captureJson('a1566-devs.json'),
        pools: captureJson('a1566-pools.json'),
        estats: captureJson('a1566-estats.json'),
      },
      1_764_000_000_000,
    ),
  );

  it('fills identity, pools and the module', () => {
    assert.deepEqual(s.warnings, []);
    assert.equal(s.takenAt, 1_764_000_000_000);
    assert.equal(s.identity.modelId, 'a1566');
    assert.equal(s.identity.modelCode, '15-194');
    assert.equal(s.identity.modelName, 'AvalonMiner 15-194', 'a unit with its bin in MODEL keeps its own name');
    assert.equal(s.identity.firmware, '24102401_25462b2_9ddf522');
    assert.equal(s.pools.length, 3);
    assert.equal(s.modules.length, 1);
    assert.equal(s.modules[0]?.boards.length, 3);
  });

  it('falls back to the devs counters for the summary (no summary reply), in GH/s', () => {
    close(s.summary.ghs1m, 197266.94416);
    close(s.summary.ghs5s, 197497.92649);
    close(s.summary.ghsAvg, 192796.24736);
    assert.equal(s.summary.accepted, 148);
  });

  it('derives power, J/TH against the 1-minute rate, and hash rate vs the 194 TH/s bin', () => {
    assert.equal(s.derived.powerW, 3731);
    close(s.derived.jPerTh, 3731 / 197.26694416);
    close(s.derived.hashrateVsNominal, 197.26694416 / 194);
    assert.equal(s.derived.hottestC, 78);
    assert.deepEqual(s.derived.fansRpm, [4275, 4282]);
  });

  it('gives no J/TH while a module is not hashing (fault: idle power against a decaying rate)', () => {
    const estats = JSON.parse(JSON.stringify(captureJson('a1566-estats.json')).replace('Work: In Work', 'Work: In Fault')) as Record<string, unknown>;
    const faulted = valid(buildSnapshot({ version: captureJson('a1566-version.json'), devs: captureJson('a1566-devs.json'), estats }, 2));
    assert.equal(faulted.modules[0]?.state, 'fault');
    assert.equal(faulted.derived.powerW, 3731);
    assert.equal(faulted.derived.jPerTh, undefined);
  });

  it('keeps the raw replies for the raw view', () => {
    assert.deepEqual(Object.keys(s.raw).sort(), ['devs', 'estats', 'pools', 'version']);
    assert.deepEqual(s.raw['version'], captureJson('a1566-version.json'));
  });
});

describe('buildSnapshot: Avalon Q in standby', () => {
  const s = valid(
    buildSnapshot(
      { version: captureJson('avalonq_version.json'), summary: captureJson('avalonq_summary.json'), stats: captureJson('avalonq_stats.json') },
      5,
    ),
  );

  it('reports standby honestly: no efficiency from the stale lifetime average', () => {
    assert.deepEqual(s.warnings, []);
    assert.equal(s.identity.modelId, 'avalon-q');
    assert.equal(s.identity.modelName, 'Avalon Q');
    assert.equal(s.summary.ghs1m, 0);
    close(s.summary.ghsAvg, 44539.60186);
    assert.equal(s.modules[0]?.state, 'idle');
    assert.equal(s.derived.powerW, 146);
    assert.equal(s.derived.jPerTh, undefined);
    assert.equal(s.derived.hashrateVsNominal, undefined);
    assert.deepEqual(s.derived.fansRpm, [0, 0, 0, 0]);
    assert.equal(s.derived.hottestC, 71);
  });
});

describe('buildSnapshot: home miners from text and repr captures', () => {
  it('Nano 3: version + summary (pyasic#199) with the stats of another Nano 3 (miner-sentinel#16)', () => {
    const lines = nano3Lines();
    const s = valid(
      buildSnapshot(
        {
          version: parsePythonRepr(lines.version),
          summary: parsePythonRepr(`${lines.summary}],'id':1}`),
          stats: parseTextReply(joinWrappedLines(captureText('nano3_stats_text_EMAIL_WRAPPED.txt'))),
        },
        7,
      ),
    );
    assert.deepEqual(s.warnings, []);
    assert.equal(s.identity.modelId, 'nano3');
    assert.equal(s.identity.product, 'Avalon0o');
    // The UI name comes from the catalog: the firmware's own is cryptic.
    assert.equal(s.identity.modelName, 'Avalon Nano 3');
    assert.equal(s.identity.dna, '020100005581d5b5');
    assert.equal(s.derived.powerW, 89);
    close(s.derived.jPerTh, 89 / 2.41031307);
    assert.equal(s.derived.hottestC, 87);
    assert.deepEqual(s.derived.fansRpm, [3030]);
  });

  it('Nano 3S: stats alone identify the model and give power from PS[6]', () => {
    const s = valid(buildSnapshot({ estats: statsReplyWith(captureText('nano3s_mm_id0_value.txt')) }, 8));
    assert.equal(s.identity.modelId, 'nano3s');
    assert.equal(s.identity.dna, '02010000bd448216');
    assert.equal(s.modules[0]?.tempInletC, undefined);
    assert.equal(s.modules[0]?.tempOutletC, 65);
    assert.equal(s.modules[0]?.workMode, 2);
    assert.equal(s.derived.powerW, 133);
    assert.equal(s.derived.jPerTh, undefined);
    assert.equal(s.derived.hottestC, 95);
  });

  it('Mini 3: text version and truncated stats', () => {
    const [version, , stats] = captureText('mini3_version_devdetails_stats_text_TRUNCATED.txt').split(/\r?\n/);
    const s = valid(buildSnapshot({ version: parseTextReply(version ?? ''), estats: parseTextReply(stats ?? '') }, 9));
    assert.equal(s.identity.modelId, 'mini3');
    assert.equal(s.derived.powerW, 824);
    assert.equal(s.derived.hottestC, 86);
    assert.deepEqual(s.warnings, ['estats: MM ID0: text without a value at the end: "PCOMM"']);
  });
});

describe('buildSnapshot: hostile and broken input', () => {
  it('never carries a pool password, not even in raw', () => {
    const pools = { POOLS: [{ POOL: 0, URL: 'stratum+tcp://a:1', User: 'w', Password: 'hunter2', Status: 'Alive' }] };
    const s = valid(buildSnapshot({ pools }, 1));
    assert.equal(JSON.stringify(s).includes('hunter2'), false);
    assert.equal(s.pools[0]?.user, 'w');
  });

  it('warns about error replies and non-object replies', () => {
    const s = valid(
      buildSnapshot(
        {
          version: 'nope' as unknown as Reply,
          summary: { STATUS: [{ STATUS: 'E', Code: 14, Msg: 'Invalid command' }] },
          pools: [1, 2] as unknown as Reply,
        },
        Number.NaN,
      ),
    );
    assert.equal(s.takenAt, 0);
    assert.deepEqual(s.warnings, [
      'version: reply is not an object; ignored',
      'summary: device answered with an error: Invalid command',
      'pools: reply is not an object; ignored',
    ]);
    assert.deepEqual(s.summary, {});
    assert.equal(s.identity.modelId, 'unknown');
    const empty = valid(buildSnapshot(null as unknown as Record<string, Reply>, 2));
    assert.deepEqual(empty.warnings, []);
    assert.deepEqual(empty.modules, []);
  });

  it('drops wrong types, NaN, sentinels and overflowing sums', () => {
    const s = valid(
      buildSnapshot(
        {
          summary: { SUMMARY: [{ 'MHS 1m': 'NaN', 'MHS av': -5, Elapsed: {}, Accepted: [3], Rejected: -1 }] },
          estats: {
            STATS: [
              {
                'MM ID1': 'Ver[9211809-x] WALLPOWER[1e308] TMax[-273] ITemp[-273] Fan1[abc]',
                'MM ID2': 'Ver[9211809-y] WALLPOWER[1e308] MTmax[-273 55]',
              },
            ],
          },
        },
        3,
      ),
    );
    assert.deepEqual(s.summary, {});
    assert.equal(s.identity.modelId, 'a921');
    assert.equal(s.modules[0]?.tempMaxC, undefined);
    assert.deepEqual(s.modules[0]?.fansRpm, []);
    assert.equal(s.derived.powerW, undefined);
    assert.equal(s.derived.jPerTh, undefined);
    assert.equal(s.derived.hottestC, 55);
  });

  it('caps huge sections', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ POOL: i, URL: `stratum+tcp://p${i}:1`, Status: 'Alive' }));
    const s = valid(buildSnapshot({ pools: { POOLS: many } }, 1));
    assert.equal(s.pools.length, 64);
    assert.deepEqual(s.warnings, ['pools: POOLS: 10000 entries; only the first 64 were read']);
  });

  describe('fuzz', () => {
    function rng(seed: number): () => number {
      let s = seed >>> 0;
      return () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }
    const hostile: unknown[] = [
      null, true, 0, -1, -273, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, '', 'NaN', '-273', '1e999', 'x', '[', ']', [], {}, [[]], { STATUS: 'E' },
      'Ver[nano3-1] PS[0 0 0 3 2792 89 324]', "'STATS':{Ver[Q-1] Fan1[",
    ];

    function mutate(value: unknown, rand: () => number, depth: number): unknown {
      if (rand() < 0.08 || depth > 6) return hostile[Math.floor(rand() * hostile.length)];
      if (Array.isArray(value)) return value.map((v) => mutate(v, rand, depth + 1));
      if (typeof value === 'object' && value !== null) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (rand() > 0.05) out[k] = mutate(v, rand, depth + 1);
        return out;
      }
      if (typeof value === 'string' && value.length > 20 && rand() < 0.3) {
        const a = Math.floor(rand() * value.length);
        return value.slice(0, a) + (rand() < 0.5 ? '' : value.slice(a - 10, a)) + value.slice(a + Math.floor(rand() * 30));
      }
      return value;
    }

    it('always returns a valid snapshot for mutated real replies', () => {
      const base = {
        version: captureJson('a1566-version.json'),
        summary: captureJson('avalonq_summary.json'),
        pools: captureJson('a1566-pools.json'),
        devs: captureJson('a1566-devs.json'),
        estats: captureJson('a1566-estats.json'),
        stats: captureJson('avalonq_stats.json'),
      };
      const rand = rng(7);
      for (let i = 0; i < 300; i++) {
        const replies = mutate(base, rand, 0) as Record<string, Reply>;
        const s = buildSnapshot(replies, i);
        valid(s);
        assert.equal(s.warnings.some((w) => w.startsWith('internal parser error')), false, s.warnings.join('\n'));
        JSON.stringify(s);
      }
    });
  });
});
