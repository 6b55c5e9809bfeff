// The alert engine: a pure function from (what it remembered, the fleet now,
// the time) to (what it remembers next, alerts raised, alerts cleared). No
// timers and no I/O, so every rule can be tested by handing it devices and
// clock values; the service calls it after each fleet update.
import { AlertRulesSchema, type Alert, type AlertKind, type AlertRules } from '../../contract/alerts.js';
import type { FleetDevice } from '../../contract/fleet.js';
import { step, type RuleTrack } from './hold.js';
import { emptyMemory, observe, type DeviceMemory } from './memory.js';
import { RULES } from './rules.js';

export interface DeviceAlertState {
  memory: DeviceMemory;
  tracks: Partial<Record<AlertKind, RuleTrack>>;
}

export interface AlertState {
  devices: Readonly<Record<string, DeviceAlertState>>;
}

export interface Evaluation {
  state: AlertState;
  raised: Alert[];
  /** Cleared alerts, with `clearedAt` set. */
  cleared: Alert[];
}

export const DEFAULT_RULES: AlertRules = AlertRulesSchema.parse({});

export function initialAlertState(): AlertState {
  return { devices: {} };
}

export function deviceName(device: FleetDevice): string {
  return device.record.nickname?.trim() || device.record.id;
}

/**
 * One evaluation over the whole fleet. Devices missing from `fleet` (removed
 * by the user) have their active alerts cleared and are forgotten.
 */
export function evaluate(state: AlertState, fleet: readonly FleetDevice[], now: number, rules: AlertRules = DEFAULT_RULES): Evaluation {
  const raised: Alert[] = [];
  const cleared: Alert[] = [];
  const devices: Record<string, DeviceAlertState> = {};
  const windowMs = rules.hwErrors.windowS * 1000;

  for (const device of fleet) {
    const id = device.record.id;
    const before = state.devices[id] ?? { memory: emptyMemory(), tracks: {} };
    const memory = observe(before.memory, device, now, windowMs);
    const name = deviceName(device);
    const tracks: Partial<Record<AlertKind, RuleTrack>> = {};
    for (const rule of RULES) {
      const track = before.tracks[rule.kind] ?? {};
      const times = rule.times(rules);
      if (!times.enabled) {
        // A rule switched off takes its alert with it.
        if (track.active) cleared.push({ ...track.active, clearedAt: now });
        continue;
      }
      const inhibited = rule.inhibitedBy.some((k) => tracks[k]?.active !== undefined);
      const verdict = inhibited ? undefined : rule.evaluate({ device, name, memory, rules, active: track.active !== undefined, now });
      const result = step(track, verdict, now, { holdMs: times.holdS * 1000, clearHoldMs: times.clearHoldS * 1000 });
      if (result.change === 'raise') {
        const { value, threshold, message } = result.verdict;
        const alert: Alert = {
          id: `${id}|${rule.kind}|${now}`,
          kind: rule.kind,
          severity: rule.severity,
          deviceId: id,
          deviceName: name,
          raisedAt: now,
          message,
          ...(value === undefined ? {} : { value }),
          ...(threshold === undefined ? {} : { threshold }),
        };
        raised.push(alert);
        tracks[rule.kind] = { active: alert };
      } else if (result.change === 'clear') {
        if (track.active) cleared.push({ ...track.active, clearedAt: now });
      } else if (result.track.active !== undefined || result.track.pendingSince !== undefined) {
        tracks[rule.kind] = result.track;
      }
    }
    devices[id] = { memory, tracks };
  }

  for (const [id, gone] of Object.entries(state.devices)) {
    if (devices[id] !== undefined) continue;
    for (const track of Object.values(gone.tracks)) if (track.active) cleared.push({ ...track.active, clearedAt: now });
  }
  return { state: { devices }, raised, cleared };
}

/**
 * A state in which `alerts` (active ones from the event history, after a
 * restart) are already raised: they are not raised again, and clear when
 * their condition is found gone.
 */
export function withActive(state: AlertState, alerts: readonly Alert[]): AlertState {
  const devices: Record<string, DeviceAlertState> = { ...state.devices };
  for (const a of alerts) {
    if (a.clearedAt !== undefined) continue;
    const d = devices[a.deviceId] ?? { memory: emptyMemory(), tracks: {} };
    devices[a.deviceId] = { ...d, tracks: { ...d.tracks, [a.kind]: { active: a } } };
  }
  return { devices };
}

/** Every alert active now, oldest first. */
export function activeAlerts(state: AlertState): Alert[] {
  return Object.values(state.devices)
    .flatMap((d) => Object.values(d.tracks).flatMap((t) => (t.active ? [t.active] : [])))
    .sort((a, b) => a.raisedAt - b.raisedAt);
}
