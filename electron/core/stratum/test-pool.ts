// A small Stratum V1 pool on loopback for tests and the demo. It hands out
// real-looking jobs (a BIP 34 coinbase with a tag, a merkle branch, a random
// prevhash with leading zeros, real-style nbits) at a low difficulty, speaks
// subscribe / authorize / configure (BIP 310 version rolling) / submit /
// extranonce.subscribe, and verifies every share with its own hashing below
// (node:crypto SHA-256 twice, header rebuilt here from the submit fields),
// independent of work.ts and of the hashing core, so the miner side is checked
// by a second implementation. Error codes: errors.ts (slush's list); the ntime
// window is ckpool's (+7000 s, never before the job's ntime).
import { EventEmitter } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { SubmitErrorCode } from './errors.js';
import { LineDecoder } from './framing.js';
import {
  AuthorizeParamsSchema,
  ConfigureParamsSchema,
  SubmitParamsSchema,
  parseMinerLine,
  parseMinerParams,
  requestedVersionMask,
  type RpcId,
} from './messages.js';

export interface TestPoolOptions {
  /** A loopback address (127.0.0.0/8 or ::1); default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Share difficulty for new connections; default 1/65536 (about one share per 65536 hashes). */
  difficulty?: number;
  extranonce1Size?: number;
  extranonce2Size?: number;
  /** The pool's version-rolling mask; null: answer mining.configure with version-rolling false. Default 1fffe000. */
  versionMask?: number | null;
  merkleBranchLength?: number;
  /** Text in the coinbase scriptSig. */
  tag?: string;
  /** Decides mining.authorize; default: every worker. */
  authorize?: (worker: string, password: string) => boolean;
  /** Send a new job (not clean) this often; 0: only when asked. */
  jobIntervalMs?: number;
  /** Close a connection silent this long; default 10 minutes. */
  idleTimeoutMs?: number;
  /** How many recent shares `shares` keeps (the demo runs for days); default: all. */
  keepShares?: number;
}

export interface PoolShare {
  connection: number;
  worker: string;
  jobId: string;
  extranonce1: string;
  extranonce2: string;
  ntime: string;
  nonce: string;
  versionBits?: string;
  /** The header's hash, display order (most significant byte first); absent when the share was refused before hashing. */
  hash?: string;
  difficulty: number;
  accepted: boolean;
  code?: number;
  reason?: string;
}

export interface TestPoolEvents {
  share: [PoolShare];
  connection: [id: number];
  disconnect: [id: number];
}

interface PoolJob {
  id: string;
  version: number;
  /** Header order. */
  prevhash: Buffer;
  coinb1: Buffer;
  coinb2: Buffer;
  branch: Buffer[];
  ntime: number;
  nbits: number;
}

interface Miner {
  id: number;
  socket: net.Socket;
  extranonce1: Buffer;
  subscribed: boolean;
  extranonceSubscribed: boolean;
  workers: Set<string>;
  versionMask: number | null;
  difficulty: number;
  /** The difficulty each job was sent with. */
  jobDifficulty: Map<string, number>;
  /** Headers of accepted shares, per job, to refuse duplicates. */
  seen: Map<string, Set<string>>;
  idle: NodeJS.Timeout | undefined;
}

/** ckpool accepts ntime up to this far past the job's (stratifier.c). */
const NTIME_WINDOW_SECONDS = 7000;
const JOB_WINDOW = 16;
const NBITS = 0x17028c61;
const DIFF1 = 0xffffn << 208n;

const dsha = (data: Uint8Array): Buffer => createHash('sha256').update(createHash('sha256').update(data).digest()).digest();

/** The pool's own share target: floor(diff1 / d) via a 2^64 fixed-point difficulty. */
function poolTarget(difficulty: number): bigint {
  const scaled = BigInt(Math.round(difficulty * 2 ** 64));
  const max = (1n << 256n) - 1n;
  if (scaled === 0n) return max;
  const t = (DIFF1 << 64n) / scaled;
  return t > max ? max : t;
}

function le32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0, 0);
  return b;
}

/** Script push of `data` (under 76 bytes). */
function push(data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([data.length]), data]);
}

function isLoopback(host: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '::1';
}

export class TestPool extends EventEmitter<TestPoolEvents> {
  readonly shares: PoolShare[] = [];
  private readonly miners = new Map<number, Miner>();
  private readonly jobs = new Map<string, PoolJob>();
  private nextMinerId = 1;
  private nextJobId = 1;
  private height = 900_000 + Math.floor(Math.random() * 50_000);
  private prevhash = TestPool.randomPrevhash();
  private difficulty: number;
  private jobTimer: NodeJS.Timeout | undefined;
  private readonly o: Required<Omit<TestPoolOptions, 'versionMask'>> & { versionMask: number | null };

  private constructor(
    private readonly server: net.Server,
    options: TestPoolOptions,
  ) {
    super();
    this.o = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      difficulty: options.difficulty ?? 1 / 65536,
      extranonce1Size: options.extranonce1Size ?? 4,
      extranonce2Size: options.extranonce2Size ?? 4,
      versionMask: options.versionMask === undefined ? 0x1fffe000 : options.versionMask,
      merkleBranchLength: options.merkleBranchLength ?? 3,
      tag: options.tag ?? '/hearth test pool/',
      authorize: options.authorize ?? (() => true),
      jobIntervalMs: options.jobIntervalMs ?? 0,
      idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
      keepShares: options.keepShares ?? Infinity,
    };
    this.difficulty = this.o.difficulty;
    const scriptSigBytes = 4 + 1 + Buffer.byteLength(this.o.tag) + this.o.extranonce1Size + this.o.extranonce2Size;
    if (scriptSigBytes > 100) throw new RangeError(`coinbase scriptSig would be ${scriptSigBytes} bytes; the limit is 100`);
    this.makeJob();
  }

  static async start(options: TestPoolOptions = {}): Promise<TestPool> {
    const host = options.host ?? '127.0.0.1';
    if (!isLoopback(host)) throw new RangeError(`the test pool listens on loopback only, not ${host}`);
    const server = net.createServer();
    const pool = new TestPool(server, options);
    server.on('connection', (socket) => pool.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (pool.o.jobIntervalMs > 0) pool.jobTimer = setInterval(() => pool.newJob({ clean: false }), pool.o.jobIntervalMs);
    return pool;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('test pool is not listening');
    return address.port;
  }

  get url(): string {
    return `stratum+tcp://${this.o.host}:${this.port}`;
  }

  get connectionCount(): number {
    return this.miners.size;
  }

  get accepted(): PoolShare[] {
    return this.shares.filter((s) => s.accepted);
  }

  get rejected(): PoolShare[] {
    return this.shares.filter((s) => !s.accepted);
  }

  /** Makes a new job and sends it to every subscribed miner; `clean` (default true) also starts a new block. */
  newJob({ clean = true }: { clean?: boolean } = {}): string {
    if (clean) {
      this.prevhash = TestPool.randomPrevhash();
      this.height++;
      this.jobs.clear();
    }
    const job = this.makeJob();
    for (const m of this.miners.values()) if (m.subscribed) this.sendJob(m, job, clean);
    return job.id;
  }

  /** Changes every miner's difficulty (and the default for new ones); it applies from the next job, which is sent at once. */
  setDifficulty(difficulty: number): void {
    if (!Number.isFinite(difficulty) || difficulty <= 0) throw new RangeError(`difficulty must be positive, got ${difficulty}`);
    this.difficulty = difficulty;
    for (const m of this.miners.values()) {
      m.difficulty = difficulty;
      if (m.subscribed) this.send(m, { id: null, method: 'mining.set_difficulty', params: [difficulty] });
    }
    this.newJob({ clean: false });
  }

  /** Gives every miner that asked for it (mining.extranonce.subscribe) a new extranonce1. */
  rotateExtranonce(): void {
    for (const m of this.miners.values()) {
      if (!m.extranonceSubscribed) continue;
      m.extranonce1 = randomBytes(this.o.extranonce1Size);
      this.send(m, { id: null, method: 'mining.set_extranonce', params: [m.extranonce1.toString('hex'), this.o.extranonce2Size] });
    }
  }

  /** Sends client.reconnect to every miner. */
  requestReconnect(host: string | null = null, port: number | null = null, waitSeconds = 0): void {
    for (const m of this.miners.values()) this.send(m, { id: null, method: 'client.reconnect', params: [host, port, waitSeconds] });
  }

  /** Drops every connection (the server keeps listening). */
  dropConnections(): void {
    for (const m of this.miners.values()) m.socket.destroy();
  }

  async close(): Promise<void> {
    clearInterval(this.jobTimer);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.dropConnections();
    await closed;
  }

  // ---- connections ----

  private accept(socket: net.Socket): void {
    const miner: Miner = {
      id: this.nextMinerId++,
      socket,
      extranonce1: randomBytes(this.o.extranonce1Size),
      subscribed: false,
      extranonceSubscribed: false,
      workers: new Set(),
      versionMask: null,
      difficulty: this.difficulty,
      jobDifficulty: new Map(),
      seen: new Map(),
      idle: undefined,
    };
    this.miners.set(miner.id, miner);
    socket.setNoDelay(true);
    const decoder = new LineDecoder(64 * 1024, `miner ${miner.id}`);
    const armIdle = (): void => {
      clearTimeout(miner.idle);
      miner.idle = setTimeout(() => socket.destroy(), this.o.idleTimeoutMs);
    };
    armIdle();
    socket.on('data', (chunk: Buffer) => {
      armIdle();
      try {
        for (const line of decoder.push(chunk)) this.handle(miner, line);
      } catch {
        // Garbage or an oversized line: a pool drops such a miner.
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      clearTimeout(miner.idle);
      this.miners.delete(miner.id);
      this.emit('disconnect', miner.id);
    });
    this.emit('connection', miner.id);
  }

  private send(m: Miner, message: object): void {
    if (!m.socket.destroyed) m.socket.write(`${JSON.stringify(message)}\n`);
  }

  private reply(m: Miner, id: RpcId | null, result: unknown): void {
    if (id !== null) this.send(m, { id, result, error: null });
  }

  private fail(m: Miner, id: RpcId | null, code: number, message: string): void {
    if (id !== null) this.send(m, { id, result: null, error: [code, message, null] });
  }

  private handle(m: Miner, line: string): void {
    const call = parseMinerLine(line);
    const { id, method, params } = call;
    try {
      switch (method) {
        case 'mining.configure':
          return this.onConfigure(m, id, params);
        case 'mining.subscribe':
          m.subscribed = true;
          this.reply(m, id, [[['mining.set_difficulty', `d${m.id}`], ['mining.notify', `n${m.id}`]], m.extranonce1.toString('hex'), this.o.extranonce2Size]);
          this.send(m, { id: null, method: 'mining.set_difficulty', params: [m.difficulty] });
          this.sendJob(m, this.latestJob(), true);
          return;
        case 'mining.authorize': {
          const { worker, password } = parseMinerParams(AuthorizeParamsSchema, params, method);
          const ok = this.o.authorize(worker, password);
          if (ok) m.workers.add(worker);
          if (ok) this.reply(m, id, true);
          else this.fail(m, id, SubmitErrorCode.UNAUTHORIZED, 'Unauthorized worker');
          return;
        }
        case 'mining.extranonce.subscribe':
          m.extranonceSubscribed = true;
          this.reply(m, id, true);
          return;
        case 'mining.submit':
          return this.onSubmit(m, id, params);
        default:
          this.fail(m, id, SubmitErrorCode.OTHER, `Unknown method ${method}`);
      }
    } catch (e) {
      this.fail(m, id, SubmitErrorCode.OTHER, (e as Error).message);
    }
  }

  private onConfigure(m: Miner, id: RpcId | null, params: unknown): void {
    const { extensions, parameters } = parseMinerParams(ConfigureParamsSchema, params, 'mining.configure');
    const result: Record<string, unknown> = {};
    for (const ext of extensions) result[ext] = false;
    if (extensions.includes('version-rolling') && this.o.versionMask !== null) {
      m.versionMask = (this.o.versionMask & requestedVersionMask(parameters)) >>> 0;
      result['version-rolling'] = true;
      result['version-rolling.mask'] = m.versionMask.toString(16).padStart(8, '0');
    }
    this.reply(m, id, result);
  }

  private onSubmit(m: Miner, id: RpcId | null, params: unknown): void {
    const raw = Array.isArray(params) ? params : [];
    const record = (share: Omit<PoolShare, 'connection' | 'extranonce1'>): void => {
      const full: PoolShare = { connection: m.id, extranonce1: m.extranonce1.toString('hex'), ...share };
      this.shares.push(full);
      if (this.shares.length > this.o.keepShares) this.shares.splice(0, this.shares.length - this.o.keepShares);
      this.emit('share', full);
      if (full.accepted) this.reply(m, id, true);
      else this.fail(m, id, full.code ?? SubmitErrorCode.OTHER, full.reason ?? 'rejected');
    };
    const text = (i: number): string => (typeof raw[i] === 'string' ? (raw[i] as string) : '');
    const base = { worker: text(0), jobId: text(1), extranonce2: text(2), ntime: text(3), nonce: text(4), difficulty: m.difficulty };
    const refuse = (code: number, reason: string): void => record({ ...base, accepted: false, code, reason });

    if (!m.subscribed) return refuse(SubmitErrorCode.NOT_SUBSCRIBED, 'Not subscribed');
    if (!m.workers.has(base.worker)) return refuse(SubmitErrorCode.UNAUTHORIZED, 'Unauthorized worker');
    const parsed = SubmitParamsSchema.safeParse(params);
    if (!parsed.success) return refuse(SubmitErrorCode.OTHER, 'Invalid submit parameters');
    const s = parsed.data;
    const job = this.jobs.get(s.jobId);
    const difficulty = m.jobDifficulty.get(s.jobId);
    if (job === undefined || difficulty === undefined) return refuse(SubmitErrorCode.JOB_NOT_FOUND, 'Job not found');
    const shareBase = { ...base, difficulty, ...(s.versionBits !== undefined ? { versionBits: raw[5] as string } : {}) };
    const reject = (code: number, reason: string, hash?: string): void =>
      record({ ...shareBase, accepted: false, code, reason, ...(hash !== undefined ? { hash } : {}) });

    const extranonce2 = Buffer.from(s.extranonce2, 'hex');
    if (extranonce2.length !== this.o.extranonce2Size) return reject(SubmitErrorCode.OTHER, 'Incorrect size of extranonce2');
    const ntime = Number.parseInt(s.ntime, 16);
    if (ntime < job.ntime) return reject(SubmitErrorCode.OTHER, 'Ntime out of range (before the job)');
    if (ntime > job.ntime + NTIME_WINDOW_SECONDS) return reject(SubmitErrorCode.OTHER, 'Ntime out of range (too far ahead)');
    let version = job.version;
    if (s.versionBits !== undefined) {
      if (m.versionMask === null) return reject(SubmitErrorCode.OTHER, 'Version rolling not negotiated');
      if ((s.versionBits & ~m.versionMask) !== 0) return reject(SubmitErrorCode.OTHER, 'Version bits outside the negotiated mask');
      version = ((job.version & ~m.versionMask) | (s.versionBits & m.versionMask)) >>> 0;
    }
    const nonce = Number.parseInt(s.nonce, 16);

    // The pool's own reconstruction of the header.
    let root = dsha(Buffer.concat([job.coinb1, m.extranonce1, extranonce2, job.coinb2]));
    for (const b of job.branch) root = dsha(Buffer.concat([root, b]));
    const header = Buffer.concat([le32(version), job.prevhash, root, le32(ntime), le32(job.nbits), le32(nonce)]);
    const key = header.toString('hex');
    const seen = m.seen.get(job.id) ?? new Set<string>();
    if (seen.has(key)) return reject(SubmitErrorCode.DUPLICATE, 'Duplicate share');
    const display = Buffer.from(dsha(header)).reverse().toString('hex');
    if (BigInt(`0x${display}`) > poolTarget(difficulty)) return reject(SubmitErrorCode.LOW_DIFFICULTY, 'Low difficulty share', display);
    seen.add(key);
    m.seen.set(job.id, seen);
    record({ ...shareBase, hash: display, accepted: true });
  }

  // ---- jobs ----

  private static randomPrevhash(): Buffer {
    // Header order; the last four bytes zero, so the display form starts with 00000000 like a real block hash.
    const b = randomBytes(32);
    b.fill(0, 28);
    return b;
  }

  private latestJob(): PoolJob {
    let last: PoolJob | undefined;
    for (const j of this.jobs.values()) last = j;
    return last ?? this.makeJob();
  }

  private makeJob(): PoolJob {
    const heightBytes = Buffer.alloc(3);
    heightBytes.writeUIntLE(this.height, 0, 3);
    const tag = Buffer.from(this.o.tag, 'utf8');
    const scriptSigLength = 1 + heightBytes.length + 1 + tag.length + this.o.extranonce1Size + this.o.extranonce2Size;
    const coinb1 = Buffer.concat([
      le32(1), // tx version
      Buffer.from([1]), // one input
      Buffer.alloc(32), // null prevout hash
      Buffer.from('ffffffff', 'hex'), // prevout index
      Buffer.from([scriptSigLength]),
      push(heightBytes), // BIP 34 height
      push(tag),
    ]);
    const payout = Buffer.alloc(8);
    payout.writeBigUInt64LE(312_500_000n);
    const script = Buffer.concat([Buffer.from('76a914', 'hex'), createHash('sha256').update(tag).digest().subarray(0, 20), Buffer.from('88ac', 'hex')]);
    const coinb2 = Buffer.concat([Buffer.from('ffffffff', 'hex'), Buffer.from([1]), payout, Buffer.from([script.length]), script, le32(0)]);
    const job: PoolJob = {
      id: (this.nextJobId++).toString(16),
      version: 0x20000000,
      prevhash: this.prevhash,
      coinb1,
      coinb2,
      branch: Array.from({ length: this.o.merkleBranchLength }, () => randomBytes(32)),
      ntime: Math.floor(Date.now() / 1000),
      nbits: NBITS,
    };
    this.jobs.set(job.id, job);
    while (this.jobs.size > JOB_WINDOW) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
    }
    return job;
  }

  private sendJob(m: Miner, job: PoolJob, clean: boolean): void {
    for (const id of m.jobDifficulty.keys()) {
      if (this.jobs.has(id)) continue;
      m.jobDifficulty.delete(id);
      m.seen.delete(id);
    }
    m.jobDifficulty.set(job.id, m.difficulty);
    const swapped = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) swapped[i] = job.prevhash[(i & ~3) + 3 - (i & 3)] ?? 0;
    const hex32 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
    this.send(m, {
      id: null,
      method: 'mining.notify',
      params: [
        job.id,
        swapped.toString('hex'),
        job.coinb1.toString('hex'),
        job.coinb2.toString('hex'),
        job.branch.map((b) => b.toString('hex')),
        hex32(job.version),
        hex32(job.nbits),
        hex32(job.ntime),
        clean,
      ],
    });
  }
}
