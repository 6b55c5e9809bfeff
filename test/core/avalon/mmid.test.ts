import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mmNumber, mmNumberList, parseMmId } from '../../../electron/core/avalon/mmid.js';
import { captureJson, captureText, joinWrappedLines, nano3Lines, parseTextReply } from './fixtures.js';

describe('parseMmId grammar', () => {
  it('reads scalars, percents, dotted pairs and text values with spaces', () => {
    const { items, warnings } = parseMmId(
      'Ver[15-194-24102401_25462b2_9ddf522] DH[1.299%] FanR[49%] BOOTBY[0x04.00000000] SYSTEMSTATU[Work: In Work, Hash Board: 3 ] MEMFREE[269880 B] FACOPTS0[]',
    );
    assert.deepEqual(items, {
      Ver: '15-194-24102401_25462b2_9ddf522',
      DH: '1.299%',
      FanR: '49%',
      BOOTBY: '0x04.00000000',
      SYSTEMSTATU: 'Work: In Work, Hash Board: 3 ',
      MEMFREE: '269880 B',
      FACOPTS0: '',
    });
    assert.deepEqual(warnings, []);
  });

  it('keeps padding spaces in values and allows double spaces and newlines between items', () => {
    const { items } = parseMmId('PVT_T0[ 86  87  87]  DNA[0000000000000000]\n    HDNA[020100005581d5b5]');
    assert.equal(items['PVT_T0'], ' 86  87  87');
    assert.equal(items['HDNA'], '020100005581d5b5');
    assert.deepEqual(mmNumberList(items['PVT_T0']), [86, 87, 87]);
  });

  it('reads keys that contain a space (Nonce Mask) instead of cutting them to the last word', () => {
    const { items } = parseMmId('ADJ[1] Nonce Mask[25]');
    assert.equal(items['Nonce Mask'], '25');
    assert.equal(items['Mask'], undefined);
  });

  it('keeps a balanced bracket pair inside a value', () => {
    const { items, warnings } = parseMmId('A[x[1]y] B[2]');
    assert.deepEqual(items, { A: 'x[1]y', B: '2' });
    assert.deepEqual(warnings, []);
  });

  it('recovers from an unmatched "[" inside a value by ending the value at the next "]"', () => {
    const { items, warnings } = parseMmId('A[x[y] B[2]');
    assert.deepEqual(items, { A: 'x[y', B: '2' });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /unbalanced/);
  });

  it('unwraps the Avalon Q groups', () => {
    const { items, warnings } = parseMmId("'STATS':{Ver[Q-25052801_14a19a2] STATE[2] Nonce Mask[25]}");
    assert.deepEqual(items, { Ver: 'Q-25052801_14a19a2', STATE: '2', 'Nonce Mask': '25' });
    assert.deepEqual(warnings, []);
    const hb = parseMmId("'HB0':{PVT_T0[ 58  59] PVT_V0[282 278]} 'HB1':{PVT_T1[60]}");
    assert.deepEqual(hb.items, { PVT_T0: ' 58  59', PVT_V0: '282 278', PVT_T1: '60' });
    assert.deepEqual(hb.warnings, []);
  });

  it('drops a value cut off at the end and says so', () => {
    const { items, warnings } = parseMmId('Elapsed[348857] DH[1.727%] Temp[');
    assert.deepEqual(items, { Elapsed: '348857', DH: '1.727%' });
    assert.deepEqual(warnings, ['value cut off at the end: "Temp["']);
  });

  it('reports trailing text without a value', () => {
    const { items, warnings } = parseMmId('PS[0 1210 2083 37 760 2085 824] PCOMM');
    assert.equal(items['PS'], '0 1210 2083 37 760 2085 824');
    assert.deepEqual(warnings, ['text without a value at the end: "PCOMM"']);
  });

  it('keeps the first of duplicate keys', () => {
    const { items, warnings } = parseMmId('Temp[31] Temp[99]');
    assert.deepEqual(items, { Temp: '31' });
    assert.deepEqual(warnings, ['duplicate key "Temp" ignored']);
  });

  it('uses the last word of a key preceded by junk, and skips items without a key', () => {
    const { items, warnings } = parseMmId('A[1] ,;junk Temp[31] [5] !![6]');
    assert.deepEqual(items, { A: '1', Temp: '31' });
    assert.equal(warnings.length, 3);
  });

  it('never lets a __proto__ key touch the prototype', () => {
    const { items, warnings } = parseMmId('__proto__[1] polluted[2]');
    assert.equal(Object.getPrototypeOf(items), Object.prototype);
    assert.deepEqual(items, { polluted: '2' });
    assert.deepEqual(warnings, ['item with key __proto__ ignored']);
  });

  it('caps the warning list on hostile input', () => {
    const { warnings } = parseMmId('x[1] '.repeat(200));
    assert.equal(warnings.length, 21);
    assert.equal(warnings[20], '179 more MM ID warnings not shown');
  });

  it('answers non-text input with a warning instead of throwing', () => {
    const { items, warnings } = parseMmId(42 as unknown as string);
    assert.deepEqual(items, {});
    assert.deepEqual(warnings, ['MM ID value is not text']);
  });
});

describe('parseMmId on the captures', () => {
  it('parses the whole A1566 MM ID0 string without warnings', () => {
    const stats = captureJson('a1566-estats.json')['STATS'] as Record<string, unknown>[];
    const { items, warnings } = parseMmId(stats[0]?.['MM ID0'] as string);
    assert.deepEqual(warnings, []);
    assert.equal(Object.keys(items).length, 74);
    assert.equal(items['ATAOPTS0'], '--avalon10-freq 240:258:279:300 --avalon10-voltage-level 1180 --hash-asic 160');
    assert.equal(items['WORKMODE'], '1');
    assert.equal(mmNumberList(items['PVT_T2'])?.length, 160);
  });

  it('parses the Nano 3S string with its -273 inlet sentinel kept verbatim', () => {
    const { items, warnings } = parseMmId(captureText('nano3s_mm_id0_value.txt'));
    assert.deepEqual(warnings, []);
    assert.equal(items['ITemp'], '-273');
    assert.equal(items['LEDUser'], '0-100-100-5-0-255');
    assert.equal(items['ATA2'], '133-90-3756-432-20');
  });

  it('parses the e-mail-wrapped Nano 3 string once the lines are joined', () => {
    const reply = parseTextReply(joinWrappedLines(captureText('nano3_stats_text_EMAIL_WRAPPED.txt')));
    const entry = (reply['STATS'] as Record<string, string>[])[0];
    const { items, warnings } = parseMmId(entry?.['MM ID0'] ?? '');
    assert.deepEqual(warnings, []);
    assert.equal(items['SF0'], '100 441 461 481');
    assert.equal(items['ATA1'], '90-85-324-100:441:461:481');
    assert.equal(items['WORKLEVEL'], '1');
    assert.equal(items['WORKMODE'], undefined);
  });

  it('keeps what parses of the truncated Nano 3 stats line (cut after "Temp[")', () => {
    const value = /'MM ID0':'(.*)$/.exec(nano3Lines().stats)?.[1] ?? '';
    const { items, warnings } = parseMmId(value);
    assert.equal(items['HDNA'], '020100009358c17d');
    assert.equal(items['DH'], '1.727%');
    assert.equal(items['Temp'], undefined);
    assert.deepEqual(warnings, ['value cut off at the end: "Temp["']);
  });

  it('keeps what parses of the truncated Mini 3 stats line (cut after "PCOMM")', () => {
    const line = captureText('mini3_version_devdetails_stats_text_TRUNCATED.txt').split(/\r?\n/)[2] ?? '';
    const value = line.slice(line.indexOf('MM ID0=') + 'MM ID0='.length);
    const { items, warnings } = parseMmId(value);
    assert.equal(items['HBTemp'], '75');
    assert.equal(items['PS'], '0 1210 2083 37 760 2085 824');
    assert.equal(Object.keys(items).length, 26);
    assert.deepEqual(warnings, ['text without a value at the end: "PCOMM"']);
  });
});

describe('mmNumber / mmNumberList', () => {
  it('reads numbers with padding, signs and percent signs', () => {
    assert.equal(mmNumber(' 66'), 66);
    assert.equal(mmNumber('-273'), -273);
    assert.equal(mmNumber('1.299%'), 1.299);
    assert.equal(mmNumber('345.94'), 345.94);
  });

  it('refuses values that are not plain numbers', () => {
    for (const v of ['0x04.00000000', '269880 B', 'A3197S', '', '%', 'NaN', 'Infinity', '1e999', '1 2', undefined]) {
      assert.equal(mmNumber(v), undefined, String(v));
    }
  });

  it('reads lists, treats an empty value as an empty list and a garbled one as unusable', () => {
    assert.deepEqual(mmNumberList('0 1209 1187 297 3526 1188 3731'), [0, 1209, 1187, 297, 3526, 1188, 3731]);
    assert.deepEqual(mmNumberList('0.115% 0.138%'), [0.115, 0.138]);
    assert.deepEqual(mmNumberList('  '), []);
    assert.equal(mmNumberList('1 two 3'), undefined);
    assert.equal(mmNumberList(undefined), undefined);
  });
});

describe('parseMmId fuzz', () => {
  // A small deterministic PRNG so a failure can be replayed from its seed.
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
  const alphabet = "[]{}':, %-._0123456789AZaz\n\t_MMID\u0000\u00e9";
  const stats = captureJson('a1566-estats.json')['STATS'] as Record<string, unknown>[];
  const seeds = [
    stats[0]?.['MM ID0'] as string,
    captureText('nano3s_mm_id0_value.txt'),
    ((captureJson('avalonq_stats.json')['STATS'] as Record<string, unknown>[])[0]?.['HBinfo'] as string).slice(0, 3000),
  ];

  function check(input: string): void {
    const { items, warnings } = parseMmId(input);
    assert.equal(Object.getPrototypeOf(items), Object.prototype);
    for (const [k, v] of Object.entries(items)) {
      assert.equal(typeof v, 'string');
      assert.ok(k.length > 0 && !k.includes('[') && !k.includes(']'), `bad key ${JSON.stringify(k)}`);
    }
    assert.ok(warnings.length <= 21);
  }

  it('never throws on random strings', () => {
    const rand = rng(1);
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(rand() * 200);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(rand() * alphabet.length)];
      check(s);
    }
  });

  it('never throws on mutated captures (cut, spliced, duplicated, bracket-flipped)', () => {
    const rand = rng(2);
    for (let i = 0; i < 2000; i++) {
      let s = seeds[i % seeds.length] ?? '';
      const ops = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < ops; k++) {
        const a = Math.floor(rand() * s.length);
        const b = Math.min(s.length, a + Math.floor(rand() * 40));
        const op = Math.floor(rand() * 4);
        if (op === 0) s = s.slice(0, a) + s.slice(b);
        else if (op === 1) s = s.slice(0, a) + s.slice(a, b) + s.slice(a);
        else if (op === 2) s = s.slice(0, a) + (rand() < 0.5 ? '[' : ']') + s.slice(a);
        else s = s.slice(0, a);
      }
      check(s);
    }
  });

  it('stays linear on pathological bracket runs', () => {
    for (const unit of ['[', ']', 'a[[]', 'a[b[', "'x':{", 'k[v] ']) {
      check(unit.repeat(50_000));
    }
  });
});
