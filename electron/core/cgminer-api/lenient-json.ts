// Parses a CGMiner JSON reply, repairing only the malformations Avalon and
// other cgminer-family firmwares are known to send (docs/cgminer-api.md,
// "JSON repairs"; source: avalon-protocol.md 1.8, pyasic rpc/base.py
// `_load_api_data`, cgminer api.c). Anything else is an 'invalid-reply'.
import { CgminerError } from './errors.js';

const VALID_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;
// Bare words the C printer can emit for non-finite doubles ("%f" of inf/nan).
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const WORD_CHAR = /[A-Za-z0-9+\-.]/;

/**
 * Rewrites `text` into strict JSON:
 * - NUL bytes are dropped (cgminer terminates every reply with one);
 * - control characters inside strings are escaped, and a backslash that does
 *   not start a valid JSON escape is kept as a literal backslash;
 * - bare `nan`, `inf`, `-nan`, `-inf` become `null` (no number is known);
 * - `}{` gets its missing comma; a comma straight after `[` or `{`, or
 *   straight before `]` or `}`, is dropped;
 * - a reply starting with `,` (the `,"id":1}` fragment) gets its `{` back.
 * Truncated replies are not completed: guessing the lost tail would pass a
 * partial reply off as a whole one.
 */
export function repairJson(text: string): string {
  const out: string[] = [];
  // The last significant character written outside strings ('' at the start).
  let last = '';
  let pendingComma = false;
  // A leading comma was dropped since the last token: a second one is not a known quirk.
  let droppedLeading = false;
  let i = 0;
  const n = text.length;

  const emit = (token: string, significant: string): void => {
    if (pendingComma) {
      if (significant !== '}' && significant !== ']') out.push(',');
      pendingComma = false;
    }
    out.push(token);
    last = significant;
    droppedLeading = false;
  };

  while (i < n) {
    const ch = text[i] as string;
    if (ch === '"') {
      const [literal, end] = readString(text, i);
      emit(literal, '"');
      i = end;
      continue;
    }
    if (ch === '\0' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (ch !== '\0') out.push(' ');
      i++;
      continue;
    }
    if (ch === ',') {
      // A doubled comma is not a known quirk: it is kept so JSON.parse rejects it.
      if (pendingComma || droppedLeading) {
        out.push(',');
      } else if (last === '') {
        emit('{', '{');
        droppedLeading = true;
      } else if (last === '[' || last === '{') {
        droppedLeading = true;
      } else {
        pendingComma = true;
      }
      i++;
      continue;
    }
    if (ch === '{' && last === '}' && !pendingComma) pendingComma = true;
    if (ch === '{' || ch === '}' || ch === '[' || ch === ']' || ch === ':') {
      emit(ch, ch);
      i++;
      continue;
    }
    if (WORD_CHAR.test(ch)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      emit(NON_FINITE.test(word) ? 'null' : word, 'w');
      i = j;
      continue;
    }
    // Anything else outside a string is left for JSON.parse to reject.
    emit(ch, ch);
    i++;
  }
  if (pendingComma) out.push(',');
  return out.join('');
}

/** Reads the string literal starting at text[start] (a quote), repaired; returns it and the index after it. */
function readString(text: string, start: number): [string, number] {
  const parts: string[] = ['"'];
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    if (ch === '"') {
      parts.push('"');
      return [parts.join(''), i + 1];
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next !== undefined && VALID_ESCAPES.has(next)) {
        parts.push(ch, next);
        i += 2;
      } else if (next === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
        parts.push(text.slice(i, i + 6));
        i += 6;
      } else {
        parts.push('\\\\');
        i++;
      }
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code === 0) {
      i++;
      continue;
    }
    if (code < 0x20) parts.push(`\\u${code.toString(16).padStart(4, '0')}`);
    else parts.push(ch);
    i++;
  }
  // Unterminated: returned as is so that JSON.parse rejects it.
  return [parts.join(''), n];
}

/**
 * Parses a reply body (NUL terminator allowed) into a JSON value, repairing
 * the known firmware quirks. Throws only CgminerError('invalid-reply').
 */
export function parseLenientJson(text: string): unknown {
  if (typeof text !== 'string') throw new CgminerError('invalid-reply', 'reply is not text');
  try {
    return JSON.parse(text.replace(/\0+$/, ''));
  } catch {
    // fall through to the repair path
  }
  let repaired: string;
  try {
    repaired = repairJson(text);
  } catch (e) {
    throw new CgminerError('invalid-reply', 'reply could not be read as JSON', { cause: e });
  }
  if (repaired.trim() === '') throw new CgminerError('invalid-reply', 'empty reply');
  try {
    return JSON.parse(repaired);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new CgminerError('invalid-reply', `reply is not JSON, even after repair: ${detail}`, { cause: e });
  }
}
