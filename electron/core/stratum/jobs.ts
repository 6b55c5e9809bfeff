// The jobs a miner may still work on. mining.notify with clean_jobs drops every
// older job (shares for them would be stale); otherwise older jobs stay valid
// until they fall off a small window, as pools keep only recent jobs too.
import type { SessionJob } from './session.js';

export const DEFAULT_JOB_WINDOW = 8;

export class JobBook {
  private readonly jobs = new Map<string, SessionJob>();

  constructor(private readonly window: number = DEFAULT_JOB_WINDOW) {
    if (!Number.isInteger(window) || window < 1) throw new RangeError(`job window must be a positive integer, got ${window}`);
  }

  /**
   * Records a job; returns true when it replaced all earlier ones: clean_jobs
   * set, or a new prevhash (a new block makes older jobs stale whatever the
   * flag says; cgminer's parse_notify does the same).
   */
  add(entry: SessionJob): boolean {
    const previous = this.latest();
    const clean = entry.job.cleanJobs || (previous !== undefined && !previous.job.prevhash.equals(entry.job.prevhash));
    if (clean) this.jobs.clear();
    this.jobs.delete(entry.job.jobId);
    this.jobs.set(entry.job.jobId, entry);
    while (this.jobs.size > this.window) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
    }
    return clean;
  }

  get(jobId: string): SessionJob | undefined {
    return this.jobs.get(jobId);
  }

  /** The newest job, the one to build new work from. */
  latest(): SessionJob | undefined {
    let last: SessionJob | undefined;
    for (const entry of this.jobs.values()) last = entry;
    return last;
  }

  clear(): void {
    this.jobs.clear();
  }

  get size(): number {
    return this.jobs.size;
  }
}
