// One request/reply exchange over TCP, the way CGMiner-style APIs speak: connect,
// write the request in one piece, read until the first NUL byte or until the
// peer closes. Every exchange is bounded in time and size, whatever the peer
// does, and the socket is always destroyed at the end.
import net from 'node:net';
import type { DeviceErrorKind } from '../../contract/fleet.js';

/** The failure kinds a transport can produce (a subset of DeviceErrorKind). */
export type TransportErrorKind = Extract<DeviceErrorKind, 'refused' | 'timeout' | 'unreachable' | 'reset' | 'too-large'>;

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: TransportErrorKind;
  /** The system error code (ECONNREFUSED, ...) when the OS reported one. */
  readonly errno?: string;

  constructor(kind: TransportErrorKind, message: string, errno?: string) {
    super(message);
    this.kind = kind;
    if (errno !== undefined) this.errno = errno;
  }
}

export interface TcpRequestOptions {
  host: string;
  port: number;
  payload: string | Uint8Array;
  /** Limit for establishing the connection. Default 3000 ms. */
  connectTimeoutMs?: number;
  /**
   * Deadline for the whole exchange, measured from the call (connect included),
   * so a peer that drips bytes slowly still ends in 'timeout'. Default 10000 ms.
   */
  readTimeoutMs?: number;
  /** Longest silence allowed once connected. Default: no limit beyond readTimeoutMs. */
  idleTimeoutMs?: number;
  /** Largest reply accepted, terminator excluded. Default 1 MiB. */
  maxBytes?: number;
  /** Aborting rejects with the signal's reason and destroys the socket. */
  signal?: AbortSignal;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 3000;
export const DEFAULT_READ_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

const ERRNO_KIND: Record<string, TransportErrorKind> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ECONNRESET: 'reset',
  ECONNABORTED: 'reset',
  EPIPE: 'reset',
};

/** Maps an OS-level socket error to a transport error kind. */
export function transportErrorFromErrno(err: NodeJS.ErrnoException, where: string): TransportError {
  const errno = typeof err.code === 'string' ? err.code : undefined;
  // Anything the OS reports that is not in the table (EACCES, EPERM from a
  // firewall, ...) still means "we cannot reach this host".
  const kind = (errno !== undefined ? ERRNO_KIND[errno] : undefined) ?? 'unreachable';
  return new TransportError(kind, `${where}: ${err.message}`, errno);
}

function checkPositive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
  return value;
}

/**
 * Sends `payload` and resolves with the reply bytes up to (not including) the
 * first NUL, or everything up to the peer's close when no NUL comes.
 * Rejects with a TransportError, or with `signal.reason` when aborted.
 */
export function tcpRequest(o: TcpRequestOptions): Promise<Buffer> {
  const where = `${o.host}:${o.port}`;
  if (typeof o.host !== 'string' || o.host.length === 0 || o.host.length > 253) {
    return Promise.reject(new TypeError(`invalid host ${JSON.stringify(o.host)}`));
  }
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) {
    return Promise.reject(new RangeError(`invalid port ${o.port}: must be an integer from 1 to 65535`));
  }
  let connectTimeoutMs: number;
  let readTimeoutMs: number;
  let idleTimeoutMs: number | undefined;
  let maxBytes: number;
  try {
    connectTimeoutMs = checkPositive('connectTimeoutMs', o.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS);
    readTimeoutMs = checkPositive('readTimeoutMs', o.readTimeoutMs, DEFAULT_READ_TIMEOUT_MS);
    idleTimeoutMs = o.idleTimeoutMs === undefined ? undefined : checkPositive('idleTimeoutMs', o.idleTimeoutMs, 0);
    maxBytes = checkPositive('maxBytes', o.maxBytes, DEFAULT_MAX_BYTES);
  } catch (e) {
    return Promise.reject(e);
  }
  const signal = o.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    let connected = false;
    let idleTimer: NodeJS.Timeout | undefined;

    const socket = net.connect({ host: o.host, port: o.port });
    socket.setNoDelay(true);

    const finish = (err: unknown, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(deadlineTimer);
      clearTimeout(idleTimer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err !== undefined) reject(err);
      else resolve(body ?? Buffer.alloc(0));
    };

    const onAbort = (): void => finish(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    const connectTimer = setTimeout(
      () => finish(new TransportError('timeout', `${where}: no connection after ${connectTimeoutMs} ms`)),
      Math.min(connectTimeoutMs, readTimeoutMs),
    );
    const deadlineTimer = setTimeout(() => {
      const phase = connected ? `reply incomplete after ${readTimeoutMs} ms (${received} bytes)` : `no connection after ${readTimeoutMs} ms`;
      finish(new TransportError('timeout', `${where}: ${phase}`));
    }, readTimeoutMs);

    const armIdle = (): void => {
      if (idleTimeoutMs === undefined) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => finish(new TransportError('timeout', `${where}: peer silent for ${idleTimeoutMs} ms (${received} bytes so far)`)),
        idleTimeoutMs,
      );
    };

    socket.once('connect', () => {
      connected = true;
      clearTimeout(connectTimer);
      armIdle();
      // cgminer reads the request with a single recv(), so it goes in one write.
      socket.write(o.payload);
    });

    socket.on('data', (chunk: Buffer) => {
      if (settled) return;
      armIdle();
      const nul = chunk.indexOf(0);
      const useful = nul === -1 ? chunk.length : nul;
      if (received + useful > maxBytes) {
        finish(new TransportError('too-large', `${where}: reply exceeds ${maxBytes} bytes`));
        return;
      }
      received += useful;
      chunks.push(nul === -1 ? chunk : chunk.subarray(0, nul));
      if (nul !== -1) finish(undefined, Buffer.concat(chunks, received));
    });

    socket.once('end', () => {
      if (received === 0) finish(new TransportError('reset', `${where}: connection closed before any reply`));
      else finish(undefined, Buffer.concat(chunks, received));
    });

    socket.on('error', (err: NodeJS.ErrnoException) => {
      const mapped = transportErrorFromErrno(err, where);
      if (mapped.kind === 'reset' && received > 0) {
        finish(new TransportError('reset', `${where}: connection reset after ${received} bytes of the reply`, mapped.errno));
      } else {
        finish(mapped);
      }
    });

    // A close without 'end' or 'error' (e.g. destroyed by the OS) must not
    // leave the promise pending. (Checked first: after a normal reply the
    // socket closes too, and building an error per poll is not free.)
    socket.once('close', () => {
      if (!settled) finish(new TransportError('reset', `${where}: connection closed unexpectedly`));
    });
  });
}
