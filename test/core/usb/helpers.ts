// Test-side oracles for the USB tests: node:crypto SHA-256d and a BigInt
// target check, independent of both the simulator and the hashing core.
import { createHash, randomBytes } from 'node:crypto';
import type { UsbWorkItem } from '../../../electron/core/usb/driver.js';

export function sha256d(data: Uint8Array): Buffer {
  return createHash('sha256').update(createHash('sha256').update(data).digest()).digest();
}

/** The digest as Bitcoin compares it: a little-endian 256-bit number. */
export function hashValue(digest: Uint8Array): bigint {
  return BigInt(`0x${Buffer.from(digest).reverse().toString('hex')}`);
}

/** The target that `zeroBits` leading zero bits amount to. */
export function zeroBitsTarget(zeroBits: number): bigint {
  return (1n << BigInt(256 - zeroBits)) - 1n;
}

/** Endless work: random headers, one job id each. */
export function randomWork(target: bigint): { next: () => UsbWorkItem; handedOut: UsbWorkItem[] } {
  const handedOut: UsbWorkItem[] = [];
  return {
    handedOut,
    next: () => {
      const item = { jobId: `job-${handedOut.length}`, header: randomBytes(80), target };
      handedOut.push(item);
      return item;
    },
  };
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
