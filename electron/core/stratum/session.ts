// One Stratum V1 session with one pool over one TCP connection: the handshake
// (mining.configure, mining.subscribe, mining.authorize,
// mining.extranonce.subscribe), the pool's calls, submits with their replies,
// and the limits that keep a hostile pool harmless (line cap, request timeouts,
// an idle watchdog). Reconnecting and failover are the client's job.
import { EventEmitter } from 'node:events';
import net from 'node:net';
import { transportErrorFromErrno } from '../transports/tcp.js';
import { StratumError } from './errors.js';
import { LineDecoder, DEFAULT_MAX_LINE_BYTES } from './framing.js';
import { hexToBytes, u32ToHex } from './hex.js';
import {
  parseBooleanResult,
  parseConfigureResult,
  parsePoolLine,
  parseServerCall,
  parseSubscribeResult,
  type PoolError,
  type RpcId,
  type ServerCall,
} from './messages.js';
import { formatEndpoint, type PoolEndpoint } from './url.js';
import { decodeJob, type StratumJob, type SubmitFields } from './work.js';

export interface VersionRollingRequest {
  /** Bits the miner can roll (BIP 310 "version-rolling.mask"). */
  mask: number;
  /** Fewest bits the miner needs (BIP 310 "version-rolling.min-bit-count"). */
  minBitCount: number;
}

export interface SessionOptions {
  endpoint: PoolEndpoint;
  user: string;
  password: string;
  userAgent: string;
  /** Ask for version rolling with mining.configure; omitted: no configure is sent. */
  versionRolling?: VersionRollingRequest;
  /** Send mining.extranonce.subscribe after authorizing. */
  extranonceSubscribe: boolean;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** Longest silence from the pool before the session is declared dead. */
  idleTimeoutMs: number;
  maxLineBytes?: number;
}

/** A job as this session received it, with the difficulty in force when it arrived. */
export interface SessionJob {
  job: StratumJob;
  difficulty: number;
}

export type SubmitOutcome = { accepted: true } | { accepted: false; error: PoolError | null };

export type LogLevel = 'info' | 'warn';

export interface SessionEvents {
  subscribed: [];
  job: [SessionJob];
  difficulty: [number];
  extranonce: [extranonce1: Buffer, extranonce2Size: number];
  versionMask: [number];
  reconnectRequested: [{ host?: string; port?: number; waitSeconds?: number }];
  message: [string];
  log: [LogLevel, string];
  close: [StratumError];
}

interface Pending {
  method: string;
  resolve: (result: { result: unknown; error: PoolError | null }) => void;
  reject: (err: StratumError) => void;
  timer: NodeJS.Timeout;
}

/** Stratum's default difficulty before any mining.set_difficulty (slush's method table). */
const DEFAULT_DIFFICULTY = 1;

export class StratumSession extends EventEmitter<SessionEvents> {
  readonly where: string;
  private socket: net.Socket | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private closedWith: StratumError | undefined;

  extranonce1: Buffer = Buffer.alloc(0);
  extranonce2Size = 0;
  /** The negotiated version-rolling mask, or null when rolling is off. */
  versionMask: number | null = null;
  difficulty = DEFAULT_DIFFICULTY;
  latestJob: SessionJob | undefined;
  authorized = false;

  constructor(private readonly o: SessionOptions) {
    super();
    this.where = formatEndpoint(o.endpoint);
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Connects and runs the handshake; resolves once the worker is authorized. Rejects (and closes) with a StratumError. */
  async open(): Promise<void> {
    await this.connect();
    try {
      if (this.o.versionRolling !== undefined) await this.configure(this.o.versionRolling);
      const sub = await this.call('mining.subscribe', [this.o.userAgent]);
      if (sub.error !== null) throw new StratumError('refused-by-pool', `${this.where} refused mining.subscribe: ${describePoolError(sub.error)}`);
      const { extranonce1, extranonce2Size } = parseSubscribeResult(sub.result);
      this.extranonce1 = hexToBytes(extranonce1, 'extranonce1');
      this.extranonce2Size = extranonce2Size;
      this.emit('subscribed');
      const auth = await this.call('mining.authorize', [this.o.user, this.o.password]);
      if (auth.error !== null || !parseBooleanResult(auth.result, 'mining.authorize')) {
        const why = auth.error === null ? 'the pool answered false' : describePoolError(auth.error);
        throw new StratumError('refused-by-pool', `${this.where} refused worker ${JSON.stringify(this.o.user)}: ${why}`);
      }
      this.authorized = true;
      if (this.o.extranonceSubscribe) await this.subscribeExtranonce();
    } catch (e) {
      const err = asStratumError(e, this.where);
      this.close(err);
      throw this.closedWith ?? err;
    }
  }

  /** Sends a share; resolves with the pool's verdict, rejects with a StratumError on timeout or disconnect. */
  async submit(f: SubmitFields): Promise<SubmitOutcome> {
    const params = [this.o.user, f.jobId, f.extranonce2, f.ntime, f.nonce];
    if (f.versionBits !== undefined) params.push(f.versionBits);
    const reply = await this.call('mining.submit', params);
    if (reply.error !== null) return { accepted: false, error: reply.error };
    const accepted = parseBooleanResult(reply.result, 'mining.submit');
    return accepted ? { accepted } : { accepted, error: null };
  }

  /** Ends the session; pending requests fail with `reason` (default: closed by us). */
  close(reason: StratumError = new StratumError('closed', `${this.where}: session closed`)): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = reason;
    clearTimeout(this.idleTimer);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    this.pending.clear();
    this.socket?.destroy();
    this.emit('close', reason);
  }

  private connect(): Promise<void> {
    const { host, port } = this.o.endpoint;
    return new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host, port });
      this.socket = socket;
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      const decoder = new LineDecoder(this.o.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, `pool ${this.where}`);
      const connectTimer = setTimeout(() => {
        const err = new StratumError('timeout', `${this.where}: no connection after ${this.o.connectTimeoutMs} ms`);
        this.close(err);
        reject(err);
      }, this.o.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(connectTimer);
        this.armIdle();
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        if (this.closed) return;
        this.armIdle();
        try {
          for (const line of decoder.push(chunk)) {
            this.handleLine(line);
            if (this.closed) return;
          }
        } catch (e) {
          this.close(asStratumError(e, this.where));
        }
      });
      socket.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(connectTimer);
        const t = transportErrorFromErrno(err, this.where);
        const mapped = new StratumError(t.kind === 'too-large' ? 'protocol' : t.kind, t.message);
        this.close(mapped);
        reject(mapped);
      });
      socket.once('close', () => {
        clearTimeout(connectTimer);
        const err = new StratumError('closed', `${this.where}: the pool closed the connection`);
        this.close(err);
        reject(err);
      });
    });
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.close(new StratumError('timeout', `${this.where}: pool silent for ${this.o.idleTimeoutMs} ms`)),
      this.o.idleTimeoutMs,
    );
  }

  private send(message: object): void {
    if (this.closed || this.socket === undefined) return;
    this.socket.write(`${JSON.stringify(message)}\n`);
  }

  private call(method: string, params: unknown[]): Promise<{ result: unknown; error: PoolError | null }> {
    if (this.closedWith !== undefined) return Promise.reject(this.closedWith);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(String(id));
        reject(new StratumError('timeout', `${this.where}: no reply to ${method} within ${this.o.requestTimeoutMs} ms`));
      }, this.o.requestTimeoutMs);
      this.pending.set(String(id), { method, resolve, reject, timer });
      this.send({ id, method, params });
    });
  }

  private async configure(req: VersionRollingRequest): Promise<void> {
    const reply = await this.call('mining.configure', [
      ['version-rolling'],
      { 'version-rolling.mask': u32ToHex(req.mask), 'version-rolling.min-bit-count': req.minBitCount },
    ]);
    // Pools without BIP 310 answer with an error; mining goes on without rolling.
    if (reply.error !== null) {
      this.emit('log', 'info', `${this.where}: no version rolling (${describePoolError(reply.error)})`);
      return;
    }
    const r = parseConfigureResult(reply.result);
    if (!r.versionRolling) {
      this.emit('log', 'info', `${this.where}: no version rolling (${r.reason})`);
      return;
    }
    // BIP 310: the pool answers server_mask & miner_mask; bits we did not offer are refused.
    if ((r.mask & ~req.mask) !== 0) {
      throw new StratumError('protocol', `${this.where}: version-rolling mask ${u32ToHex(r.mask)} allows bits outside ours (${u32ToHex(req.mask)})`);
    }
    this.versionMask = r.mask;
    this.emit('versionMask', r.mask);
  }

  private async subscribeExtranonce(): Promise<void> {
    try {
      const reply = await this.call('mining.extranonce.subscribe', []);
      if (reply.error !== null) this.emit('log', 'info', `${this.where}: no mining.set_extranonce (${describePoolError(reply.error)})`);
    } catch (e) {
      // Optional extension: a pool that ignores it must not cost the session.
      if (this.closed) throw e;
      this.emit('log', 'info', `${this.where}: mining.extranonce.subscribe: ${(e as Error).message}`);
    }
  }

  private handleLine(line: string): void {
    const msg = parsePoolLine(line);
    if (msg.type === 'response') {
      const p = this.pending.get(String(msg.id));
      if (p === undefined) {
        this.emit('log', 'warn', `${this.where}: reply with unknown id ${JSON.stringify(msg.id)} ignored`);
        return;
      }
      this.pending.delete(String(msg.id));
      clearTimeout(p.timer);
      p.resolve({ result: msg.result, error: msg.error });
      return;
    }
    this.handleCall(msg.id, parseServerCall(msg.method, msg.params));
  }

  private handleCall(id: RpcId | null, call: ServerCall): void {
    switch (call.method) {
      case 'mining.notify': {
        const entry: SessionJob = { job: decodeJob(call.job), difficulty: this.difficulty };
        this.latestJob = entry;
        this.emit('job', entry);
        return;
      }
      case 'mining.set_difficulty':
        this.difficulty = call.difficulty;
        this.emit('difficulty', call.difficulty);
        return;
      case 'mining.set_extranonce':
        this.extranonce1 = hexToBytes(call.extranonce1, 'extranonce1');
        this.extranonce2Size = call.extranonce2Size;
        this.emit('extranonce', this.extranonce1, call.extranonce2Size);
        return;
      case 'mining.set_version_mask':
        if (this.versionMask === null) {
          this.emit('log', 'warn', `${this.where}: mining.set_version_mask without negotiated version rolling ignored`);
          return;
        }
        this.versionMask = call.mask & (this.o.versionRolling?.mask ?? 0);
        this.emit('versionMask', this.versionMask);
        return;
      case 'client.reconnect': {
        const { method: _m, ...target } = call;
        this.emit('reconnectRequested', target);
        return;
      }
      case 'client.show_message':
        this.emit('message', call.message);
        return;
      case 'client.get_version':
        if (id !== null) this.send({ id, result: this.o.userAgent, error: null });
        return;
      case 'mining.ping':
        if (id !== null) this.send({ id, result: 'pong', error: null });
        return;
      case 'unknown':
        this.emit('log', 'info', `${this.where}: unknown method ${JSON.stringify(call.name)} ignored`);
        if (id !== null) this.send({ id, result: null, error: [20, 'Method not supported', null] });
        return;
    }
  }
}

export function describePoolError(e: PoolError): string {
  return e.code === undefined ? e.message : `${e.message} (code ${e.code})`;
}

function asStratumError(e: unknown, where: string): StratumError {
  if (e instanceof StratumError) return e;
  if (e instanceof TypeError || e instanceof RangeError) return new StratumError('protocol', `${where}: ${e.message}`);
  return new StratumError('protocol', `${where}: ${String(e)}`);
}
