// Pool management: validation of stratum URLs, workers and passwords, and
// the request for each pool operation in each firmware's dialect. Sources
// and limits: docs/tuning.md "Pools". Passwords leave this module only inside
// the request to the device; everything printable goes through redaction.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { MessageText } from '../../contract/message-text.js';
import type { Pool } from '../../contract/snapshot.js';
import type { PoolOp, PoolOpName } from '../../contract/tuning.js';
import type { AvalonModel } from '../avalon/models.js';
import { ControlValidationError, dialectOf, type ApiCommand } from './controls.js';
import { tuningText as text } from './messages.js';

/** Pool slots of every Avalon firmware with a pool page (Nano 3S `setpool` refuses others). */
export const MAX_POOLS = 3;
// Nano 3S poolcfg.h MAX_LEN_URL / MAX_LEN_USER_PASS; driver-avalon.h WEBPASS_LEN [N3S-API].
const MAX_URL = 384;
const MAX_USER_PASS = 128;
const MAX_WEB_FIELD = 64;

export const REDACTED = '***';

type PoolDialect = 'upstream' | 'a10-setpool' | 'nano3-setpool' | 'mm319';

function poolDialect(model: AvalonModel): PoolDialect | undefined {
  if (!model.controls.includes('pools')) return undefined;
  switch (dialectOf(model)) {
    case 'avalon7':
    case 'avalon8':
    case 'avalon9':
    case 'avalon911':
      return 'upstream';
    case 'a10':
      return 'a10-setpool';
    case 'nano3':
      return 'nano3-setpool';
    case 'nano3s':
      return 'mm319';
    default:
      return undefined;
  }
}

const OPS: Record<PoolDialect, readonly PoolOpName[]> = {
  // cgminer API-README: addpool, removepool, switchpool, enablepool, disablepool, poolpriority [CK-README].
  upstream: ['add', 'remove', 'enable', 'disable', 'switch', 'priority'],
  // A10 manual 2.5: only `ascset|0,setpool,...` [A10DOC].
  'a10-setpool': ['set'],
  // avalon-nano-cli: only `setpool|root,...` [NANOCLI].
  'nano3-setpool': ['set'],
  // Nano 3S api.c command table: no addpool/removepool [N3S-API].
  mm319: ['set', 'enable', 'disable', 'switch', 'priority'],
};

/** Pool operations this model's firmware documents; empty when pools cannot be changed over the API. */
export function poolOperations(model: AvalonModel): PoolOpName[] {
  const d = poolDialect(model);
  return d === undefined ? [] : [...OPS[d]];
}

/** Whether `set` takes effect only after a reboot (every dialect that has it, per its source). */
export function poolOpNeedsReboot(op: PoolOpName): boolean {
  return op === 'set';
}

function invalid(message: MessageText): never {
  throw new ControlValidationError('invalid-value', message);
}

// Control characters (C0, DEL) never belong in a URL, worker or password;
// a NUL would end the firmware's C string early.
function hasControlChars(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** Checks a pool URL as cgminer's stratum detection and the firmwares' config pages accept it. */
export function validatePoolUrl(url: string): void {
  if (typeof url !== 'string' || url.length === 0) invalid(text('tune.pool.urlEmpty'));
  if (url.length > MAX_URL) invalid(text('tune.pool.urlTooLong', { max: MAX_URL }));
  if (hasControlChars(url) || /\s/.test(url)) invalid(text('tune.pool.urlSpaces'));
  if (url.includes(',')) invalid(text('tune.pool.urlComma'));
  if (/^stratum2\+/i.test(url)) invalid(text('tune.pool.stratumV2'));
  const m = /^([a-z0-9+.-]+):\/\/(\[[^\]]+\]|[^:/[\]]+):(\d{1,5})$/i.exec(url);
  if (m === null) invalid(text('tune.pool.urlForm'));
  const [, scheme, host, portText] = m as unknown as [string, string, string, string];
  if (scheme.toLowerCase() !== 'stratum+tcp') invalid(text('tune.pool.scheme', { scheme }));
  const port = Number(portText);
  if (port < 1 || port > 65535) invalid(text('tune.pool.port', { port: portText }));
  if (host.startsWith('[')) {
    if (isIP(host.slice(1, -1)) !== 6) invalid(text('tune.pool.ipv6', { host }));
    return;
  }
  if (isIP(host) === 4) return;
  if (/^[\d.]+$/.test(host)) invalid(text('tune.pool.ipv4', { host }));
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length > 253 || !labels.every((l) => HOST_LABEL.test(l))) invalid(text('tune.pool.hostName', { host }));
}

const FIELD_NAMES = {
  worker: text('tune.field.workerName'),
  poolPassword: text('tune.field.poolPassword'),
  webPassword: text('tune.field.webPassword'),
  webUser: text('tune.field.webUser'),
};

function validateField(what: keyof typeof FIELD_NAMES, value: string, max: number, opts: { allowEmpty: boolean }): void {
  const field = FIELD_NAMES[what];
  if (typeof value !== 'string') invalid(text('tune.field.notText', { field }));
  if (value.length === 0 && !opts.allowEmpty) invalid(text('tune.field.empty', { field }));
  if (value.length > max) invalid(text('tune.field.tooLong', { field, max }));
  // Canaan's setpool splits with sscanf("%[^,]"): a comma cannot be escaped there.
  if (value.includes(',')) invalid(text('tune.field.comma', { field }));
  if (hasControlChars(value)) invalid(text('tune.field.controlChars', { field }));
}

export function validateWorker(user: string): void {
  validateField('worker', user, MAX_USER_PASS, { allowEmpty: false });
  if (user.trim() !== user) invalid(text('tune.pool.workerSpace'));
}

export function validatePoolPassword(password: string, required: boolean): void {
  validateField('poolPassword', password, MAX_USER_PASS, { allowEmpty: !required });
}

function validateIndex(index: number, pools: readonly Pool[] | undefined): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_POOLS) invalid(text('tune.pool.index', { index, last: MAX_POOLS - 1 }));
  if (pools !== undefined && index >= pools.length) invalid(text('tune.pool.missing', { index, count: pools.length }));
}

/** Upstream cgminer unescapes `\x` to `x` in addpool fields (api.c copyadvanceafter), so backslashes are doubled. */
function upstreamField(value: string): string {
  return value.replace(/\\/g, '\\\\');
}

/** Nano 3 `setpool` credential: "ff0000ff" + the first 24 hex digits of SHA-256(web password) [NANOCLI]. */
export function nano3WebCredential(webPassword: string): string {
  return `ff0000ff${createHash('sha256').update(webPassword, 'utf8').digest('hex').slice(0, 24)}`;
}

/**
 * The request for one pool operation. `pools` is the device's current list
 * (from its latest snapshot), used for the three-pool limit and index checks.
 * Throws ControlValidationError before anything is sent.
 */
export function buildPoolCommand(model: AvalonModel, op: PoolOp, pools?: readonly Pool[]): ApiCommand {
  const dialect = poolDialect(model);
  if (dialect === undefined || !OPS[dialect].includes(op.op)) {
    throw new ControlValidationError('not-offered', text('tune.pool.unsupported', { model: model.displayName, op: op.op }));
  }
  switch (op.op) {
    case 'add':
      validatePoolUrl(op.url);
      validateWorker(op.user);
      // addpool needs all three fields (api.c pooldetails).
      validatePoolPassword(op.password, true);
      if (pools !== undefined && pools.length >= MAX_POOLS) {
        throw new ControlValidationError('invalid-value', text('tune.pool.limit', { count: pools.length, max: MAX_POOLS }));
      }
      return { command: 'addpool', parameter: [op.url, op.user, op.password].map(upstreamField).join(',') };
    case 'remove':
      validateIndex(op.index, pools);
      return { command: 'removepool', parameter: String(op.index) };
    case 'enable':
    case 'disable':
    case 'switch':
      validateIndex(op.index, pools);
      return { command: `${op.op}pool`, parameter: String(op.index) };
    case 'priority': {
      op.order.forEach((i) => validateIndex(i, pools));
      if (new Set(op.order).size !== op.order.length) invalid(text('tune.pool.twice'));
      return { command: 'poolpriority', parameter: op.order.join(',') };
    }
    case 'set':
      return buildSetPool(dialect, op);
  }
}

function buildSetPool(dialect: PoolDialect, op: Extract<PoolOp, { op: 'set' }>): ApiCommand {
  validatePoolUrl(op.url);
  validateWorker(op.user);
  validatePoolPassword(op.password, dialect === 'a10-setpool');
  validateField('webPassword', op.webPassword, MAX_WEB_FIELD, { allowEmpty: false });
  switch (dialect) {
    case 'a10-setpool':
      // One pool per A10; its manual's command has no slot number [A10DOC 2.5].
      if (op.index !== 0) invalid(text('tune.pool.singleA10'));
      validateField('webUser', op.webUser, MAX_WEB_FIELD, { allowEmpty: false });
      return { command: 'ascset', parameter: ['0', 'setpool', op.webUser, op.webPassword, op.url, op.user, op.password].join(',') };
    case 'nano3-setpool':
      validateIndex(op.index, undefined);
      return {
        command: 'setpool',
        parameter: ['root', nano3WebCredential(op.webPassword), String(op.index), op.url, op.user, op.password].join(','),
      };
    case 'mm319': {
      validateIndex(op.index, undefined);
      validateField('webUser', op.webUser, MAX_WEB_FIELD, { allowEmpty: false });
      // 5 fields when there is no worker password: sscanf cannot match an empty field [N3S-API setpool].
      const fields = [op.webUser, op.webPassword, String(op.index), op.url, op.user];
      if (op.password !== '') fields.push(op.password);
      return { command: 'setpool', parameter: fields.join(',') };
    }
    case 'upstream':
      return invalid(text('tune.pool.noSetpool'));
  }
}

/** The secrets a pool operation carries, as they may appear in a request or a device's reply. */
export function poolSecrets(op: PoolOp): string[] {
  const raw = op.op === 'add' ? [op.password] : op.op === 'set' ? [op.password, op.webPassword, nano3WebCredential(op.webPassword)] : [];
  const all = raw.flatMap((s) => [s, upstreamField(s)]).filter((s) => s.length > 0);
  // Longest first, so a secret that contains another is replaced whole.
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/** The operation with its passwords replaced by "***", for results, logs and the audit trail. */
export function redactPoolOp(op: PoolOp): PoolOp {
  if (op.op === 'add') return { ...op, password: REDACTED };
  if (op.op === 'set') return { ...op, password: REDACTED, webPassword: REDACTED };
  return op;
}

/** Replaces every occurrence of each secret in `text` by "***". */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join(REDACTED);
  return out;
}

/** The setpool reply echoes "workerpassword is <pass>" in clear [N3S-API setpool]; hide whatever follows it too. */
export function redactPoolReply(text: string, secrets: readonly string[]): string {
  return redactText(text, secrets).replace(/(workerpassword is )[^\n]*/gi, `$1${REDACTED}`);
}
