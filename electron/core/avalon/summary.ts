// `summary` reply -> Summary (GH/s). Note for consumers: `ghsAvg` is the
// average since cgminer started and stays high while a unit is in standby
// (an Avalon Q soft-off shows MHS 5s/1m = 0 with MHS av ~44.5 TH/s), so it is
// never a "current" rate.
import type { Summary } from '../../contract/snapshot.js';
import { readCounters } from './rates.js';
import { ignoreWarnings, sectionEntries, type ReplyLike, type Warn } from './reply.js';

export function parseSummary(reply: ReplyLike | undefined, warn: Warn = ignoreWarnings): Summary {
  const entry = sectionEntries(reply, 'SUMMARY', warn)[0];
  return entry === undefined ? {} : readCounters(entry);
}
