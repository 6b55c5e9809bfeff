// Privileged commands on the models whose firmware runs them for anyone:
// replies in the firmware's words, and state that the behaviour model uses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { REBOOT_S } from '../../../electron/core/sim/device.js';
import { ManualClock, ask, askJson, exchange, mmMap, rec, type Json } from './helpers.js';

const clock = new ManualClock();
let sim: Simulation;
const MODELS = ['nano3s', 'nano3', 'mini3', 'avalon-q', 'a1566'];
const t = (model: string): { host: string; port: number } => sim.targets[MODELS.indexOf(model)]!;
const dev = (model: string) => sim.devices[MODELS.indexOf(model)]!;

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.63.1', seed: 3, models: MODELS, now: clock.now });
});
after(() => sim.close());

async function status(model: string, command: string, parameter?: string): Promise<[unknown, unknown, unknown]> {
  const st = rec(await askJson(t(model), command, parameter), 'STATUS');
  return [st.STATUS, st.Code, st.Msg];
}

describe('ascset on MM319 / Nano 3 firmware', () => {
  it('workmode: get, set, and the source\'s refusals', async () => {
    assert.deepEqual(await status('nano3s', 'ascset', '0,workmode,get'), ['I', 118, 'ASC 0 set info: workmode 2']);
    assert.deepEqual(await status('nano3s', 'ascset', '0,workmode,set,0'), ['S', 119, 'ASC 0 set OK']);
    assert.equal(dev('nano3s').workMode, 0);
    assert.deepEqual(await status('nano3s', 'ascset', '0,workmode,set,3'), ['E', 120, 'ASC 0 set failed: error:1 not support set workmode max_mode[2]']);
    // The Nano 3S source and the Q word a malformed request differently.
    assert.deepEqual(await status('nano3s', 'ascset', '0,workmode,1'), ['E', 120, 'ASC 0 set failed: error:2 parameter error']);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,workmode,1'), ['E', 120, 'ASC 0 set failed: workmode unknown argument']);
    assert.deepEqual(await status('nano3s', 'ascset', '0,workmode'), ['E', 120, 'ASC 0 set failed: missing workmode setting']);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,loop'), ['I', 118, 'ASC 0 set info: LOOP[160 ]']);
    assert.deepEqual(await status('nano3s', 'ascset', '0,work_mode_lvl,get'), ['I', 118, 'ASC 0 set info: workmode 0 worklevel 0']);
    assert.deepEqual(await status('nano3s', 'ascset', '0,nightlamp,1-60'), ['E', 120, 'ASC 0 set failed: nightlamp is not simulated']);
  });

  it('a lower work mode lowers power and, after a while, the hash rate', async () => {
    const before = rec(await askJson(t('mini3'), 'summary'), 'SUMMARY');
    const w0 = Number(mmMap(String(rec(await askJson(t('mini3'), 'estats'), 'STATS')['MM ID0'])).PS!.split(' ')[6]);
    assert.deepEqual(await status('mini3', 'ascset', '0,work_mode_lvl,set,2,-3'), ['E', 120, 'ASC 0 set failed: worklevel unknown argument level range:-1 ~ 0']);
    assert.deepEqual(await status('mini3', 'ascset', '0,work_mode_lvl,set,2,-1'), ['S', 119, 'ASC 0 set OK']);
    clock.advance(600);
    const mm = mmMap(String(rec(await askJson(t('mini3'), 'estats'), 'STATS')['MM ID0']));
    assert.equal(mm.WORKMODE, '2');
    assert.equal(mm.WORKLEVEL, '-1');
    assert.ok(Number(mm.PS!.split(' ')[6]) < w0 * 0.7, `wall ${mm.PS} vs ${w0}`);
    const after = rec(await askJson(t('mini3'), 'summary'), 'SUMMARY');
    assert.ok(Number(after['MHS 1m']) < Number(before['MHS 1m']) * 0.7);
  });

  it('the Nano 3 sets its level with worklevel; the level is its WORKLEVEL', async () => {
    assert.deepEqual(await status('nano3', 'ascset', '0,worklevel,set,2'), ['S', 119, 'ASC 0 set OK']);
    const mm = mmMap(String(rec(await askJson(t('nano3'), 'estats'), 'STATS')['MM ID0']));
    assert.equal(mm.WORKLEVEL, '2');
    assert.equal(mm.TarT, '90');
    assert.deepEqual(await status('nano3', 'ascset', '0,workmode,get'), ['E', 120, 'ASC 0 set failed: Unknown option: workmode']);
  });

  it('fan-spd: fixed duty within 15-100, -1 back to automatic', async () => {
    assert.deepEqual(await status('avalon-q', 'ascset', '0,fan-spd,100'), ['S', 119, 'ASC 0 set OK']);
    clock.advance(20);
    const mm = mmMap(String(rec(await askJson(t('avalon-q'), 'estats'), 'STATS')['MM ID0:Summary']));
    assert.equal(mm.FanR, '100%');
    assert.deepEqual(await status('avalon-q', 'ascset', '0,fan-spd,5'), [
      'E',
      120,
      'ASC 0 set failed: invalid fan value, valid range 15-100 for stable pwm,-1 for auto adjust',
    ]);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,fan-spd,fast'), ['E', 120, 'ASC 0 set failed: No value passed to avalon-fan']);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,fan-spd,-1'), ['S', 119, 'ASC 0 set OK']);
    assert.equal(dev('avalon-q').fanPercent, 'auto');
  });

  it('malformed ascset parameters get cgminer\'s codes', async () => {
    assert.deepEqual(await status('avalon-q', 'ascset'), ['E', 15, 'Missing device id parameter']);
    assert.deepEqual(await status('avalon-q', 'ascset', '1,help'), ['E', 107, 'Invalid ASC id 1 - range is 0 - 0']);
    assert.deepEqual(await status('avalon-q', 'ascset', '0'), ['E', 116, 'Missing option after ASC number']);
  });
});

describe('pool commands', () => {
  it('switchpool moves the work to another pool; disabling the last enabled pool is refused', async () => {
    assert.deepEqual(await status('nano3s', 'switchpool', '2'), ['S', 27, "Switching to pool 2:'stratum+tcp://pool.example.com:3335'"]);
    const pools = (await askJson(t('nano3s'), 'pools')).POOLS as Json[];
    assert.deepEqual(pools.map((p) => [p.Priority, p['Stratum Active']]), [[1, false], [2, false], [0, true]]);
    assert.deepEqual(await status('nano3s', 'disablepool', '0'), ['S', 48, "Disabling pool 0:'stratum+tcp://pool.example.com:3333'"]);
    assert.deepEqual(await status('nano3s', 'disablepool', '0'), ['I', 50, "Pool 0:'stratum+tcp://pool.example.com:3333' already disabled"]);
    assert.deepEqual(await status('nano3s', 'disablepool', '1'), ['S', 48, "Disabling pool 1:'stratum+tcp://pool.example.com:3334'"]);
    assert.deepEqual(await status('nano3s', 'disablepool', '2'), ['E', 51, "Cannot disable last active pool 2:'stratum+tcp://pool.example.com:3335'"]);
    assert.deepEqual(await status('nano3s', 'enablepool', '0'), ['S', 47, "Enabling pool 0:'stratum+tcp://pool.example.com:3333'"]);
    assert.deepEqual(await status('nano3s', 'poolpriority', '0,2'), ['S', 73, 'Changed pool priorities']);
    const after = (await askJson(t('nano3s'), 'pools')).POOLS as Json[];
    assert.deepEqual(after.map((p) => [p.Priority, p.Status, p['Stratum Active']]), [[0, 'Alive', true], [2, 'Disabled', false], [1, 'Alive', false]]);
    assert.deepEqual(await status('nano3s', 'switchpool', '7'), ['E', 26, 'Invalid pool id 7 - range is 0 - 2']);
    assert.deepEqual(await status('nano3s', 'poolpriority', '1,1'), ['E', 74, 'Duplicate pool specified 1']);
    assert.deepEqual(await status('nano3s', 'poolpriority', '1,x'), ['E', 26, 'Invalid pool id x - range is 0 - 2']);
  });

  it('the A-series refuses them all and nothing changes', async () => {
    const config = (): string => JSON.stringify(dev('a1566').pools.map((p) => [p.url, p.priority, p.enabled]));
    const before = config();
    for (const [cmd, param] of [['switchpool', '1'], ['disablepool', '0'], ['poolpriority', '2,1,0'], ['ascset', '0,workmode,set,0']]) {
      assert.deepEqual(await status('a1566', cmd!, param), ['E', 45, `Access denied to '${cmd}' command`]);
    }
    assert.equal(config(), before);
    assert.equal(dev('a1566').workMode, 1);
  });
});

describe('reboots', () => {
  it('ascset reboot: the API goes away, then the device starts over', async () => {
    const before = rec(await askJson(t('avalon-q'), 'summary'), 'SUMMARY');
    assert.ok(Number(before.Elapsed) > 600);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,reboot,301'), ['E', 120, 'ASC 0 set failed: reboot value should be 0~300 seconds']);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,reboot,0'), ['S', 119, 'ASC 0 set OK']);
    const during = await exchange(t('avalon-q'), '{"command":"summary"}');
    assert.equal(during.bytes.length, 0);
    assert.ok(during.error !== undefined, 'the connection is not answered while rebooting');
    clock.advance(REBOOT_S + 30);
    const after = rec(await askJson(t('avalon-q'), 'summary'), 'SUMMARY');
    assert.ok(Number(after.Elapsed) <= 31, `Elapsed ${after.Elapsed}`);
    assert.ok(Number(after.Accepted) < Number(before.Accepted));
    assert.ok(Number(after['MHS 1m']) > 0, 'hashing again');
  });

  it('the Nano 3 reboots with reboot,all', async () => {
    assert.deepEqual(await status('nano3', 'ascset', '0,reboot,all'), ['S', 119, 'ASC 0 set OK']);
    assert.equal((await exchange(t('nano3'), 'version')).bytes.length, 0);
    clock.advance(REBOOT_S);
    assert.match(await ask(t('nano3'), 'version'), /PROD=Avalon0o/);
  });

  it('an A-series with write access answers restart with the bare RESTART word', async () => {
    dev('a1566').writeAccess = true;
    try {
      assert.equal(await ask(t('a1566'), '{"command":"restart"}'), '{"STATUS":"RESTART","id":1}');
      clock.advance(REBOOT_S);
      assert.equal(await ask(t('a1566'), 'restart'), 'RESTART|');
      clock.advance(REBOOT_S);
    } finally {
      dev('a1566').writeAccess = false;
    }
  });
});
