// Health checks of how the device performs and how it has been running:
// hash rate against what it should do, hardware-error rate, firmware and
// uptime, and why it last restarted. Pure functions.
import type { DecodedError, HealthCheck } from '../../contract/diagnostics.js';
import type { MessageText } from '../../contract/message-text.js';
import type { Sample } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import { ratedThs, type AvalonModel } from '../avalon/models.js';
import { median } from './chips.js';
import { check, formatDuration, inStandby, NOTHING_TO_DO, rawNumber, rawText, round, statusOfSeverity, Details } from './check-helpers.js';
import { healthEnglish, healthText as text } from './messages.js';

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
export function expectedGhs(snapshot: DeviceSnapshot, model: AvalonModel | undefined): { ghs: number; basis: string; basisText: MessageText } | undefined {
  let sum = 0;
  for (const m of snapshot.modules) {
    const dh = rawNumber(m, 'DH');
    if (m.ghsMm !== undefined && m.ghsMm > 0 && dh !== undefined) sum += m.ghsMm * (1 - dh / 100);
  }
  const rated = model !== undefined && !isControllerEra(model) ? ratedThs(model, snapshot.identity.modelCode) : undefined;
  const basis =
    sum > 0
      ? { ghs: sum, basisText: text('health.hashrate.basisChips', { ths: ths(sum) }) }
      : rated !== undefined && rated > 0
        ? { ghs: rated * 1000, basisText: text('health.hashrate.basisRating', { ths: rated }) }
        : undefined;
  return basis === undefined ? undefined : { ...basis, basis: healthEnglish(basis.basisText) };
}

/** GH/s as the TH/s figure the texts show. */
function ths(ghs: number): number {
  return round(ghs / 1000, 2);
}

export function hashrateCheck(snapshot: DeviceSnapshot, model: AvalonModel | undefined, samples: readonly Sample[]): HealthCheck {
  const s = snapshot.summary;
  const ghs = s.ghs1m ?? s.ghs5s ?? s.ghsAvg;
  const details = new Details();
  const recent = samples.filter((x) => x.t >= snapshot.takenAt - RECENT_MS && x.ghs !== undefined).map((x) => x.ghs as number);
  const recentMedian = median(recent);
  if (recentMedian !== undefined) details.set(text('health.detail.median15minGhs'), round(recentMedian));
  if (ghs === undefined) return check('hashrate', 'unknown', text('health.hashrate.none'), NOTHING_TO_DO, details);
  details.set(text('health.detail.ghs'), round(ghs));
  if (snapshot.modules.length > 0 && snapshot.modules.every(inStandby)) {
    return check('hashrate', 'pass', text('health.hashrate.standby'), text('health.hashrate.next.standby'), details);
  }
  const expected = expectedGhs(snapshot, model);
  if (expected === undefined) {
    return ghs > 0
      ? check('hashrate', 'pass', text('health.hashrate.noRating', { ths: ths(ghs) }), NOTHING_TO_DO, details)
      : check('hashrate', 'fail', text('health.hashrate.notHashing'), text('health.hashrate.next.notHashing'), details);
  }
  const ratio = ghs / expected.ghs;
  details.set(text('health.detail.expectedGhs'), round(expected.ghs));
  const rated = model !== undefined && !isControllerEra(model) ? ratedThs(model, snapshot.identity.modelCode) : undefined;
  if (rated !== undefined) details.set(text('health.detail.ratedGhs'), rated * 1000);
  details.set(text('health.detail.ratio'), round(ratio, 3));
  const said = text('health.hashrate.ratio', { ths: ths(ghs), percent: Math.round(ratio * 100), basis: expected.basisText });
  if (ratio >= HASHRATE_PASS) return check('hashrate', 'pass', said, NOTHING_TO_DO, details);
  return check('hashrate', ratio >= HASHRATE_WARN ? 'warn' : 'fail', said, text('health.hashrate.next.low'), details);
}

/** Chip error ratio `DH` (%): Hearth's limits; Canaan calls 0.6-1.6 % normal on the A10 series. */
export const DH_WARN_PERCENT = 5;
export const DH_FAIL_PERCENT = 10;

export function hardwareErrorsCheck(snapshot: DeviceSnapshot): HealthCheck {
  const dhs = snapshot.modules.map((m) => ({ key: m.key, dh: rawNumber(m, 'DH') })).filter((x): x is { key: string; dh: number } => x.dh !== undefined);
  const details = new Details();
  if (snapshot.summary.hardwareErrors !== undefined) details.set(text('health.detail.hardwareErrors'), snapshot.summary.hardwareErrors);
  let percent: number | undefined;
  let fromDh: boolean;
  if (dhs.length > 0) {
    percent = Math.max(...dhs.map((x) => x.dh));
    fromDh = true;
    details.set(text('health.detail.dhPercent'), percent);
  } else {
    percent = snapshot.summary.hardwarePercent;
    fromDh = false;
    if (percent !== undefined) details.set(text('health.detail.hardwarePercent'), percent);
  }
  if (percent === undefined) return check('hardware-errors', 'unknown', text('health.hwErrors.none'), NOTHING_TO_DO, details);
  const said = fromDh ? text('health.hwErrors.dh', { percent }) : text('health.hwErrors.share', { percent });
  if (percent <= DH_WARN_PERCENT) return check('hardware-errors', 'pass', said, NOTHING_TO_DO, details);
  return check('hardware-errors', percent <= DH_FAIL_PERCENT ? 'warn' : 'fail', said, text('health.hwErrors.next'), details);
}

/** A device up for less than this has just restarted: its averages are still settling. */
export const JUST_STARTED_S = 600;

export function firmwareCheck(snapshot: DeviceSnapshot): HealthCheck {
  const firmware = snapshot.identity.firmware ?? snapshot.modules.find((m) => m.version !== undefined)?.version;
  const uptime = snapshot.summary.elapsedS ?? snapshot.modules.find((m) => m.elapsedS !== undefined)?.elapsedS;
  // The Nano 3S source prints FW[Release|Debug|Customized] (N3S-DRV).
  const build = snapshot.modules.map((m) => rawText(m, 'FW')?.trim()).find((b) => b !== undefined && b !== '');
  const details = new Details();
  if (firmware !== undefined) details.set(text('health.detail.firmware'), firmware);
  if (uptime !== undefined) details.set(text('health.detail.uptimeS'), uptime);
  if (build !== undefined) details.set(text('health.detail.build'), build);
  if (firmware === undefined && uptime === undefined) return check('firmware', 'unknown', text('health.firmware.none'), NOTHING_TO_DO, details);
  const said = firmwareSaid(firmware ?? text('health.firmware.unknown'), build, uptime === undefined ? undefined : formatDuration(uptime));
  if (build !== undefined && !/^release$/i.test(build)) {
    return check('firmware', 'warn', text('health.firmware.notRelease', { said }), text('health.firmware.next.release'), details);
  }
  if (uptime !== undefined && uptime < JUST_STARTED_S) {
    return check('firmware', 'warn', text('health.firmware.recent', { said }), text('health.firmware.next.recent'), details);
  }
  return check('firmware', 'pass', said, NOTHING_TO_DO, details);
}

/** "Firmware X (Debug build), running for 3 d 4 h.": the build and the uptime only when reported. */
function firmwareSaid(firmware: string | MessageText, build: string | undefined, uptime: MessageText | undefined): MessageText {
  if (build === undefined) return uptime === undefined ? text('health.firmware.said', { firmware }) : text('health.firmware.saidUptime', { firmware, uptime });
  return uptime === undefined ? text('health.firmware.saidBuild', { firmware, build }) : text('health.firmware.saidBuildUptime', { firmware, build, uptime });
}

export function rebootReasonCheck(decoded: readonly DecodedError[]): HealthCheck {
  const boot = decoded.find((d) => d.field === 'BOOTBY');
  if (boot === undefined) return check('reboot-reason', 'unknown', text('health.reboot.none'), NOTHING_TO_DO);
  const meaning = boot.meanings[0];
  const details = new Details().set(text('health.detail.BOOTBY'), boot.text);
  if (meaning === undefined) {
    return check('reboot-reason', 'unknown', text('health.reboot.unlisted', { code: boot.text }), text('health.reboot.next.unlisted'), details);
  }
  const status = boot.severity === 'unknown' ? 'unknown' : statusOfSeverity(boot.severity);
  const next = status === 'warn' ? text('health.reboot.next.warn') : NOTHING_TO_DO;
  return check('reboot-reason', status, text('health.reboot.last', { meaning: meaning.meaningText ?? meaning.meaning, name: meaning.name }), next, details);
}
