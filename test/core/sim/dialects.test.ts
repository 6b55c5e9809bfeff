// Each simulated model answers with the structure of its real captures:
// same sections, keys, key order, `MM ID0` token order and number formats.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulation, type Simulation } from '../../../electron/core/sim/index.js';
import { ManualClock, ask, askJson, captureJson, mmMap, mmTokens, readCapture, rec, type Json } from './helpers.js';

const MODELS = ['a1566', 'nano3s', 'avalon-q', 'mini3', 'nano3', 'a1466', 'a1366', 'a1246'];
const clock = new ManualClock();
let sim: Simulation;
const target = (model: string): { host: string; port: number } => sim.targets[MODELS.indexOf(model)]!;

before(async () => {
  sim = await startSimulation({ count: MODELS.length, base: '127.0.20.1', seed: 42, models: MODELS, now: clock.now });
});
after(() => sim.close());

const keysOf = (o: Json): string[] => Object.keys(o);
const mmKeys = (s: string): string[] => mmTokens(s).map(([k]) => k);
const statsOf = (reply: Json): Json => rec(reply, 'STATS', 0);

/** The `MM ID0` value of a text stats capture (e-mail line breaks and double spaces undone). */
function textMmId(capture: string): string {
  const joined = capture.replace(/\r?\n/g, ' ').replace(/MM\s+ID0=/, 'MM ID0=').replace(/ {2,}/g, ' ');
  const start = joined.indexOf('MM ID0=') + 'MM ID0='.length;
  const end = joined.indexOf(',MM Count=');
  return joined.slice(start, end > 0 ? end : undefined);
}

describe('A1566 (AvalonMiner 15-194) follows its capture', () => {
  it('version has the captured keys in order and the model identity', async () => {
    const v = rec(await askJson(target('a1566'), 'version'), 'VERSION');
    assert.deepEqual(keysOf(v), keysOf(rec(captureJson('a1566-version.json'), 'VERSION')));
    assert.equal(v.PROD, 'AvalonMiner 15-194');
    assert.equal(v.MODEL, '15-194');
    assert.match(String(v.DNA), /^[0-9a-f]{16}$/);
    assert.match(String(v.MAC), /^[0-9a-f]{12}$/);
  });

  it('devs, pools and stats have the captured keys, sections and status codes', async () => {
    const devs = await askJson(target('a1566'), 'devs');
    assert.deepEqual(keysOf(rec(devs, 'DEVS')), keysOf(rec(captureJson('a1566-devs.json'), 'DEVS')));
    assert.equal(rec(devs, 'STATUS').Code, 9);
    const pools = await askJson(target('a1566'), 'pools');
    assert.deepEqual(keysOf(rec(pools, 'POOLS')), keysOf(rec(captureJson('a1566-pools.json'), 'POOLS')));
    assert.equal(rec(pools, 'STATUS').Msg, '3 Pool(s)');
    const stats = await askJson(target('a1566'), 'stats');
    const capStats = captureJson('a1566-stats.json');
    assert.equal((stats.STATS as unknown[]).length, (capStats.STATS as unknown[]).length);
    assert.deepEqual(keysOf(statsOf(stats)), keysOf(statsOf(capStats)));
    assert.deepEqual(keysOf(rec(stats, 'STATS', 1)), keysOf(rec(capStats, 'STATS', 1)));
    assert.equal(statsOf(stats).ID, 'AVA100');
    const estats = await askJson(target('a1566'), 'estats');
    assert.equal((estats.STATS as unknown[]).length, 1, 'estats has no pool elements');
  });

  it('MM ID0 has every captured token, in the captured order, with the captured formats', async () => {
    const mm = String(statsOf(await askJson(target('a1566'), 'estats'))['MM ID0']);
    const cap = String(statsOf(captureJson('a1566-estats.json'))['MM ID0']);
    assert.deepEqual(mmKeys(mm), mmKeys(cap));
    const t = mmMap(mm);
    assert.match(t.SYSTEMSTATU!, /^Work: In Work, Hash Board: 3 $/);
    assert.match(t.DH!, /^\d+\.\d{3}%$/);
    assert.match(t.FanR!, /^\d+%$/);
    assert.match(t.GHSspd!, /^\d+\.\d{2}$/);
    assert.match(t.MVavg!, /^\d+\.\d \d+\.\d \d+\.\d$/);
    // Per-chip temperatures are printed "%3d": a leading space and double spaces between two-digit values.
    assert.match(t.PVT_T0!, /^ \d\d {2}\d\d/);
    assert.equal(t.PVT_T0!.trim().split(/\s+/).length, 160);
    assert.equal(t.PS!.split(' ').length, 7);
    assert.equal(t.WALLPOWER, t.PS!.split(' ')[6]);
  });

  it('prints numbers with cgminer formats on the wire', async () => {
    const raw = await ask(target('a1566'), '{"command":"summary"}');
    assert.match(raw, /"MHS av":\d+\.\d{2},/);
    assert.match(raw, /"MHS 30s":\d+\.\d{2},/);
    assert.match(raw, /"Difficulty Accepted":\d+\.\d{8},/);
    assert.match(raw, /"Device Hardware%":\d+\.\d{4},/);
    assert.match(raw, /"Total MH":\d+\.\d{4},/);
    assert.match(raw, /^\{"STATUS":\[\{"STATUS":"S","When":\d+,"Code":11,"Msg":"Summary","Description":"cgminer 4.11.1"\}\],"SUMMARY":\[\{/);
    assert.match(raw, /,"id":1\}$/);
    const stats = await ask(target('a1566'), '{"command":"stats"}');
    assert.match(stats, /"Wait":0\.000000,"Max":0\.000000,"Min":99999999\.000000/);
    const devs = await ask(target('a1566'), '{"command":"devs"}');
    assert.match(devs, /"Temperature":-273\.00,/);
  });
});

describe('home models follow theirs', () => {
  it('Nano 3S: MM ID0 tokens in the order of the captured string', async () => {
    const mm = String(statsOf(await askJson(target('nano3s'), 'estats'))['MM ID0']);
    assert.deepEqual(mmKeys(mm), mmKeys(readCapture('nano3s_mm_id0_value.txt').trim()));
    const t = mmMap(mm);
    assert.equal(t.ITemp, '-273');
    assert.equal(t.ATA2!.split('-').length, 5);
    assert.equal(statsOf(await askJson(target('nano3s'), 'estats')).ID, 'AVALON0');
  });

  it('Avalon Q: version, summary and the MM ID0:Summary + HBinfo layout', async () => {
    const v = rec(await askJson(target('avalon-q'), 'version'), 'VERSION');
    assert.deepEqual(keysOf(v).sort(), keysOf(rec(captureJson('avalonq_version.json'), 'VERSION')).sort());
    const s = rec(await askJson(target('avalon-q'), 'summary'), 'SUMMARY');
    assert.deepEqual(keysOf(s).sort(), keysOf(rec(captureJson('avalonq_summary.json'), 'SUMMARY')).sort());
    const st = statsOf(await askJson(target('avalon-q'), 'stats'));
    const cap = statsOf(captureJson('avalonq_stats.json'));
    assert.deepEqual(keysOf(st).sort(), keysOf(cap).sort());
    assert.match(String(st['MM ID0:Summary']), /^'STATS':\{Ver\[Q-.*\]\}$/);
    assert.deepEqual(mmKeys(String(st['MM ID0:Summary'])), mmKeys(String(cap['MM ID0:Summary'])));
    assert.match(String(st.HBinfo), /^'HB0':\{PVT_T0\[.*\] PVT_V0\[.*\] MW0\[.*\]\}$/);
    assert.equal(mmMap(String(st['MM ID0:Summary']))['Nonce Mask'], '25');
  });

  it('litestats: the Nano 3S compact string (Nano 3S source); the Q its whole summary block', async () => {
    const lite = rec(await askJson(target('nano3s'), 'litestats'), 'STATS');
    const t = mmTokens(String(lite['MM ID0']));
    assert.deepEqual(
      t.map(([k]) => k),
      ['LVer', 'BVer', 'MVer', 'FW', 'STATE', 'MODE', 'LEVEL', 'GHSspd', 'ITemp', 'OTemp', 'Limitemp', 'FanR', 'Filter', 'LED', 'LEDUser', 'LcdOnoff', 'LcdSwitch', 'LcdBright', 'ECHU', 'ECMM', 'SSID', 'RSSI', 'NetDevType'],
    );
    const m = Object.fromEntries(t);
    assert.equal(m.STATE, '1');
    assert.equal(m.MODE, '2');
    assert.match(m.GHSspd!, /^\d+\.\d{6}$/);
    const q = rec(await askJson(target('avalon-q'), 'litestats'), 'STATS');
    assert.match(String(q['MM ID0:Summary']), /^'STATS':\{Ver\[Q-/);
    const a = rec(await askJson(target('a1566'), 'litestats'), 'STATUS');
    assert.deepEqual([a.Code, a.Msg], [14, 'Invalid command']);
  });

  it('Avalon Q: ascset help answers exactly the captured list', async () => {
    const reply = await askJson(target('avalon-q'), 'ascset', '0,help');
    const cap = rec(captureJson('avalonq_ascset_help.json'), 'STATUS');
    const st = rec(reply, 'STATUS');
    assert.equal(st.STATUS, 'I');
    assert.equal(st.Code, 118);
    assert.equal(st.Msg, cap.Msg);
  });

  it('Mini 3: version and the captured part of MM ID0', async () => {
    const lines = readCapture('mini3_version_devdetails_stats_text_TRUNCATED.txt').split('\n');
    const text = await ask(target('mini3'), 'version');
    const keys = (line: string): string[] => line.split('|')[1]!.split(',').slice(1).map((kv) => kv.split('=')[0]!);
    assert.deepEqual(keys(text), keys(lines[0]!));
    const mm = String(statsOf(await askJson(target('mini3'), 'stats'))['MM ID0']);
    // The capture is cut after PS[...]: compare what it has.
    const capKeys = mmKeys(textMmId(lines[2]!));
    assert.deepEqual(mmKeys(mm).slice(0, capKeys.length), capKeys);
    const dd = await ask(target('mini3'), 'devdetails');
    assert.equal(dd.split('|')[1], lines[1]!.split('|')[1]);
  });

  it('Nano 3: the Avalon0o identity without DNA/MAC, AVANANO driver, captured token order', async () => {
    const v = rec(await askJson(target('nano3'), 'version'), 'VERSION');
    const capLine = readCapture('nano3_version_summary_stats_TRUNCATED.txt').split('\n')[2]!;
    const versionAt = capLine.indexOf("'VERSION'");
    const versionPart = capLine.slice(versionAt, capLine.indexOf('}]', versionAt));
    const capVersionKeys = [...versionPart.matchAll(/'([^']+)':/g)].map((m) => m[1]).slice(1);
    assert.deepEqual(keysOf(v), capVersionKeys);
    assert.equal(v.PROD, 'Avalon0o');
    assert.equal(v.MODEL, '0o3');
    const text = await ask(target('nano3'), 'stats');
    const capText = readCapture('nano3_stats_text_EMAIL_WRAPPED.txt');
    assert.deepEqual(mmKeys(textMmId(text)), mmKeys(textMmId(capText)));
    assert.match(text, /\|STATS=0,ID=AVANANO0,Elapsed=\d+,Calls=0,Wait=0\.000000,Max=0\.000000,Min=99999999\.000000,MM ID0=HashStatus\[1\] /);
    assert.match(text, /,MM Count=1,Nonce Mask=1\|$/);
    const t = mmMap(textMmId(text));
    assert.equal(t.DNA, '0000000000000000');
    assert.match(t.HDNA!, /^[0-9a-f]{16}$/);
    const summaryLine = readCapture('nano3_version_summary_stats_TRUNCATED.txt').split('\n')[0]!;
    const capSummaryKeys = [...summaryLine.slice(summaryLine.indexOf("'SUMMARY'")).matchAll(/'([^']+)':/g)].map((m) => m[1]).slice(1);
    assert.deepEqual(keysOf(rec(await askJson(target('nano3'), 'summary'), 'SUMMARY')), capSummaryKeys);
  });

  it('A-series models other than the A1566 speak the same dialect without WALLPOWER', async () => {
    for (const model of ['a1466', 'a1366', 'a1246']) {
      const st = statsOf(await askJson(target(model), 'estats'));
      assert.equal(st.ID, 'AVA100');
      const keys = mmKeys(String(st['MM ID0']));
      assert.ok(!keys.includes('WALLPOWER'), model);
      assert.ok(keys.includes('ECHU') && keys.includes('PVT_T2') && keys.includes('WORKMODE'), model);
      const sum = rec(await askJson(target(model), 'summary'), 'SUMMARY');
      assert.ok('MHS 30s' in sum, model);
    }
    const fans = mmTokens(String(statsOf(await askJson(target('a1246'), 'estats'))['MM ID0'])).filter(([k]) => /^Fan\d$/.test(k));
    assert.equal(fans.length, 4);
  });
});

describe('request forms, joins and errors', () => {
  it('joined commands answer one-element arrays per command and ignore parameters', async () => {
    const reply = await askJson(target('a1566'), 'summary+pools+estats', 'ignored');
    assert.deepEqual(Object.keys(reply), ['summary', 'pools', 'estats', 'id']);
    assert.equal(reply.id, 1);
    for (const [cmd, code] of [['summary', 11], ['pools', 7], ['estats', 70]] as const) {
      const part = reply[cmd] as Json[];
      assert.equal(part.length, 1);
      assert.equal(rec(part[0]!, 'STATUS').Code, code);
    }
  });

  it('a join gives unknown and non-report commands their own error, drops duplicates', async () => {
    const reply = await askJson(target('avalon-q'), 'version+bogus+ascset+version');
    assert.deepEqual(Object.keys(reply), ['version', 'bogus', 'ascset', 'id']);
    assert.equal(rec((reply.bogus as Json[])[0]!, 'STATUS').Code, 14);
    assert.equal(rec((reply.ascset as Json[])[0]!, 'STATUS').Code, 45);
  });

  it('text requests get text replies; joins are CMD= separated', async () => {
    const text = await ask(target('a1566'), 'summary');
    assert.match(text, /^STATUS=S,When=\d+,Code=11,Msg=Summary,Description=cgminer 4\.11\.1\|SUMMARY,Elapsed=\d+,MHS av=\d+\.\d\d,MHS 30s=/);
    assert.ok(text.endsWith('|'));
    const joined = await ask(target('a1566'), 'version+pools');
    assert.match(joined, /^CMD=version\|STATUS=S,[^|]*Code=22[^|]*\|VERSION,CGMiner=4\.11\.1,.*\|CMD=pools\|STATUS=S,[^|]*Code=7[^|]*\|POOL=0,URL=stratum\+tcp:\/\/pool\.example\.com:3333,/);
    // The driver string is not escaped in text mode; user strings (Msg) are.
    const stats = await ask(target('a1566'), 'estats');
    assert.match(stats, /MM ID0=Ver\[15-194-[^,]*SYSTEMSTATU\[Work: In Work, Hash Board: 3 \]/);
    const help = await ask(target('avalon-q'), 'ascset|0,help');
    assert.match(help, /Msg=ASC 0 set info: help\\\|voltage\\\|fan-spd\\\|/);
  });

  it('unknown commands, bad JSON and access control answer the cgminer codes', async () => {
    const code = async (t: { host: string; port: number }, req: string): Promise<[unknown, unknown]> => {
      const st = rec(JSON.parse(await ask(t, req)) as Json, 'STATUS');
      return [st.Code, st.Msg];
    };
    assert.deepEqual(await code(target('a1566'), '{"command":"frobnicate"}'), [14, 'Invalid command']);
    assert.deepEqual(await code(target('a1566'), '{"command":"toString"}'), [14, 'Invalid command']);
    assert.deepEqual(await code(target('a1566'), '{"command":"constructor"}'), [14, 'Invalid command']);
    const joined = await askJson(target('a1566'), '__proto__+version');
    assert.equal(rec((joined.__proto__ as Json[])[0]!, 'STATUS').Code, 14);
    assert.deepEqual(await code(target('a1566'), '{"command":}'), [23, 'Invalid JSON']);
    assert.deepEqual(await code(target('a1566'), '{"cmd":"version"}'), [24, "Missing JSON 'command'"]);
    for (const cmd of ['ascset', 'addpool', 'switchpool', 'restart', 'enablepool']) {
      assert.deepEqual(await code(target('a1246'), JSON.stringify({ command: cmd, parameter: '0' })), [45, `Access denied to '${cmd}' command`]);
    }
    // MM319 firmware has no addpool/restart at all, and runs ascset for anyone.
    assert.deepEqual(await code(target('nano3s'), '{"command":"restart"}'), [14, 'Invalid command']);
    assert.deepEqual(await code(target('nano3s'), '{"command":"ascset","parameter":"0,led,1-1"}'), [120, 'ASC 0 set failed: Unknown option: led']);
    assert.deepEqual(await code(target('nano3s'), '{"command":"check","parameter":"addpool"}'), [72, 'Check command']);
    const check = rec(await askJson(target('a1566'), 'check', 'ascset'), 'CHECK');
    assert.deepEqual(check, { Exists: 'Y', Access: 'N' });
  });

  it('the Q answers softoff with its captured message', async () => {
    const st = rec(await askJson(target('avalon-q'), 'ascset', '0,softoff,1:1753434821'), 'STATUS');
    assert.deepEqual([st.STATUS, st.Code, st.Msg], ['I', 118, 'ASC 0 set info: success softoff:1753434821']);
    const mm = mmMap(String(statsOf(await askJson(target('avalon-q'), 'stats'))['MM ID0:Summary']));
    assert.equal(mm.SYSTEMSTATU, 'Work: In Idle, Hash Board: 1');
    assert.equal(mm.STATE, '2');
    assert.equal(mm.SoftOFF, '4');
    assert.equal(mm.PS!.split(' ')[4], '0');
    await askJson(target('avalon-q'), 'ascset', '0,softon,1:1753434900');
    assert.equal(mmMap(String(statsOf(await askJson(target('avalon-q'), 'stats'))['MM ID0:Summary'])).STATE, '1');
  });
});
