// Nonces arrive one or a few at a time (a USB packet carries one or two); a
// worker round trip costs tens of microseconds. The batcher sends the nonces
// that arrive in one turn of the event loop together, and while its batches
// are in flight it lets new nonces gather, so batches grow with the rate and
// a lone nonce is never held back by a timer.
import type { BatchVerdicts, HashPool, VerifyBatch } from './pool.js';

/** One piece of work nonces are found for; its identity groups them. */
export type NonceWork = Omit<VerifyBatch, 'nonces' | 'digests'>;

export interface NonceVerdict {
  nonce: number;
  /** The hash's share difficulty; 0 when meetsDevice is false (a hardware error). */
  difficulty: number;
  meetsDevice: boolean;
  meetsShare: boolean;
  meetsNetwork: boolean;
}

export interface NonceBatcherOptions {
  /** Batches in flight before new nonces wait for one to come back; default 2. */
  maxInFlight?: number;
  /** A batch is sent as soon as it holds this many nonces; default 4096. */
  maxNonces?: number;
}

interface Waiting {
  nonces: number[];
  settle: { resolve(verdict: NonceVerdict): void; reject(error: Error): void }[];
}

export class NonceBatcher {
  readonly #pool: Pick<HashPool, 'verify'>;
  readonly #maxInFlight: number;
  readonly #maxNonces: number;
  readonly #waiting = new Map<NonceWork, Waiting>();
  #inFlight = 0;
  #flushQueued = false;

  constructor(pool: Pick<HashPool, 'verify'>, options: NonceBatcherOptions = {}) {
    this.#pool = pool;
    this.#maxInFlight = options.maxInFlight ?? 2;
    this.#maxNonces = options.maxNonces ?? 4096;
  }

  /** The verdict for one nonce of `work` (pass the same work object for every nonce of it). */
  verify(work: NonceWork, nonce: number): Promise<NonceVerdict> {
    if (!Number.isInteger(nonce) || nonce < 0 || nonce > 0xffffffff) return Promise.reject(new RangeError(`a nonce is a u32: ${nonce}`));
    return new Promise((resolve, reject) => {
      let waiting = this.#waiting.get(work);
      if (!waiting) {
        waiting = { nonces: [], settle: [] };
        this.#waiting.set(work, waiting);
      }
      waiting.nonces.push(nonce);
      waiting.settle.push({ resolve, reject });
      if (waiting.nonces.length >= this.#maxNonces) this.#send(work, waiting);
      else if (this.#inFlight < this.#maxInFlight && !this.#flushQueued) {
        // Collects the rest of this burst: nonces reported in the same turn.
        this.#flushQueued = true;
        setImmediate(() => {
          this.#flushQueued = false;
          if (this.#inFlight < this.#maxInFlight) this.flush();
        });
      }
    });
  }

  /** Sends everything waiting now. */
  flush(): void {
    for (const [work, waiting] of this.#waiting) this.#send(work, waiting);
  }

  #send(work: NonceWork, waiting: Waiting): void {
    this.#waiting.delete(work);
    this.#inFlight++;
    this.#pool
      .verify({ ...work, nonces: Uint32Array.from(waiting.nonces) })
      .then(
        (verdicts: BatchVerdicts) =>
          waiting.settle.forEach(({ resolve }, i) =>
            resolve({
              nonce: verdicts.nonces[i] ?? 0,
              difficulty: verdicts.difficulty[i] ?? 0,
              meetsDevice: verdicts.meetsDevice[i] === 1,
              meetsShare: verdicts.meetsShare[i] === 1,
              meetsNetwork: verdicts.meetsNetwork[i] === 1,
            }),
          ),
        (error: Error) => waiting.settle.forEach(({ reject }) => reject(error)),
      )
      .finally(() => {
        this.#inFlight--;
        // What gathered while the pool was busy goes now, as one batch per work.
        if (this.#waiting.size > 0 && this.#inFlight < this.#maxInFlight) this.flush();
      });
  }
}
