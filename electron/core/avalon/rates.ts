// The hash-rate and share counters that `summary` and `devs` entries share.
// cgminer reports rates in MH/s; the snapshot carries GH/s.
import type { Summary } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { numberField, type Fields } from './reply.js';

/**
 * The short-window rate key is `MHS <log interval>s`: `MHS 5s` on home miners,
 * `MHS 30s` on A1246/A1566 (cgminer's --log setting), so it is matched by pattern.
 */
const SHORT_RATE_KEY = /^MHS \d+s$/;

export function mhsToGhs(mhs: number | undefined): number | undefined {
  return mhs === undefined ? undefined : mhs / 1000;
}

/**
 * The counters of one `SUMMARY` or `DEVS` entry, rates converted to GH/s.
 * Every one of them is a rate, a count or a duration, so a negative value is
 * garbage and is dropped like any other unreadable field.
 */
export function readCounters(entry: Fields): Summary {
  const shortKey = Object.keys(entry).find((k) => SHORT_RATE_KEY.test(k));
  const read = (key: string | undefined): number | undefined => {
    const n = key === undefined ? undefined : numberField(entry, key);
    return n !== undefined && n >= 0 ? n : undefined;
  };
  return compact({
    elapsedS: read('Elapsed') ?? read('Device Elapsed'),
    ghs5s: mhsToGhs(read(shortKey)),
    ghs1m: mhsToGhs(read('MHS 1m')),
    ghs15m: mhsToGhs(read('MHS 15m')),
    ghsAvg: mhsToGhs(read('MHS av')),
    accepted: read('Accepted'),
    rejected: read('Rejected'),
    stale: read('Stale'),
    hardwareErrors: read('Hardware Errors'),
    hardwarePercent: read('Device Hardware%'),
    bestShare: read('Best Share'),
    difficultyAccepted: read('Difficulty Accepted'),
    difficultyRejected: read('Difficulty Rejected'),
    foundBlocks: read('Found Blocks'),
  });
}

/**
 * One Summary for several ASC devices (controller-era rigs report one per
 * AUC): counts and rates add up, elapsed and best share take the maximum,
 * and the hardware percentage is left out because it cannot be summed.
 */
export function sumCounters(list: readonly Summary[]): Summary {
  const [only, ...rest] = list;
  if (only === undefined) return {};
  if (rest.length === 0) return only;
  const out: Summary = {};
  const maxKeys = new Set<keyof Summary>(['elapsedS', 'bestShare']);
  for (const s of list) {
    for (const [k, v] of Object.entries(s) as [keyof Summary, number | undefined][]) {
      if (v === undefined || k === 'hardwarePercent') continue;
      const prev = out[k];
      const next = prev === undefined ? v : maxKeys.has(k) ? Math.max(prev, v) : prev + v;
      // Hostile values near Number.MAX_VALUE must not add up to Infinity.
      if (Number.isFinite(next)) out[k] = next;
    }
  }
  return out;
}
