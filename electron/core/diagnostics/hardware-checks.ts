// Health checks of the device's hardware as one snapshot shows it: run
// state, error codes, hash boards, chips, temperature, fans and power
// supply. Pure functions; thresholds are Hearth's own where no source gives
// one, and are listed in docs/diagnostics.md ("Checks").
import type { BoardHeatMap, DecodedError, HealthCheck, HealthStatus } from '../../contract/diagnostics.js';
import { listOf, type MessageText } from '../../contract/message-text.js';
import type { DeviceSnapshot, Module } from '../../contract/snapshot.js';
import type { AvalonModel } from '../avalon/models.js';
import { boardSilent } from './chips.js';
import { check, clauses, inStandby, NOTHING_TO_DO, rawList, rawNumber, rawText, round, statusOfSeverity, worstStatus, Details } from './check-helpers.js';
import { worstSeverity } from './error-codes.js';
import { healthText as text } from './messages.js';

const NO_MODULES = text('health.noModules');
const SEND_BUNDLE = text('health.next.sendBundle');

/** SYSTEMSTATU text firmware prints while over temperature (A1246: "Work: Out Over Hot"). */
const OVER_HOT = /over\s*hot/i;

export function runStateCheck(modules: readonly Module[]): HealthCheck {
  if (modules.length === 0) return check('run-state', 'unknown', NO_MODULES, SEND_BUNDLE);
  const verdicts = modules.map((m): { status: HealthStatus; text: MessageText } => {
    const module = m.key;
    const shown = rawText(m, 'SYSTEMSTATU')?.trim();
    if (shown === undefined) return { status: 'unknown', text: text('health.runState.noReport', { module }) };
    if (OVER_HOT.test(shown)) return { status: 'fail', text: text('health.runState.overHot', { module, shown }) };
    switch (m.state) {
      case 'work':
        return { status: 'pass', text: text('health.runState.work', { module }) };
      case 'fault':
        return { status: 'fail', text: text('health.runState.fault', { module, shown }) };
      case 'init':
        return { status: 'warn', text: text('health.runState.init', { module }) };
      case 'idle':
        return inStandby(m) ? { status: 'pass', text: text('health.runState.standby', { module }) } : { status: 'warn', text: text('health.runState.idle', { module }) };
      default:
        return { status: 'warn', text: text('health.runState.other', { module, shown }) };
    }
  });
  const status = worstStatus(verdicts.map((v) => v.status));
  const next = status === 'pass' ? NOTHING_TO_DO : status === 'fail' ? text('health.runState.next.fail') : text('health.runState.next.warn');
  return check('run-state', status, clauses(verdicts.map((v) => v.text)), next);
}

export function errorCodesCheck(decoded: readonly DecodedError[]): HealthCheck {
  const board = decoded.filter((d) => d.field === 'ECHU' || d.field === 'ECMM');
  if (board.length === 0) return check('error-codes', 'unknown', text('health.errorCodes.none'), NOTHING_TO_DO);
  const notable = board.filter((d) => d.severity !== 'info');
  if (notable.length === 0) {
    const count = board.length;
    return check('error-codes', 'pass', count === 1 ? text('health.errorCodes.allOkOne', { count }) : text('health.errorCodes.allOk', { count }), NOTHING_TO_DO);
  }
  const describe = (d: DecodedError): MessageText => {
    const where = d.field === 'ECHU' ? text('health.errorCodes.whereBoard', { board: d.board ?? '?', code: d.code }) : text('health.errorCodes.whereControl', { code: d.code });
    const bits = listOf(d.unknownBits, 'series');
    const unknown = d.unknownBits.length === 0 ? [] : [d.unknownBits.length === 1 ? text('health.errorCodes.unknownBit', { bits }) : text('health.errorCodes.unknownBits', { bits })];
    const what = [...d.meanings.map(meaningText), ...unknown];
    return text('health.errorCodes.item', { where, what: what.length > 0 ? listOf(what) : text('health.errorCodes.unexplained') });
  };
  const status = statusOfSeverity(worstSeverity(notable.map((d) => d.severity)));
  const next = status === 'fail' ? text('health.errorCodes.next.fail') : text('health.errorCodes.next.unknown');
  return check('error-codes', status, clauses(notable.map(describe)), next);
}

/** A decoded meaning as a text: its key when it has one, else its English as is. */
function meaningText(m: DecodedError['meanings'][number]): MessageText | string {
  return m.meaningText ?? m.meaning;
}

export function boardsCheck(modules: readonly Module[], model: AvalonModel | undefined, maps: readonly BoardHeatMap[]): HealthCheck {
  if (modules.length === 0) return check('boards', 'unknown', NO_MODULES, SEND_BUNDLE);
  const problems: MessageText[] = [];
  const details = new Details();
  let known = false;
  for (const m of modules) {
    const expected = model?.hashBoards ?? undefined; // null (unknown count) reads as undefined
    const reported = m.hashBoardCount ?? (m.boards.length > 0 ? m.boards.length : undefined);
    if (reported !== undefined) {
      known = true;
      details.set(text('health.detail.moduleBoards', { module: m.key }), reported);
      if (expected !== undefined && reported < expected) problems.push(text('health.boards.missing', { module: m.key, reported, expected }));
    }
    for (const map of maps.filter((x) => x.module === m.key)) {
      known = true;
      if (boardSilent(map)) problems.push(text('health.boards.silent', { board: map.board, module: m.key }));
    }
  }
  if (!known) return check('boards', 'unknown', text('health.boards.notReported'), NOTHING_TO_DO, details);
  if (problems.length > 0) return check('boards', 'fail', clauses(problems), text('health.boards.next.fail'), details);
  return check('boards', 'pass', text('health.boards.pass'), NOTHING_TO_DO, details);
}

export function chipsCheck(maps: readonly BoardHeatMap[]): HealthCheck {
  const live = maps.filter((m) => !boardSilent(m));
  if (live.length === 0) return check('chips', 'unknown', text('health.chips.none'), NOTHING_TO_DO);
  const chips = live.reduce((n, m) => n + Math.max(m.chipTempsC.length, m.chipVoltages.length), 0);
  const silent = live.flatMap((m) => m.outliers.filter((o) => o.silent).map((o) => ({ m, o })));
  const far = live.flatMap((m) => m.outliers.filter((o) => !o.silent).map((o) => ({ m, o })));
  const details = new Details().set(text('health.detail.chips'), chips).set(text('health.detail.silentReadings'), silent.length).set(text('health.detail.outliers'), far.length);
  if (silent.length === 0 && far.length === 0) return check('chips', 'pass', text('health.chips.pass', { chips }), NOTHING_TO_DO, details);
  const list = (items: typeof far, limit = 6): MessageText | ReturnType<typeof listOf> => {
    const shown = listOf(
      items.slice(0, limit).map(({ m, o }) => {
        const kind = text(`health.chips.kind.${o.kind}`);
        return o.silent
          ? text('health.chips.silentItem', { board: m.board, chip: o.chip, kind })
          : text('health.chips.outlierItem', { board: m.board, chip: o.chip, kind, value: o.value, median: round(o.median) });
      }),
      'series',
    );
    return items.length > limit ? text('health.chips.more', { items: shown, more: items.length - limit }) : shown;
  };
  if (silent.length > 0) return check('chips', 'fail', text('health.chips.silent', { list: list(silent) }), text('health.chips.next.silent'), details);
  return check('chips', 'warn', text('health.chips.far', { list: list(far) }), text('health.chips.next.far'), details);
}

/** Without a target temperature from the device, Hearth's own limits for the hottest chip, degC. */
export const HOT_WARN_C = 90;
export const HOT_FAIL_C = 100;
/** Average chip temperature above the device's own target (`TarT`), degC. */
export const OVER_TARGET_WARN_C = 5;
export const OVER_TARGET_FAIL_C = 10;

export function temperatureCheck(snapshot: DeviceSnapshot): HealthCheck {
  const hottest = snapshot.derived.hottestC;
  const over = snapshot.modules.find((m) => OVER_HOT.test(rawText(m, 'SYSTEMSTATU') ?? ''));
  const inlets = snapshot.modules.map((m) => m.tempInletC).filter((t): t is number => t !== undefined);
  const details = new Details();
  if (hottest !== undefined) details.set(text('health.detail.hottestC'), hottest);
  if (inlets.length > 0) details.set(text('health.detail.inletC'), Math.max(...inlets));
  const fix = text('health.temperature.next');
  if (over !== undefined) return check('temperature', 'fail', text('health.temperature.overHot', { module: over.key, hottest: hottest ?? '?' }), fix, details);
  // Home models regulate the average chip temperature to their target (TAvg equals
  // TarT on the Nano 3 and Nano 3S captures); in standby nothing is regulated.
  const regulated = snapshot.modules
    .filter((m) => !inStandby(m) && m.tempTargetC !== undefined && m.tempTargetC > 0 && m.tempAvgC !== undefined && m.tempAvgC > 0)
    .map((m) => ({ avg: m.tempAvgC as number, target: m.tempTargetC as number }));
  if (regulated.length > 0) {
    const worst = regulated.reduce((a, b) => (b.avg - b.target > a.avg - a.target ? b : a));
    details.set(text('health.detail.averageC'), worst.avg);
    details.set(text('health.detail.targetC'), worst.target);
    const said =
      hottest === undefined
        ? text('health.temperature.regulated', { average: worst.avg, target: worst.target })
        : text('health.temperature.regulatedHottest', { average: worst.avg, target: worst.target, hottest });
    if (worst.avg > worst.target + OVER_TARGET_FAIL_C) return check('temperature', 'fail', text('health.temperature.cannotKeepUp', { said }), fix, details);
    if (worst.avg > worst.target + OVER_TARGET_WARN_C) return check('temperature', 'warn', text('health.temperature.struggling', { said }), fix, details);
    return check('temperature', 'pass', said, NOTHING_TO_DO, details);
  }
  if (hottest === undefined) return check('temperature', 'unknown', text('health.temperature.none'), SEND_BUNDLE, details);
  if (hottest > HOT_FAIL_C) return check('temperature', 'fail', text('health.temperature.overLimit', { hottest, limit: HOT_FAIL_C }), fix, details);
  if (hottest > HOT_WARN_C) return check('temperature', 'warn', text('health.temperature.above', { hottest, limit: HOT_WARN_C }), fix, details);
  return check('temperature', 'pass', text('health.temperature.below', { hottest, limit: HOT_WARN_C }), NOTHING_TO_DO, details);
}

/** A fan turning slower than this fraction of the other fans' median is called out. */
export const SLOW_FAN_FRACTION = 0.5;

export function fansCheck(modules: readonly Module[]): HealthCheck {
  const withFans = modules.filter((m) => m.fansRpm.length > 0);
  if (withFans.length === 0) return check('fans', 'unknown', text('health.fans.none'), NOTHING_TO_DO);
  const fails: MessageText[] = [];
  const warns: MessageText[] = [];
  const details = new Details();
  for (const m of withFans) {
    const duty = m.fanPercent;
    if (duty !== undefined) details.set(text('health.detail.moduleFanDuty', { module: m.key }), duty);
    details.set(text('health.detail.moduleRpm', { module: m.key }), m.fansRpm.join(' '));
    const spinning = m.fansRpm.filter((r) => r > 0);
    m.fansRpm.forEach((rpm, i) => {
      const others = m.fansRpm.filter((_, j) => j !== i);
      const othersMedian = others.length > 0 ? [...others].sort((a, b) => a - b)[Math.floor(others.length / 2)] : undefined;
      if (rpm === 0 && ((duty !== undefined && duty > 0) || spinning.length > 0)) {
        fails.push(text('health.fans.stopped', { fan: i + 1, duty: duty ?? '?' }));
      } else if (rpm > 0 && othersMedian !== undefined && othersMedian > 0 && rpm < othersMedian * SLOW_FAN_FRACTION) {
        warns.push(text('health.fans.slow', { fan: i + 1, rpm, median: othersMedian }));
      }
    });
    if (duty !== undefined && duty >= 100 && fails.length === 0) warns.push(text('health.fans.full', { module: m.key }));
  }
  if (fails.length > 0) return check('fans', 'fail', clauses(fails), text('health.fans.next.fail'), details);
  if (warns.length > 0) return check('fans', 'warn', clauses(warns), text('health.fans.next.warn'), details);
  const off = withFans.every((m) => m.fansRpm.every((r) => r === 0));
  return check('fans', 'pass', off ? text('health.fans.off') : text('health.fans.pass'), NOTHING_TO_DO, details);
}

/** Wall power above the calibration's maximum (`MPO`) by more than this fraction is called out. */
export const OVER_MPO_FRACTION = 0.1;
/** Wall power above the catalog's rated power by more than this fraction is called out. */
export const OVER_RATED_FRACTION = 0.1;

export function powerSupplyCheck(snapshot: DeviceSnapshot, model: AvalonModel | undefined, decoded: readonly DecodedError[]): HealthCheck {
  const psErrors = decoded.filter((d) => d.field === 'PS0' && d.code !== 0);
  const details = new Details();
  if (snapshot.derived.powerW !== undefined) details.set(text('health.detail.wallW'), snapshot.derived.powerW);
  if (psErrors.length > 0) {
    const codes = psErrors.map((d) => {
      const bits = listOf(d.unknownBits, 'series');
      const unknown = d.unknownBits.length === 0 ? [] : [d.unknownBits.length === 1 ? text('health.power.undocumentedBit', { bits }) : text('health.power.undocumentedBits', { bits })];
      const meanings = [...d.meanings.map(meaningText), ...unknown];
      return meanings.length > 0 ? text('health.power.codeMeanings', { code: d.code, meanings: listOf(meanings) }) : text('health.power.code', { code: d.code });
    });
    return check('power-supply', 'fail', text('health.power.errors', { codes: listOf(codes, 'series') }), text('health.power.next.error'), details);
  }
  const warns: MessageText[] = [];
  let known = snapshot.derived.powerW !== undefined;
  for (const m of snapshot.modules) {
    if (rawList(m, 'PS') !== undefined) known = true;
    const mpo = rawNumber(m, 'MPO');
    // MPO bounds the power the calibration may draw; wall power runs 6-8 % above the
    // boards' DC power on the captures (conversion loss), hence the margin.
    if (mpo !== undefined && mpo > 0 && m.powerW !== undefined) {
      details.set(text('health.detail.moduleMpo', { module: m.key }), mpo);
      if (m.powerW > mpo * (1 + OVER_MPO_FRACTION)) warns.push(text('health.power.overMpo', { module: m.key, watts: m.powerW, mpo }));
    }
  }
  const wall = snapshot.derived.powerW;
  if (model?.nominalW !== undefined && model.nominalW !== null && wall !== undefined && wall > model.nominalW * (1 + OVER_RATED_FRACTION)) {
    warns.push(text('health.power.overRated', { watts: wall, rated: model.nominalW }));
  }
  if (!known) return check('power-supply', 'unknown', text('health.power.none'), NOTHING_TO_DO, details);
  if (warns.length > 0) return check('power-supply', 'warn', text('health.power.warn', { items: listOf(warns) }), text('health.power.next.warn'), details);
  return check('power-supply', 'pass', wall !== undefined ? text('health.power.passWatts', { watts: wall }) : text('health.power.pass'), NOTHING_TO_DO, details);
}
