// Health checks of the device's hardware as one snapshot shows it: run
// state, error codes, hash boards, chips, temperature, fans and power
// supply. Pure functions; thresholds are Hearth's own where no source gives
// one, and are listed in docs/diagnostics.md ("Checks").
import type { BoardHeatMap, DecodedError, HealthCheck, HealthStatus } from '../../contract/diagnostics.js';
import type { DeviceSnapshot, Module } from '../../contract/snapshot.js';
import type { AvalonModel } from '../avalon/models.js';
import { boardSilent } from './chips.js';
import { check, inStandby, plural, rawList, rawNumber, rawText, round, statusOfSeverity, worstStatus, type Details } from './check-helpers.js';
import { worstSeverity } from './error-codes.js';

const NO_MODULES = 'The device sent no module statistics (estats/stats), so this cannot be judged.';
const SEND_BUNDLE = 'If it persists, export a support bundle and send it to support.';

/** SYSTEMSTATU text firmware prints while over temperature (A1246: "Work: Out Over Hot"). */
const OVER_HOT = /over\s*hot/i;

export function runStateCheck(modules: readonly Module[]): HealthCheck {
  const title = 'Run state';
  if (modules.length === 0) return check('run-state', 'unknown', title, NO_MODULES, SEND_BUNDLE);
  const verdicts = modules.map((m): { status: HealthStatus; text: string } => {
    const shown = rawText(m, 'SYSTEMSTATU')?.trim();
    if (shown === undefined) return { status: 'unknown', text: `${m.key} does not report its run state` };
    if (OVER_HOT.test(shown)) return { status: 'fail', text: `${m.key} reports "${shown}": it stopped hashing because it is too hot` };
    switch (m.state) {
      case 'work':
        return { status: 'pass', text: `${m.key} is hashing` };
      case 'fault':
        return { status: 'fail', text: `${m.key} reports a fault ("${shown}") and has stopped hashing` };
      case 'init':
        return { status: 'warn', text: `${m.key} is starting up or calibrating` };
      case 'idle':
        return inStandby(m)
          ? { status: 'pass', text: `${m.key} is in standby (switched off by a user or a schedule)` }
          : { status: 'warn', text: `${m.key} is idle although nobody switched it off: usually it has no work from a pool` };
      default:
        return { status: 'warn', text: `${m.key} reports a state Hearth does not know: "${shown}"` };
    }
  });
  const status = worstStatus(verdicts.map((v) => v.status));
  const next =
    status === 'pass'
      ? 'Nothing to do.'
      : status === 'fail'
        ? 'Check the temperature, fans and boards below: they usually say why. Let the device cool, clean its air path, then restart it.'
        : 'Wait a few minutes after a restart; if it stays like this, check the pools below.';
  return check('run-state', status, title, `${verdicts.map((v) => v.text).join('; ')}.`, next);
}

export function errorCodesCheck(decoded: readonly DecodedError[]): HealthCheck {
  const title = 'Error codes';
  const board = decoded.filter((d) => d.field === 'ECHU' || d.field === 'ECMM');
  if (board.length === 0) {
    return check('error-codes', 'unknown', title, 'The device reports no hash-board or control-board error codes (ECHU/ECMM).', 'Nothing to do.');
  }
  const notable = board.filter((d) => d.severity !== 'info');
  if (notable.length === 0) {
    return check('error-codes', 'pass', title, `All ${plural(board.length, 'error code')} read "no error" (or a value Canaan documents as normal).`, 'Nothing to do.');
  }
  const describe = (d: DecodedError): string => {
    const where = d.field === 'ECHU' ? `hash board ${d.board ?? '?'} (ECHU ${d.code})` : `control board (ECMM ${d.code})`;
    const known = d.meanings.map((m) => m.meaning);
    const unknown = d.unknownBits.length > 0 ? [`bit${d.unknownBits.length === 1 ? '' : 's'} ${d.unknownBits.join(', ')} not documented for this model`] : [];
    const what = [...known, ...unknown];
    return `${where}: ${what.length > 0 ? what.join('; ') : 'a code no published source explains'}`;
  };
  const status = statusOfSeverity(worstSeverity(notable.map((d) => d.severity)));
  const next =
    status === 'fail'
      ? 'Power the device off, check that the hash board cables are firmly seated, and power it on again. If the code returns, the board needs repair: send a support bundle.'
      : 'Hearth shows this code as is because no published source explains it. Send a support bundle so support can look it up.';
  return check('error-codes', status, title, `${notable.map(describe).join('; ')}.`, next);
}

export function boardsCheck(modules: readonly Module[], model: AvalonModel | undefined, maps: readonly BoardHeatMap[]): HealthCheck {
  const title = 'Hash boards';
  if (modules.length === 0) return check('boards', 'unknown', title, NO_MODULES, SEND_BUNDLE);
  const problems: string[] = [];
  const details: Details = {};
  let known = false;
  for (const m of modules) {
    const expected = model?.hashBoards ?? undefined; // null (unknown count) reads as undefined
    const reported = m.hashBoardCount ?? (m.boards.length > 0 ? m.boards.length : undefined);
    if (reported !== undefined) {
      known = true;
      details[`${m.key} boards`] = reported;
      if (expected !== undefined && reported < expected) {
        problems.push(`${m.key} reports ${reported} of the ${expected} hash boards this model has`);
      }
    }
    for (const map of maps.filter((x) => x.module === m.key)) {
      known = true;
      if (boardSilent(map)) problems.push(`hash board ${map.board} of ${m.key} sends no temperature or voltage readings: it is not running`);
    }
  }
  if (!known) return check('boards', 'unknown', title, 'The device does not report its hash boards one by one.', 'Nothing to do.', details);
  if (problems.length > 0) {
    return check(
      'boards',
      'fail',
      title,
      `${problems.join('; ')}.`,
      'Power the device off, reseat the hash board\'s data and power cables, and power it on. If the board stays missing it needs repair: send a support bundle.',
      details,
    );
  }
  return check('boards', 'pass', title, 'Every hash board the model has is reporting.', 'Nothing to do.', details);
}

export function chipsCheck(maps: readonly BoardHeatMap[]): HealthCheck {
  const title = 'Chips';
  const live = maps.filter((m) => !boardSilent(m));
  if (live.length === 0) {
    return check('chips', 'unknown', title, 'The device does not report per-chip temperatures or voltages (or no board is running).', 'Nothing to do.');
  }
  const chips = live.reduce((n, m) => n + Math.max(m.chipTempsC.length, m.chipVoltages.length), 0);
  const silent = live.flatMap((m) => m.outliers.filter((o) => o.silent).map((o) => ({ m, o })));
  const far = live.flatMap((m) => m.outliers.filter((o) => !o.silent).map((o) => ({ m, o })));
  const details: Details = { chips, silentReadings: silent.length, outliers: far.length };
  if (silent.length === 0 && far.length === 0) {
    return check('chips', 'pass', title, `All ${chips} chips read close to their board's median temperature and voltage.`, 'Nothing to do.', details);
  }
  const list = (items: typeof far, limit = 6): string =>
    items
      .slice(0, limit)
      .map(({ m, o }) =>
        o.silent
          ? `board ${m.board} chip ${o.chip} (${o.kind}: no reading)`
          : `board ${m.board} chip ${o.chip} (${o.kind} ${o.value}, board median ${round(o.median)})`,
      )
      .join(', ') + (items.length > limit ? ` and ${items.length - limit} more` : '');
  if (silent.length > 0) {
    return check(
      'chips',
      'fail',
      title,
      `Some chips give no reading while their neighbours do: ${list(silent)}.`,
      'A chip that stops answering usually needs a board repair. Send a support bundle; the heat map shows which chip.',
      details,
    );
  }
  return check(
    'chips',
    'warn',
    title,
    `Some chips run far from their neighbours: ${list(far)}.`,
    'A single hot chip often means dust or a loose heatsink at that spot: clean the device. If it persists, send a support bundle.',
    details,
  );
}

/** Without a target temperature from the device, Hearth's own limits for the hottest chip, degC. */
export const HOT_WARN_C = 90;
export const HOT_FAIL_C = 100;
/** Average chip temperature above the device's own target (`TarT`), degC. */
export const OVER_TARGET_WARN_C = 5;
export const OVER_TARGET_FAIL_C = 10;

export function temperatureCheck(snapshot: DeviceSnapshot): HealthCheck {
  const title = 'Temperature';
  const hottest = snapshot.derived.hottestC;
  const over = snapshot.modules.find((m) => OVER_HOT.test(rawText(m, 'SYSTEMSTATU') ?? ''));
  const inlets = snapshot.modules.map((m) => m.tempInletC).filter((t): t is number => t !== undefined);
  const details: Details = {};
  if (hottest !== undefined) details['hottestC'] = hottest;
  if (inlets.length > 0) details['inletC'] = Math.max(...inlets);
  const fix = 'Give the device cool, free-flowing air: clear the intake and exhaust, clean dust from the fans and heatsinks, and lower the room temperature or the work mode.';
  if (over !== undefined) {
    return check('temperature', 'fail', title, `${over.key} reports that it is over temperature and has stopped hashing (hottest reading ${hottest ?? '?'} °C).`, fix, details);
  }
  // Home models regulate the average chip temperature to their target (TAvg equals
  // TarT on the Nano 3 and Nano 3S captures); in standby nothing is regulated.
  const regulated = snapshot.modules
    .filter((m) => !inStandby(m) && m.tempTargetC !== undefined && m.tempTargetC > 0 && m.tempAvgC !== undefined && m.tempAvgC > 0)
    .map((m) => ({ avg: m.tempAvgC as number, target: m.tempTargetC as number }));
  if (regulated.length > 0) {
    const worst = regulated.reduce((a, b) => (b.avg - b.target > a.avg - a.target ? b : a));
    details['averageC'] = worst.avg;
    details['targetC'] = worst.target;
    const said = `The chips average ${worst.avg} °C against the device's own target of ${worst.target} °C${hottest !== undefined ? ` (hottest ${hottest} °C)` : ''}.`;
    if (worst.avg > worst.target + OVER_TARGET_FAIL_C) return check('temperature', 'fail', title, `${said} The cooling cannot keep up.`, fix, details);
    if (worst.avg > worst.target + OVER_TARGET_WARN_C) return check('temperature', 'warn', title, `${said} The cooling is struggling.`, fix, details);
    return check('temperature', 'pass', title, said, 'Nothing to do.', details);
  }
  if (hottest === undefined) return check('temperature', 'unknown', title, 'The device reports no temperature.', SEND_BUNDLE, details);
  const said = `The hottest chip reads ${hottest} °C`;
  if (hottest > HOT_FAIL_C) return check('temperature', 'fail', title, `${said}, above Hearth's limit of ${HOT_FAIL_C} °C.`, fix, details);
  if (hottest > HOT_WARN_C) return check('temperature', 'warn', title, `${said}, above ${HOT_WARN_C} °C.`, fix, details);
  return check('temperature', 'pass', title, `${said}, below ${HOT_WARN_C} °C.`, 'Nothing to do.', details);
}

/** A fan turning slower than this fraction of the other fans' median is called out. */
export const SLOW_FAN_FRACTION = 0.5;

export function fansCheck(modules: readonly Module[]): HealthCheck {
  const title = 'Fans';
  const withFans = modules.filter((m) => m.fansRpm.length > 0);
  if (withFans.length === 0) return check('fans', 'unknown', title, 'The device reports no fan speeds.', 'Nothing to do.');
  const fails: string[] = [];
  const warns: string[] = [];
  const details: Details = {};
  for (const m of withFans) {
    const duty = m.fanPercent;
    if (duty !== undefined) details[`${m.key} set speed %`] = duty;
    details[`${m.key} rpm`] = m.fansRpm.join(' ');
    const spinning = m.fansRpm.filter((r) => r > 0);
    m.fansRpm.forEach((rpm, i) => {
      const others = m.fansRpm.filter((_, j) => j !== i);
      const othersMedian = others.length > 0 ? [...others].sort((a, b) => a - b)[Math.floor(others.length / 2)] : undefined;
      if (rpm === 0 && ((duty !== undefined && duty > 0) || spinning.length > 0)) {
        fails.push(`fan ${i + 1} is not turning although it is set to ${duty ?? '?'} %`);
      } else if (rpm > 0 && othersMedian !== undefined && othersMedian > 0 && rpm < othersMedian * SLOW_FAN_FRACTION) {
        warns.push(`fan ${i + 1} turns at ${rpm} RPM, much slower than the others (${othersMedian} RPM)`);
      }
    });
    if (duty !== undefined && duty >= 100 && fails.length === 0) warns.push(`${m.key}'s fans run at full speed: cooling is at its limit`);
  }
  if (fails.length > 0) {
    return check('fans', 'fail', title, `${fails.join('; ')}.`, 'Power the device off, check that nothing blocks the fan and that its cable is plugged in; replace the fan if it still does not turn.', details);
  }
  if (warns.length > 0) {
    return check('fans', 'warn', title, `${warns.join('; ')}.`, 'Clean the fans and the air path; a fan that stays slow is wearing out and should be replaced.', details);
  }
  const off = withFans.every((m) => m.fansRpm.every((r) => r === 0));
  return check('fans', 'pass', title, off ? 'The fans are off, as set (the device is not hashing).' : 'Every fan turns, in step with the others.', 'Nothing to do.', details);
}

/** Wall power above the calibration's maximum (`MPO`) by more than this fraction is called out. */
export const OVER_MPO_FRACTION = 0.1;
/** Wall power above the catalog's rated power by more than this fraction is called out. */
export const OVER_RATED_FRACTION = 0.1;

export function powerSupplyCheck(snapshot: DeviceSnapshot, model: AvalonModel | undefined, decoded: readonly DecodedError[]): HealthCheck {
  const title = 'Power supply';
  const psErrors = decoded.filter((d) => d.field === 'PS0' && d.code !== 0);
  const details: Details = {};
  if (snapshot.derived.powerW !== undefined) details['wallW'] = snapshot.derived.powerW;
  if (psErrors.length > 0) {
    const what = psErrors.map((d) => {
      const bits = d.meanings.map((m) => m.meaning);
      const unknown = d.unknownBits.length > 0 ? [`undocumented bit${d.unknownBits.length === 1 ? '' : 's'} ${d.unknownBits.join(', ')}`] : [];
      return `error code ${d.code}${bits.length + unknown.length > 0 ? ` (${[...bits, ...unknown].join('; ')})` : ''}`;
    });
    return check(
      'power-supply',
      'fail',
      title,
      `The power supply reports ${what.join(', ')}.`,
      'Switch the device off at the wall for a minute (Canaan: the supply may cut power to the boards and needs an AC power cycle), check the mains cable and socket, then switch on. If the error returns, the power supply needs service.',
      details,
    );
  }
  const warns: string[] = [];
  let known = snapshot.derived.powerW !== undefined;
  for (const m of snapshot.modules) {
    if (rawList(m, 'PS') !== undefined) known = true;
    const mpo = rawNumber(m, 'MPO');
    // MPO bounds the power the calibration may draw; wall power runs 6-8 % above the
    // boards' DC power on the captures (conversion loss), hence the margin.
    if (mpo !== undefined && mpo > 0 && m.powerW !== undefined) {
      details[`${m.key} MPO W`] = mpo;
      if (m.powerW > mpo * (1 + OVER_MPO_FRACTION)) warns.push(`${m.key} draws ${m.powerW} W at the wall, above the ${mpo} W its calibration allows`);
    }
  }
  const wall = snapshot.derived.powerW;
  if (model?.nominalW !== undefined && model.nominalW !== null && wall !== undefined && wall > model.nominalW * (1 + OVER_RATED_FRACTION)) {
    warns.push(`it draws ${wall} W at the wall, above the ${model.nominalW} W this model is rated for`);
  }
  if (!known) return check('power-supply', 'unknown', title, 'The device reports no power supply readings.', 'Nothing to do.', details);
  if (warns.length > 0) {
    return check('power-supply', 'warn', title, `The power supply reports no error, but ${warns.join('; ')}.`, 'Make sure the circuit is not shared with other heavy loads; choose a lower work mode if it stays high.', details);
  }
  return check(
    'power-supply',
    'pass',
    title,
    wall !== undefined ? `The power supply reports no error; the device draws ${wall} W.` : 'The power supply reports no error.',
    'Nothing to do.',
    details,
  );
}
