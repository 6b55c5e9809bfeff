// Avalon error and status codes -> what a published source says they mean.
// Only what a primary source documents is decoded, for the generations that
// source covers; every other set bit is returned as unknown, never guessed.
// Every table's source is listed in docs/diagnostics.md ("Error codes").
import type { DecodedError, DecodedMeaning, ErrorField, ErrorSeverity } from '../../contract/diagnostics.js';
import type { MessageText } from '../../contract/message-text.js';
import type { AvalonFamily } from '../avalon/models.js';
import { healthEnglish, healthText as text } from './messages.js';

interface Meaning {
  name: string;
  text: MessageText;
  severity: ErrorSeverity;
}

interface CodeTable {
  source: string;
  /** The generations the source speaks for; 'all' when it is not generation-specific. */
  families: readonly AvalonFamily[] | 'all';
  /** Whole-value meanings: the code as a number means this (checked before bits). */
  values?: ReadonlyMap<number, Meaning>;
  /** Bit meanings, by bit number. */
  bits?: ReadonlyMap<number, Meaning>;
}

const ZERO_SOURCES =
  'ZEUS-A8 (A8/A9: "ECHU[0 0 0 0]" = boards regular); BTCTALK-ECMM (A10-A12 log guide: ECMM 0 normal); healthy captures of the A1566, Nano 3S and Q all report 0';

const A10_TO_A12: readonly AvalonFamily[] = ['a10', 'a11', 'a12'];

const noError = (what: MessageText): Meaning => ({ name: 'OK', text: what, severity: 'info' });

/** ECHU: one code per hash board. */
const ECHU_TABLES: readonly CodeTable[] = [
  { source: ZERO_SOURCES, families: 'all', values: new Map([[0, noError(text('health.code.noError.hashBoard'))]]) },
  {
    // Canaan's log description (log-Description.pdf) as quoted on bitcointalk; the
    // A1066 manual shows ECHU[512 512 512] on a working unit (A10DOC section 3.3).
    source: 'BTCTALK-ECMM (Canaan log-Description.pdf, A10/A11/A12); A10DOC section 3.3 example',
    families: A10_TO_A12,
    values: new Map([
      [512, { name: 'NORMAL', text: text('health.code.echu.normal'), severity: 'info' }],
      [513, { name: 'ABNORMAL', text: text('health.code.echu.abnormal'), severity: 'fail' }],
    ]),
  },
];

/** ECMM: one code for the control (MM) board. */
const ECMM_TABLES: readonly CodeTable[] = [
  { source: ZERO_SOURCES, families: 'all', values: new Map([[0, noError(text('health.code.noError.controlBoard'))]]) },
  {
    source: 'BTCTALK-ECMM (Canaan log-Description.pdf, A10/A11/A12)',
    families: A10_TO_A12,
    values: new Map([
      [1, { name: 'MM_PROBLEM', text: text('health.code.ecmm.mmProblem'), severity: 'fail' }],
    ]),
  },
];

/** PS[0]: the power supply's error code. */
const PSU_TABLES: readonly CodeTable[] = [
  {
    // The A10 manual: 0 = OK; the Nano 3S source calls slot 0 the PSU's error field.
    source: 'A10DOC section 2.9 (PS[0] = PSU error code, 0 = OK); N3S-DRV (slot 0 = error)',
    families: 'all',
    values: new Map([[0, noError(text('health.code.noError.powerSupply'))]]),
  },
  {
    source: 'A10DOC appendix 1 (PSU error code bits)',
    families: ['a10'],
    bits: new Map<number, Meaning>([
      [0, { name: 'INPUT_UNDER_VOLTAGE', text: text('health.code.psu.inputUnderVoltage'), severity: 'fail' }],
      [1, { name: 'OT1', text: text('health.code.psu.ot1'), severity: 'fail' }],
      [2, { name: 'OT2', text: text('health.code.psu.ot2'), severity: 'fail' }],
      [3, { name: 'OT3', text: text('health.code.psu.ot3'), severity: 'fail' }],
      [4, { name: 'INPUT_OVER_CURRENT', text: text('health.code.psu.inputOverCurrent'), severity: 'fail' }],
      [5, { name: 'OUTPUT_UNDER_VOLTAGE', text: text('health.code.psu.outputUnderVoltage'), severity: 'fail' }],
      [6, { name: 'OUTPUT_OVER_CURRENT', text: text('health.code.psu.outputOverCurrent'), severity: 'fail' }],
      [7, { name: 'CS_ERROR', text: text('health.code.psu.csError'), severity: 'fail' }],
      [8, { name: 'OC_IOSA', text: text('health.code.psu.ocA'), severity: 'fail' }],
      [9, { name: 'OC_IOSB', text: text('health.code.psu.ocB'), severity: 'fail' }],
      [10, { name: 'OC_IOSC', text: text('health.code.psu.ocC'), severity: 'fail' }],
      [11, { name: 'FAN_FAILED', text: text('health.code.psu.fanFailed'), severity: 'fail' }],
    ]),
  },
];

/** BOOTBY[0xRR.SSSSSSSS]: RR is the reason of the last restart; SSSSSSSS is not documented. */
const BOOTBY_TABLES: readonly CodeTable[] = [
  {
    source: 'ZEUS-LOG (Canaan A10/A11/A12 log guide, AM_BOOTBY_*); N3S-DRV prints the same field',
    families: 'all',
    values: new Map<number, Meaning>([
      [0, { name: 'AM_BOOTBY_CLEAR', text: text('health.code.bootby.clear'), severity: 'info' }],
      [1, { name: 'AM_BOOTBY_POWRON', text: text('health.code.bootby.powerOn'), severity: 'info' }],
      [2, { name: 'AM_BOOTBY_OVERHEAT', text: text('health.code.bootby.overheat'), severity: 'warn' }],
      [3, { name: 'AM_BOOTBY_NETFAIL', text: text('health.code.bootby.netFail'), severity: 'warn' }],
      [4, { name: 'AM_BOOTBY_WEB', text: text('health.code.bootby.web'), severity: 'info' }],
      [5, { name: 'AM_BOOTBY_API', text: text('health.code.bootby.api'), severity: 'info' }],
      [6, { name: 'AM_BOOTBY_OPTIONS', text: text('health.code.bootby.options'), severity: 'info' }],
      [7, { name: 'AM_BOOTBY_POLLING', text: text('health.code.bootby.polling'), severity: 'warn' }],
      [8, { name: 'AM_BOOTBY_POOL_INACTIVE', text: text('health.code.bootby.poolInactive'), severity: 'warn' }],
      [9, { name: 'AM_BOOTBY_LOW_MEM', text: text('health.code.bootby.lowMemory'), severity: 'warn' }],
      [10, { name: 'AM_BOOTBY_UNKNOWN', text: text('health.code.bootby.unknown'), severity: 'unknown' }],
    ]),
  },
];

const SEVERITY_RANK: Record<ErrorSeverity, number> = { info: 0, unknown: 1, warn: 2, fail: 3 };

export function worstSeverity(list: readonly ErrorSeverity[]): ErrorSeverity {
  return list.reduce<ErrorSeverity>((worst, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[worst] ? s : worst), 'info');
}

function applies(table: CodeTable, family: AvalonFamily | undefined): boolean {
  return table.families === 'all' || (family !== undefined && table.families.includes(family));
}

function setBits(code: number): number[] {
  const bits: number[] = [];
  for (let bit = 0; bit < 32; bit++) if (Math.floor(code / 2 ** bit) % 2 === 1) bits.push(bit);
  return bits;
}

interface Where {
  field: ErrorField;
  module: string;
  board?: number;
  text?: string;
}

function decodedMeaning(bit: number | null, m: Meaning, source: string): DecodedMeaning {
  return { bit, name: m.name, meaning: healthEnglish(m.text), meaningText: m.text, severity: m.severity, source };
}

function decode(code: number, tables: readonly CodeTable[], family: AvalonFamily | undefined, where: Where): DecodedError {
  const base = {
    field: where.field,
    module: where.module,
    ...(where.board === undefined ? {} : { board: where.board }),
    code,
    text: where.text ?? String(code),
  };
  // A value no 32-bit register can hold is reported as such, not decoded.
  if (!Number.isInteger(code) || code < 0 || code > 0xffffffff) {
    return { ...base, meanings: [], unknownBits: [], severity: 'unknown' };
  }
  const usable = tables.filter((t) => applies(t, family));
  for (const table of usable) {
    const m = table.values?.get(code);
    if (m !== undefined) return { ...base, meanings: [decodedMeaning(null, m, table.source)], unknownBits: [], severity: m.severity };
  }
  const meanings: DecodedMeaning[] = [];
  const unknownBits: number[] = [];
  for (const bit of setBits(code)) {
    const table = usable.find((t) => t.bits?.has(bit));
    const m = table?.bits?.get(bit);
    if (table !== undefined && m !== undefined) meanings.push(decodedMeaning(bit, m, table.source));
    else unknownBits.push(bit);
  }
  const severities = meanings.map((m) => m.severity);
  if (unknownBits.length > 0) severities.push('unknown');
  return { ...base, meanings, unknownBits, severity: worstSeverity(severities) };
}

export function decodeEchu(code: number, family: AvalonFamily | undefined, module: string, board: number): DecodedError {
  return decode(code, ECHU_TABLES, family, { field: 'ECHU', module, board });
}

export function decodeEcmm(code: number, family: AvalonFamily | undefined, module: string): DecodedError {
  return decode(code, ECMM_TABLES, family, { field: 'ECMM', module });
}

export function decodePsuError(code: number, family: AvalonFamily | undefined, module: string): DecodedError {
  return decode(code, PSU_TABLES, family, { field: 'PS0', module });
}

const BOOTBY_TEXT = /^\s*0x([0-9a-f]{1,2})\.([0-9a-f]{1,8})\s*$/i;

/**
 * `BOOTBY[0x04.00000000]` -> the reason byte decoded; the 32-bit part after
 * the dot has no published meaning and is kept only in `text`. Undefined when
 * the text is not in that form.
 */
export function decodeBootBy(text: string, family: AvalonFamily | undefined, module: string): DecodedError | undefined {
  const m = BOOTBY_TEXT.exec(text);
  if (m === null) return undefined;
  const reason = Number.parseInt(m[1] ?? '', 16);
  const decoded = decode(reason, BOOTBY_TABLES, family, { field: 'BOOTBY', module, text: text.trim() });
  // The reason is an enumeration, not a bit field: an unlisted value is one unknown reason.
  return decoded.meanings.length === 0 ? { ...decoded, unknownBits: [], severity: 'unknown' } : decoded;
}
