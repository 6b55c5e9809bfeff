// One poll's replies -> DeviceSnapshot. Pure and total: any input, however
// malformed, yields a snapshot whose `warnings` say what could not be used.
import type { Derived, DeviceIdentity, DeviceSnapshot, Module, Summary } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { parseDevs } from './devs.js';
import { parseStats } from './estats.js';
import { findModel, modelById, ratedThs, ratingApplies, type AvalonModel } from './models.js';
import { parsePools, redactSecrets } from './pools.js';
import { sumCounters } from './rates.js';
import { isFields, statusError, type ReplyLike, type Warn } from './reply.js';
import { parseSummary } from './summary.js';
import { parseVersion } from './version.js';

export interface SnapshotReplies {
  version?: ReplyLike;
  summary?: ReplyLike;
  pools?: ReplyLike;
  devs?: ReplyLike;
  estats?: ReplyLike;
  stats?: ReplyLike;
}

const COMMANDS = ['version', 'summary', 'pools', 'devs', 'estats', 'stats'] as const;

export function buildSnapshot(replies: SnapshotReplies, takenAt: number): DeviceSnapshot {
  const warnings: string[] = [];
  const given: SnapshotReplies = {};
  for (const cmd of COMMANDS) {
    const reply: unknown = isFields(replies) ? replies[cmd] : undefined;
    if (reply === undefined) continue;
    if (!isFields(reply)) {
      warnings.push(`${cmd}: reply is not an object; ignored`);
      continue;
    }
    given[cmd] = reply;
    const error = statusError(reply);
    if (error !== undefined) warnings.push(`${cmd}: device answered with an error: ${error}`);
  }
  try {
    return assemble(given, takenAt, warnings);
  } catch (err) {
    // Every parser is written not to throw; this keeps a poll alive if one
    // still does, and says so instead of hiding it.
    warnings.push(`internal parser error: ${err instanceof Error ? err.message : String(err)}`);
    return {
      takenAt: validTime(takenAt),
      identity: { modelId: 'unknown' },
      summary: {},
      pools: [],
      modules: [],
      derived: { fansRpm: [] },
      raw: {},
      warnings,
    };
  }
}

function assemble(replies: SnapshotReplies, takenAt: number, warnings: string[]): DeviceSnapshot {
  const warnFor =
    (cmd: string): Warn =>
    (msg) =>
      warnings.push(`${cmd}: ${msg}`);

  const identity = parseVersion(replies.version, warnFor('version'));
  let model = modelById(identity.modelId);

  const statsCmd = replies.estats !== undefined ? 'estats' : 'stats';
  let modules = parseStats(replies[statsCmd], model, warnFor(statsCmd));
  if (modules.length === 0 && statsCmd === 'estats' && replies.stats !== undefined) {
    modules = parseStats(replies.stats, model, warnFor('stats'));
  }

  // Controller-era rigs (and a missing version reply) identify only through
  // the module version in stats. Model-specific parsing rules need no second
  // pass: parseStats already applies each module's own `Ver` model.
  if (model === undefined) {
    model = modules.map((m) => findModel({}, m.version)).find((m) => m !== undefined);
    if (model !== undefined) identity.modelId = model.id;
  }
  // Units that carry their bin in MODEL ("15-194") say more than the catalog
  // name; the others' own names can be cryptic (the Nano 3 says "Avalon0o").
  if (model !== undefined) identity.modelName = model.ratedBinInModelCode && identity.product ? identity.product : model.displayName;
  // The Nano 3 has no DNA in `version`; its id is the module's HDNA.
  if (identity.dna === undefined) {
    const dna = modules.find((m) => m.dna !== undefined)?.dna;
    if (dna !== undefined) identity.dna = dna;
  }

  // `summary` when the device sent one; else the `devs` counters (one entry per ASC).
  let summary = parseSummary(replies.summary, warnFor('summary'));
  if (Object.keys(summary).length === 0 && replies.devs !== undefined) {
    summary = sumCounters(parseDevs(replies.devs, warnFor('devs')).map((d) => d.counters));
  }
  const pools = parsePools(replies.pools, warnFor('pools'));

  const raw: Record<string, unknown> = {};
  for (const cmd of COMMANDS) if (replies[cmd] !== undefined) raw[cmd] = redactSecrets(replies[cmd]);

  return {
    takenAt: validTime(takenAt),
    identity,
    summary,
    pools,
    modules,
    derived: derive(identity, model, summary, modules),
    raw,
    warnings,
  };
}

/**
 * Power is the sum over modules. The hash rate for efficiency and for the
 * nominal comparison is the 1-minute rate, else the lifetime average; a
 * 1-minute rate of 0 (standby) yields no efficiency and no nominal comparison
 * rather than falling back to the average, which stays high for hours after a
 * soft-off.
 */
export function derive(identity: DeviceIdentity, model: AvalonModel | undefined, summary: Summary, modules: readonly Module[]): Derived {
  const powers = modules.map((m) => m.powerW).filter((w): w is number => w !== undefined);
  const powerW = powers.length > 0 ? powers.reduce((a, b) => a + b, 0) : undefined;
  const ghs = summary.ghs1m ?? summary.ghsAvg;
  const ths = ghs === undefined ? undefined : ghs / 1000;
  // Efficiency only while hashing: a module in fault, idle or init draws idle
  // power while its one-minute rate still decays, a ratio that means nothing.
  const hashing = modules.every((m) => m.state === 'work' || m.state === 'unknown');
  const jPerTh = hashing && powerW !== undefined && ths !== undefined && ths > 0 ? powerW / ths : undefined;
  const rated = model !== undefined && !isControllerEra(model) && inRatedMode(model, modules) ? ratedThs(model, identity.modelCode) : undefined;
  const hashrateVsNominal = ths !== undefined && ths > 0 && rated !== undefined && rated > 0 ? ths / rated : undefined;
  return compact({
    // Hostile readings near Number.MAX_VALUE can overflow sums and ratios.
    powerW: finite(powerW),
    jPerTh: finite(jPerTh),
    hashrateVsNominal: finite(hashrateVsNominal),
    hottestC: hottest(modules),
    fansRpm: modules.flatMap((m) => m.fansRpm),
  });
}

/** A home miner's rating is for one mode; in another (Eco, Night...) the comparison would mislead. */
function inRatedMode(model: AvalonModel, modules: readonly Module[]): boolean {
  return modules.every((m) => ratingApplies(model, m.workMode, m.workLevel));
}

/** Controller-era ratings are per module and a rig mixes modules, so there is no one nominal figure. */
function isControllerEra(model: AvalonModel): boolean {
  return model.family === 'avalon7' || model.family === 'avalon8' || model.family === 'avalon9';
}

function hottest(modules: readonly Module[]): number | undefined {
  let max: number | undefined;
  const see = (t: number | undefined): void => {
    if (t !== undefined && t > -273 && (max === undefined || t > max)) max = t;
  };
  for (const m of modules) {
    see(m.tempMaxC);
    see(m.tempOutletC);
    see(m.tempInletC);
    for (const b of m.boards) {
      see(b.tempMaxC);
      b.chipTempsC?.forEach(see);
    }
  }
  return max;
}

function finite(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

function validTime(t: number): number {
  return typeof t === 'number' && Number.isFinite(t) ? t : 0;
}
