// `summary` reply -> Summary (GH/s). Note for consumers: `ghsAvg` is the
// average since cgminer started and stays high while a unit is in standby
// (an Avalon Q soft-off shows MHS 5s/1m = 0 with MHS av ~44.5 TH/s), so it is
// never a "current" rate.
import type { Summary } from '../../contract/snapshot.js';
import { readCounters } from './rates.js';
import { sectionEntries, type ReplyLike } from './reply.js';

export interface SummaryParse {
  summary: Summary;
  warnings: string[];
}

export function parseSummary(reply: ReplyLike | undefined): SummaryParse {
  const warnings: string[] = [];
  const entry = sectionEntries(reply, 'SUMMARY', (m) => warnings.push(m))[0];
  return { summary: entry === undefined ? {} : readCounters(entry), warnings };
}
