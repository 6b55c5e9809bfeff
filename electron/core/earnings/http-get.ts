// One bounded HTTP GET with Node's fetch: a deadline for the whole exchange
// (connect, headers and body, so a server that drips bytes still times out),
// a cap on the body read as a stream, and redirects followed only within the
// same host and never from https down to http.
import { MarketFetchError } from './market-error.js';

export interface BoundedGetOptions {
  /** Deadline for the whole exchange. Default 8000 ms. */
  timeoutMs?: number;
  /** Largest body accepted. Default 256 KiB. */
  maxBytes?: number;
  /** Same-host redirects followed at most. Default 3. */
  maxRedirects?: number;
  accept?: string;
}

export interface BoundedReply {
  /** The URL that answered (after same-host redirects). */
  url: string;
  contentType: string;
  text: string;
}

export const DEFAULT_TIMEOUT_MS = 8000;
export const DEFAULT_MAX_BYTES = 256 * 1024;
const DEFAULT_MAX_REDIRECTS = 3;

const REFUSED = new Set(['ECONNREFUSED']);

/** The system error code behind a failed fetch, digging through undici's cause chain. */
function errnoOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth++) {
    const { code, errors, cause } = e as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    // Happy eyeballs: one error per address tried.
    if (Array.isArray(errors) && errors.length > 0) e = errors[0];
    else e = cause;
  }
  return undefined;
}

function failure(err: unknown, url: URL, deadline: AbortSignal, timeoutMs: number): MarketFetchError {
  if (err instanceof MarketFetchError) return err;
  if (deadline.aborted) return new MarketFetchError('timeout', `${url.host} did not answer in full within ${timeoutMs / 1000} s`, url.href);
  const code = errnoOf(err);
  if (code !== undefined && REFUSED.has(code)) return new MarketFetchError('refused', `${url.host} refused the connection`, url.href);
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new MarketFetchError('unreachable', `${url.host} could not be reached (${detail})`, url.href);
}

async function readCapped(res: Response, maxBytes: number, url: URL): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new MarketFetchError('too-large', `${url.host} announced ${declared} bytes; the limit is ${maxBytes}`, url.href);
  }
  if (res.body === null) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new MarketFetchError('too-large', `the reply from ${url.host} passed ${maxBytes} bytes`, url.href);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function nextLocation(res: Response, from: URL): URL {
  const location = res.headers.get('location');
  if (location === null) throw new MarketFetchError('invalid-reply', `${from.host} sent a redirect without a Location`, from.href);
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new MarketFetchError('invalid-reply', `${from.host} redirected to an invalid address`, from.href);
  }
  if (to.host !== from.host) {
    throw new MarketFetchError('redirect-refused', `${from.host} redirected to another host (${to.host}); not followed`, from.href);
  }
  if (from.protocol === 'https:' && to.protocol !== 'https:') {
    throw new MarketFetchError('redirect-refused', `${from.host} redirected from https to ${to.protocol}; not followed`, from.href);
  }
  if (to.protocol !== 'https:' && to.protocol !== 'http:') {
    throw new MarketFetchError('redirect-refused', `${from.host} redirected to a ${to.protocol} address; not followed`, from.href);
  }
  return to;
}

export async function boundedGet(url: string, opts: BoundedGetOptions = {}): Promise<BoundedReply> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = AbortSignal.timeout(timeoutMs);
  let current = new URL(url);
  try {
    for (let hop = 0; ; hop++) {
      const res = await fetch(current, {
        redirect: 'manual',
        signal: deadline,
        headers: { accept: opts.accept ?? 'application/json, text/plain;q=0.9' },
      });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const to = nextLocation(res, current);
        if (hop >= maxRedirects) throw new MarketFetchError('redirect-refused', `more than ${maxRedirects} redirects from ${url}`, url);
        current = to;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new MarketFetchError('http-status', `${current.host} answered HTTP ${res.status} for ${current.pathname}`, current.href);
      }
      const body = await readCapped(res, maxBytes, current);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        throw new MarketFetchError('invalid-reply', `the reply from ${current.host} is not UTF-8 text`, current.href);
      }
      return { url: current.href, contentType: res.headers.get('content-type') ?? '', text };
    }
  } catch (err) {
    throw failure(err, current, deadline, timeoutMs);
  }
}
