// Nonces arrive one at a time (a USB packet carries one or two); a worker round
// trip costs tens of microseconds. The batcher collects nonces per piece of
// work for a short window and sends them to the pool together.
import type { BatchVerdicts, HashPool, VerifyBatch } from './pool.js';

/** One piece of work nonces are found for; its identity groups them. */
export type NonceWork = Omit<VerifyBatch, 'nonces' | 'digests'>;

export interface NonceVerdict {
  nonce: number;
  difficulty: number;
  meetsDevice: boolean;
  meetsShare: boolean;
  meetsNetwork: boolean;
}

export interface NonceBatcherOptions {
  /** Longest a nonce waits before its batch is sent; default 1 ms (the timer's resolution). */
  maxDelayMs?: number;
  /** A batch is sent as soon as it holds this many nonces; default 1024. */
  maxNonces?: number;
}

interface Waiting {
  nonces: number[];
  settle: { resolve(verdict: NonceVerdict): void; reject(error: Error): void }[];
}

export class NonceBatcher {
  readonly #pool: Pick<HashPool, 'verify'>;
  readonly #maxDelayMs: number;
  readonly #maxNonces: number;
  #waiting = new Map<NonceWork, Waiting>();
  #timer: NodeJS.Timeout | undefined;

  constructor(pool: Pick<HashPool, 'verify'>, options: NonceBatcherOptions = {}) {
    this.#pool = pool;
    this.#maxDelayMs = options.maxDelayMs ?? 1;
    this.#maxNonces = options.maxNonces ?? 1024;
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
      else this.#timer ??= setTimeout(() => this.flush(), this.#maxDelayMs);
    });
  }

  /** Sends everything waiting now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const [work, waiting] of this.#waiting) this.#send(work, waiting);
  }

  #send(work: NonceWork, waiting: Waiting): void {
    this.#waiting.delete(work);
    if (this.#waiting.size === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#pool.verify({ ...work, nonces: Uint32Array.from(waiting.nonces) }).then(
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
    );
  }
}
