// The error-code decoder against documented codes. Sources (docs/diagnostics.md):
//   A10DOC   Canaan-Creative/avalon10-docs "Universal API/Avalon A10 API manual-EN.md", section 2.9 and appendix 1 (PSU error bits)
//   BTCTALK-ECMM  bitcointalk post quoting Canaan's log-Description.pdf: ECHU 0/512 normal, 513 abnormal; ECMM 0 normal, 1 MM problem
//   ZEUS-LOG Canaan A10/A11/A12 log guide as published by Zeus: BOOTBY 0..10 (AM_BOOTBY_*)
//   ZEUS-A8  A8/A9 repair guide: "ECHU[0 0 0 0]" = boards regular
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBootBy, decodeEchu, decodeEcmm, decodePsuError, worstSeverity } from '../../../electron/core/diagnostics/error-codes.js';

test('ECHU 0 is "no error" on every generation (ZEUS-A8; BTCTALK-ECMM; healthy captures)', () => {
  for (const family of ['avalon8', 'a12', 'a15', 'mm319', 'nano3'] as const) {
    const d = decodeEchu(0, family, 'MM ID0', 1);
    assert.equal(d.severity, 'info');
    assert.equal(d.board, 1);
    assert.deepEqual(d.unknownBits, []);
    assert.equal(d.meanings[0]?.name, 'OK');
  }
});

test('ECHU 512 is normal and 513 abnormal on A10-A12 (BTCTALK-ECMM, Canaan log guide)', () => {
  const normal = decodeEchu(512, 'a10', 'MM ID0', 0);
  assert.equal(normal.severity, 'info');
  assert.equal(normal.meanings[0]?.name, 'NORMAL');
  assert.equal(normal.meanings[0]?.bit, null);
  assert.match(normal.meanings[0]?.source ?? '', /BTCTALK-ECMM/);
  const abnormal = decodeEchu(513, 'a12', 'MM ID0', 2);
  assert.equal(abnormal.severity, 'fail');
  assert.equal(abnormal.meanings[0]?.name, 'ABNORMAL');
  assert.deepEqual(abnormal.unknownBits, []);
});

test('ECHU 513 on an A15 or a home miner is not guessed: bits 0 and 9 are unknown', () => {
  for (const family of ['a15', 'mm319'] as const) {
    const d = decodeEchu(513, family, 'MM ID0', 0);
    assert.deepEqual(d.meanings, []);
    assert.deepEqual(d.unknownBits, [0, 9]);
    assert.equal(d.severity, 'unknown');
  }
});

test('observed controller-era codes with no published table stay unknown (protocol reference 3.4: A841 131073, A741 3840)', () => {
  assert.deepEqual(decodeEchu(131073, 'avalon8', 'MM ID1', 0).unknownBits, [0, 17]);
  assert.deepEqual(decodeEchu(3840, 'avalon7', 'MM ID1', 0).unknownBits, [8, 9, 10, 11]);
  assert.equal(decodeEcmm(1, 'avalon8', 'MM ID1').severity, 'unknown');
});

test('ECMM 1 is a control-board problem on A10-A12 (BTCTALK-ECMM)', () => {
  const d = decodeEcmm(1, 'a11', 'MM ID0');
  assert.equal(d.severity, 'fail');
  assert.equal(d.meanings[0]?.name, 'MM_PROBLEM');
  assert.equal(decodeEcmm(0, 'a11', 'MM ID0').severity, 'info');
});

test('PS[0] bits on the A10 series decode per A10DOC appendix 1', () => {
  // 1 input under-voltage, 2 OT1, 2048 fan failed.
  const d = decodePsuError(1 + 2 + 2048, 'a10', 'MM ID0');
  assert.deepEqual(d.meanings.map((m) => [m.bit, m.name]), [[0, 'INPUT_UNDER_VOLTAGE'], [1, 'OT1'], [11, 'FAN_FAILED']]);
  assert.deepEqual(d.unknownBits, []);
  assert.equal(d.severity, 'fail');
  assert.match(d.meanings[0]?.source ?? '', /A10DOC appendix 1/);
  // 64 output over-current, 128 CS error, 1024 OC_IOSC.
  assert.deepEqual(decodePsuError(64 + 128 + 1024, 'a10', 'MM ID0').meanings.map((m) => m.name), ['OUTPUT_OVER_CURRENT', 'CS_ERROR', 'OC_IOSC']);
});

test('PS[0] bits outside the table, or on models the table does not cover, are unknown', () => {
  const beyond = decodePsuError(4096 + 16, 'a10', 'MM ID0');
  assert.deepEqual(beyond.meanings.map((m) => m.name), ['INPUT_OVER_CURRENT']);
  assert.deepEqual(beyond.unknownBits, [12]);
  const nano = decodePsuError(16, 'mm319', 'MM ID0');
  assert.deepEqual(nano.meanings, []);
  assert.deepEqual(nano.unknownBits, [4]);
  assert.equal(decodePsuError(0, 'mm319', 'MM ID0').severity, 'info');
});

test('BOOTBY reason byte decodes per ZEUS-LOG; the sub-code is kept verbatim', () => {
  const web = decodeBootBy('0x04.00000000', 'a15', 'MM ID0');
  assert.equal(web?.code, 4);
  assert.equal(web?.text, '0x04.00000000');
  assert.equal(web?.meanings[0]?.name, 'AM_BOOTBY_WEB');
  assert.equal(web?.severity, 'info');
  assert.equal(decodeBootBy('0x01.00000000', 'mm319', 'MM ID0')?.meanings[0]?.name, 'AM_BOOTBY_POWRON');
  assert.equal(decodeBootBy('0x02.0000ABCD', 'a12', 'MM ID0')?.severity, 'warn');
  assert.equal(decodeBootBy('0x09.00000000', 'a12', 'MM ID0')?.meanings[0]?.name, 'AM_BOOTBY_LOW_MEM');
  const odd = decodeBootBy('0x2A.00000000', 'a12', 'MM ID0');
  assert.equal(odd?.severity, 'unknown');
  assert.deepEqual(odd?.meanings, []);
  assert.deepEqual(odd?.unknownBits, []);
  assert.equal(decodeBootBy('yesterday', 'a12', 'MM ID0'), undefined);
});

test('values that no 32-bit register holds are reported as unknown, not decoded', () => {
  for (const v of [-1, 2 ** 32, 1.5, Number.NaN]) {
    const d = decodeEchu(v, 'a12', 'MM ID0', 0);
    assert.equal(d.severity, 'unknown');
    assert.deepEqual(d.meanings, []);
  }
});

test('worstSeverity orders info < unknown < warn < fail', () => {
  assert.equal(worstSeverity([]), 'info');
  assert.equal(worstSeverity(['info', 'unknown']), 'unknown');
  assert.equal(worstSeverity(['unknown', 'warn', 'info']), 'warn');
  assert.equal(worstSeverity(['warn', 'fail', 'unknown']), 'fail');
});
