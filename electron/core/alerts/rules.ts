// One function per alert rule: given a device, what the engine remembers of
// it and the thresholds, is the condition present now? Each rule uses the
// stricter threshold to raise and the looser one to stay raised (`active`),
// which is the hysteresis. Thresholds and their reasons: docs/alerts.md.
import type { AlertKind, AlertRules, AlertSeverity } from '../../contract/alerts.js';
import type { FleetDevice } from '../../contract/fleet.js';
import type { DeviceSnapshot, Module } from '../../contract/snapshot.js';
import { modelById } from '../avalon/models.js';
import type { Verdict } from './hold.js';
import { hwErrorPercent, type DeviceMemory } from './memory.js';

export interface RuleInput {
  device: FleetDevice;
  name: string;
  memory: DeviceMemory;
  rules: AlertRules;
  /** Whether this rule's alert is active on this device now. */
  active: boolean;
  now: number;
}

export interface RuleSpec {
  kind: AlertKind;
  severity: AlertSeverity;
  /** Alerts that explain this one: while one of them is active on the device, this rule says "cannot tell". */
  inhibitedBy: readonly AlertKind[];
  evaluate(input: RuleInput): Verdict;
  times(rules: AlertRules): { holdS: number; clearHoldS: number; enabled: boolean };
}

/** ECHU values that mean "normal": 0 everywhere, 512 per Canaan's A10-A12 log guide (avalon-protocol.md 3.4). */
const NORMAL_ECHU = new Set([0, 512]);

/** The snapshot only when it is the device's current state; a stale or offline device's last snapshot is history. */
function fresh(device: FleetDevice): DeviceSnapshot | undefined {
  return device.status === 'online' ? device.snapshot : undefined;
}

/** Soft-off: the user's own standby, where not hashing is expected. */
function switchedOff(m: Module): boolean {
  return m.softOff !== undefined && m.softOff !== 0;
}

/** Not running: switched off, or idle (firmware may stop the fans then; a dead pool also idles a unit). */
function inStandby(m: Module): boolean {
  return switchedOff(m) || m.state === 'idle';
}

function allSwitchedOff(snap: DeviceSnapshot): boolean {
  return snap.modules.length > 0 && snap.modules.every(switchedOff);
}

function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

const offline: RuleSpec = {
  kind: 'offline',
  severity: 'warning',
  inhibitedBy: [],
  times: (r) => ({ holdS: 0, clearHoldS: r.offline.clearHoldS, enabled: r.offline.enabled }),
  evaluate({ device, name, memory, rules, now }) {
    if (device.status === 'online') return { on: false };
    if (device.status === 'unknown') return undefined;
    const since = device.lastSuccessAt ?? memory.failingSince;
    if (since === undefined) return undefined;
    const away = now - since;
    const r = rules.offline;
    if (device.consecutiveFailures < r.failedPolls || away < r.afterS * 1000) return { on: false };
    const why = device.lastError ? ` (last error: ${device.lastError.kind})` : '';
    return {
      on: true,
      value: Math.round(away / 1000),
      threshold: r.afterS,
      message: `${name} is offline: no answer for ${fmtDuration(away)}, ${device.consecutiveFailures} failed polls${why}.`,
    };
  },
};

const fanStopped: RuleSpec = {
  kind: 'fan-stopped',
  severity: 'critical',
  inhibitedBy: ['offline'],
  times: (r) => ({ holdS: r.fanStopped.holdS, clearHoldS: r.fanStopped.clearHoldS, enabled: r.fanStopped.enabled }),
  evaluate({ device, name }) {
    const snap = fresh(device);
    if (snap === undefined) return undefined;
    const working = snap.modules.filter((m) => !inStandby(m) && m.fansRpm.length > 0);
    if (working.length === 0) return undefined;
    // Only the fans the model has: slots past the catalog's count may read 0 on units built with fewer.
    const fans = modelById(snap.identity.modelId)?.fans ?? undefined;
    for (const m of working) {
      const slots = fans === undefined ? m.fansRpm : m.fansRpm.slice(0, fans);
      const stopped = slots.findIndex((rpm) => rpm <= 0);
      if (stopped >= 0) {
        const where = snap.modules.length > 1 ? ` of ${m.key}` : '';
        return { on: true, value: 0, threshold: 0, message: `${name}: fan ${stopped + 1}${where} has stopped (0 rpm) while the device is running.` };
      }
    }
    return { on: false };
  },
};

const overheat: RuleSpec = {
  kind: 'overheat',
  severity: 'critical',
  // A stopped fan makes the device hot; the fan alert names the cause.
  inhibitedBy: ['offline', 'fan-stopped'],
  times: (r) => ({ holdS: r.overheat.holdS, clearHoldS: r.overheat.clearHoldS, enabled: r.overheat.enabled }),
  evaluate({ device, name, rules, active }) {
    const snap = fresh(device);
    if (snap === undefined) return undefined;
    const r = rules.overheat;
    const slack = active ? r.hysteresisC : 0;
    const hottest = snap.derived.hottestC;
    if (hottest !== undefined && hottest >= r.limitC - slack) {
      return { on: true, value: hottest, threshold: r.limitC, message: `${name} is overheating: hottest reading ${hottest} °C (limit ${r.limitC} °C).` };
    }
    // Home models regulate the chips' average to their target (TarT); well above it the cooling has lost.
    for (const m of snap.modules) {
      if (inStandby(m) || m.tempTargetC === undefined || m.tempTargetC <= 0 || m.tempAvgC === undefined || m.tempAvgC <= 0) continue;
      const limit = m.tempTargetC + r.overTargetC;
      if (m.tempAvgC > limit - slack) {
        return {
          on: true,
          value: m.tempAvgC,
          threshold: limit,
          message: `${name} is overheating: chips average ${m.tempAvgC} °C, target ${m.tempTargetC} °C (alert above ${limit} °C).`,
        };
      }
    }
    return hottest === undefined && snap.modules.every((m) => m.tempAvgC === undefined) ? undefined : { on: false };
  },
};

const boardError: RuleSpec = {
  kind: 'board-error',
  severity: 'warning',
  inhibitedBy: ['offline'],
  times: (r) => ({ holdS: r.boardError.holdS, clearHoldS: r.boardError.clearHoldS, enabled: r.boardError.enabled }),
  evaluate({ device, name }) {
    const snap = fresh(device);
    if (snap === undefined) return undefined;
    for (const m of snap.modules) {
      const bad = m.errorCodes.echu.findIndex((code) => !NORMAL_ECHU.has(code));
      if (bad >= 0) {
        const code = m.errorCodes.echu[bad];
        return { on: true, value: code, message: `${name}: hash board ${bad + 1} reports error code ${code} (ECHU) and may not be hashing.` };
      }
    }
    return snap.modules.length === 0 ? undefined : { on: false };
  },
};

const poolDown: RuleSpec = {
  kind: 'pool-down',
  severity: 'warning',
  inhibitedBy: ['offline'],
  times: (r) => ({ holdS: r.poolDown.holdS, clearHoldS: r.poolDown.clearHoldS, enabled: r.poolDown.enabled }),
  evaluate({ device, name }) {
    const snap = fresh(device);
    if (snap === undefined || snap.pools.length === 0 || allSwitchedOff(snap)) return undefined;
    // Firmware that reports `Stratum Active` names the pool in use; without it any alive pool will do.
    const reportsActive = snap.pools.some((p) => p.active !== undefined);
    const working = snap.pools.some((p) => /^alive$/i.test(p.status.trim()) && (!reportsActive || p.active === true));
    if (working) return { on: false };
    const states = snap.pools.map((p) => `${p.index}: ${p.status}`).join(', ');
    return { on: true, value: 0, message: `${name} has no working pool (${states}): it is not mining.` };
  },
};

const rebooted: RuleSpec = {
  kind: 'rebooted',
  severity: 'info',
  inhibitedBy: [],
  times: (r) => ({ holdS: 0, clearHoldS: 0, enabled: r.rebooted.enabled }),
  evaluate({ device, name, memory, rules }) {
    if (fresh(device) === undefined || memory.rebootedAt === undefined || memory.uptimeS === undefined) return undefined;
    if (memory.uptimeS >= rules.rebooted.settleS) return { on: false };
    return { on: true, value: memory.uptimeS, threshold: rules.rebooted.settleS, message: `${name} restarted: up for ${fmtDuration(memory.uptimeS * 1000)}.` };
  },
};

const hwErrors: RuleSpec = {
  kind: 'hw-errors',
  severity: 'warning',
  inhibitedBy: ['offline'],
  times: (r) => ({ holdS: r.hwErrors.holdS, clearHoldS: r.hwErrors.clearHoldS, enabled: r.hwErrors.enabled }),
  evaluate({ device, name, memory, rules, active }) {
    if (fresh(device) === undefined) return undefined;
    const r = rules.hwErrors;
    // Half a window of data is enough to see a rate; less would turn one burst into an alert.
    const pct = hwErrorPercent(memory.work, (r.windowS * 1000) / 2);
    if (pct === undefined) return undefined;
    const limit = active ? r.abovePercent / 2 : r.abovePercent;
    if (pct <= limit) return { on: false };
    return {
      on: true,
      value: round(pct, 3),
      threshold: r.abovePercent,
      message: `${name}: hardware errors at ${round(pct, 2)} % of work over the last ${fmtDuration(r.windowS * 1000)} (alert above ${r.abovePercent} %).`,
    };
  },
};

const hashrateLow: RuleSpec = {
  kind: 'hashrate-low',
  severity: 'warning',
  // Each of these stops or cuts hashing and is the better message.
  inhibitedBy: ['offline', 'overheat', 'fan-stopped', 'board-error', 'pool-down'],
  times: (r) => ({ holdS: r.hashrateLow.holdS, clearHoldS: r.hashrateLow.clearHoldS, enabled: r.hashrateLow.enabled }),
  evaluate({ device, name, rules, active }) {
    const snap = fresh(device);
    if (snap === undefined || allSwitchedOff(snap)) return undefined;
    // Undefined where the model has no rating, runs outside its rated mode, or hashes nothing at all (then another rule explains why).
    const share = snap.derived.hashrateVsNominal;
    if (share === undefined) return undefined;
    const r = rules.hashrateLow;
    const limit = active ? r.clearAboveShare : r.belowShare;
    if (share >= limit) return { on: false };
    return {
      on: true,
      value: round(share, 3),
      threshold: r.belowShare,
      message: `${name} hashes at ${Math.round(share * 100)} % of its rated rate (alert below ${Math.round(r.belowShare * 100)} %).`,
    };
  },
};

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** In evaluation order: a rule's inhibitors come before it, so they are settled when it is judged. */
export const RULES: readonly RuleSpec[] = [offline, fanStopped, overheat, boardError, poolDown, rebooted, hwErrors, hashrateLow];
