// Health checks of how the device performs and how it has been running:
// hash rate against what it should do, hardware-error rate, firmware and
// uptime, and why it last restarted. Pure functions.
import type { DecodedError, HealthCheck } from '../../contract/diagnostics.js';
import type { Sample } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import { ratedThs, type AvalonModel } from '../avalon/models.js';
import { median } from './chips.js';
import { check, formatDuration, inStandby, rawNumber, rawText, round, statusOfSeverity, type Details } from './check-helpers.js';

/** Hash rate / expected: at or above PASS is fine, at or above WARN is low, below is failing. */
export const HASHRATE_PASS = 0.9;
export const HASHRATE_WARN = 0.75;
/** Recent samples this old or newer are summarised in the hashrate details. */
const RECENT_MS = 15 * 60 * 1000;

function isControllerEra(model: AvalonModel | undefined): boolean {
  return model?.family === 'avalon7' || model?.family === 'avalon8' || model?.family === 'avalon9';
}

/**
 * What the device should hash now, GH/s: Canaan's expected rate GHSmm x (1 -
 * DH) (A10PRIV section 1.3), which follows the work mode the user chose;
 * else its rating (catalog, or the TH/s bin in MODEL), which is for the
 * model's top mode.
 */
export function expectedGhs(snapshot: DeviceSnapshot, model: AvalonModel | undefined): { ghs: number; basis: string } | undefined {
  let sum = 0;
  for (const m of snapshot.modules) {
    const dh = rawNumber(m, 'DH');
    if (m.ghsMm !== undefined && m.ghsMm > 0 && dh !== undefined) sum += m.ghsMm * (1 - dh / 100);
  }
  if (sum > 0) return { ghs: sum, basis: `${round(sum / 1000, 2)} TH/s, the rate its chips are set for (GHSmm less the chip error ratio)` };
  const rated = model !== undefined && !isControllerEra(model) ? ratedThs(model, snapshot.identity.modelCode) : undefined;
  return rated !== undefined && rated > 0 ? { ghs: rated * 1000, basis: `its rating of ${rated} TH/s` } : undefined;
}

function ths(ghs: number): string {
  return `${round(ghs / 1000, 2)} TH/s`;
}

export function hashrateCheck(snapshot: DeviceSnapshot, model: AvalonModel | undefined, samples: readonly Sample[]): HealthCheck {
  const title = 'Hash rate';
  const s = snapshot.summary;
  const ghs = s.ghs1m ?? s.ghs5s ?? s.ghsAvg;
  const details: Details = {};
  const recent = samples.filter((x) => x.t >= snapshot.takenAt - RECENT_MS && x.ghs !== undefined).map((x) => x.ghs as number);
  const recentMedian = median(recent);
  if (recentMedian !== undefined) details['median15minGhs'] = round(recentMedian);
  if (ghs === undefined) return check('hashrate', 'unknown', title, 'The device reports no hash rate.', 'Nothing to do.', details);
  details['ghs'] = round(ghs);
  if (snapshot.modules.length > 0 && snapshot.modules.every(inStandby)) {
    return check('hashrate', 'pass', title, 'The device is in standby (switched off by a user or a schedule), so it is not hashing.', 'Switch it on from the device page when you want it to mine.', details);
  }
  const expected = expectedGhs(snapshot, model);
  if (expected === undefined) {
    return ghs > 0
      ? check('hashrate', 'pass', title, `The device hashes at ${ths(ghs)}; no rating is known for this model to compare with.`, 'Nothing to do.', details)
      : check('hashrate', 'fail', title, 'The device is not hashing.', 'See the run state, temperature and pool checks: they usually say why.', details);
  }
  const ratio = ghs / expected.ghs;
  details['expectedGhs'] = round(expected.ghs);
  const rated = model !== undefined && !isControllerEra(model) ? ratedThs(model, snapshot.identity.modelCode) : undefined;
  if (rated !== undefined) details['ratedGhs'] = rated * 1000;
  details['ratio'] = round(ratio, 3);
  const said = `The device hashes at ${ths(ghs)}, ${Math.round(ratio * 100)} % of ${expected.basis}.`;
  if (ratio >= HASHRATE_PASS) return check('hashrate', 'pass', title, said, 'Nothing to do.', details);
  const next = 'See the boards, temperature and pool checks; a device that has just restarted needs a few minutes to reach full speed.';
  return check('hashrate', ratio >= HASHRATE_WARN ? 'warn' : 'fail', title, said, next, details);
}

/** Chip error ratio `DH` (%): Hearth's limits; Canaan calls 0.6-1.6 % normal on the A10 series. */
export const DH_WARN_PERCENT = 5;
export const DH_FAIL_PERCENT = 10;

export function hardwareErrorsCheck(snapshot: DeviceSnapshot): HealthCheck {
  const title = 'Hardware errors';
  const dhs = snapshot.modules.map((m) => ({ key: m.key, dh: rawNumber(m, 'DH') })).filter((x): x is { key: string; dh: number } => x.dh !== undefined);
  const details: Details = {};
  if (snapshot.summary.hardwareErrors !== undefined) details['hardwareErrors'] = snapshot.summary.hardwareErrors;
  let percent: number | undefined;
  let basis: string;
  if (dhs.length > 0) {
    percent = Math.max(...dhs.map((x) => x.dh));
    basis = 'chip error ratio (DH)';
    details['dhPercent'] = percent;
  } else {
    percent = snapshot.summary.hardwarePercent;
    basis = 'hardware error share';
    if (percent !== undefined) details['hardwarePercent'] = percent;
  }
  if (percent === undefined) return check('hardware-errors', 'unknown', title, 'The device reports no hardware-error rate.', 'Nothing to do.', details);
  const said = `The ${basis} is ${percent} % (Canaan calls 0.6-1.6 % normal on its A10 series).`;
  if (percent <= DH_WARN_PERCENT) return check('hardware-errors', 'pass', title, said, 'Nothing to do.', details);
  return check(
    'hardware-errors',
    percent <= DH_FAIL_PERCENT ? 'warn' : 'fail',
    title,
    said,
    'Many chip errors usually mean heat or an unstable supply: check the temperature and power checks, clean the device, or choose a lower work mode.',
    details,
  );
}

/** A device up for less than this has just restarted: its averages are still settling. */
export const JUST_STARTED_S = 600;

export function firmwareCheck(snapshot: DeviceSnapshot): HealthCheck {
  const title = 'Firmware and uptime';
  const firmware = snapshot.identity.firmware ?? snapshot.modules.find((m) => m.version !== undefined)?.version;
  const uptime = snapshot.summary.elapsedS ?? snapshot.modules.find((m) => m.elapsedS !== undefined)?.elapsedS;
  // The Nano 3S source prints FW[Release|Debug|Customized] (N3S-DRV).
  const build = snapshot.modules.map((m) => rawText(m, 'FW')?.trim()).find((b) => b !== undefined && b !== '');
  const details: Details = {};
  if (firmware !== undefined) details['firmware'] = firmware;
  if (uptime !== undefined) details['uptimeS'] = uptime;
  if (build !== undefined) details['build'] = build;
  if (firmware === undefined && uptime === undefined) return check('firmware', 'unknown', title, 'The device reports neither its firmware nor its uptime.', 'Nothing to do.', details);
  const said = `Firmware ${firmware ?? 'unknown'}${build !== undefined ? ` (${build} build)` : ''}${uptime !== undefined ? `, running for ${formatDuration(uptime)}` : ''}.`;
  if (build !== undefined && !/^release$/i.test(build)) {
    return check('firmware', 'warn', title, `${said} This is not a release build.`, 'Install Canaan\'s current release firmware for this model.', details);
  }
  if (uptime !== undefined && uptime < JUST_STARTED_S) {
    return check('firmware', 'warn', title, `${said} It restarted only recently, so its averages are still settling.`, 'Run the health check again in ten minutes; see the restart reason below.', details);
  }
  return check('firmware', 'pass', title, said, 'Nothing to do.', details);
}

export function rebootReasonCheck(decoded: readonly DecodedError[]): HealthCheck {
  const title = 'Last restart';
  const boot = decoded.find((d) => d.field === 'BOOTBY');
  if (boot === undefined) return check('reboot-reason', 'unknown', title, 'This model does not report why it last restarted.', 'Nothing to do.');
  const meaning = boot.meanings[0];
  const details: Details = { BOOTBY: boot.text };
  if (meaning === undefined) {
    return check('reboot-reason', 'unknown', title, `The restart reason code ${boot.text} is not in any published table.`, 'Send a support bundle if the device restarts unexpectedly.', details);
  }
  const status = boot.severity === 'unknown' ? 'unknown' : statusOfSeverity(boot.severity);
  const next =
    status === 'warn'
      ? 'This restart was the firmware protecting itself: check the temperature, network and pool checks for the cause.'
      : 'Nothing to do.';
  return check('reboot-reason', status, title, `Last restart: ${meaning.meaning} (${meaning.name}).`, next, details);
}
