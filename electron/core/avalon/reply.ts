// Reading fields out of an already-parsed CGMiner reply without trusting it.
// Replies come from devices on the LAN (or from anything answering on 4028),
// so every field may be missing, of the wrong type, or absurd; these readers
// turn "wrong" into "absent" and never throw.

/** The minimal structural shape of a parsed CGMiner reply (`{ STATUS: [...], SUMMARY: [...] }`). */
export type ReplyLike = { readonly [section: string]: unknown };

/** Where a parser reports what it skipped or repaired; parsers never throw. */
export type Warn = (msg: string) => void;

export const ignoreWarnings: Warn = () => {};

/** A plain object of reply fields (one element of a section array). */
export type Fields = Readonly<Record<string, unknown>>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** No Avalon reply has more than a handful of entries per section (pools: 3, stats: 1 + pools). */
const MAX_ENTRIES = 64;

/**
 * The elements of section `name` (e.g. `SUMMARY`) that are objects, at most
 * MAX_ENTRIES of them. Anything else in that place is reported through `warn`.
 */
export function sectionEntries(reply: ReplyLike | undefined, name: string, warn: Warn): Fields[] {
  if (!isFields(reply)) return [];
  const section = reply[name];
  if (section === undefined) return [];
  if (!Array.isArray(section)) {
    warn(`${name}: expected a list, got ${describe(section)}`);
    return [];
  }
  const out: Fields[] = [];
  let skipped = 0;
  for (const entry of section.slice(0, MAX_ENTRIES)) {
    if (isFields(entry)) out.push(entry);
    else skipped++;
  }
  if (skipped > 0) warn(`${name}: ignored ${skipped} ${skipped === 1 ? 'entry that is not an object' : 'entries that are not objects'}`);
  if (section.length > MAX_ENTRIES) warn(`${name}: ${section.length} entries; only the first ${MAX_ENTRIES} were read`);
  return out;
}

/**
 * A finite number from a field that should be numeric. Numeric strings are
 * accepted because the text form of the API (and some firmware) sends them.
 */
export function numberField(fields: Fields, key: string): number | undefined {
  const v = fields[key];
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') return parseNumber(v);
  return undefined;
}

/** A non-empty trimmed string; numbers are rendered, other types ignored. */
export function stringField(fields: Fields, key: string): string | undefined {
  const v = fields[key];
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** `true`/`false`, or the API's `Y`/`N` and `true`/`false` strings. */
export function booleanField(fields: Fields, key: string): boolean | undefined {
  const v = fields[key];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'y' || t === 'true') return true;
    if (t === 'n' || t === 'false') return false;
  }
  return undefined;
}

const NUMBER_RE = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Parses a decimal number written the way cgminer writes them; anything else is undefined. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER_RE.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The first STATUS entry's error text when the device answered `E` or `F`
 * (e.g. "Invalid command"), else undefined.
 */
export function statusError(reply: ReplyLike | undefined): string | undefined {
  if (!isFields(reply)) return undefined;
  const status = reply['STATUS'];
  if (typeof status === 'string') return undefined;
  const first: unknown = Array.isArray(status) ? status[0] : undefined;
  if (!isFields(first)) return undefined;
  const code = stringField(first, 'STATUS');
  if (code !== 'E' && code !== 'F') return undefined;
  return stringField(first, 'Msg') ?? `status ${code}`;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
