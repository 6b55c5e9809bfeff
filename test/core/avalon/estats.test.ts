import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStats, parseSystemStatus, wallPower } from '../../../electron/core/avalon/estats.js';
import { modelById } from '../../../electron/core/avalon/models.js';
import { ModuleSchema } from '../../../electron/contract/snapshot.js';
import { captureJson, captureText, joinWrappedLines, parseTextReply, statsReplyWith, withWarnings } from './fixtures.js';

function only<T>(list: readonly T[]): T {
  assert.equal(list.length, 1);
  return list[0] as T;
}

// Two A741 modules behind one AUC, in the shape of the LuCI "API log" of an
// A741 (pastebin 1CkYt2Xd, protocol reference PB-A741), JSON form; the
// second module is the same string with other readings.
const A741 =
  'Ver[7411706-3162860] DNA[013f06349f5346f9] Elapsed[1964] MW[0 0 40079 45166] LW[85245] MH[0 0 0 19] HW[19] DH[4.733%] Temp[33] TMax[90] Fan[2310] FanR[26%] Vi[0 0 1216 1216] Vo[0 0 129 4480] GHSmm[1934.11] WU[24195.02] Freq[171.71] PG[12] Led[0] TA[22] ECHU[3840 3840 768 0] ECMM[0] FM[1] CRC[0 0 45597 0] PVT_T[0-126/0--41/-60 0-126/0--41/-60 0-126/0--41/-60 0-82/12-90/87]';
const controllerRig = {
  STATUS: [{ STATUS: 'S', When: 1527010243, Code: 70, Msg: 'CGMiner stats', Description: 'cgminer 4.10.0' }],
  STATS: [
    {
      STATS: 0,
      ID: 'AV70',
      'MM ID1': A741,
      'MM ID2': A741.replace('Fan[2310]', 'Fan[2130]').replace('ECHU[3840 3840 768 0]', 'ECHU[0 0 0 0]'),
      'MM Count': 2,
      Connecter: 'AUC',
    },
    { STATS: 1, ID: 'POOL0', Elapsed: 1961 },
  ],
};

describe('parseStats: A1566 (estats)', () => {
  const { value: modules, warnings } = withWarnings((warn) => parseStats(captureJson('a1566-estats.json'), modelById('a1566'), warn));
  const m = only(modules);

  it('reads the module without warnings and matches the contract', () => {
    assert.deepEqual(warnings, []);
    assert.equal(ModuleSchema.safeParse(m).success, true);
    assert.equal(m.key, 'MM ID0');
    assert.equal(m.version, '15-194-24102401_25462b2_9ddf522');
    assert.equal(m.dna, '020100008c699117');
    assert.equal(m.state, 'work');
    assert.equal(m.hashBoardCount, 3);
    assert.equal(m.elapsedS, 975);
  });

  it('reads rates, temperatures, fans and modes', () => {
    assert.equal(m.ghsSpd, 199241.07);
    assert.equal(m.ghsMm, 201920.42);
    assert.equal(m.ghsAvg, 184007.0);
    assert.equal(m.tempInletC, 31);
    assert.equal(m.tempOutletC, undefined);
    assert.equal(m.tempMaxC, 78);
    assert.equal(m.tempAvgC, 70);
    assert.deepEqual(m.fansRpm, [4275, 4282]);
    assert.equal(m.fanPercent, 49);
    assert.equal(m.workMode, 1);
    assert.equal(m.workLevel, undefined);
    assert.equal(m.frequencyMhz, 345.94);
    assert.equal(m.softOff, 0);
    assert.equal(m.led, '0');
    assert.deepEqual(m.errorCodes, { echu: [0, 0, 0], ecmm: [0] });
  });

  it('takes power from WALLPOWER, which equals PS[6]', () => {
    assert.equal(m.raw['WALLPOWER'], '3731');
    assert.equal(m.raw['PS'], '0 1209 1187 297 3526 1188 3731');
    assert.equal(m.powerW, 3731);
  });

  it('reads three boards with per-chip arrays', () => {
    assert.deepEqual(
      m.boards.map((b) => [b.index, b.ghs, b.tempMaxC, b.tempAvgC, b.voltageAvg, b.errorCode]),
      [
        [0, 59459.52, 77, 69, 285.7, 0],
        [1, 61407.83, 78, 70, 286.3, 0],
        [2, 63139.66, 77, 71, 285.8, 0],
      ],
    );
    for (const b of m.boards) {
      assert.equal(b.chipTempsC?.length, 160);
      assert.equal(b.chipVoltages?.length, 160);
    }
    assert.deepEqual(m.boards[0]?.chipTempsC?.slice(0, 4), [66, 65, 63, 62]);
    assert.equal(Math.max(...(m.boards[1]?.chipTempsC ?? [])), 78);
  });

  it('gives the same module from the stats reply, whose pool entries are ignored', () => {
    const fromStats = only(parseStats(captureJson('a1566-stats.json')));
    assert.deepEqual(fromStats, m);
  });
});

describe('parseStats: Avalon Q in standby (MM ID0:Summary + HBinfo)', () => {
  const { value: modules, warnings } = withWarnings((warn) => parseStats(captureJson('avalonq_stats.json'), modelById('avalon-q'), warn));
  const m = only(modules);

  it('unwraps the STATS group and keeps the key as sent', () => {
    assert.deepEqual(warnings, []);
    assert.equal(ModuleSchema.safeParse(m).success, true);
    assert.equal(m.key, 'MM ID0:Summary');
    assert.equal(m.version, 'Q-25052801_14a19a2');
    assert.equal(m.raw['Nonce Mask'], '25');
    assert.equal(m.raw['CPU'], 'K230');
  });

  it('shows standby: idle state, soft-off 4, no real-time hash rate, fans stopped, 146 W at the wall', () => {
    assert.equal(m.state, 'idle');
    assert.equal(m.softOff, 4);
    assert.equal(m.ghsSpd, 0);
    assert.equal(m.ghsAvg, 44499.41);
    assert.deepEqual(m.fansRpm, [0, 0, 0, 0]);
    assert.equal(m.fanPercent, 0);
    assert.equal(m.raw['PS'], '0 1222 4 0 0 2245 146');
    assert.equal(m.powerW, 146);
    assert.equal(m.tempInletC, 26);
    assert.equal(m.tempTargetC, 65);
    assert.equal(m.workMode, 0);
    assert.equal(m.workLevel, 0);
  });

  it('attaches the HBinfo per-chip arrays to board 0', () => {
    const board = only(m.boards);
    assert.equal(board.ghs, 44499.41);
    assert.equal(board.chipTempsC?.length, 160);
    assert.equal(board.chipVoltages?.length, 160);
    assert.deepEqual(board.chipTempsC?.slice(0, 3), [58, 59, 59]);
    assert.deepEqual(board.chipVoltages?.slice(0, 3), [282, 278, 276]);
    assert.ok(m.raw['MW0']?.startsWith('526 664'));
  });
});

describe('parseStats: Nano 3S', () => {
  const { value: modules, warnings } = withWarnings((warn) => parseStats(statsReplyWith(captureText('nano3s_mm_id0_value.txt')), undefined, warn));
  const m = only(modules);

  it('treats ITemp -273 as not reported and reads the outlet, fan and mode', () => {
    assert.deepEqual(warnings, []);
    assert.equal(m.raw['ITemp'], '-273');
    assert.equal(m.tempInletC, undefined);
    assert.equal('tempInletC' in m, false);
    assert.equal(m.tempOutletC, 65);
    assert.equal(m.tempMaxC, 95);
    assert.deepEqual(m.fansRpm, [1520]);
    assert.equal(m.fanPercent, 33);
    assert.equal(m.workMode, 2);
    assert.equal(m.workLevel, 0);
    assert.equal(m.led, '0-0');
  });

  it('reads wall power from PS[6] (= MPO), not the 27.5 V in slot 2', () => {
    assert.equal(m.raw['PS'], '0 0 27541 4 0 3756 133');
    assert.equal(m.powerW, 133);
  });

  it('reads its single board of 12 chips', () => {
    const b = only(m.boards);
    assert.equal(b.ghs, 6695.18);
    assert.equal(b.tempMaxC, 95);
    assert.equal(b.chipTempsC?.length, 12);
    assert.equal(m.ghsSpd, 6598.84);
  });
});

describe('parseStats: Nano 3 (e-mail-wrapped text capture)', () => {
  const reply = parseTextReply(joinWrappedLines(captureText('nano3_stats_text_EMAIL_WRAPPED.txt')));
  const { value: modules, warnings } = withWarnings((warn) => parseStats(reply, undefined, warn));
  const m = only(modules);

  it('reads the Nano 3 dialect: Temp as inlet, WORKLEVEL without WORKMODE, no SYSTEMSTATU', () => {
    assert.deepEqual(warnings, []);
    assert.equal(ModuleSchema.safeParse(m).success, true);
    assert.equal(m.version, 'nano3-24071801_42c628d');
    assert.equal(m.state, 'unknown');
    assert.equal(m.hashBoardCount, undefined);
    assert.equal(m.tempInletC, 38);
    assert.equal(m.tempOutletC, 41);
    assert.equal(m.tempMaxC, 87);
    assert.equal(m.tempTargetC, 85);
    assert.deepEqual(m.fansRpm, [3030]);
    assert.equal(m.workLevel, 1);
    assert.equal(m.workMode, undefined);
    assert.equal(m.led, '1');
    assert.equal(m.ghsSpd, 2630.98);
  });

  it('takes the id from HDNA because DNA is all zeros', () => {
    assert.equal(m.raw['DNA'], '0000000000000000');
    assert.equal(m.dna, '020100005581d5b5');
  });

  it('reads power from PS[5] (its slots 5 and 6 are swapped), identified by Ver without a version reply', () => {
    assert.equal(m.raw['PS'], '0 0 0 3 2792 89 324');
    assert.equal(m.powerW, 89);
    assert.equal(m.raw['MPO'], '90');
  });

  it('reads its board of 10 chips', () => {
    const b = only(m.boards);
    assert.equal(b.ghs, 2474.77);
    assert.equal(b.tempMaxC, 87);
    assert.equal(b.tempAvgC, 85);
    assert.deepEqual(b.chipTempsC, [86, 87, 87, 85, 84, 82, 86, 85, 86, 83]);
    assert.equal(b.chipVoltages?.length, 10);
    assert.equal(b.errorCode, 0);
  });
});

describe('parseStats: Mini 3 (truncated text capture)', () => {
  const line = captureText('mini3_version_devdetails_stats_text_TRUNCATED.txt').split(/\r?\n/)[2] ?? '';
  const { value: modules, warnings } = withWarnings((warn) => parseStats(parseTextReply(line), modelById('mini3'), warn));
  const m = only(modules);

  it('keeps what arrived and warns about the cut-off tail', () => {
    assert.deepEqual(warnings, ['MM ID0: text without a value at the end: "PCOMM"']);
    assert.equal(m.state, 'work');
    assert.equal(m.tempInletC, 39);
    assert.equal(m.tempOutletC, 63);
    assert.equal(m.tempMaxC, 86);
    assert.deepEqual(m.fansRpm, [3000]);
    assert.equal(m.fanPercent, 100);
    assert.equal(m.powerW, 824);
    assert.equal(m.raw['HBTemp'], '75');
  });
});

describe('parseStats: controller-era rig with two modules', () => {
  const { value: modules, warnings } = withWarnings((warn) => parseStats(controllerRig, undefined, warn));

  it('makes one module per MM ID key, each identified by its own Ver', () => {
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      modules.map((m) => m.key),
      ['MM ID1', 'MM ID2'],
    );
    const [a, b] = modules;
    assert.deepEqual(a?.fansRpm, [2310]);
    assert.deepEqual(b?.fansRpm, [2130]);
    assert.equal(a?.fanPercent, 26);
    assert.equal(a?.tempInletC, 33);
    assert.equal(a?.tempMaxC, 90);
    assert.equal(a?.ghsMm, 1934.11);
    assert.equal(a?.powerW, undefined);
    assert.equal(a?.state, 'unknown');
  });

  it('gives one board per ECHU value and keeps the A7 PVT_T tuples raw', () => {
    const a = modules[0];
    assert.deepEqual(
      a?.boards.map((b) => b.errorCode),
      [3840, 3840, 768, 0],
    );
    assert.equal(a?.boards[0]?.chipTempsC, undefined);
    assert.equal(a?.raw['PVT_T'], '0-126/0--41/-60 0-126/0--41/-60 0-126/0--41/-60 0-82/12-90/87');
  });
});

describe('parseStats: hostile input', () => {
  it('warns about non-text module values and odd sections instead of throwing', () => {
    const { value: modules, warnings } = withWarnings((warn) => parseStats({ STATS: [{ 'MM ID0': 42, HBinfo: ['x'] }, 'junk', null] }, undefined, warn));
    assert.deepEqual(modules, []);
    assert.deepEqual(warnings, ['STATS: ignored 2 entries that are not objects', 'HBinfo: expected text, got a list', 'MM ID0: expected text, got number']);
    assert.deepEqual(withWarnings((warn) => parseStats({ STATS: 'nope' }, undefined, warn)).warnings, ['STATS: expected a list, got string']);
    assert.deepEqual(withWarnings((warn) => parseStats(undefined, undefined, warn)), { value: [], warnings: [] });
  });

  it('caps boards and chips and drops garbled lists with a warning', () => {
    const huge = Array.from({ length: 5000 }, (_, i) => String(i % 90)).join(' ');
    const text = `SYSTEMSTATU[Work: In Fault, Hash Board: 99999] MGHS[${huge}] PVT_T0[${huge}] PVT_T7[1 2 x] Fan1[-5] Fan2[3000] TMax[-300] PS[0 1 2]`;
    const { value: modules, warnings } = withWarnings((warn) => parseStats(statsReplyWith(text), undefined, warn));
    const m = only(modules);
    assert.equal(m.state, 'fault');
    assert.equal(m.boards.length, 16);
    assert.equal(m.boards[0]?.chipTempsC?.length, 1024);
    assert.equal(m.boards[7]?.chipTempsC, undefined);
    assert.deepEqual(m.fansRpm, [3000]);
    assert.equal(m.tempMaxC, undefined);
    assert.equal(m.powerW, undefined);
    assert.equal(ModuleSchema.safeParse(m).success, true);
    assert.ok(warnings.includes('MM ID0: MGHS has 5000 values; only the first 16 were read'));
    assert.ok(warnings.includes('MM ID0: PVT_T7 is not a number list'));
  });
});

describe('parseSystemStatus', () => {
  it('maps the four documented states and keeps unknown texts as unknown', () => {
    assert.deepEqual(parseSystemStatus('Work: In Work, Hash Board: 3 '), { state: 'work', hashBoards: 3 });
    assert.deepEqual(parseSystemStatus('Work: In Init, Hash Board: 1'), { state: 'init', hashBoards: 1 });
    assert.deepEqual(parseSystemStatus('Work: In Idle, Hash Board: 1'), { state: 'idle', hashBoards: 1 });
    assert.deepEqual(parseSystemStatus('Work: In Fault, Hash Board: 2'), { state: 'fault', hashBoards: 2 });
    assert.deepEqual(parseSystemStatus('Work: Out Over Hot, Hash Board: 3 '), { state: 'unknown', hashBoards: 3 });
    assert.deepEqual(parseSystemStatus(undefined), { state: 'unknown' });
  });
});

describe('wallPower', () => {
  it('prefers WALLPOWER, then the model slot, then the A10 six-slot layout, never slot 1', () => {
    assert.equal(wallPower(3731, [0, 1209, 1187, 297, 3526, 1188, 3700]), 3731);
    assert.equal(wallPower(undefined, [0, 1199, 1391, 225, 3126, 1393, 3348], modelById('a1346')), 3348);
    assert.equal(wallPower(undefined, [0, 0, 0, 3, 2792, 89, 324], modelById('nano3')), 89);
    assert.equal(wallPower(undefined, [0, 1220, 1314, 140, 1839, 1308]), 1839);
    assert.equal(wallPower(undefined, [0, 1220, 1314]), undefined);
    assert.equal(wallPower(-1, [0, 1, 2, 3, 4, 5, -6]), undefined);
  });
});
