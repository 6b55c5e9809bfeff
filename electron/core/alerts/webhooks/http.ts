// One webhook POST with a deadline and a reply size cap, and the retry loop
// around it: network errors, timeouts, 5xx and 429 are retried with
// exponential back-off (a server's Retry-After wins, within a cap); other
// replies are final. Error texts name the service, never the URL, because
// webhook URLs carry tokens (Telegram's path, Discord's whole URL).
import http from 'node:http';
import https from 'node:https';

export interface WebhookRequest {
  /** Service name for messages ("Telegram"); the URL is never shown. */
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The reply body, cut at the size cap. */
  body: string;
}

export interface DeliveryOptions {
  /** Budget of one attempt, connect to last byte. */
  timeoutMs: number;
  /** Reply bytes read at most; the rest is dropped (replies are only inspected for errors). */
  maxReplyBytes: number;
  attempts: number;
  /** First back-off; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the delivery fails and says so. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  timeoutMs: 10_000,
  maxReplyBytes: 16 * 1024,
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  httpStatus?: number;
  error?: string;
}

/** What a channel says about a reply, beyond the HTTP status. */
export interface ReplyReading {
  /** An error in a 2xx reply (Telegram answers `{"ok":false}`), or the service's own words for a failure. */
  error?: string;
  /** A wait the service asked for in its body (Telegram, Discord), ms. */
  retryAfterMs?: number;
}

class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** One POST. Resolves with whatever status came back; rejects only when no reply could be read. */
export function postOnce(req: WebhookRequest, timeoutMs: number, maxReplyBytes: number): Promise<WebhookReply> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      reject(new AttemptError(`${req.label}: the configured address is not a valid URL`, false));
      return;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      reject(new AttemptError(`${req.label}: only http and https addresses are supported`, false));
      return;
    }
    const body = Buffer.from(req.body, 'utf8');
    const send = url.protocol === 'https:' ? https.request : http.request;
    let settled = false;
    const finish = (err: Error | undefined, reply?: WebhookReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        request.destroy();
        reject(err);
      } else resolve(reply!);
    };
    const request = send(url, {
      method: 'POST',
      headers: { ...req.headers, 'content-length': String(body.length), 'user-agent': 'Hearth' },
    });
    const timer = setTimeout(() => finish(new AttemptError(`${req.label}: no reply within ${timeoutMs} ms`, true)), timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => finish(new AttemptError(`${req.label}: ${networkText(err)}`, true)));
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size >= maxReplyBytes) return;
        const room = maxReplyBytes - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        // Enough read to judge the reply: stop the download rather than buffer a huge one.
        if (size >= maxReplyBytes) {
          finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.destroy();
        }
      });
      res.on('end', () => finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err: NodeJS.ErrnoException) => finish(new AttemptError(`${req.label}: ${networkText(err)}`, true)));
    });
    request.end(body);
  });
}

/** A network error in words, without the address (it may hold a token). */
function networkText(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      return err.code ? `network error ${err.code}` : 'network error';
  }
}

/** Retry-After as seconds or an HTTP date (RFC 9110 section 10.2.3), in ms from `now`. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Math.round(Number(text.trim()) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function retryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Sends with retries. `read` lets the channel find errors and waits in the
 * body; it never sees the request. `secrets` are removed from every error text.
 */
export async function deliver(
  req: WebhookRequest,
  read: (reply: WebhookReply) => ReplyReading,
  opts: DeliveryOptions,
  secrets: readonly string[] = [],
  now: () => number = Date.now,
): Promise<DeliveryResult> {
  let lastStatus: number | undefined;
  let lastError = '';
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    let wait = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
    try {
      const reply = await postOnce(req, opts.timeoutMs, opts.maxReplyBytes);
      lastStatus = reply.status;
      const reading = read(reply);
      if (reply.status >= 200 && reply.status < 300 && reading.error === undefined) {
        return { ok: true, attempts: attempt, httpStatus: reply.status };
      }
      lastError = `${req.label}: HTTP ${reply.status}${reading.error ? `: ${reading.error}` : ''}`;
      if (!retryableStatus(reply.status)) return fail(attempt, lastStatus, lastError, secrets);
      const asked = parseRetryAfter(reply.headers['retry-after'], now()) ?? reading.retryAfterMs;
      if (asked !== undefined) {
        if (asked > opts.maxRetryAfterMs) return fail(attempt, lastStatus, `${lastError} (asked to wait ${Math.ceil(asked / 1000)} s)`, secrets);
        wait = asked;
      }
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      if (err instanceof AttemptError && !err.retryable) return fail(attempt, lastStatus, lastError, secrets);
    }
    if (attempt < opts.attempts) await opts.sleep(wait);
  }
  return fail(opts.attempts, lastStatus, `${lastError} (gave up after ${opts.attempts} attempts)`, secrets);
}

function fail(attempts: number, httpStatus: number | undefined, error: string, secrets: readonly string[]): DeliveryResult {
  return { ok: false, attempts, ...(httpStatus === undefined ? {} : { httpStatus }), error: redact(error, secrets) };
}

/** Replaces every occurrence of each secret (and its URL-encoded form) with "[redacted]". */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('[redacted]');
  }
  return out;
}
