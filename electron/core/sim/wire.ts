// The CGMiner API reply model and its two renderings (JSON and text), as the
// firmware prints them (cgminer api.c conventions, see docs/simulator.md):
// - JSON: {"STATUS":[{...}],"SECTION":[{...},...],"id":1}
// - text: STATUS=S,When=...,Code=...,Msg=...,Description=...|REC|REC|
// - joins: {"cmd":[<reply>],"cmd2":[<reply>],"id":1} / CMD=cmd|<reply>CMD=cmd2|<reply>
// Every reply ends with one NUL byte; that is added by the server.

/** A floating-point value printed with a fixed number of decimals, as cgminer's printf formats do. */
export class Real {
  constructor(
    readonly value: number,
    readonly decimals: number,
  ) {}
}

/**
 * A driver string (the `MM ID0` value and its relatives). cgminer adds it
 * without text-mode escaping, so it keeps its commas and colons in text
 * replies.
 */
export class DriverText {
  constructor(readonly text: string) {}
}

export type ApiValue = string | number | boolean | Real | DriverText;
export type ApiRecord = Record<string, ApiValue>;

export interface Section {
  name: string;
  records: ApiRecord[];
  /**
   * Text form: records of single-record sections (VERSION, SUMMARY, CONFIG)
   * start with the bare section name ("VERSION,CGMiner=..."); list sections
   * carry an index field instead ("POOL=0,...").
   */
  labelled: boolean;
}

export type Severity = 'S' | 'I' | 'W' | 'E' | 'F';

export interface StatusReply {
  kind: 'status';
  severity: Severity;
  when: number;
  code: number;
  msg: string;
  description: string;
  section?: Section;
}

/** `restart` / `quit` answer a bare word where STATUS is a string: {"STATUS":"RESTART","id":1}. */
export interface WordReply {
  kind: 'word';
  word: string;
}

export type Reply = StatusReply | WordReply;

// cgminer's API print formats, by the kind of figure.
export const mhs = (v: number): Real => new Real(v, 2);
export const utility = (v: number): Real => new Real(v, 2);
export const temp = (v: number): Real => new Real(v, 2);
export const diff = (v: number): Real => new Real(v, 8);
export const percent = (v: number): Real => new Real(v, 4);
export const mhTotal = (v: number): Real => new Real(v, 4);
export const double = (v: number): Real => new Real(v, 6);

function numberText(v: number): string {
  // A non-integer where an integer is expected would be a simulator bug; print it rounded like %d would.
  return Number.isFinite(v) ? String(Math.round(v)) : '0';
}

function realText(r: Real): string {
  return Number.isFinite(r.value) ? r.value.toFixed(r.decimals) : (0).toFixed(r.decimals);
}

function jsonValue(v: ApiValue): string {
  if (v instanceof Real) return realText(v);
  if (v instanceof DriverText) return JSON.stringify(v.text);
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return JSON.stringify(v);
}

/** Text-mode escaping of user-visible strings (API 1.7+): `|`, `,`, `=` and `\` get a backslash. */
export function escapeText(s: string): string {
  return s.replace(/[|,=\\]/g, (c) => `\\${c}`);
}

function textValue(v: ApiValue): string {
  if (v instanceof Real) return realText(v);
  if (v instanceof DriverText) return v.text;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return escapeText(v);
}

function jsonRecord(r: ApiRecord): string {
  return `{${Object.entries(r)
    .map(([k, v]) => `${JSON.stringify(k)}:${jsonValue(v)}`)
    .join(',')}}`;
}

function textRecord(r: ApiRecord): string {
  return Object.entries(r)
    .map(([k, v]) => `${k}=${textValue(v)}`)
    .join(',');
}

function statusRecord(r: StatusReply): ApiRecord {
  return { STATUS: r.severity, When: r.when, Code: r.code, Msg: r.msg, Description: r.description };
}

export function renderJson(reply: Reply): string {
  if (reply.kind === 'word') return `{"STATUS":${JSON.stringify(reply.word)},"id":1}`;
  let out = `{"STATUS":[${jsonRecord(statusRecord(reply))}]`;
  if (reply.section) {
    out += `,${JSON.stringify(reply.section.name)}:[${reply.section.records.map(jsonRecord).join(',')}]`;
  }
  return `${out},"id":1}`;
}

export function renderText(reply: Reply): string {
  if (reply.kind === 'word') return `${reply.word}|`;
  let out = `${textRecord(statusRecord(reply))}|`;
  if (reply.section) {
    const { name, labelled } = reply.section;
    for (const rec of reply.section.records) {
      const body = textRecord(rec);
      out += `${labelled ? (body ? `${name},${body}` : name) : body}|`;
    }
  }
  return out;
}

/** A joined request's reply: each command maps to a one-element array holding its whole reply. */
export function renderJoinedJson(parts: ReadonlyArray<readonly [string, Reply]>): string {
  return `{${parts.map(([cmd, r]) => `${JSON.stringify(cmd)}:[${renderJson(r)}]`).join(',')},"id":1}`;
}

export function renderJoinedText(parts: ReadonlyArray<readonly [string, Reply]>): string {
  return parts.map(([cmd, r]) => `CMD=${cmd}|${renderText(r)}`).join('');
}
