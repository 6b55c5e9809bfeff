// Every fault mode is visible on the wire, and every read the simulator
// makes is bounded in time and size.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BOARD_DOWN_ECHU, startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { ManualClock, askJson, exchange, mmMap, numbers, rec, type Json } from './helpers.js';

const clock = new ManualClock();
let sim: Simulation;
// One device per scenario, so the scenarios do not disturb each other.
const MODELS = ['a1566', 'a1566', 'nano3s', 'a1566', 'nano3s', 'a1566', 'a1566', 'avalon-q', 'a1566', 'a1566', 'a1566'];
const t = (i: number): { host: string; port: number } => sim.targets[i]!;

before(async () => {
  sim = await startSimulation({
    count: MODELS.length,
    base: '127.0.21.1',
    seed: 5,
    models: MODELS,
    now: clock.now,
    slowReplyMs: 300,
    readTimeoutMs: 250,
    faults: { 10: 'offline' },
  });
});
after(() => sim.close());

async function mm(i: number): Promise<Record<string, string>> {
  const st = rec(await askJson(t(i), 'estats'), 'STATS');
  return mmMap(String(st['MM ID0'] ?? st['MM ID0:Summary']));
}

async function summary(i: number): Promise<Json> {
  return rec(await askJson(t(i), 'summary'), 'SUMMARY');
}

describe('fault modes', () => {
  it('offline: connections are refused, and the device answers again after the fault is cleared', async () => {
    const before = await exchange(t(0), '{"command":"version"}');
    assert.equal(before.error, undefined);
    await sim.setFault(0, 'offline');
    const refused = await exchange(t(0), '{"command":"version"}');
    assert.equal(refused.error?.code, 'ECONNREFUSED');
    await sim.setFault(0, 'none');
    assert.equal(rec(await askJson(t(0), 'version'), 'VERSION').PROD, 'AvalonMiner 15-194');
    // A device configured offline from the start never opened its port.
    assert.equal((await exchange(t(10), 'version')).error?.code, 'ECONNREFUSED');
  });

  it('overheat: chips above the cut-off, the state says so, hashing stops', async () => {
    const cutoff = sim.devices[1]!.profile.overheatC;
    const s0 = await summary(1);
    await sim.setFault(1, 'overheat');
    const hot = await mm(1);
    assert.ok(Number(hot.TMax) >= cutoff, `TMax ${hot.TMax} >= ${cutoff}`);
    assert.equal(hot.SYSTEMSTATU, 'Work: Out Over Hot, Hash Board: 3 ');
    clock.advance(60);
    const later = await mm(1);
    assert.ok(Number(later.TMax) >= cutoff);
    assert.ok(Number(later.GHSspd) < 10, `GHSspd ${later.GHSspd} decays towards 0`);
    // Two time constants later the 30 s average is down to e^-2 of its level.
    const ratio = Number((await summary(1))['MHS 30s']) / Number(s0['MHS 30s']);
    assert.ok(ratio > 0.1 && ratio < 0.16, `MHS 30s ratio ${ratio}`);
    // Home firmware has only "In Fault".
    await sim.setFault(2, 'overheat');
    assert.equal((await mm(2)).SYSTEMSTATU, 'Work: In Fault, Hash Board: 1');
  });

  it('overheat clears once the chips have cooled below the cut-off', async () => {
    await sim.setFault(1, 'none');
    clock.advance(15 * 60);
    const cooled = await mm(1);
    assert.equal(cooled.SYSTEMSTATU, 'Work: In Work, Hash Board: 3 ');
    assert.ok(Number(cooled.GHSspd) > 100_000);
  });

  it('fan-failure: fan 1 at 0 rpm while the others run; a single-fan Nano overheats', async () => {
    await sim.setFault(3, 'fan-failure');
    await sim.setFault(4, 'fan-failure');
    clock.advance(30);
    const a = await mm(3);
    assert.equal(a.Fan1, '0');
    assert.ok(Number(a.Fan2) > 1000);
    const nano = await mm(4);
    assert.equal(nano.Fan1, '0');
    clock.advance(20 * 60);
    const hot = await mm(4);
    assert.equal(hot.SYSTEMSTATU, 'Work: In Fault, Hash Board: 1');
    assert.ok(Number(hot.TMax) >= sim.devices[4]!.profile.overheatC - 15, `TMax ${hot.TMax}`);
  });

  it('board-down: one board hashes nothing and reports an ECHU code', async () => {
    const before = Number((await summary(5))['MHS 1m']);
    await sim.setFault(5, 'board-down');
    clock.advance(10 * 60);
    const m = await mm(5);
    assert.deepEqual(numbers(m.ECHU), [0, BOARD_DOWN_ECHU, 0]);
    assert.ok(numbers(m.PVT_T1).every((x) => x === 0));
    assert.equal(m.TA, String(2 * 160));
    assert.equal(m.SYSTEMSTATU, 'Work: In Work, Hash Board: 2 ');
    const after = Number((await summary(5))['MHS 1m']);
    assert.ok(Math.abs(after / before - 2 / 3) < 0.05, `rate ratio ${after / before}`);
  });

  it('pool-dead: every pool Dead, the short averages fall first, shares stop, NETFAIL records it', async () => {
    const s0 = await summary(6);
    await sim.setFault(6, 'pool-dead');
    const pools = (await askJson(t(6), 'pools')).POOLS as Json[];
    assert.deepEqual(pools.map((p) => p.Status), ['Dead', 'Dead', 'Dead']);
    assert.ok(pools.every((p) => p['Stratum Active'] === false));
    clock.advance(60);
    const s1 = await summary(6);
    const ratio = (k: string): number => Number(s1[k]) / Number(s0[k]);
    assert.ok(ratio('MHS 30s') < 0.2, `30s ${ratio('MHS 30s')}`);
    assert.ok(ratio('MHS 1m') > ratio('MHS 30s') && ratio('MHS 1m') < 0.5);
    assert.ok(ratio('MHS 15m') > 0.9, `15m ${ratio('MHS 15m')}`);
    assert.equal(s1.Accepted, s0.Accepted);
    await sim.setFault(6, 'none');
    const netfail = numbers((await mm(6)).NETFAIL);
    assert.equal(netfail.length, 8);
    assert.equal(netfail[7]! - netfail[6]!, 60, 'disconnect and reconnect 60 s apart');
  });

  it('slow-reply: the reply comes, late', async () => {
    await sim.setFault(7, 'slow-reply');
    const r = await exchange(t(7), '{"command":"version"}');
    assert.ok(r.ms >= 280, `took ${r.ms} ms`);
    const text = r.bytes.toString();
    assert.ok(text.endsWith('\0'));
    assert.equal(rec(JSON.parse(text.slice(0, -1)) as Json, 'VERSION').PROD, 'Avalon Q');
  });

  it('garbage: bytes that are not a reply', async () => {
    await sim.setFault(8, 'garbage');
    const r = await exchange(t(8), '{"command":"summary"}');
    assert.ok(r.bytes.length >= 16);
    assert.ok(!r.bytes.includes('{') && !r.bytes.includes('STATUS'));
    assert.throws(() => JSON.parse(r.bytes.toString('latin1').replace(/\0$/, '')));
  });

  it('reset: the connection is reset half-way through the reply', async () => {
    await sim.setFault(9, 'reset');
    const r = await exchange(t(9), '{"command":"estats"}');
    assert.equal(r.ended, 'error');
    assert.equal(r.error?.code, 'ECONNRESET');
    assert.ok(!r.bytes.includes(0), 'no NUL: the reply never finished');
  });
});

describe('bounded reads', () => {
  it('drops a client that connects and sends nothing', async () => {
    const r = await exchange(t(0), undefined);
    assert.equal(r.ended, 'end');
    assert.equal(r.bytes.length, 0);
    assert.ok(r.ms >= 200 && r.ms < 2000, `dropped after ${r.ms} ms`);
  });

  it('drops a client whose JSON request never completes', async () => {
    const r = await exchange(t(0), '{"command":"summ');
    assert.equal(r.ended, 'end');
    assert.equal(r.bytes.length, 0);
  });

  it('drops an oversized request without answering', async () => {
    const r = await exchange(t(0), `{"command":"${'a'.repeat(5000)}"}`);
    assert.equal(r.bytes.length, 0);
  });

  it('closes connections beyond the per-device limit at once', async () => {
    const net = await import('node:net');
    const idle = await Promise.all(
      Array.from({ length: 64 }, () => new Promise<import('node:net').Socket>((resolve) => {
        const s = net.connect(t(0), () => resolve(s));
        s.on('error', () => undefined);
      })),
    );
    try {
      await new Promise((r) => setTimeout(r, 20));
      const extra = await exchange(t(0), '{"command":"version"}');
      assert.equal(extra.bytes.length, 0);
      assert.ok(extra.ms < 200, `closed after ${extra.ms} ms`);
    } finally {
      for (const s of idle) s.destroy();
    }
  });

  it('still answers a request split across writes', async () => {
    const { host, port } = t(0);
    const net = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = net.connect({ host, port }, () => {
        s.write('{"command":');
        setTimeout(() => s.write('"version"}'), 30);
      });
      s.on('data', (c) => chunks.push(c));
      s.on('end', () => resolve(Buffer.concat(chunks).toString()));
      s.on('error', reject);
    });
    assert.match(reply, /"Code":22/);
  });
});
