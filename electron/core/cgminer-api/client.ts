// The CGMiner API client: one command (or one joined set) per connection,
// every failure a CgminerError. See docs/cgminer-api.md.
import { tcpRequest } from '../transports/tcp.js';
import { CgminerError } from './errors.js';
import { parseLenientJson } from './lenient-json.js';
import { readReply, splitJoinedReply } from './reply.js';
import type { CgminerReply, JoinedResult } from './reply.js';
import { checkTarget, encodeJoinedRequest, encodeJsonRequest, encodeTextRequest } from './request.js';

export type { CgminerReply, JoinedResult, StatusEntry } from './reply.js';

export interface CgminerTarget {
  host: string;
  port: number;
}

export interface QueryOptions {
  /** Budget for the whole exchange, connect included. Default 5000 ms. */
  timeoutMs?: number;
  /** Largest reply accepted. Default 1 MiB (an A1566 estats is about 9 KB). */
  maxBytes?: number;
  /** Aborting rejects with the signal's reason and closes the connection. */
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 5000;

// Some proxies and firmwares answer with this text instead of closing
// (avalon-protocol.md 1.7, from pyasic rpc/base.py).
const PROXY_REFUSED = /^Socket connect failed: Connection refused/;

async function exchange(target: CgminerTarget, payload: string, opts: QueryOptions): Promise<string> {
  checkTarget(target);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let body: Buffer;
  try {
    body = await tcpRequest({
      host: target.host,
      port: target.port,
      payload,
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
      ...(opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes }),
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
  } catch (e) {
    throw CgminerError.fromTransport(e);
  }
  const text = body.toString('utf8');
  if (PROXY_REFUSED.test(text)) throw new CgminerError('refused', `${target.host}:${target.port}: ${text.trim()}`);
  return text;
}

function withWhere(target: CgminerTarget, e: unknown): unknown {
  if (!(e instanceof CgminerError)) return e;
  const where = `${target.host}:${target.port}`;
  if (e.message.startsWith(where)) return e;
  return new CgminerError(e.kind, `${where} ${e.message}`, { ...(e.code === undefined ? {} : { code: e.code }), cause: e.cause });
}

/**
 * Sends one JSON command. Resolves for STATUS S/I/W; throws CgminerError
 * ('status-error', 'access-denied', 'not-cgminer', 'invalid-reply', or a
 * transport kind), CgminerRequestError for a bad command, or the abort reason.
 */
export async function query(
  target: CgminerTarget,
  command: string,
  parameter?: string,
  opts: QueryOptions = {},
): Promise<CgminerReply> {
  const payload = encodeJsonRequest(command, parameter);
  const text = await exchange(target, payload, opts);
  try {
    return readReply(parseLenientJson(text), command);
  } catch (e) {
    throw withWhere(target, e);
  }
}

/**
 * Sends `cmd1+cmd2+...` (report commands without parameters) in one
 * connection and returns each command's own outcome, keyed by command as
 * given. Throws when the exchange as a whole fails (transport, unreadable
 * reply, or an E/F status for the whole join).
 */
export async function queryJoined(
  target: CgminerTarget,
  commands: readonly string[],
  opts: QueryOptions = {},
): Promise<Record<string, JoinedResult>> {
  const { payload, commands: unique } = encodeJoinedRequest(commands);
  const text = await exchange(target, payload, opts);
  let results: Record<string, JoinedResult>;
  try {
    results = splitJoinedReply(parseLenientJson(text), unique);
  } catch (e) {
    throw withWhere(target, e);
  }
  // Callers may pass duplicates; each name they passed gets its answer.
  for (const command of commands) {
    if (!(command in results)) {
      const same = unique.find((u) => u.toLowerCase() === command.toLowerCase());
      if (same !== undefined && results[same] !== undefined) results[command] = results[same];
    }
  }
  return results;
}

/** Sends the text form `cmd|param` and returns the raw text reply (NUL removed). */
export async function queryText(
  target: CgminerTarget,
  command: string,
  parameter?: string,
  opts: QueryOptions = {},
): Promise<string> {
  const text = await exchange(target, encodeTextRequest(command, parameter), opts);
  if (text.length === 0) throw new CgminerError('invalid-reply', `${target.host}:${target.port} sent an empty reply`);
  return text;
}
