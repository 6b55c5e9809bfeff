// HashPool: the hashing core's front door. Batches of (header, nonces) go to
// worker threads (the main thread never hashes) and come back as verdicts.
// Buffers move by transfer; a bounded queue pushes back on callers; a crashed
// worker is reported and replaced, and its batches retried once.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { HEADER_BYTES } from './engine.js';
import { bitsToTarget, DEVICE_DIFF1_TARGET, TargetError } from './target.js';
import { packTargets, type Verdicts } from './verdicts.js';
import type { EngineChoice, HashRequest, HashWorkerData, WorkerMessage } from './worker-protocol.js';
import { defaultHashWorkerUrl, startWorker } from './worker-url.js';

export interface VerifyBatch {
  /** The 80-byte block header as serialized; its nonce field (bytes 76..79) is ignored. Copied. */
  header: Uint8Array;
  /**
   * Nonce values as devices report them (after any device offset correction);
   * each goes into the header little-endian at offset 76. When the array spans
   * its whole ArrayBuffer, that buffer is transferred (detached here) and comes
   * back in the verdicts; otherwise it is copied.
   */
  nonces: Uint32Array;
  /** Pool share target (difficultyToTarget(poolDifficulty)). */
  shareTarget: bigint;
  /** Block target; default: the one the header's bits encode. */
  networkTarget?: bigint;
  /** What every correct device nonce meets; default DEVICE_DIFF1_TARGET (cgminer's hardware-error test). */
  deviceTarget?: bigint;
  /** Also return the raw 32-byte digests. */
  digests?: boolean;
}

export interface BatchVerdicts extends Verdicts {
  /** The batch's nonces, index for index with the verdicts. */
  nonces: Uint32Array;
}

export type HashPoolErrorCode =
  | 'invalid_batch'
  | 'queue_full'
  | 'closed'
  | 'worker_crashed'
  | 'workers_unavailable'
  | 'hash_failed';

export class HashPoolError extends Error {
  override readonly name = 'HashPoolError';
  constructor(
    readonly code: HashPoolErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type HashPoolEvent =
  | { type: 'worker-ready'; worker: number; engine: string }
  | { type: 'worker-crashed'; worker: number; error: Error; retried: number; failed: number; replaced: boolean };

export interface HashPoolOptions {
  /** Worker threads; default: one less than the cores, at least one. */
  workers?: number;
  /** The worker entry; default: found next to the source or the bundle (see worker-url.ts). */
  workerUrl?: URL;
  /** Which engine the workers use; default 'auto'. */
  engine?: EngineChoice;
  /** Batches waiting for a worker before verify() rejects with 'queue_full'; default 256. */
  maxQueuedBatches?: number;
  /** Batches sent to one worker at a time (hides the message round trip); default 2. */
  maxInFlightPerWorker?: number;
  /** Largest batch accepted; default 2^20 nonces. */
  maxBatchNonces?: number;
  /** Sends of a batch before it fails with 'worker_crashed'; default 2 (one retry). */
  maxAttempts?: number;
  onEvent?: (event: HashPoolEvent) => void;
}

export interface HashPoolStats {
  workers: number;
  ready: number;
  engine: string | undefined;
  queued: number;
  inFlight: number;
  crashes: number;
}

interface Job {
  id: number;
  header: Uint8Array;
  targets: Uint32Array;
  digests: boolean;
  nonces: Uint32Array;
  attempts: number;
  resolve(verdicts: BatchVerdicts): void;
  reject(error: Error): void;
}

interface Slot {
  index: number;
  worker: Worker;
  ready: boolean;
  stopping: boolean;
  lastError?: Error;
  inFlight: Map<number, Job>;
}

// Consecutive workers that die before they are ready: the pool gives up.
const MAX_START_FAILURES = 3;

export class HashPool {
  readonly #workerUrl: URL;
  readonly #engineChoice: EngineChoice;
  readonly #maxQueued: number;
  readonly #maxInFlight: number;
  readonly #maxBatch: number;
  readonly #maxAttempts: number;
  readonly #onEvent: (event: HashPoolEvent) => void;
  readonly #slots: (Slot | undefined)[];
  readonly #queue: Job[] = [];
  readonly #capacityWaiters: (() => void)[] = [];
  readonly #readyWaiters: { resolve(): void; reject(error: Error): void }[] = [];
  #nextId = 1;
  #engine: string | undefined;
  #crashes = 0;
  #startFailures = 0;
  #failure: HashPoolError | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: HashPoolOptions = {}) {
    const workers = options.workers ?? Math.max(1, availableParallelism() - 1);
    if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer: ${workers}`);
    this.#workerUrl = options.workerUrl ?? defaultHashWorkerUrl();
    this.#engineChoice = options.engine ?? 'auto';
    this.#maxQueued = options.maxQueuedBatches ?? 256;
    this.#maxInFlight = options.maxInFlightPerWorker ?? 2;
    this.#maxBatch = options.maxBatchNonces ?? 1 << 20;
    this.#maxAttempts = options.maxAttempts ?? 2;
    this.#onEvent = options.onEvent ?? (() => {});
    this.#slots = Array.from({ length: workers }, (_, i) => this.#spawn(i));
  }

  /** Verdicts for every nonce of the batch, in order. */
  verify(batch: VerifyBatch): Promise<BatchVerdicts> {
    if (this.#closing) return Promise.reject(new HashPoolError('closed', 'the hash pool is closed'));
    if (this.#failure) return Promise.reject(this.#failure);
    let job: Omit<Job, 'resolve' | 'reject'>;
    try {
      job = this.#prepare(batch);
    } catch (error) {
      return Promise.reject(error);
    }
    if (job.nonces.length === 0) return Promise.resolve(emptyVerdicts(job.nonces, job.digests));
    if (this.#queue.length >= this.#maxQueued) {
      return Promise.reject(new HashPoolError('queue_full', `the hash pool already has ${this.#queue.length} batches waiting`));
    }
    return new Promise<BatchVerdicts>((resolve, reject) => {
      this.#queue.push({ ...job, resolve, reject });
      this.#pump();
    });
  }

  /** Resolves when verify() would not reject with 'queue_full'. */
  waitForCapacity(): Promise<void> {
    if (this.#queue.length < this.#maxQueued) return Promise.resolve();
    return new Promise((resolve) => this.#capacityWaiters.push(resolve));
  }

  /** Resolves when every worker has loaded its engine; rejects if the pool cannot start them. */
  whenReady(): Promise<void> {
    if (this.#closing) return Promise.reject(new HashPoolError('closed', 'the hash pool is closed'));
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#slots.every((s) => s?.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.#readyWaiters.push({ resolve, reject }));
  }

  stats(): HashPoolStats {
    const slots = this.#slots.filter((s): s is Slot => s !== undefined);
    return {
      workers: slots.length,
      ready: slots.filter((s) => s.ready).length,
      engine: this.#engine,
      queued: this.#queue.length,
      inFlight: slots.reduce((n, s) => n + s.inFlight.size, 0),
      crashes: this.#crashes,
    };
  }

  /** Stops taking batches, rejects the queued ones, lets the in-flight ones finish, and ends the workers. */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  async #shutdown(): Promise<void> {
    const closed = new HashPoolError('closed', 'the hash pool was closed');
    for (const job of this.#queue.splice(0)) job.reject(closed);
    this.#releaseCapacityWaiters();
    this.#settleReadyWaiters(closed);
    await Promise.all(
      this.#slots.map(async (slot) => {
        if (!slot) return;
        await Promise.all([...slot.inFlight.values()].map((job) => new Promise<void>((done) => wrapSettle(job, done))));
        slot.stopping = true;
        await slot.worker.terminate();
      }),
    );
  }

  #prepare(batch: VerifyBatch): Omit<Job, 'resolve' | 'reject'> {
    const { header, nonces } = batch;
    if (!(header instanceof Uint8Array) || header.length !== HEADER_BYTES) {
      throw new HashPoolError('invalid_batch', `header must be a Uint8Array of ${HEADER_BYTES} bytes`);
    }
    if (!(nonces instanceof Uint32Array)) throw new HashPoolError('invalid_batch', 'nonces must be a Uint32Array');
    if (nonces.length > this.#maxBatch) throw new HashPoolError('invalid_batch', `a batch holds at most ${this.#maxBatch} nonces, got ${nonces.length}`);
    let targets: Uint32Array;
    try {
      const networkTarget = batch.networkTarget ?? bitsToTarget(new DataView(header.buffer, header.byteOffset, HEADER_BYTES).getUint32(72, true));
      targets = packTargets({ device: batch.deviceTarget ?? DEVICE_DIFF1_TARGET, share: batch.shareTarget, network: networkTarget });
    } catch (error) {
      if (error instanceof TargetError || error instanceof TypeError) throw new HashPoolError('invalid_batch', error.message);
      throw error;
    }
    const whole = !(nonces.buffer instanceof SharedArrayBuffer) && nonces.byteOffset === 0 && nonces.byteLength === nonces.buffer.byteLength;
    return {
      id: this.#nextId++,
      header: new Uint8Array(header), // a copy (Buffer#slice would be a view)
      targets,
      digests: batch.digests === true,
      nonces: whole ? nonces : nonces.slice(),
      attempts: 0,
    };
  }

  #spawn(index: number): Slot {
    const worker = startWorker(this.#workerUrl, { workerData: { engine: this.#engineChoice } satisfies HashWorkerData });
    const slot: Slot = { index, worker, ready: false, stopping: false, inFlight: new Map() };
    worker.on('message', (message: WorkerMessage) => this.#onMessage(slot, message));
    worker.on('error', (error) => {
      slot.lastError = error;
    });
    worker.on('exit', (code) => this.#onExit(slot, code));
    return slot;
  }

  #onMessage(slot: Slot, message: WorkerMessage): void {
    if ('ready' in message) {
      slot.ready = true;
      this.#engine = message.engine;
      this.#startFailures = 0;
      this.#onEvent({ type: 'worker-ready', worker: slot.index, engine: message.engine });
      if (this.#slots.every((s) => s?.ready)) this.#settleReadyWaiters();
      this.#pump();
      return;
    }
    const job = slot.inFlight.get(message.id);
    if (!job) return;
    slot.inFlight.delete(message.id);
    if ('error' in message) {
      job.reject(new HashPoolError('hash_failed', `hashing failed: ${message.error}`));
    } else {
      const { id: _id, ...verdicts } = message;
      job.resolve(verdicts);
    }
    this.#pump();
  }

  #onExit(slot: Slot, code: number): void {
    if (slot.stopping) return;
    this.#crashes++;
    const error = slot.lastError ?? new Error(`hashing worker ${slot.index} exited with code ${code}`);
    if (!slot.ready) this.#startFailures++;
    let retried = 0;
    let failed = 0;
    for (const job of slot.inFlight.values()) {
      if (job.attempts < this.#maxAttempts && !this.#closing) {
        this.#queue.unshift(job);
        retried++;
      } else {
        job.reject(new HashPoolError('worker_crashed', `a hashing worker crashed on this batch ${job.attempts} times: ${error.message}`));
        failed++;
      }
    }
    slot.inFlight.clear();
    const replaced = this.#startFailures < MAX_START_FAILURES && !this.#closing;
    this.#slots[slot.index] = replaced ? this.#spawn(slot.index) : undefined;
    this.#onEvent({ type: 'worker-crashed', worker: slot.index, error, retried, failed, replaced });
    if (!replaced && !this.#closing) this.#fail(new HashPoolError('workers_unavailable', `hashing workers keep failing to start: ${error.message}`));
    this.#pump();
  }

  #fail(failure: HashPoolError): void {
    this.#failure = failure;
    for (const job of this.#queue.splice(0)) job.reject(failure);
    for (const slot of this.#slots) {
      if (!slot) continue;
      for (const job of slot.inFlight.values()) job.reject(failure);
      slot.inFlight.clear();
      slot.stopping = true;
      void slot.worker.terminate();
    }
    this.#releaseCapacityWaiters();
    this.#settleReadyWaiters(failure);
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let best: Slot | undefined;
      for (const slot of this.#slots) {
        if (slot?.ready && slot.inFlight.size < this.#maxInFlight && (!best || slot.inFlight.size < best.inFlight.size)) best = slot;
      }
      if (!best) break;
      const job = this.#queue.shift();
      if (job) this.#send(best, job);
    }
    if (this.#queue.length < this.#maxQueued) this.#releaseCapacityWaiters();
  }

  #send(slot: Slot, job: Job): void {
    job.attempts++;
    // The transferred buffer is gone once sent: keep a copy while a retry is still possible.
    const sent = job.nonces;
    if (job.attempts < this.#maxAttempts) job.nonces = sent.slice();
    const request: HashRequest = { id: job.id, header: job.header, nonces: sent, targets: job.targets, digests: job.digests };
    slot.inFlight.set(job.id, job);
    slot.worker.postMessage(request, [sent.buffer as ArrayBuffer]);
  }

  #releaseCapacityWaiters(): void {
    for (const resolve of this.#capacityWaiters.splice(0)) resolve();
  }

  #settleReadyWaiters(error?: Error): void {
    for (const waiter of this.#readyWaiters.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }
}

// Runs `done` once the job settles, either way, without changing its outcome.
function wrapSettle(job: Job, done: () => void): void {
  const { resolve, reject } = job;
  job.resolve = (verdicts) => {
    resolve(verdicts);
    done();
  };
  job.reject = (error) => {
    reject(error);
    done();
  };
}

function emptyVerdicts(nonces: Uint32Array, digests: boolean): BatchVerdicts {
  const verdicts: BatchVerdicts = {
    nonces,
    difficulty: new Float64Array(0),
    meetsDevice: new Uint8Array(0),
    meetsShare: new Uint8Array(0),
    meetsNetwork: new Uint8Array(0),
  };
  if (digests) verdicts.digests = new Uint8Array(0);
  return verdicts;
}
