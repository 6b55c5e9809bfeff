// Shared pieces of the stratum tests: a CPU share finder (node:crypto, the
// test's own loop) and waiting for an event that satisfies a predicate.
import type { EventEmitter } from 'node:events';
import { hashMeetsTarget } from '../../../electron/core/hashing/target.js';
import { sha256d, withNonce } from '../../../electron/core/stratum/work.js';

/** The first nonce from `start` whose header hash meets `target`, or undefined after `maxTries`. */
export function findNonce(header: Buffer, target: bigint, start = 0, maxTries = 4_000_000): number | undefined {
  const h = Buffer.from(header);
  // The digest's last byte is the number's most significant: a cheap first filter before the exact comparison.
  const top = Number(target >> 248n);
  for (let nonce = start; nonce < start + maxTries; nonce++) {
    h.writeUInt32LE(nonce >>> 0, 76);
    const digest = sha256d(h);
    if ((digest[31] ?? 0) <= top && hashMeetsTarget(digest, target)) return nonce >>> 0;
  }
  return undefined;
}

/** The first nonce from `start` whose hash does NOT meet `target`. */
export function findBadNonce(header: Buffer, target: bigint, start = 0): number {
  for (let nonce = start; ; nonce++) {
    if (!hashMeetsTarget(sha256d(withNonce(header, nonce)), target)) return nonce >>> 0;
  }
}

/** Resolves with the first emission of `event` whose arguments satisfy `pred`; rejects after `ms`. */
export function waitFor<A extends unknown[]>(
  emitter: EventEmitter,
  event: string,
  pred: (...args: A) => boolean = () => true,
  ms = 3000,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${ms} ms waiting for ${event}`));
    }, ms);
    const listener = (...args: unknown[]): void => {
      if (!pred(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    emitter.on(event, listener);
  });
}
