// Reads the STATUS of a parsed CGMiner reply and splits joined replies.
// Wire facts: docs/cgminer-api.md "Replies" (avalon-protocol.md 1.3-1.5, 1.7).
import { CgminerError } from './errors.js';

export type StatusEntry = { STATUS: string; Code?: number; Msg?: string; Description?: string; When?: number };
export type CgminerReply = { STATUS: StatusEntry[]; [section: string]: unknown };

export type JoinedResult = { ok: true; reply: CgminerReply } | { ok: false; error: CgminerError };

// Upstream code for "Access denied to '<cmd>' command" (api.c MSG_ACCDENY).
const ACCESS_DENIED_CODE = 45;
const SEVERITIES = new Set(['S', 'I', 'W', 'E', 'F']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readStatusEntry(raw: unknown, what: string): StatusEntry {
  if (!isRecord(raw) || typeof raw.STATUS !== 'string') {
    throw new CgminerError('invalid-reply', `${what}: STATUS entry has no STATUS letter`);
  }
  const entry: StatusEntry = { STATUS: raw.STATUS };
  // Devices print Code and When as numbers; a text form is tolerated, nothing else.
  const code = toNumber(raw.Code);
  if (code !== undefined) entry.Code = code;
  const when = toNumber(raw.When);
  if (when !== undefined) entry.When = when;
  if (typeof raw.Msg === 'string') entry.Msg = raw.Msg;
  if (typeof raw.Description === 'string') entry.Description = raw.Description;
  return entry;
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

/**
 * Checks a parsed reply to one command: it must carry a STATUS section;
 * E/F severities throw 'status-error' (or 'access-denied' for code 45).
 * `restart`/`quit` answer `"STATUS":"RESTART"` as a plain string; that is
 * normalised to one S entry whose Msg is the string.
 */
export function readReply(value: unknown, command: string): CgminerReply {
  const what = `'${command}'`;
  if (!isRecord(value) || !('STATUS' in value)) {
    throw new CgminerError('not-cgminer', `${what}: the reply has no STATUS section`);
  }
  const raw = value.STATUS;
  let status: StatusEntry[];
  if (typeof raw === 'string' && raw.length > 0) {
    status = [{ STATUS: 'S', Msg: raw }];
  } else if (Array.isArray(raw) && raw.length > 0) {
    status = raw.map((entry) => readStatusEntry(entry, what));
  } else {
    throw new CgminerError('invalid-reply', `${what}: STATUS section is empty or malformed`);
  }
  const first = status[0] as StatusEntry;
  if (!SEVERITIES.has(first.STATUS)) {
    throw new CgminerError('invalid-reply', `${what}: unknown STATUS ${JSON.stringify(first.STATUS)}`);
  }
  if (first.STATUS === 'E' || first.STATUS === 'F') {
    const msg = first.Msg ?? 'no message';
    const detail = first.Code === undefined ? msg : `${msg} (code ${first.Code})`;
    const denied = first.Code === ACCESS_DENIED_CODE || /access denied/i.test(msg);
    const options = first.Code === undefined ? undefined : { code: first.Code };
    throw new CgminerError(denied ? 'access-denied' : 'status-error', `${what}: ${detail}`, options);
  }
  return { ...value, STATUS: status };
}

/**
 * Splits the reply to `cmd1+cmd2+...`: `{"cmd1":[<reply>],"cmd2":[<reply>],"id":1}`.
 * Each part is checked like a single reply. A top-level STATUS means the
 * server did not run the join at all (API before 3.1, or it refused it): an
 * E/F there throws, like a failed single request.
 */
export function splitJoinedReply(value: unknown, commands: readonly string[]): Record<string, JoinedResult> {
  if (!isRecord(value)) throw new CgminerError('not-cgminer', 'joined reply is not a JSON object');
  if ('STATUS' in value) {
    readReply(value, commands.join('+'));
    throw new CgminerError('invalid-reply', `'${commands.join('+')}': the server answered the join as one command`);
  }
  const byLowerName = new Map(Object.keys(value).map((k) => [k.toLowerCase(), k]));
  const results: Record<string, JoinedResult> = {};
  for (const command of commands) {
    const key = byLowerName.get(command.toLowerCase());
    const section = key === undefined ? undefined : value[key];
    // The code wraps each reply in a one-element array; API-README shows a bare object.
    const part: unknown = Array.isArray(section) ? section[0] : section;
    try {
      if (part === undefined) throw new CgminerError('invalid-reply', `'${command}': missing from the joined reply`);
      results[command] = { ok: true, reply: readReply(part, command) };
    } catch (e) {
      if (!(e instanceof CgminerError)) throw e;
      results[command] = { ok: false, error: e };
    }
  }
  return results;
}
