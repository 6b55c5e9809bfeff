// The tuning commands the simulator models beyond work mode, fan and pools:
// voltage, frequency, LEDs, setpool, the A-series' options once write access
// is given, forced access denial, and a short configurable reboot.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { SIM_WEB_PASSWORD, SIM_WEB_USER } from '../../../electron/core/sim/device.js';
import { ManualClock, askJson, exchange, mmMap, rec } from './helpers.js';

const clock = new ManualClock();
let sim: Simulation;
const MODELS = ['nano3s', 'nano3', 'mini3', 'avalon-q', 'a1566'];
const t = (model: string): { host: string; port: number } => sim.targets[MODELS.indexOf(model)]!;
const dev = (model: string) => sim.devices[MODELS.indexOf(model)]!;

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.91.101', seed: 8, models: MODELS, now: clock.now, rebootS: 20 });
});
after(() => sim.close());

async function status(model: string, command: string, parameter?: string): Promise<[unknown, unknown, unknown]> {
  const st = rec(await askJson(t(model), command, parameter), 'STATUS');
  return [st.STATUS, st.Code, st.Msg];
}

async function mm(model: string): Promise<Record<string, string>> {
  const stats = rec(await askJson(t(model), 'estats'), 'STATS');
  return mmMap(String(stats['MM ID0'] ?? stats['MM ID0:Summary']));
}

describe('MM319 voltage and frequency', () => {
  it('voltage: the Q range, its own error text outside it', async () => {
    assert.deepEqual(await status('avalon-q', 'ascset', '0,voltage,2300'), ['S', 119, 'ASC 0 set OK']);
    assert.equal(dev('avalon-q').voltage, 2300);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,voltage,2149'), ['E', 120, 'ASC 0 set failed: Setting invalid: voltage range 2150~2600']);
    assert.deepEqual(await status('avalon-q', 'ascset', '0,voltage,2601'), ['E', 120, 'ASC 0 set failed: Setting invalid: voltage range 2150~2600']);
    assert.equal(dev('avalon-q').voltage, 2300);
  });

  it('frequency: four points move the hash rate; above 1195 MHz is refused', async () => {
    const w0 = Number((await mm('nano3s')).PS!.split(' ')[6]);
    assert.deepEqual(await status('nano3s', 'ascset', '0,frequency,200:200:200:200'), ['S', 119, 'ASC 0 set OK']);
    clock.advance(120);
    const after = await mm('nano3s');
    assert.equal(after.SF0, '200 200 200 200');
    assert.ok(Number(after.PS!.split(' ')[6]) < w0, `power ${after.PS} vs ${w0}`);
    assert.deepEqual(await status('nano3s', 'ascset', '0,frequency,500:500:500:1196'), ['E', 120, 'ASC 0 set failed: Setting invalid: frequency max 1195']);
    assert.deepEqual(await status('nano3s', 'ascset', '0,frequency,500'), ['E', 120, 'ASC 0 set failed: frequency unknown argument']);
    // A work mode change recalibrates: the hand-set frequency is dropped.
    assert.deepEqual(await status('nano3s', 'ascset', '0,workmode,set,1'), ['S', 119, 'ASC 0 set OK']);
    assert.equal(dev('nano3s').pllOverride, undefined);
  });
});

describe('LEDs', () => {
  it('Nano 3S ledset answers info and shows in LEDUser', async () => {
    assert.deepEqual(await status('nano3s', 'ascset', '0,ledset,2-80-100-255-0-0'), ['I', 118, 'ASC 0 set info: led set ok']);
    assert.equal((await mm('nano3s')).LEDUser, '2-80-100-255-0-0');
    assert.deepEqual(await status('nano3s', 'ascset', '0,ledset,9-80-100-255-0-0'), ['E', 120, 'ASC 0 set failed: ledset unknown argument']);
    assert.deepEqual(await status('nano3s', 'ascset', '0,led,1-1'), ['E', 120, 'ASC 0 set failed: Unknown option: led']);
  });

  it('Nano 3 led setmode shows in Led[]', async () => {
    assert.deepEqual(await status('nano3', 'ascset', '0,led,setmode,2'), ['I', 118, 'ASC 0 set info: led setmode ok']);
    assert.equal((await mm('nano3')).Led, '2');
    assert.deepEqual(await status('nano3', 'ascset', '0,led,setmode,5'), ['E', 120, 'ASC 0 set failed: led unknown argument']);
  });
});

describe('write access', () => {
  it('an A-series runs its options once given write access', async () => {
    assert.deepEqual(await status('a1566', 'ascset', '0,worklevel,set,1'), ['E', 45, "Access denied to 'ascset' command"]);
    sim.setWriteAccess(MODELS.indexOf('a1566'), true);
    try {
      assert.deepEqual(await status('a1566', 'ascset', '0,worklevel,set,2'), ['S', 119, 'ASC 0 set OK']);
      assert.equal(dev('a1566').workLevel, 2);
      assert.deepEqual(await status('a1566', 'ascset', '0,worklevel,set,3'), ['E', 120, 'ASC 0 set failed: worklevel unknown argument']);
      assert.deepEqual(await status('a1566', 'ascset', '0,led,1-1'), ['S', 119, 'ASC 0 set OK']);
      assert.equal((await mm('a1566')).Led, '1');
      const off = await status('a1566', 'ascset', '0,softoff,1:1767614405');
      assert.deepEqual(off, ['I', 118, 'ASC 0 set info: success softoff:1767614405']);
      clock.advance(5);
      assert.match((await mm('a1566')).SYSTEMSTATU!, /^Work: In Idle/);
      assert.deepEqual(await status('a1566', 'ascset', '0,softon,1:1767614410'), ['I', 118, 'ASC 0 set info: success softon:1767614410']);
      clock.advance(5);
      assert.match((await mm('a1566')).SYSTEMSTATU!, /^Work: In Work/);
    } finally {
      sim.setWriteAccess(MODELS.indexOf('a1566'), false);
    }
  });

  it('any model can be made to answer access denied', async () => {
    sim.setWriteAccess(MODELS.indexOf('mini3'), false);
    try {
      assert.deepEqual(await status('mini3', 'ascset', '0,workmode,set,0'), ['E', 45, "Access denied to 'ascset' command"]);
      assert.deepEqual(await status('mini3', 'summary').then((s) => s[0]), 'S');
    } finally {
      sim.setWriteAccess(MODELS.indexOf('mini3'), true);
    }
  });
});

describe('setpool', () => {
  const webHash = (pw: string): string => createHash('sha256').update(pw).digest('hex');

  it('Nano 3S: checks the web login, then uses the slot after a reboot', async () => {
    const base = `${SIM_WEB_USER},${SIM_WEB_PASSWORD}`;
    assert.deepEqual(await status('nano3s', 'setpool', `admin,${SIM_WEB_PASSWORD},0,stratum+tcp://a.example:3333,w`), ['E', 132, 'Pool set error: username err']);
    assert.deepEqual(await status('nano3s', 'setpool', `${SIM_WEB_USER},nope,0,stratum+tcp://a.example:3333,w`), ['E', 132, 'Pool set error: userpass err']);
    assert.deepEqual(await status('nano3s', 'setpool', `${base},3,stratum+tcp://a.example:3333,w`), ['E', 132, 'Pool set error: pool num must between 0 and 2 , your input is 3']);
    assert.deepEqual(await status('nano3s', 'setpool', `${base},1`), ['E', 132, 'Pool set error: we need 5 | 6 arguments, your input is 3 arguments.']);
    const ok = await status('nano3s', 'setpool', `${base},1,stratum+tcp://b.example:3333,rig.1,s3cret`);
    assert.deepEqual(ok, [
      'S',
      133,
      'Pool set info: \npool 1 success set to stratum+tcp://b.example:3333\nworker is rig.1\nworkerpassword is s3cret\nPlease reboot miner to make config work.\n',
    ]);
    assert.notEqual(dev('nano3s').pools[1]!.url, 'stratum+tcp://b.example:3333');
    assert.deepEqual(await status('nano3s', 'ascset', '0,reboot,0'), ['S', 119, 'ASC 0 set OK']);
    assert.equal((await exchange(t('nano3s'), 'version')).bytes.length, 0);
    clock.advance(21);
    const pools = (await askJson(t('nano3s'), 'pools')).POOLS as Array<Record<string, unknown>>;
    assert.equal(pools[1]!.URL, 'stratum+tcp://b.example:3333');
    assert.equal(pools[1]!.User, 'rig.1');
    // The reboot took rebootS (20 s here), and uptime started over.
    assert.ok(Number(rec(await askJson(t('nano3s'), 'summary'), 'SUMMARY').Elapsed) <= 2);
  });

  it('Nano 3: the password field is the hashed credential', async () => {
    const cred = `ff0000ff${webHash(SIM_WEB_PASSWORD).slice(0, 24)}`;
    assert.deepEqual(await status('nano3', 'setpool', `root,${SIM_WEB_PASSWORD},0,stratum+tcp://c.example:3333,w,x`), ['E', 132, 'Pool set error: userpass err']);
    const [st, code] = await status('nano3', 'setpool', `root,${cred},0,stratum+tcp://c.example:3333,w,x`);
    assert.deepEqual([st, code], ['S', 133]);
  });
});
