// The rate of a growing counter over a sliding window (cgminer shows a stick's
// hashrate as a 5-minute average, "MHS 5m"): samples are kept at most one per
// `minGapMs`, and the rate is taken between now and the oldest sample still
// inside the window, so a young stick's window is simply shorter.

export interface WindowRate {
  perSecond: number;
  /** The time the rate is taken over (about the window, or less when younger); 0 before two samples. */
  windowMs: number;
}

export class RateWindow {
  private samples: { at: number; count: number }[] = [];

  constructor(
    private readonly windowMs: number,
    private readonly minGapMs = 1000,
  ) {
    if (!(windowMs > 0) || !(minGapMs >= 0) || minGapMs >= windowMs) throw new RangeError('need 0 <= minGapMs < windowMs');
  }

  /** Records the counter's value at `at` (ms) and returns its rate over the window ending there. */
  sample(at: number, count: number): WindowRate {
    const last = this.samples[this.samples.length - 1];
    if (last === undefined || (at - last.at >= this.minGapMs && at > last.at)) this.samples.push({ at, count });
    const start = at - this.windowMs;
    // Keep the newest sample at or before the window's start as its base.
    while (this.samples.length > 1 && (this.samples[1]?.at ?? Infinity) <= start) this.samples.shift();
    const base = this.samples[0];
    if (base === undefined || at <= base.at) return { perSecond: 0, windowMs: 0 };
    // The base may be a little older than the window (samples are spaced): report the span actually used.
    const spanMs = at - base.at;
    return { perSecond: ((count - base.count) * 1000) / spanMs, windowMs: spanMs };
  }

  /** Sets where counting began (the counter's value then), unless samples were taken already. */
  begin(at: number, count: number): void {
    if (this.samples.length === 0) this.samples.push({ at, count });
  }

  clear(): void {
    this.samples = [];
  }
}
