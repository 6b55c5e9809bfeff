// Pure helpers of the tuning UI: reading a control's input, describing
// ranges, values, requests and results in the user's language, and building
// schedule rules. No React, no API.
import type { AuditEntry, ChangeRequest, ChangeResult, ControlInfo, ControlValue, Observed, Schedule, ScheduleAction, TunableControl } from '../../../electron/contract/tuning.js';
import { coreText } from '../i18n/core-text.js';
import type { Language, MessageArgs, MessageKey } from '../i18n/messages.js';

/** The translate function of the current language (I18n['t']). */
type T = <K extends MessageKey>(key: K, ...args: MessageArgs<K>) => string;

export function controlName(t: T, control: TunableControl): string {
  return t(`tuning.control.${control}`);
}

const unitSuffix = (info: ControlInfo): string => (info.unit === undefined ? '' : info.unit === '%' || info.unit === '°C' ? info.unit : ` ${info.unit}`);

/** "15–100 %", "0 (Eco), 1 (Standard)", "checked by the device". */
export function rangeText(t: T, info: ControlInfo): string {
  switch (info.input) {
    case 'action':
      return t('tuning.range.action');
    case 'on-off':
      return t('tuning.range.onOff');
    case 'choice':
      return info.choices?.map((c) => `${c.value} ${c.name}`).join(', ') ?? t('tuning.range.choices');
    case 'percent-or-auto':
    case 'number': {
      const r = info.range;
      if (r === undefined) return t('tuning.range.device');
      const unit = unitSuffix(info);
      if (info.input === 'percent-or-auto') return t('tuning.range.auto', { min: r.min, max: r.max, unit });
      return r.step === undefined ? t('tuning.range.number', { min: r.min, max: r.max, unit }) : t('tuning.range.step', { min: r.min, max: r.max, unit, step: r.step });
    }
  }
}

/** The value as typed or chosen; undefined when it is not a value this control takes (checked by the core too). */
export function parseValue(info: ControlInfo, text: string): ControlValue | undefined {
  const s = text.trim();
  switch (info.input) {
    case 'action':
      return null;
    case 'on-off':
      return s === 'on' || s === 'off' ? s : undefined;
    case 'percent-or-auto':
      if (s === 'auto') return 'auto';
      break;
    case 'choice':
    case 'number':
      break;
  }
  return /^-?\d+$/.test(s) ? Number(s) : undefined;
}

/** A control's value for people: a mode's name, On/Off, a number with its unit. */
export function valueText(t: T, info: ControlInfo | undefined, value: Observed | ControlValue | undefined): string {
  if (value === undefined || value === null) return '—';
  if (value === 'auto') return t('tuning.value.auto');
  if (value === 'on') return t('tuning.value.on');
  if (value === 'off') return t('tuning.value.off');
  if (typeof value === 'number' && info !== undefined) {
    const choice = info.choices?.find((c) => c.value === value);
    if (choice !== undefined) return `${choice.name} (${value})`;
    return `${value}${unitSuffix(info)}`;
  }
  return String(value);
}

/** What a control does, for the confirmation: the core's words for this model when it sent them, else the generic text. */
export function effectText(t: T, language: Language, info: ControlInfo): string {
  return info.effectText === undefined ? t(`tuning.effect.${info.control}`) : coreText(language, info.effectText, info.effect);
}

export function requestText(t: T, request: ChangeRequest, info?: ControlInfo): string {
  if (request.kind === 'pool') {
    const p = request.pool;
    switch (p.op) {
      case 'add':
        return t('tuning.pools.op.add');
      case 'priority':
        return t('tuning.pools.op.priority', { order: p.order.join(', ') });
      default:
        return t(`tuning.pools.op.${p.op}`, { index: p.index });
    }
  }
  const control = controlName(t, request.control);
  return request.value === null ? t('tuning.change.action', { control }) : t('tuning.change.set', { control, value: valueText(t, info, request.value) });
}

export type ResultTone = 'good' | 'warn' | 'bad';

/** The headline of a result, and how it should look. */
export function resultHeadline(t: T, result: Pick<ChangeResult, 'status' | 'verified'>): { text: string; tone: ResultTone } {
  switch (result.status) {
    case 'applied':
      return result.verified === false ? { text: t('tuning.status.appliedUnverified'), tone: 'good' } : { text: t('tuning.status.applied'), tone: 'good' };
    case 'not-applied':
    case 'skipped':
      return { text: t(`tuning.status.${result.status}`), tone: 'warn' };
    default:
      return { text: t(`tuning.status.${result.status}`), tone: 'bad' };
  }
}

export function auditText(t: T, entry: AuditEntry): string {
  return requestText(t, entry.request);
}

// ---- schedules -------------------------------------------------------------------

/** What a schedule may set on a model: its work modes or levels by value, and soft off / on. */
export function scheduleActions(controls: readonly ControlInfo[]): ScheduleAction[] {
  const out: ScheduleAction[] = [];
  for (const info of controls) {
    if (info.control === 'workmode' || info.control === 'worklevel') {
      const values = info.choices?.map((c) => c.value) ?? (info.range !== undefined && info.range.max - info.range.min <= 10 ? range(info.range.min, info.range.max) : []);
      for (const value of values) out.push({ control: info.control, value });
    }
    if (info.control === 'softoff' || info.control === 'softon') out.push({ control: info.control });
  }
  return out;
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export function actionKey(action: ScheduleAction): string {
  return 'value' in action ? `${action.control}:${action.value}` : action.control;
}

export function actionFromKey(key: string): ScheduleAction | undefined {
  const [control, value] = key.split(':');
  if ((control === 'workmode' || control === 'worklevel') && value !== undefined && /^-?\d+$/.test(value)) return { control, value: Number(value) };
  if (control === 'softoff' || control === 'softon') return { control };
  return undefined;
}

export function actionText(t: T, action: ScheduleAction, controls: readonly ControlInfo[]): string {
  const info = controls.find((c) => c.control === action.control);
  return 'value' in action ? t('tuning.change.set', { control: controlName(t, action.control), value: valueText(t, info, action.value) }) : controlName(t, action.control);
}

/** Days as short names in week order, e.g. "Mon, Tue, Wed". */
export function daysText(t: T, days: readonly number[]): string {
  return [...days].sort((a, b) => a - b).map((d) => t(`tuning.day.${d as 0 | 1 | 2 | 3 | 4 | 5 | 6}`)).join(', ');
}

/**
 * A new schedule for one device, as the example: low by day (07:00),
 * high on the night tariff (22:00), every day. It uses the first mode-like
 * control's lowest and highest values, or soft off by day and soft on at
 * night when the model has only those.
 */
export function newSchedule(id: string, deviceId: string, timeZone: string, actions: readonly ScheduleAction[]): Schedule | undefined {
  const first = actions[0];
  if (first === undefined) return undefined;
  const levels = actions.filter((a) => a.control === first.control && 'value' in a);
  const sorted = [...levels].sort((a, b) => ('value' in a ? a.value : 0) - ('value' in b ? b.value : 0));
  const low = sorted[0];
  const high = sorted.at(-1);
  const off = actions.find((a) => a.control === 'softoff');
  const on = actions.find((a) => a.control === 'softon');
  const [day, night] = low !== undefined && high !== undefined ? [low, high] : off !== undefined && on !== undefined ? [off, on] : [first, first];
  const everyDay = [0, 1, 2, 3, 4, 5, 6];
  return {
    id,
    name: '',
    enabled: true,
    timeZone,
    deviceIds: [deviceId],
    rules: [
      { days: everyDay, at: '07:00', action: day },
      { days: everyDay, at: '22:00', action: night },
    ],
  };
}
