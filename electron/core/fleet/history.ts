// Live history of one device for the device page's charts: a fixed-size ring
// of samples, oldest overwritten first. Stored as typed arrays because a fleet
// of hundreds of devices keeps thousands of samples each; objects would cost
// several times the memory. Missing values are NaN inside, absent outside.
import type { Sample } from '../../contract/fleet.js';

/** How far back the charts reach. */
export const HISTORY_SPAN_MS = 2 * 60 * 60 * 1000;
const MIN_CAPACITY = 60;
const MAX_CAPACITY = 7200;

/** Samples needed to cover HISTORY_SPAN_MS at one sample per poll. */
export function historyCapacity(pollIntervalMs: number): number {
  const wanted = Math.ceil(HISTORY_SPAN_MS / Math.max(1, pollIntervalMs));
  return Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, wanted));
}

const FIELDS = ['ghs', 'tempMaxC', 'powerW', 'fanRpm'] as const;

export class SampleRing {
  private times: Float64Array;
  // Float32 keeps ~7 significant digits: far finer than a chart can show.
  private values: Float32Array;
  private start = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.times = new Float64Array(capacity);
    this.values = new Float32Array(capacity * FIELDS.length);
  }

  get capacity(): number {
    return this.times.length;
  }

  get size(): number {
    return this.count;
  }

  push(sample: Sample): void {
    const cap = this.capacity;
    const slot = (this.start + this.count) % cap;
    this.times[slot] = sample.t;
    FIELDS.forEach((field, f) => {
      this.values[slot * FIELDS.length + f] = sample[field] ?? Number.NaN;
    });
    if (this.count < cap) this.count++;
    else this.start = (this.start + 1) % cap;
  }

  /** Samples with `t > sinceMs` (all when omitted), oldest first. */
  since(sinceMs?: number): Sample[] {
    const out: Sample[] = [];
    const cap = this.capacity;
    for (let i = 0; i < this.count; i++) {
      const slot = (this.start + i) % cap;
      const t = this.times[slot] ?? 0;
      if (sinceMs !== undefined && t <= sinceMs) continue;
      const sample: Sample = { t };
      FIELDS.forEach((field, f) => {
        const v = this.values[slot * FIELDS.length + f] ?? Number.NaN;
        // Back to the 7 digits float32 holds, so 12345.6 reads as 12345.6, not 12345.599609375.
        if (!Number.isNaN(v)) sample[field] = Number(v.toPrecision(7));
      });
      out.push(sample);
    }
    return out;
  }

  /** A ring of another capacity holding the newest samples of this one. */
  resized(capacity: number): SampleRing {
    const next = new SampleRing(capacity);
    for (const s of this.since().slice(-capacity)) next.push(s);
    return next;
  }
}
