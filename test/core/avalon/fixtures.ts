// Test-only helpers that turn the shared captures (JSON, cgminer text form,
// e-mail-wrapped text, Python dict reprs) into the parsed reply objects the
// Avalon parsers receive. Not product code: the app talks JSON to devices.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const capturesDir = join(repoRoot, '..', 'shared', 'captures', 'avalon');

export type Reply = Record<string, unknown>;

export function captureText(name: string): string {
  return readFileSync(join(capturesDir, name), 'utf8');
}

export function captureJson(name: string): Reply {
  return JSON.parse(captureText(name)) as Reply;
}

/** Undoes an e-mail client's line wrapping: every line break (with its indentation) stood for one space. */
export function joinWrappedLines(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, ' ').trim();
}

/**
 * The cgminer text form (`STATUS=S,When=1,...|STATS=0,ID=AV70,MM ID0=...|`)
 * as a reply object. The first `key=value` of each section names it; commas
 * inside `[...]` (e.g. `SYSTEMSTATU[Work: In Work, Hash Board: 1]`) do not
 * split fields. Values stay strings, as they arrive in that form.
 */
export function parseTextReply(text: string): Reply {
  const reply: Record<string, Record<string, string>[]> = {};
  for (const section of text.trim().split('|')) {
    if (section.trim() === '') continue;
    const fields: Record<string, string> = {};
    let name: string | undefined;
    for (const field of splitOutsideBrackets(section, ',')) {
      const eq = field.indexOf('=');
      const key = eq < 0 ? field : field.slice(0, eq);
      const value = eq < 0 ? '' : field.slice(eq + 1);
      name ??= key;
      fields[key] = value;
    }
    if (name !== undefined) (reply[name] ??= []).push(fields);
  }
  return reply;
}

function splitOutsideBrackets(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/**
 * A Python dict repr as printed by pyasic users (`{'STATUS': [...], ...}`).
 * The captures hold no quotes or backslashes inside strings, so swapping the
 * quote character is exact for them.
 */
export function parsePythonRepr(text: string): Reply {
  const json = text
    .trim()
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/\bNone\b/g, 'null');
  return JSON.parse(json) as Reply;
}

/** The three lines of the Nano 3 capture: summary (missing its tail), stats (cut off), version. */
export function nano3Lines(): { summary: string; stats: string; version: string } {
  const [summary, stats, version] = captureText('nano3_version_summary_stats_TRUNCATED.txt').split(/\r?\n/);
  if (summary === undefined || stats === undefined || version === undefined) throw new Error('nano3 capture: expected 3 lines');
  return { summary, stats, version };
}

/** Wraps a bare `MM ID0` value (the Nano 3S capture) in the stats reply it came from. */
export function statsReplyWith(mmId0: string, id = 'AVALON0'): Reply {
  return {
    STATUS: [{ STATUS: 'S', When: 0, Code: 70, Msg: 'CGMiner stats', Description: 'cgminer 4.11.1' }],
    STATS: [{ STATS: 0, ID: id, Elapsed: 0, 'MM ID0': mmId0, 'MM Count': 1 }],
    id: 1,
  };
}

/** Runs a parser with a warning sink and returns its value together with the warnings it reported. */
export function withWarnings<T>(parse: (warn: (msg: string) => void) => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const value = parse((msg) => warnings.push(msg));
  return { value, warnings };
}
