// `estats` / `stats` reply -> Module[]: one Module per `MM ID<n>` key
// (integrated and home miners have one, controller-era rigs one per
// machine). Field rules and their sources: docs/avalon-parsing.md.
import type { Board, Module, ModuleState } from '../../contract/snapshot.js';
import { compact } from './compact.js';
import { mmNumber, mmNumberList, parseMmId } from './mmid.js';
import { findModel, type AvalonModel } from './models.js';
import { describe, ignoreWarnings, sectionEntries, type ReplyLike, type Warn } from './reply.js';

/** Far above any real rig (6 modules per AUC; the A911 has 6 boards, the Q 160 chips per board). */
const MAX_MODULES = 32;
const MAX_BOARDS = 16;
const MAX_CHIPS = 1024;
const MAX_FANS = 16;

/** `-273` (and anything colder) is how Avalon firmware says "no sensor". */
const NO_READING_C = -273;

const MODULE_KEY = /^MM ID\d+(?::.*)?$/;

/**
 * @param deviceModel the model from `version`, used for rules that differ per
 *   model (the `PS[...]` slot holding wall power) when a module's own `Ver`
 *   does not identify it.
 */
export function parseStats(reply: ReplyLike | undefined, deviceModel?: AvalonModel, warn: Warn = ignoreWarnings): Module[] {
  const modules: Module[] = [];
  for (const entry of sectionEntries(reply, 'STATS', warn)) {
    // Avalon Q: the per-chip arrays moved to a separate `HBinfo` of the same
    // entry; they belong to that entry's (only) module.
    let boardInfo = hbInfoItems(entry['HBinfo'], (w) => warn(`HBinfo: ${w}`));
    for (const [key, value] of Object.entries(entry)) {
      if (!MODULE_KEY.test(key)) continue;
      if (modules.length >= MAX_MODULES) {
        warn(`more than ${MAX_MODULES} modules; ${key} and later ignored`);
        break;
      }
      if (typeof value !== 'string') {
        warn(`${key}: expected text, got ${describe(value)}`);
        continue;
      }
      const parsed = parseMmId(value);
      parsed.warnings.forEach((w) => warn(`${key}: ${w}`));
      const items = { ...boardInfo, ...parsed.items };
      boardInfo = {};
      modules.push(buildModule(key, items, deviceModel, (w) => warn(`${key}: ${w}`)));
    }
  }
  return modules;
}

type Items = Readonly<Record<string, string>>;

function hbInfoItems(value: unknown, warn: Warn): Items {
  if (value === undefined) return {};
  if (typeof value !== 'string') {
    warn(`expected text, got ${describe(value)}`);
    return {};
  }
  const parsed = parseMmId(value);
  for (const w of parsed.warnings) warn(w);
  return parsed.items;
}

function buildModule(key: string, items: Items, deviceModel: AvalonModel | undefined, warn: Warn): Module {
  const get = (k: string): string | undefined => (Object.hasOwn(items, k) ? items[k] : undefined);
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) {
      const n = mmNumber(get(k));
      if (n !== undefined) return n;
    }
    return undefined;
  };
  const temp = (...keys: string[]): number | undefined => celsius(num(...keys));
  const list = (k: string, max: number): number[] | undefined => {
    const raw = get(k);
    const values = mmNumberList(raw);
    if (raw !== undefined && values === undefined) warn(`${k} is not a number list`);
    if (values !== undefined && values.length > max) {
      warn(`${k} has ${values.length} values; only the first ${max} were read`);
      return values.slice(0, max);
    }
    return values;
  };

  const version = get('Ver')?.trim() || undefined;
  const model = (version !== undefined ? findModel({}, version) : undefined) ?? deviceModel;
  const status = parseSystemStatus(get('SYSTEMSTATU'));
  const echu = list('ECHU', MAX_BOARDS) ?? [];

  return compact({
    key,
    version,
    dna: moduleDna(get('DNA'), get('HDNA')),
    state: status.state,
    hashBoardCount: status.hashBoards,
    elapsedS: num('Elapsed'),
    ghsSpd: num('GHSspd'),
    ghsMm: num('GHSmm'),
    ghsAvg: num('GHSavg'),
    tempInletC: temp('ITemp') ?? temp('Temp'),
    tempOutletC: temp('OTemp'),
    tempMaxC: temp('TMax', 'Tmax'),
    tempAvgC: temp('TAvg', 'Tavg', 'TAverage'),
    tempTargetC: temp('TarT'),
    fansRpm: fans(items),
    fanPercent: num('FanR'),
    powerW: wallPower(num('WALLPOWER'), list('PS', 16), model),
    workMode: num('WORKMODE'),
    workLevel: num('WORKLEVEL'),
    frequencyMhz: num('Freq'),
    softOff: num('SoftOFF'),
    led: (get('Led') ?? get('LED'))?.trim(),
    errorCodes: { echu, ecmm: list('ECMM', MAX_BOARDS) ?? [] },
    boards: boards(items, list, status.hashBoards, echu),
    raw: { ...items },
  });
}

/**
 * `SYSTEMSTATU[Work: In Work, Hash Board: 3 ]`. The state words come from the
 * Nano 3S source; firmware also prints others (`Out Over Hot`), which map
 * to 'unknown' and stay visible in `raw`.
 */
export function parseSystemStatus(text: string | undefined): { state: ModuleState; hashBoards?: number } {
  if (text === undefined) return { state: 'unknown' };
  const work = /Work:\s*([^,\]]*)/i.exec(text)?.[1]?.trim().toLowerCase();
  const boardsText = /Hash Board:\s*(\d+)/i.exec(text)?.[1];
  const state: ModuleState =
    work === 'in init' ? 'init' : work === 'in work' ? 'work' : work === 'in idle' ? 'idle' : work === 'in fault' ? 'fault' : 'unknown';
  return compact({ state, hashBoards: boardsText === undefined ? undefined : Number(boardsText) });
}

/**
 * Wall power: `WALLPOWER` when sent, else the model's PS slot (6 on A-series,
 * Mini 3, Q and Nano 3S; 5 on the Nano 3), else the A10 manual's 6-slot
 * layout where slot 4 is the DC power delivered to the hash boards. Slot 1
 * is the 12 V control rail in 0.01 V and is never read as watts.
 */
export function wallPower(wallpower: number | undefined, ps: readonly number[] | undefined, model?: AvalonModel): number | undefined {
  const valid = (w: number | undefined): number | undefined => (w !== undefined && w >= 0 ? w : undefined);
  if (valid(wallpower) !== undefined) return wallpower;
  if (ps === undefined) return undefined;
  const slot = model?.psWallPowerSlot ?? 6;
  if (ps.length > slot) return valid(ps[slot]);
  if (ps.length >= 5) return valid(ps[4]);
  return undefined;
}

function celsius(n: number | undefined): number | undefined {
  return n === undefined || n <= NO_READING_C ? undefined : n;
}

/** The Nano 3 reports `DNA[0000000000000000]` and its real id in `HDNA`. */
function moduleDna(dna: string | undefined, hdna: string | undefined): string | undefined {
  const d = dna?.trim();
  if (d && !/^0+$/.test(d)) return d;
  const h = hdna?.trim();
  return h && !/^0+$/.test(h) ? h : undefined;
}

/** `Fan1`..`FanN` in order (A10 and later, home miners), or the single `Fan` of A7-A9 modules. */
function fans(items: Items): number[] {
  const numbered = Object.keys(items)
    .map((k) => /^Fan(\d{1,2})$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ n: Number(m[1]), rpm: mmNumber(items[m[0]]) }))
    .filter((f): f is { n: number; rpm: number } => f.rpm !== undefined && f.rpm >= 0)
    .sort((a, b) => a.n - b.n)
    .slice(0, MAX_FANS)
    .map((f) => f.rpm);
  if (numbered.length > 0) return numbered;
  const single = mmNumber(Object.hasOwn(items, 'Fan') ? items['Fan'] : undefined);
  return single !== undefined && single >= 0 ? [single] : [];
}

function boards(
  items: Items,
  list: (k: string, max: number) => number[] | undefined,
  reportedCount: number | undefined,
  echu: readonly number[],
): Board[] {
  const mghs = list('MGHS', MAX_BOARDS) ?? [];
  const mtmax = list('MTmax', MAX_BOARDS) ?? [];
  const mtavg = list('MTavg', MAX_BOARDS) ?? [];
  const mvavg = list('MVavg', MAX_BOARDS) ?? [];
  let chipBoards = 0;
  for (const k of Object.keys(items)) {
    const m = /^PVT_[TV](\d{1,2})$/.exec(k);
    if (m) chipBoards = Math.max(chipBoards, Number(m[1]) + 1);
  }
  const count = Math.min(
    MAX_BOARDS,
    Math.max(reportedCount ?? 0, mghs.length, mtmax.length, mtavg.length, mvavg.length, echu.length, chipBoards),
  );
  const out: Board[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      compact({
        index: i,
        ghs: mghs[i],
        tempMaxC: celsius(mtmax[i]),
        tempAvgC: celsius(mtavg[i]),
        voltageAvg: mvavg[i],
        chipTempsC: list(`PVT_T${i}`, MAX_CHIPS),
        chipVoltages: list(`PVT_V${i}`, MAX_CHIPS),
        errorCode: echu[i],
      }),
    );
  }
  return out;
}
