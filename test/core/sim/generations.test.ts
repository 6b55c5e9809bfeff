// The A10 series and the controller era (A8/A9 rigs with several modules):
// their replies follow the documented formats, the app's own parsers read
// them back into the right model and the simulator's figures, and their
// privileged commands change the simulated state as the sources describe.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identifyAvalon } from '../../../electron/core/avalon/identify.js';
import { buildSnapshot } from '../../../electron/core/avalon/snapshot.js';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { SIM_WEB_PASSWORD, SIM_WEB_USER } from '../../../electron/core/sim/device.js';
import { ManualClock, ask, askJson, mmMap, mmTokens, numbers, rec, type Json } from './helpers.js';

const clock = new ManualClock();
const MODELS = ['a1066', 'a851', 'a921', 'a911'];
let sim: Simulation;

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.64.1', seed: 31, models: MODELS, now: clock.now, rebootS: 30 });
  clock.advance(120);
});
after(() => sim.close());

const i = (id: string): number => MODELS.indexOf(id);
const target = (id: string) => sim.targets[i(id)]!;
const dev = (id: string) => sim.devices[i(id)]!;
const status = (reply: Json): Json => rec(reply, 'STATUS');

async function snapshot(id: string) {
  const joined = await askJson(target(id), 'version+summary+pools+devs+estats');
  const part = (cmd: string): Json => (joined[cmd] as Json[])[0]!;
  return buildSnapshot({ version: part('version'), summary: part('summary'), pools: part('pools'), devs: part('devs'), estats: part('estats') }, clock.now());
}

async function driverString(id: string, key = 'MM ID0'): Promise<string> {
  return String(rec(await askJson(target(id), 'estats'), 'STATS')[key]);
}

describe('A10 series (A1066)', () => {
  it('estats keeps the A10 manual example\'s token order', async () => {
    const keys = mmTokens(await driverString('a1066')).map(([k]) => k);
    // The manual's A1066 example, with its per-board tokens for three boards (HS_RCD history records are not simulated).
    const manual = [
      'Ver', 'DNA', 'NETFAIL', 'SYSTEMSTATU', 'Elapsed', 'MW', 'LW', 'MH', 'HW', 'DH', 'Temp', 'TMax', 'TAvg',
      'Fan1', 'Fan2', 'Fan3', 'Fan4', 'FanR', 'Vo', 'PS', 'PLL0', 'PLL1', 'PLL2', 'GHSmm', 'GHSavg', 'WU', 'Freq', 'Led',
      'MGHS', 'MTmax', 'MTavg', 'TA', 'ECHU', 'ECMM', 'SF0', 'SF1', 'SF2', 'PVT_T0', 'PVT_T1', 'PVT_T2', 'PVT_V0', 'PVT_V1',
      'PVT_V2', 'MW0', 'MW1', 'MW2', 'CRC', 'POW_I2C_CONN', 'MEMFREE', 'FACOPTS0', 'FACOPTS1', 'WORKMODE',
    ];
    assert.deepEqual(keys, manual);
    const mm = mmMap(await driverString('a1066'));
    assert.match(mm['Ver']!, /^1066-19101244_fe411a8_71edeca$/);
    assert.equal(mm['ECHU'], '512 512 512');
    assert.equal(numbers(mm['PS']).length, 6);
    assert.match(mm['MEMFREE']!, /^\d+ B$/);
    const version = rec(await askJson(target('a1066'), 'version'), 'VERSION');
    assert.deepEqual(Object.keys(version), ['CGMiner', 'API', 'PROD', 'MODEL', 'HWTYPE', 'SWTYPE', 'VERSION', 'DNA', 'MAC', 'UPAPI']);
    assert.ok(rec(await askJson(target('a1066'), 'summary'), 'SUMMARY')['MHS 30s'] !== undefined);
    assert.equal(((await askJson(target('a1066'), 'pools'))['POOLS'] as Json[]).length, 1);
  });

  it('parses into an A1066 whose figures match the simulator; power is PS[4] (no wall slot)', async () => {
    const snap = await snapshot('a1066');
    const r = dev('a1066').reading();
    assert.deepEqual(snap.warnings, []);
    assert.equal(snap.identity.modelId, 'a1066');
    const m = snap.modules[0]!;
    assert.equal(m.state, 'work');
    assert.equal(m.workMode, 1);
    assert.equal(m.powerW, r.boardW);
    assert.deepEqual(m.fansRpm, r.fanRpm);
    assert.equal(m.fansRpm.length, 4);
    assert.equal(m.fanPercent, r.fanDuty);
    assert.deepEqual(m.errorCodes.echu, [512, 512, 512]);
    assert.equal(m.boards.length, 3);
    for (const b of m.boards) assert.deepEqual(b.chipTempsC, r.boards[b.index]!.chipTempsC);
    assert.ok(Math.abs((snap.summary.ghs1m ?? 0) - r.ghs1m) < 0.01);
  });

  it('workmode answers WORKMODE[n] at once and takes effect at the next boot', async () => {
    const before = dev('a1066').reading();
    const set = await askJson(target('a1066'), 'ascset', '0,workmode,0');
    assert.deepEqual([status(set)['STATUS'], status(set)['Code'], status(set)['Msg']], ['I', 118, 'ASC 0 set info: WORKMODE[0]']);
    assert.equal(status(await askJson(target('a1066'), 'ascset', '0,workmode,255'))['Msg'], 'ASC 0 set info: WORKMODE[0]');
    assert.equal(mmMap(await driverString('a1066'))['WORKMODE'], '1', 'still the old mode until a reboot');
    assert.equal(status(await askJson(target('a1066'), 'ascset', '0,workmode,2'))['Msg'], 'ASC 0 set failed: workmode unknown argument');
    assert.equal(status(await askJson(target('a1066'), 'ascset', '0,reboot,0'))['Code'], 119);
    clock.advance(5);
    assert.equal((await askJson(target('a1066'), 'version').catch((e: unknown) => e)) instanceof Error, true, 'away while rebooting');
    clock.advance(30 + 600);
    assert.equal(mmMap(await driverString('a1066'))['WORKMODE'], '0');
    const afterR = dev('a1066').reading();
    assert.ok(afterR.ghs5m < before.ghs5m * 0.9 && afterR.wallW < before.wallW * 0.9, `${afterR.ghs5m} vs ${before.ghs5m}`);
  });

  it('reboot with a stale When guard answers Wrong parameter', async () => {
    const r = await askJson(target('a1066'), 'ascset', `0,reboot,${dev('a1066').reading().when + 1000}`);
    assert.equal(status(r)['Msg'], 'ASC 0 set failed: Wrong parameter');
  });

  it('led: 1-1 sets (S 119), 1-255 queries LED[n]', async () => {
    assert.equal(status(await askJson(target('a1066'), 'ascset', '0,led,1-1'))['Msg'], 'ASC 0 set OK');
    assert.equal(status(await askJson(target('a1066'), 'ascset', '0,led,1-255'))['Msg'], 'ASC 0 set info: LED[1]');
    assert.equal(mmMap(await driverString('a1066'))['Led'], '1');
  });

  it('setpool checks the web login and replaces the single pool after a reboot', async () => {
    const bad = await askJson(target('a1066'), 'ascset', `0,setpool,${SIM_WEB_USER},wrong,stratum+tcp://pool.example.net:3333,w.1,x`);
    assert.equal(status(bad)['Msg'], 'ASC 0 set failed: userpass err');
    const okReply = await askJson(target('a1066'), 'ascset', `0,setpool,${SIM_WEB_USER},${SIM_WEB_PASSWORD},stratum+tcp://pool.example.net:3333,w.1,x`);
    assert.equal(status(okReply)['Code'], 118);
    assert.match(String(status(okReply)['Msg']), /pool success set to stratum\+tcp:\/\/pool\.example\.net:3333\nworker is w\.1\nworkerpassword is x\nPlease reboot miner to make config work\./);
    dev('a1066').reboot(0);
    clock.advance(31);
    const pool = rec(await askJson(target('a1066'), 'pools'), 'POOLS');
    assert.deepEqual([pool['URL'], pool['User']], ['stratum+tcp://pool.example.net:3333', 'w.1']);
  });
});

describe('controller era (A851, A921 and A911 rigs)', () => {
  it('version is upstream cgminer\'s; stats carry one MM ID per module and the AUC fields', async () => {
    assert.deepEqual(Object.keys(rec(await askJson(target('a851'), 'version'), 'VERSION')), ['CGMiner', 'API']);
    const stats = rec(await askJson(target('a851'), 'stats'), 'STATS');
    assert.equal(stats['ID'], 'AV80');
    assert.deepEqual(Object.keys(stats).filter((k) => k.startsWith('MM ID')), ['MM ID1', 'MM ID2', 'MM ID3']);
    assert.deepEqual([stats['MM Count'], stats['Connecter'], stats['AUC VER'], stats['Nonce Mask']], [3, 'AUC', 'AUC-20151208', 29]);
    const keys = mmTokens(String(stats['MM ID2'])).map(([k]) => k);
    // AVA8 api_stats without --debug; DH because this is an 851.
    assert.deepEqual(keys, ['Ver', 'DNA', 'Elapsed', 'MW', 'LW', 'MH', 'HW', 'DH', 'Temp', 'TMax', 'Fan', 'FanR', 'Vi', 'Vo', 'GHSmm', 'WU', 'Freq', 'PG', 'Led', 'MW0', 'MW1', 'MW2', 'MW3', 'TA', 'ECHU', 'ECMM', 'FM', 'CRC']);
    assert.equal(rec(await askJson(target('a921'), 'stats'), 'STATS')['ID'], 'AV90');
    const text = await ask(target('a851'), 'estats');
    assert.match(text, /,MM ID1=Ver\[8511905-3c5e12a\] DNA\[/);
  });

  for (const [id, modules, boards] of [['a851', 3, 4], ['a921', 3, 4], ['a911', 2, 6]] as const) {
    it(`${id}: identified from the module Ver in stats; per-module figures match`, async () => {
      const snap = await snapshot(id);
      const r = dev(id).reading();
      assert.deepEqual(snap.warnings, []);
      assert.equal(snap.identity.modelId, id);
      assert.equal(snap.identity.product, undefined);
      assert.equal(snap.modules.length, modules);
      // Discovery's check: `version` alone does not say Avalon; with stats it does.
      const version = await askJson(target(id), 'version');
      assert.equal(identifyAvalon(version), null);
      assert.equal(identifyAvalon(version, await askJson(target(id), 'stats'))?.modelId, id);
      snap.modules.forEach((m, k) => {
        const mr = r.modules[k]!;
        assert.equal(m.key, `MM ID${k + 1}`);
        assert.equal(m.elapsedS, mr.elapsedS);
        assert.equal(m.fanPercent, r.fanDuty);
        assert.deepEqual(m.fansRpm, [r.fanRpm[k]]);
        assert.equal(m.boards.length, boards);
        assert.deepEqual(m.errorCodes.echu, mr.boards.map((b) => r.boards[b]!.echu));
        const ghsMm = mr.boards.reduce((a, b) => a + r.boards[b]!.ghsMm, 0);
        assert.ok(Math.abs((m.ghsMm ?? 0) - ghsMm) < 0.01, `${m.ghsMm} vs ${ghsMm}`);
      });
      assert.equal(snap.summary.accepted, r.accepted);
      assert.equal(snap.pools.length, 3);
    });
  }

  it('writes are access denied (code 45) until the controller allows this client', async () => {
    const denied = await askJson(target('a851'), 'ascset', '0,led,1-1');
    assert.deepEqual([status(denied)['STATUS'], status(denied)['Code'], status(denied)['Msg']], ['E', 45, "Access denied to 'ascset' command"]);
    assert.equal(status(await askJson(target('a851'), 'addpool', 'stratum+tcp://p.example:1,w,x'))['Code'], 45);
    assert.equal(rec(await askJson(target('a851'), 'check', 'addpool'), 'CHECK')['Access'], 'N');
    for (const id of ['a851', 'a921', 'a911']) sim.setWriteAccess(i(id), true);
    assert.equal(rec(await askJson(target('a851'), 'check', 'addpool'), 'CHECK')['Access'], 'Y');
  });

  it('fan: a fixed duty, a range, out of range refused in the driver\'s words', async () => {
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,fan,40-40'))['Msg'], 'ASC 0 set OK');
    clock.advance(10);
    assert.equal(mmMap(await driverString('a851', 'MM ID1'))['FanR'], '40%');
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,fan,60-20'))['Msg'], 'ASC 0 set failed: invalid fan value, valid range 0-100');
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,fan'))['Msg'], 'ASC 0 set failed: missing fan value');
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,fan,70-90'))['Code'], 119);
    clock.advance(60);
    const duty = Number(mmMap(await driverString('a851', 'MM ID1'))['FanR']!.replace('%', ''));
    assert.ok(duty >= 70 && duty <= 90, `automatic duty ${duty} within 70-90`);
  });

  it('led per module; an absent module is refused; no state toggles', async () => {
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,led,2-1'))['Code'], 119);
    const stats = rec(await askJson(target('a851'), 'estats'), 'STATS');
    assert.deepEqual(['MM ID1', 'MM ID2', 'MM ID3'].map((k) => mmMap(String(stats[k]))['Led']), ['0', '1', '0']);
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,led,5-1'))['Msg'], 'ASC 0 set failed: the current module was disabled 5');
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,led,9-1'))['Msg'], 'ASC 0 set failed: invalid module_id: 9, valid range 1-7');
    await askJson(target('a851'), 'ascset', '0,led,2');
    assert.equal(dev('a851').moduleLed[1], 0);
  });

  it('frequency: one value on the A8, seven points on the A9, four on the A911; the hash rate follows', async () => {
    const before = dev('a851').reading().ghsMm;
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,frequency,1250'))['Msg'], 'ASC 0 set failed: Invalid value passed to set_avalon8_device_freq');
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,frequency,650'))['Code'], 119);
    assert.deepEqual(dev('a851').pllOverride, [650, 650, 650, 650]);
    assert.ok(dev('a851').reading().ghsMm < before * 0.85);
    assert.equal(status(await askJson(target('a921'), 'ascset', '0,frequency,700'))['Msg'], 'ASC 0 set failed: Invalid value passed to set_avalon9_device_freq');
    assert.equal(status(await askJson(target('a921'), 'ascset', '0,frequency,700:700:700:700:700:700:700'))['Code'], 119);
    assert.equal(dev('a921').pllOverride?.length, 7);
    assert.equal(status(await askJson(target('a911'), 'ascset', '0,frequency,700:700:700:700'))['Code'], 119);
  });

  it('voltage-level within each driver\'s range; target-temp only on the A911', async () => {
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,voltage-level,-3'))['Code'], 119);
    assert.equal(dev('a851').voltageLevel, -3);
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,voltage-level,16'))['Msg'], 'ASC 0 set failed: Invalid value passed to set_avalon8_device_voltage_level');
    assert.equal(status(await askJson(target('a911'), 'ascset', '0,voltage-level,35'))['Code'], 119);
    assert.equal(status(await askJson(target('a911'), 'ascset', '0,target-temp,75'))['Code'], 119);
    assert.equal(dev('a911').targetTempC, 75);
    assert.equal(status(await askJson(target('a921'), 'ascset', '0,target-temp,75'))['Msg'], 'ASC 0 set failed: Unknown option: target-temp');
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,help'))['Msg'], 'ASC 0 set help: pdelay|fan|frequency|led|voltage');
  });

  it('reboot,<module> restarts that module only: it leaves stats, then returns with a fresh Elapsed', async () => {
    const summaryBefore = rec(await askJson(target('a851'), 'summary'), 'SUMMARY')['Elapsed'] as number;
    assert.equal(status(await askJson(target('a851'), 'ascset', '0,reboot,2'))['Code'], 119);
    clock.advance(5);
    const during = rec(await askJson(target('a851'), 'estats'), 'STATS');
    assert.deepEqual(Object.keys(during).filter((k) => k.startsWith('MM ID')), ['MM ID1', 'MM ID3']);
    assert.equal(during['MM Count'], 2);
    clock.advance(40);
    const back = rec(await askJson(target('a851'), 'estats'), 'STATS');
    assert.equal(back['MM Count'], 3);
    assert.ok(Number(mmMap(String(back['MM ID2']))['Elapsed']) <= 15);
    assert.ok(Number(mmMap(String(back['MM ID1']))['Elapsed']) > 1000);
    const summaryAfter = rec(await askJson(target('a851'), 'summary'), 'SUMMARY')['Elapsed'] as number;
    assert.equal(summaryAfter, summaryBefore + 45, 'the controller kept running');
  });

  it('upstream pool commands: add, remove with cgminer\'s refusals', async () => {
    const add = await askJson(target('a921'), 'addpool', 'stratum+tcp://pool.example.org:3333,rig.1,p\\,w');
    assert.deepEqual([status(add)['Code'], status(add)['Msg']], [55, "Added pool 3: 'stratum+tcp://pool.example.org:3333'"]);
    assert.equal(dev('a921').pools[3]!.password, 'p,w');
    assert.equal(status(await askJson(target('a921'), 'addpool', 'stratum+tcp://x.example:1'))['Code'], 53);
    assert.equal(status(await askJson(target('a921'), 'removepool', '0'))['Msg'], "Cannot remove active pool 0:'stratum+tcp://pool.example.com:3333'");
    const rm = await askJson(target('a921'), 'removepool', '1');
    assert.deepEqual([status(rm)['Code'], status(rm)['Msg']], [68, "Removed pool 1:'stratum+tcp://pool.example.com:3334'"]);
    const pools = (await askJson(target('a921'), 'pools'))['POOLS'] as Json[];
    assert.deepEqual(pools.map((p) => [p['POOL'], p['Priority']]), [[0, 0], [1, 1], [2, 2]]);
  });
});
