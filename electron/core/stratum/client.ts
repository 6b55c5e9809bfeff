// The Stratum V1 client Hearth mines with: one active session at a time over
// the user's pools in priority order, reconnecting with exponential back-off,
// failing over to the next pool, returning to a higher-priority pool as soon as
// it answers again, following client.reconnect within the pool's own domain,
// handing out work (work.ts) and tracking every share's verdict.
import { EventEmitter } from 'node:events';
import { difficultyToTarget } from '../hashing/target.js';
import { StratumError, type StratumErrorKind } from './errors.js';
import { JobBook } from './jobs.js';
import { StratumSession, describePoolError, type LogLevel, type SessionJob } from './session.js';
import { formatEndpoint, parsePoolUrl, type PoolEndpoint } from './url.js';
import { NTIME_ROLL_LIMIT_SECONDS, buildWork, extranonce2Bytes, submitFields, type Work } from './work.js';

export interface PoolConfig {
  /** stratum+tcp://host:port or host:port */
  url: string;
  user: string;
  password?: string;
}

export interface StratumClientOptions {
  /** The user's pools, highest priority first. */
  pools: readonly PoolConfig[];
  /** Hearth's version; the user agent sent in mining.subscribe is "hearth/<version>". */
  clientVersion: string;
  /** BIP 310 version rolling to ask for; false: never send mining.configure. Default mask 1fffe000 (BIP 320), 2 bits. */
  versionRolling?: false | { mask?: number; minBitCount?: number };
  /** Send mining.extranonce.subscribe (default true). */
  extranonceSubscribe?: boolean;
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  idleTimeoutMs?: number;
  maxLineBytes?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  /** Consecutive attempts on one pool before trying the next (default 2). */
  attemptsPerPool?: number;
  /** While mining on a backup pool, how often to try the higher-priority ones (default 60 s). */
  primaryProbeMs?: number;
  /** Cap on a client.reconnect's wait parameter (default 300 s). */
  maxReconnectWaitSeconds?: number;
  jobWindow?: number;
  /** Source of jitter for back-off, in [0, 1). */
  random?: () => number;
}

export type PoolState = 'idle' | 'connecting' | 'subscribed' | 'authorized' | 'failed';

export interface PoolStatus {
  index: number;
  url: string;
  user: string;
  state: PoolState;
  lastError?: { kind: StratumErrorKind; message: string };
  accepted: number;
  rejected: number;
  /** ms since the epoch of the last state change */
  since: number;
}

/** Work handed to a device: a Work plus what verifying and submitting its nonces needs. */
export interface MiningWork extends Work {
  readonly poolIndex: number;
  readonly difficulty: number;
  /** The share target for `difficulty`. */
  readonly target: bigint;
  /** The negotiated version-rolling mask, or null. */
  readonly versionMask: number | null;
  /** Changes when the session or its extranonce1 changes; work of an older epoch is stale. */
  readonly epoch: number;
}

export type ShareStatus = 'accepted' | 'rejected' | 'stale' | 'lost';

export interface ShareReport {
  poolIndex: number;
  jobId: string;
  extranonce2: string;
  ntime: string;
  nonce: string;
  versionBits?: string;
  difficulty: number;
  /** accepted / rejected by the pool; stale: not sent (job or session gone); lost: no verdict (timeout, disconnect). */
  status: ShareStatus;
  /** The pool's error code (20..25, see errors.ts) when it gave one. */
  code?: number;
  reason?: string;
  at: number;
}

export interface ClientJob {
  poolIndex: number;
  jobId: string;
  difficulty: number;
  /** True when older work is now stale (clean_jobs or a new prevhash). */
  clean: boolean;
}

export interface ClientEvents {
  pool: [PoolStatus];
  active: [index: number | null];
  difficulty: [number];
  job: [ClientJob];
  share: [ShareReport];
  message: [poolIndex: number, text: string];
  log: [LogLevel, string];
}

export interface ClientStatus {
  pools: PoolStatus[];
  activePool: number | null;
  difficulty: number | null;
  versionMask: number | null;
  job: { jobId: string; difficulty: number } | null;
}

/** BIP 320's general-purpose version bits 13..28. */
export const DEFAULT_VERSION_MASK = 0x1fffe000;

/**
 * Exponential back-off with "equal jitter": half the step is fixed, half
 * random, so many clients restarting together do not hit a pool in lockstep.
 * `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(step / 2 + (step / 2) * random());
}

/**
 * cgminer's rule for client.reconnect (util.c parse_reconnect): the new host
 * must share the pool's domain (the part after the first dot); we also accept
 * the very same host, which covers IP addresses.
 */
export function reconnectHostAllowed(current: string, requested: string): boolean {
  const a = current.toLowerCase();
  const b = requested.toLowerCase();
  if (a === b) return true;
  if (isIpLiteral(a) || isIpLiteral(b)) return false;
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  return da !== -1 && db !== -1 && a.slice(da) === b.slice(db) && a.slice(da + 1).includes('.');
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

interface Active {
  index: number;
  session: StratumSession;
}

export class StratumClient extends EventEmitter<ClientEvents> {
  private readonly pools: { config: PoolConfig; endpoint: PoolEndpoint; status: PoolStatus }[];
  private readonly jobs: JobBook;
  private readonly o: Required<Omit<StratumClientOptions, 'pools' | 'versionRolling' | 'backoff' | 'maxLineBytes'>> & {
    versionRolling: { mask: number; minBitCount: number } | undefined;
    backoff: { initialMs: number; maxMs: number };
    maxLineBytes: number | undefined;
  };
  private active: Active | undefined;
  private connecting: StratumSession | undefined;
  private probing: StratumSession | undefined;
  private readonly redirects = new Map<number, PoolEndpoint>();
  /** Sessions we closed on purpose: their close is not a failure. */
  private readonly quietCloses = new WeakSet<StratumSession>();
  private streak = 0;
  private epoch = 0;
  private extranonce2Counter = 0n;
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(options: StratumClientOptions) {
    super();
    if (options.pools.length === 0) throw new StratumError('config', 'no pools configured');
    this.pools = options.pools.map((config, index) => ({
      config,
      endpoint: parsePoolUrl(config.url),
      status: { index, url: config.url, user: config.user, state: 'idle', accepted: 0, rejected: 0, since: Date.now() },
    }));
    const vr = options.versionRolling;
    this.o = {
      clientVersion: options.clientVersion,
      versionRolling: vr === false ? undefined : { mask: (vr?.mask ?? DEFAULT_VERSION_MASK) >>> 0, minBitCount: vr?.minBitCount ?? 2 },
      extranonceSubscribe: options.extranonceSubscribe ?? true,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      idleTimeoutMs: options.idleTimeoutMs ?? 180_000,
      maxLineBytes: options.maxLineBytes,
      backoff: { initialMs: options.backoff?.initialMs ?? 1000, maxMs: options.backoff?.maxMs ?? 60_000 },
      attemptsPerPool: options.attemptsPerPool ?? 2,
      primaryProbeMs: options.primaryProbeMs ?? 60_000,
      maxReconnectWaitSeconds: options.maxReconnectWaitSeconds ?? 300,
      jobWindow: options.jobWindow ?? 8,
      random: options.random ?? Math.random,
    };
    this.jobs = new JobBook(this.o.jobWindow);
  }

  get userAgent(): string {
    return `hearth/${this.o.clientVersion}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.streak = 0;
    this.attempt(0);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.probeTimer);
    for (const s of [this.active?.session, this.connecting, this.probing]) {
      if (s === undefined) continue;
      this.quietCloses.add(s);
      s.close();
    }
    this.active = undefined;
    this.connecting = undefined;
    this.probing = undefined;
    this.jobs.clear();
    for (const p of this.pools) this.setState(p.status.index, 'idle');
    this.emit('active', null);
  }

  status(): ClientStatus {
    const latest = this.jobs.latest();
    return {
      pools: this.pools.map((p) => ({ ...p.status })),
      activePool: this.active?.index ?? null,
      difficulty: this.active?.session.difficulty ?? null,
      versionMask: this.active?.session.versionMask ?? null,
      job: latest === undefined ? null : { jobId: latest.job.jobId, difficulty: latest.difficulty },
    };
  }

  /**
   * New work from the newest job with the next extranonce2; undefined when not
   * mining (no session or no job yet) or when the job's extranonce2 space is used up.
   * `versionBits` (only with a negotiated mask) rolls the header version within the mask.
   */
  nextWork(o: { versionBits?: number; ntimeRoll?: number } = {}): MiningWork | undefined {
    const active = this.active;
    const entry = this.jobs.latest();
    if (active === undefined || entry === undefined) return undefined;
    const s = active.session;
    if (o.versionBits !== undefined && s.versionMask === null) throw new RangeError('version rolling was not negotiated with this pool');
    let extranonce2: Buffer;
    try {
      extranonce2 = extranonce2Bytes(this.extranonce2Counter, s.extranonce2Size);
    } catch {
      this.emit('log', 'warn', `${s.where}: extranonce2 space of job ${entry.job.jobId} used up; waiting for a new job`);
      return undefined;
    }
    this.extranonce2Counter++;
    const work = buildWork(entry.job, {
      extranonce1: s.extranonce1,
      extranonce2,
      ...(o.versionBits !== undefined && s.versionMask !== null ? { versionRolling: { mask: s.versionMask, bits: o.versionBits } } : {}),
      ...(o.ntimeRoll !== undefined ? { ntimeRoll: o.ntimeRoll } : {}),
    });
    return {
      ...work,
      poolIndex: active.index,
      difficulty: entry.difficulty,
      target: difficultyToTarget(entry.difficulty),
      versionMask: s.versionMask,
      epoch: this.epoch,
    };
  }

  /**
   * Submits a nonce found on `work` (with the device's rolled ntime or version
   * when it rolled them) and resolves with the share's verdict; never rejects
   * for pool trouble. Throws RangeError for an ntime or version the work does
   * not allow (a caller bug, not a pool answer).
   */
  async submit(work: MiningWork, nonce: number, o: { ntime?: number; version?: number } = {}): Promise<ShareReport> {
    if (!Number.isInteger(nonce) || nonce < 0 || nonce > 0xffffffff) throw new RangeError(`nonce ${nonce} is not a 32-bit value`);
    const ntime = o.ntime ?? work.ntime;
    if (ntime < work.ntime || ntime > work.ntime + NTIME_ROLL_LIMIT_SECONDS) {
      throw new RangeError(`ntime ${ntime} outside the work's window ${work.ntime}..${work.ntime + NTIME_ROLL_LIMIT_SECONDS}`);
    }
    const version = (o.version ?? work.version) >>> 0;
    const mask = work.versionMask ?? 0;
    if (((version ^ work.version) & ~mask) !== 0) throw new RangeError(`version ${version.toString(16)} changes bits outside the mask`);
    const fields = submitFields(work, nonce, { ntime, version, ...(work.versionMask !== null ? { mask: work.versionMask } : {}) });
    const base = {
      poolIndex: work.poolIndex,
      jobId: fields.jobId,
      extranonce2: fields.extranonce2,
      ntime: fields.ntime,
      nonce: fields.nonce,
      ...(fields.versionBits !== undefined ? { versionBits: fields.versionBits } : {}),
      difficulty: work.difficulty,
    };
    const active = this.active;
    let report: ShareReport;
    if (active === undefined || work.epoch !== this.epoch || this.jobs.get(work.jobId) === undefined) {
      report = { ...base, status: 'stale', reason: 'job no longer current', at: Date.now() };
    } else {
      try {
        const outcome = await active.session.submit(fields);
        if (outcome.accepted) {
          report = { ...base, status: 'accepted', at: Date.now() };
        } else {
          const e = outcome.error ?? { message: 'rejected' };
          report = { ...base, status: 'rejected', reason: e.message, ...(e.code !== undefined ? { code: e.code } : {}), at: Date.now() };
          this.emit('log', 'warn', `share rejected by pool ${work.poolIndex}: ${describePoolError(e)}`);
        }
      } catch (e) {
        report = { ...base, status: 'lost', reason: (e as Error).message, at: Date.now() };
      }
      const status = this.pools[work.poolIndex]?.status;
      if (status !== undefined && report.status === 'accepted') status.accepted++;
      if (status !== undefined && report.status === 'rejected') status.rejected++;
    }
    this.emit('share', report);
    return report;
  }

  // ---- connections ----

  private newSession(index: number, endpoint: PoolEndpoint): StratumSession {
    const pool = this.pools[index];
    if (pool === undefined) throw new RangeError(`no pool ${index}`);
    const session = new StratumSession({
      endpoint,
      user: pool.config.user,
      password: pool.config.password ?? 'x',
      userAgent: this.userAgent,
      ...(this.o.versionRolling !== undefined ? { versionRolling: this.o.versionRolling } : {}),
      extranonceSubscribe: this.o.extranonceSubscribe,
      connectTimeoutMs: this.o.connectTimeoutMs,
      requestTimeoutMs: this.o.requestTimeoutMs,
      idleTimeoutMs: this.o.idleTimeoutMs,
      ...(this.o.maxLineBytes !== undefined ? { maxLineBytes: this.o.maxLineBytes } : {}),
    });
    session.on('log', (level, text) => this.emit('log', level, text));
    session.on('subscribed', () => this.setState(index, 'subscribed'));
    return session;
  }

  private attempt(index: number): void {
    if (!this.running) return;
    const pool = this.pools[index];
    if (pool === undefined) return;
    const endpoint = this.redirects.get(index) ?? pool.endpoint;
    const session = this.newSession(index, endpoint);
    this.connecting = session;
    this.setState(index, 'connecting');
    session.open().then(
      () => {
        if (this.connecting === session) this.connecting = undefined;
        if (!this.running) return;
        this.adopt(index, session);
      },
      (err: StratumError) => {
        if (this.connecting === session) this.connecting = undefined;
        if (!this.running || this.quietCloses.has(session)) return;
        this.redirects.delete(index);
        this.setState(index, 'failed', err);
        this.emit('log', 'warn', `pool ${index} (${formatEndpoint(endpoint)}): ${err.message}`);
        this.scheduleRetry();
      },
    );
  }

  /** After a failure: walk the pools from the top, `attemptsPerPool` tries each, backing off between tries. */
  private scheduleRetry(): void {
    this.streak++;
    const n = this.pools.length;
    const next = Math.floor(this.streak / this.o.attemptsPerPool) % n;
    const delay = backoffDelay(this.streak - 1, this.o.backoff.initialMs, this.o.backoff.maxMs, this.o.random);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.attempt(next), delay);
  }

  private adopt(index: number, session: StratumSession): void {
    const previous = this.active;
    this.active = { index, session };
    if (previous !== undefined) {
      this.quietCloses.add(previous.session);
      previous.session.close();
      this.setState(previous.index, 'idle');
    }
    this.streak = 0;
    this.epoch++;
    this.extranonce2Counter = 0n;
    this.jobs.clear();
    this.setState(index, 'authorized');
    this.emit('active', index);
    this.emit('difficulty', session.difficulty);

    session.on('job', (entry) => this.onJob(index, entry));
    session.on('difficulty', (d) => this.emit('difficulty', d));
    session.on('extranonce', () => {
      // Work built on the old extranonce1 would hash to a different coinbase at the pool.
      this.epoch++;
      this.extranonce2Counter = 0n;
    });
    session.on('versionMask', () => {
      this.epoch++;
    });
    session.on('message', (text) => this.emit('message', index, text));
    session.on('reconnectRequested', (req) => this.onReconnectRequested(index, session, req));
    session.on('close', (err) => {
      if (this.active?.session !== session) return;
      this.active = undefined;
      this.jobs.clear();
      clearTimeout(this.probeTimer);
      this.emit('active', null);
      if (this.quietCloses.has(session) || !this.running) return;
      this.setState(index, 'failed', err);
      this.emit('log', 'warn', `pool ${index} (${session.where}) lost: ${err.message}`);
      this.scheduleRetry();
    });
    if (session.latestJob !== undefined) this.onJob(index, session.latestJob);
    clearTimeout(this.probeTimer);
    if (index > 0) this.probeTimer = setTimeout(() => void this.probeHigherPools(), this.o.primaryProbeMs);
  }

  private onJob(index: number, entry: SessionJob): void {
    const clean = this.jobs.add(entry);
    if (clean) this.extranonce2Counter = 0n;
    this.emit('job', { poolIndex: index, jobId: entry.job.jobId, difficulty: entry.difficulty, clean });
  }

  /** While on a backup, try each higher-priority pool in order; the first that authorizes takes over. */
  private async probeHigherPools(): Promise<void> {
    const active = this.active;
    if (!this.running || active === undefined || active.index === 0) return;
    for (let i = 0; i < active.index; i++) {
      const pool = this.pools[i];
      if (pool === undefined) continue;
      const session = this.newSession(i, this.redirects.get(i) ?? pool.endpoint);
      this.probing = session;
      try {
        await session.open();
      } catch (e) {
        this.probing = undefined;
        if (!this.running) return;
        this.setState(i, 'failed', e as StratumError);
        continue;
      }
      this.probing = undefined;
      if (!this.running || this.active !== active) {
        this.quietCloses.add(session);
        session.close();
        return;
      }
      this.emit('log', 'info', `pool ${i} is back; leaving pool ${active.index}`);
      this.adopt(i, session);
      return;
    }
    if (this.running && this.active === active) this.probeTimer = setTimeout(() => void this.probeHigherPools(), this.o.primaryProbeMs);
  }

  private onReconnectRequested(index: number, session: StratumSession, req: { host?: string; port?: number; waitSeconds?: number }): void {
    const pool = this.pools[index];
    const current = this.redirects.get(index) ?? pool?.endpoint;
    if (pool === undefined || current === undefined || this.active?.session !== session) return;
    const host = req.host ?? current.host;
    if (!reconnectHostAllowed(current.host, host)) {
      this.emit('log', 'warn', `pool ${index}: client.reconnect to ${host} refused (not the pool's own domain)`);
      return;
    }
    const target = { host, port: req.port ?? current.port };
    const waitMs = Math.min(req.waitSeconds ?? 0, this.o.maxReconnectWaitSeconds) * 1000;
    this.emit('log', 'info', `pool ${index} asked to reconnect to ${formatEndpoint(target)} in ${waitMs / 1000} s`);
    this.redirects.set(index, target);
    this.quietCloses.add(session);
    session.close(new StratumError('closed', `${session.where}: reconnect requested by the pool`));
    this.setState(index, 'connecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.attempt(index), waitMs);
  }

  private setState(index: number, state: PoolState, err?: StratumError): void {
    const status = this.pools[index]?.status;
    if (status === undefined) return;
    status.state = state;
    status.since = Date.now();
    if (err !== undefined) status.lastError = { kind: err.kind, message: err.message };
    this.emit('pool', { ...status });
  }
}
