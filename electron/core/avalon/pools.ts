// `pools` reply -> Pool[]. Fields are copied one by one: the Avalon Q sends
// each pool's password in clear (`Password`), and nothing that is not listed
// here may reach a snapshot, a log or the UI.
import type { Pool } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { booleanField, ignoreWarnings, numberField, sectionEntries, stringField, type ReplyLike, type Warn } from './reply.js';

export function parsePools(reply: ReplyLike | undefined, warn: Warn = ignoreWarnings): Pool[] {
  const pools: Pool[] = [];
  sectionEntries(reply, 'POOLS', warn).forEach((entry, i) => {
    const url = stringField(entry, 'URL');
    if (url === undefined) {
      warn(`POOLS: entry ${i} has no URL; skipped`);
      return;
    }
    pools.push(
      compact({
        index: numberField(entry, 'POOL') ?? i,
        url,
        user: stringField(entry, 'User'),
        status: stringField(entry, 'Status') ?? 'Unknown',
        priority: numberField(entry, 'Priority'),
        active: booleanField(entry, 'Stratum Active'),
        accepted: numberField(entry, 'Accepted'),
        rejected: numberField(entry, 'Rejected'),
        stale: numberField(entry, 'Stale'),
        difficulty: numberField(entry, 'Stratum Difficulty') ?? numberField(entry, 'Work Difficulty'),
        lastShareTime: numberField(entry, 'Last Share Time'),
        bestShare: numberField(entry, 'Best Share'),
      }),
    );
  });
  return pools;
}

/** Keys that hold secrets in pool-related replies (`Password` on the Q; `Pass`/`pass` elsewhere). */
const SECRET_KEY = /pass/i;

/** Real replies nest three levels deep; anything far deeper is hostile and is cut. */
const MAX_DEPTH = 16;

/**
 * Any reply with every secret-looking key removed at any depth, for the raw
 * view. Nesting beyond MAX_DEPTH is replaced by a marker string so a hostile
 * reply cannot exhaust the stack. Parts with nothing to remove are returned
 * as they are, not copied: this runs on every poll of every device.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const r = redactSecrets(v, depth + 1);
      if (r !== v) (out ??= value.slice())[i] = r;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  const entries = Object.entries(value);
  entries.forEach(([k, v], i) => {
    const drop = SECRET_KEY.test(k) || k === '__proto__';
    const r = drop ? undefined : redactSecrets(v, depth + 1);
    if (!drop && r === v) {
      if (out) out[k] = v;
      return;
    }
    if (!out) {
      out = {};
      for (const [pk, pv] of entries.slice(0, i)) out[pk] = pv;
    }
    if (!drop) out[k] = r;
  });
  return out ?? value;
}
