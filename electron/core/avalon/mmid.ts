// Tokenizer for the Avalon `MM ID` stats string: a run of `Key[value]` items
// (docs/avalon-parsing.md, "The MM ID grammar"). Devices, firmware
// generations and copy-pasted dumps all bend the grammar a little, so this
// parser keeps whatever parses, records what it skipped, and never throws.
import { parseNumber } from './reply.js';

export interface MmIdParse {
  /** Every item as sent: key -> raw value text (not trimmed). */
  items: Record<string, string>;
  /** Things skipped or repaired, one short sentence each. */
  warnings: string[];
}

/** Far above any real device (an A1566 sends ~80 items, debug builds a few thousand). */
const MAX_ITEMS = 20_000;
const MAX_WARNINGS = 20;
const SNIPPET = 40;

/** `'STATS':{` / `'HB0':{` group openers of the Avalon Q layout. */
const GROUP_OPEN_RE = /(['"])[^'"[\]]*\1\s*:\s*\{/g;
const KEY_RE = /^[A-Za-z0-9_]+(?: [A-Za-z0-9_]+)*$/;
const LAST_WORD_RE = /[A-Za-z0-9_]+$/;

/**
 * Splits an `MM ID` value (or the inside of the Q's `'STATS':{...}` /
 * `'HB0':{...}` groups, wrappers included) into items.
 *
 * Values run to the matching `]`, so a bracket pair inside a value stays in
 * the value; an unmatched `[` inside a value falls back to the next `]`.
 * Keys are the text since the previous item, trimmed, and may contain single
 * spaces (`Nonce Mask[25]`). A value cut off at the end of the text is dropped.
 */
export function parseMmId(text: string): MmIdParse {
  const items: Record<string, string> = {};
  const warnings = new WarningList();
  if (typeof text !== 'string') {
    warnings.add('MM ID value is not text');
    return { items, warnings: warnings.list() };
  }
  const match = matchBrackets(text);
  let count = 0;
  let pos = 0;
  while (pos < text.length) {
    const open = text.indexOf('[', pos);
    if (open < 0) break;
    let close = match[open] ?? -1;
    if (close < 0) {
      // Unmatched `[`: the value is either cut off or contains a stray `[`.
      close = text.indexOf(']', open + 1);
      if (close >= 0) warnings.add(`unbalanced "[" in ${snippet(text.slice(pos, close + 1))}`);
    }
    const rawKey = text.slice(pos, open);
    if (close < 0) {
      warnings.add(`value cut off at the end: ${snippet(text.slice(pos))}`);
      return { items, warnings: warnings.list() };
    }
    pos = close + 1;
    const key = cleanKey(rawKey, warnings);
    if (key === undefined) continue;
    if (Object.hasOwn(items, key)) {
      warnings.add(`duplicate key ${snippet(key)} ignored`);
      continue;
    }
    if (count >= MAX_ITEMS) {
      warnings.add(`more than ${MAX_ITEMS} items; the rest were ignored`);
      return { items, warnings: warnings.list() };
    }
    items[key] = text.slice(open + 1, close);
    count++;
  }
  const rest = text.slice(pos).replace(GROUP_OPEN_RE, ' ').replace(/[{}\]]/g, ' ').trim();
  if (rest !== '') warnings.add(`text without a value at the end: ${snippet(rest)}`);
  return { items, warnings: warnings.list() };
}

/**
 * A number from an item value: `31`, ` 66`, `-273`, `1.299%`, `49%`.
 * Anything else (`0x04.00000000`, `269880 B`, `A3197S`) is undefined.
 */
export function mmNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  return parseNumber(t.endsWith('%') ? t.slice(0, -1) : t);
}

/**
 * A whitespace-separated number list (`PS[0 1209 1187 ...]`,
 * `PVT_T0[ 66  65 ...]`). Empty value = empty list; undefined when the value
 * is absent or any element is not a number, so a garbled list is never
 * mistaken for a short one.
 */
export function mmNumberList(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  if (t === '') return [];
  // One linear regex check for the whole list is several times cheaper than
  // validating 160 chip readings one by one, and polls parse hundreds of them.
  if (!NUMBER_LIST_RE.test(t)) return undefined;
  const out = t.split(/\s+/).map((p) => Number(p.endsWith('%') ? p.slice(0, -1) : p));
  return out.every(Number.isFinite) ? out : undefined;
}

const NUM = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?`;
const NUMBER_LIST_RE = new RegExp(`^${NUM}(?:\\s+${NUM})*$`);

/** For every `[`, the index of its matching `]`, or -1; one pass, linear time. */
function matchBrackets(text: string): Int32Array {
  const match = new Int32Array(text.length).fill(-1);
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) stack.push(i);
    else if (c === 0x5d) {
      const open = stack.pop();
      if (open !== undefined) match[open] = i;
    }
  }
  return match;
}

function cleanKey(raw: string, warnings: WarningList): string | undefined {
  const key = raw.replace(GROUP_OPEN_RE, ' ').replace(/[{}]/g, ' ').trim().replace(/\s+/g, ' ');
  if (KEY_RE.test(key)) return checkProto(key, warnings);
  const word = LAST_WORD_RE.exec(key)?.[0];
  if (word === undefined) {
    warnings.add(`item without a usable key: ${snippet(raw)}[...]`);
    return undefined;
  }
  warnings.add(`unexpected text before key ${snippet(word)}: ${snippet(key)}`);
  return checkProto(word, warnings);
}

function checkProto(key: string, warnings: WarningList): string | undefined {
  // Assigning `__proto__` on a plain object would replace its prototype.
  if (key !== '__proto__') return key;
  warnings.add('item with key __proto__ ignored');
  return undefined;
}

function snippet(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > SNIPPET ? `"${flat.slice(0, SNIPPET)}..."` : `"${flat}"`;
}

/** Keeps the first few warnings and counts the rest, so hostile input cannot flood the snapshot. */
class WarningList {
  private readonly items: string[] = [];
  private dropped = 0;
  add(msg: string): void {
    if (this.items.length < MAX_WARNINGS) this.items.push(msg);
    else this.dropped++;
  }
  list(): string[] {
    return this.dropped > 0 ? [...this.items, `${this.dropped} more MM ID warnings not shown`] : this.items;
  }
}
