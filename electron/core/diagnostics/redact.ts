// Removes secrets from anything Hearth writes for someone else to read: log
// lines and every file of a support bundle. Three layers, each catching what
// the others miss: secret-looking keys in structured data, credential
// patterns in free text (key=value, JSON pairs, auth headers, URL
// userinfo, the credential-carrying cgminer commands), and the exact secrets
// Hearth knows (pool and web passwords). Wallet addresses used as worker
// names are shortened when asked (on by default in bundles).

export const REDACTED = '[redacted]';

export interface RedactionOptions {
  /** Exact strings to remove wherever they appear (pool passwords, the web password). */
  secrets?: readonly string[];
  /** Shorten Bitcoin addresses to their first 6 and last 4 characters. */
  walletWorkers?: boolean;
}

/**
 * Secrets shorter than this are not scrubbed by value: pool passwords are
 * often "x" or "1", and removing every "x" would destroy the file while
 * hiding nothing. Key- and pattern-based redaction still removes them.
 */
export const MIN_SCRUB_LENGTH = 4;

const SECRET_KEY = /pass|secret|token|cookie|authorization|^auth$|api[-_]?key|private[-_]?key|credential/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const KEY_WORDS = String.raw`(?:[A-Za-z_]*pass(?:word|wd)?\d*|pwd|secret|token|api[-_]?key|cookie)`;
// "password":"...", 'Password': '...', with JSON escapes inside the value.
const QUOTED_PAIR = new RegExp(String.raw`(["']${KEY_WORDS}["']\s*:\s*)(["'])((?:\\.|(?!\2)[^\\])*)\2`, 'gi');
// password=..., passwd1: ... (form fields, query strings, log text).
const BARE_PAIR = new RegExp(String.raw`(\b${KEY_WORDS}\s*[=:]\s*)(?!["'\s])([^\s,&;"'}\]]+)`, 'gi');
const AUTH_HEADER = /\b(authorization\s*:\s*(?:basic|bearer|digest)\s+)[^\s"',]+/gi;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@"']+):([^\s/@"']+)@/gi;
// setpool|<web user>,<web password>,<n>,<url>,<worker>[,<worker password>] (N3S-API):
// every field may be sensitive, so the whole parameter goes, in text and JSON requests.
const SETPOOL_TEXT = /(\bsetpool\|)[^\s"'\0]*/gi;
const SETPOOL_JSON = /("command"\s*:\s*"setpool"\s*,\s*"parameter"\s*:\s*")((?:\\.|[^"\\])*)"/gi;
// ascset|0,password,<old>,<new> (N3S-DRV): keep the option name, drop both passwords.
const ASCSET_PASSWORD = /(\bascset\|?"?[^,\s"]*,\s*password\s*,)[^\s"'\0]*/gi;

const BECH32 = /\b(?:bc1|tb1|bcrt1)[ac-hj-np-z02-9]{8,87}\b/gi;
const BASE58 = /\b[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}\b/g;

function shorten(address: string): string {
  return address.length <= 12 ? address : `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Forms a secret takes in text: as typed, JSON-escaped, URL-encoded. */
function secretForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  return [...forms].filter((f) => f.length >= MIN_SCRUB_LENGTH);
}

export function redactText(text: string, opts: RedactionOptions = {}): string {
  let out = text
    .replace(SETPOOL_JSON, `$1${REDACTED}"`)
    .replace(SETPOOL_TEXT, `$1${REDACTED}`)
    .replace(ASCSET_PASSWORD, `$1${REDACTED}`)
    .replace(QUOTED_PAIR, (_m, head: string, quote: string) => `${head}${quote}${REDACTED}${quote}`)
    .replace(BARE_PAIR, `$1${REDACTED}`)
    .replace(AUTH_HEADER, `$1${REDACTED}`)
    .replace(URL_USERINFO, `$1:${REDACTED}@`);
  const forms = (opts.secrets ?? []).filter((s) => s.length >= MIN_SCRUB_LENGTH).flatMap(secretForms);
  // Longest first, so a secret that contains another is removed whole.
  for (const form of [...new Set(forms)].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(form), 'g'), REDACTED);
  }
  if (opts.walletWorkers === true) out = out.replace(BECH32, shorten).replace(BASE58, shorten);
  return out;
}

const COMMAND_KEY = /^(command|cmd|action)$/i;
const PARAMETER_KEY = /^(parameter|param|params|arguments|args)$/i;

/** The cgminer command an object records (an audit entry, a request), if any. */
function commandOf(o: Record<string, unknown>): string | undefined {
  for (const [k, v] of Object.entries(o)) if (COMMAND_KEY.test(k) && typeof v === 'string') return v;
  return undefined;
}

/** A command's parameter, redacted by the same rules as the `command|parameter` text form. */
function redactParameter(command: string, parameter: string, opts: RedactionOptions): string {
  const prefix = `${command}|`;
  const out = redactText(`${prefix}${parameter}`, opts);
  return out.startsWith(prefix) ? out.slice(prefix.length) : redactText(parameter, opts);
}

/** Structured data nests a few levels; anything far deeper is cut rather than walked. */
const MAX_DEPTH = 32;

/**
 * A deep copy with secret-looking keys' values replaced and every string
 * passed through redactText, ready for JSON: a reference back to an
 * enclosing object becomes "[cycle]", a bigint its decimal text, an Error
 * its name and message.
 */
export function redactValue(value: unknown, opts: RedactionOptions = {}): unknown {
  const ancestors = new Set<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return redactText(v, opts);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof Error) return { name: v.name, message: redactText(v.message, opts) };
    if (ancestors.has(v)) return '[cycle]';
    if (depth >= MAX_DEPTH) return '[nested too deep]';
    ancestors.add(v);
    try {
      if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
      const out: Record<string, unknown> = {};
      const command = commandOf(v as Record<string, unknown>);
      for (const [k, x] of Object.entries(v)) {
        if (k === '__proto__') continue;
        if (isSecretKey(k) && x !== null && x !== undefined && x !== '') out[k] = REDACTED;
        else if (command !== undefined && PARAMETER_KEY.test(k) && typeof x === 'string') out[k] = redactParameter(command, x, opts);
        else out[k] = walk(x, depth + 1);
      }
      return out;
    } finally {
      ancestors.delete(v);
    }
  };
  return walk(value, 0);
}
