// The TCP side of one simulated device: cgminer's connection model (one
// request per connection, one reply ending in a NUL byte, then close), with
// a size cap and a read timeout on every request, and the wire-level fault
// modes (slow, garbage, reset; offline is a closed listener).
import net from 'node:net';
import type { SimDevice } from './device.js';
import { respond } from './commands.js';
import { createPrng, mixSeed } from './prng.js';

export interface ServerLimits {
  /** A client that has not sent a complete request by then is dropped. */
  readTimeoutMs: number;
  /** cgminer reads at most 4095 bytes of request; more than this is dropped. */
  maxRequestBytes: number;
  /** Delay before answering in the 'slow-reply' fault. */
  slowReplyMs: number;
  /** Open connections per device beyond which new ones are closed at once. */
  maxConnections: number;
}

/** Pause between the half reply and the reset in the 'reset' fault. */
const RESET_DELAY_MS = 20;

export const DEFAULT_LIMITS: ServerLimits = { readTimeoutMs: 10_000, maxRequestBytes: 4095, slowReplyMs: 10_000, maxConnections: 64 };

/** A request is complete at a NUL or newline, when a JSON object's braces balance, or (text form) at once. */
export function requestComplete(buf: string): boolean {
  if (/[\0\n]/.test(buf)) return true;
  const s = buf.trimStart();
  if (!s.startsWith('{')) return s.length > 0;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return true;
  }
  return false;
}

export class SimServer {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** The port actually bound (differs from the device's when it asked for port 0). */
  boundPort: number;

  constructor(
    readonly device: SimDevice,
    private readonly limits: ServerLimits,
  ) {
    this.boundPort = device.port;
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  async listen(): Promise<void> {
    if (this.server) return;
    const server = net.createServer((socket) => this.onConnection(socket));
    server.maxConnections = this.limits.maxConnections;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.device.host, port: this.boundPort, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const addr = server.address();
    if (addr && typeof addr === 'object') this.boundPort = addr.port;
    this.server = server;
  }

  /** Stops listening (new connections are refused) and drops open connections. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (!this.device.reachable()) {
      socket.resetAndDestroy();
      return;
    }
    let buf = '';
    let bytes = 0;
    let done = false;
    const timer = setTimeout(() => {
      if (!done) socket.destroy();
    }, this.limits.readTimeoutMs);
    const finish = (): void => {
      done = true;
      clearTimeout(timer);
      // Like cgminer, ignore anything after the request; keep reading (and discarding) so the peer's close is seen.
      socket.removeAllListeners('data');
      socket.resume();
      this.reply(socket, buf);
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      bytes += Buffer.byteLength(chunk);
      buf += chunk;
      if (bytes > this.limits.maxRequestBytes) {
        done = true;
        clearTimeout(timer);
        socket.destroy();
      } else if (requestComplete(buf)) finish();
    });
    socket.on('end', () => {
      if (done) return;
      if (buf.trim()) finish();
      else {
        clearTimeout(timer);
        socket.destroy();
      }
    });
    socket.on('close', () => clearTimeout(timer));
  }

  private reply(socket: net.Socket, request: string): void {
    const fault = this.device.fault;
    const body = `${respond(this.device, request)}\0`;
    if (fault === 'garbage') {
      socket.end(garbageBytes(this.device.seed, body.length));
    } else if (fault === 'reset') {
      // The reset must come after the first half has left: resetting in the write callback ends with a FIN instead.
      socket.write(body.slice(0, Math.floor(body.length / 2)));
      this.later(RESET_DELAY_MS, () => {
        if (!socket.destroyed) socket.resetAndDestroy();
      });
    } else if (fault === 'slow-reply') {
      this.later(this.limits.slowReplyMs, () => {
        if (!socket.destroyed) socket.end(body);
      });
    } else {
      socket.end(body);
    }
  }
}

/** Bytes that are no CGMiner reply: binary noise with a NUL at the end, as a confused device might send. */
function garbageBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(Math.max(16, Math.min(length, 512)));
  const r = createPrng(mixSeed(seed, 0x6a7b));
  for (let i = 0; i < out.length - 1; i++) {
    // Never '{' or '[' so that no lenient JSON repair can mistake it for a reply.
    const b = r.int(256);
    out[i] = b === 0x7b || b === 0x5b || b === 0 ? 0x80 : b;
  }
  out[out.length - 1] = 0;
  return out;
}
