// The behaviour model: determinism, rolling averages, counters, and
// temperatures that follow work mode and fan speed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SimDevice, profileById, type SimReading } from '../../../electron/core/sim/index.js';
import { ManualClock } from './helpers.js';

function device(model: string, seed = 1, clock = new ManualClock()): { dev: SimDevice; clock: ManualClock } {
  const profile = profileById(model);
  assert.ok(profile, model);
  return { dev: new SimDevice({ index: 0, host: '127.0.0.1', port: 4028, profile, seed, now: clock.now }), clock };
}

/** Runs the clock forward and returns the reading at the end. */
function after(d: { dev: SimDevice; clock: ManualClock }, seconds: number): SimReading {
  d.clock.advance(seconds);
  return d.dev.reading();
}

const sd = (xs: number[]): number => {
  const m = xs.reduce((a, x) => a + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
};

describe('determinism', () => {
  it('the same seed and clock give the same figures; another seed does not', () => {
    const a = device('a1566', 7);
    const b = device('a1566', 7);
    const c = device('a1566', 8);
    assert.equal(a.dev.dna, b.dev.dna);
    assert.notEqual(a.dev.dna, c.dev.dna);
    assert.deepEqual(after(a, 90), after(b, 90));
    assert.notDeepEqual(after(a, 10).boards[0]!.chipTempsC, after(c, 10).boards[0]!.chipTempsC);
  });

  it('figures depend on the clock, not on how often the device was polled', () => {
    const often = device('nano3s', 3);
    const once = device('nano3s', 3);
    for (let i = 0; i < 300; i++) after(often, 1);
    assert.deepEqual(after(once, 300), often.dev.reading());
  });

  it('two readings within one second agree', () => {
    const d = device('avalon-q', 4);
    const r1 = after(d, 5);
    d.clock.t += 400;
    assert.deepEqual(d.dev.reading(), r1);
  });
});

describe('hash rate and counters', () => {
  it('runs near nominal x (1 - DH), with the short window noisier than the 1-minute one', () => {
    const d = device('nano3', 2);
    const p = d.dev.profile;
    const s5: number[] = [];
    const m1: number[] = [];
    for (let i = 0; i < 3600; i++) {
      const r = after(d, 1);
      s5.push(r.ghs5s);
      m1.push(r.ghs1m);
    }
    const expected = p.nominalGhs * (1 - p.dhPercent / 100);
    const mean = m1.reduce((a, x) => a + x, 0) / m1.length;
    assert.ok(Math.abs(mean / expected - 1) < 0.05, `mean ${mean} vs ${expected}`);
    // Over an hour the ratio of the two windows' spreads settles near 1.3 for every
    // model and seed; ten minutes of samples scatter it between 1.1 and 2.7.
    assert.ok(sd(s5) > 1.15 * sd(m1), `sd 5s ${sd(s5)} vs 1m ${sd(m1)}`);
  });

  it('shares accumulate at hash rate / pool difficulty; the average follows diff-1 work over elapsed time', () => {
    const d = device('a1566', 9);
    const r0 = d.dev.reading();
    const r1 = after(d, 3600);
    const expectedShares = (r1.ghs15m * 1e9 * 3600) / 2 ** 32 / d.dev.profile.poolDiff;
    const shares = r1.accepted + r1.rejected + r1.stale - (r0.accepted + r0.rejected + r0.stale);
    assert.ok(Math.abs(shares / expectedShares - 1) < 0.2, `${shares} shares vs ${expectedShares} expected`);
    assert.ok(r1.rejected >= r0.rejected && r1.hwErrors >= r0.hwErrors);
    assert.equal(r1.elapsedS - r0.elapsedS, 3600);
    assert.ok(Math.abs(r1.ghsAvg - (r1.diff1 * 2 ** 32) / 1e9 / r1.elapsedS) < 1e-6);
    assert.ok(r1.bestShare >= r0.bestShare);
  });

  it('per-chip nonce counters (MW) only grow, at the captured rate, and stop while not hashing', () => {
    const d = device('nano3s', 10);
    const p = d.dev.profile;
    const r0 = d.dev.reading();
    const r1 = after(d, 3600);
    const m0 = r0.boards[0]!.matchedWorks;
    const m1 = r1.boards[0]!.matchedWorks;
    assert.ok(m1.every((x, i) => x >= m0[i]!));
    const grown = m1.reduce((a, x) => a + x, 0) - m0.reduce((a, x) => a + x, 0);
    const expected = p.chipsPerBoard * p.matchedWorksPerChipS * 3600;
    assert.ok(Math.abs(grown / expected - 1) < 0.25, `${grown} vs ${expected}`);
    d.dev.setFault('pool-dead');
    assert.deepEqual(after(d, 600).boards[0]!.matchedWorks, m1);
  });

  it('a long clock jump is fast-forwarded without stepping every second', () => {
    const d = device('a1246', 11);
    const r0 = d.dev.reading();
    const started = performance.now();
    const r1 = after(d, 30 * 86400);
    assert.ok(performance.now() - started < 5000);
    assert.equal(r1.elapsedS - r0.elapsedS, 30 * 86400);
    const expectedDiff1 = (d.dev.profile.nominalGhs * (1 - d.dev.profile.dhPercent / 100) * 1e9 * 30 * 86400) / 2 ** 32;
    assert.ok(Math.abs((r1.diff1 - r0.diff1) / expectedDiff1 - 1) < 0.02);
  });
});

describe('temperatures and fans', () => {
  it('automatic fan control holds the chip average at the target temperature', () => {
    const d = device('a1566', 12);
    const r = after(d, 1800);
    assert.ok(Math.abs(r.tempAvgC - r.targetTempC) <= 2, `TAvg ${r.tempAvgC} vs target ${r.targetTempC}`);
    assert.ok(r.fanDuty > d.dev.profile.minFanPercent && r.fanDuty < 100);
  });

  it('with the fan fixed, a higher work mode runs hotter and draws more power', () => {
    const low = device('nano3s', 13);
    const high = device('nano3s', 13);
    for (const d of [low, high]) d.dev.fanPercent = 50;
    low.dev.workMode = 0;
    high.dev.workMode = 2;
    const rl = after(low, 1800);
    const rh = after(high, 1800);
    assert.ok(rh.tempAvgC > rl.tempAvgC + 5, `high ${rh.tempAvgC} vs low ${rl.tempAvgC}`);
    assert.ok(rh.wallW > rl.wallW && rh.ghs15m > rl.ghs15m);
  });

  it('a faster fan cools the chips; fan speed follows the duty', () => {
    const slow = device('avalon-q', 14);
    const fast = device('avalon-q', 14);
    slow.dev.fanPercent = 30;
    fast.dev.fanPercent = 100;
    const rs = after(slow, 1800);
    const rf = after(fast, 1800);
    assert.ok(rf.tempAvgC < rs.tempAvgC - 5, `fast ${rf.tempAvgC} vs slow ${rs.tempAvgC}`);
    assert.equal(rf.fanDuty, 100);
    assert.ok(Math.abs(rf.fanRpm[0]! / fast.dev.profile.maxFanRpm - 1) < 0.02);
    assert.ok(rs.fanRpm[0]! < rf.fanRpm[0]!);
  });

  it('temperature moves towards a new equilibrium gradually (first order), not in a jump', () => {
    const d = device('a1566', 15);
    d.dev.fanPercent = 100;
    const r0 = after(d, 1800);
    d.dev.fanPercent = 40;
    const r1 = after(d, 10);
    const r2 = after(d, 1800);
    assert.ok(r2.tempAvgC > r0.tempAvgC + 10, `${r0.tempAvgC} -> ${r2.tempAvgC}`);
    // Ten seconds into a 30 s time constant: about 1 - e^(-1/3) = 28 % of the way (the fans take ~3 s to slow).
    const expected = r0.tempAvgC + (r2.tempAvgC - r0.tempAvgC) * (1 - Math.exp(-10 / 30));
    assert.ok(Math.abs(r1.tempAvgC - expected) <= 2.5, `${r0.tempAvgC} -> ${r1.tempAvgC} (expected ~${expected.toFixed(1)}) -> ${r2.tempAvgC}`);
  });

  it('the Nano 3 levels carry their captured calibrations (power, target temperature)', () => {
    const d = device('nano3', 16);
    const targets = d.dev.profile.modes.map((m) => m.targetTempC);
    assert.deepEqual(targets, [80, 85, 90]);
    d.dev.workMode = 2;
    const r = after(d, 2400);
    assert.equal(r.targetTempC, 90);
    assert.ok(Math.abs(r.tempAvgC - 90) <= 2, `TAvg ${r.tempAvgC}`);
  });
});

describe('command log', () => {
  it('keeps the most recent entries only', () => {
    const { dev } = device('a1566');
    for (let i = 0; i < 1200; i++) dev.logCommand({ at: i, command: 'summary', privileged: false });
    assert.equal(dev.commandLog.length, 1000);
    assert.equal(dev.commandLog[0]!.at, 200);
  });
});
