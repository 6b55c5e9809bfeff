// The alert settings form's model: the rule fields it offers, and the
// conversion between the saved settings and the form's editable copy (channel
// fields as text, so a half-typed chat id is not yet a setting). Pure.
import type { AlertRules, AlertSettings, ChannelId } from '../../../electron/contract/alerts.js';

export interface RuleField {
  key: string;
  /** The form shows value × scale (share 0.8 as 80 %). */
  scale?: number;
  min: number;
  max: number;
  step: number;
}

export const RULE_FIELDS: readonly { rule: keyof AlertRules; fields: readonly RuleField[] }[] = [
  {
    rule: 'offline',
    fields: [
      { key: 'failedPolls', min: 1, max: 1000, step: 1 },
      { key: 'afterS', min: 0, max: 604_800, step: 10 },
      { key: 'clearHoldS', min: 0, max: 604_800, step: 10 },
    ],
  },
  {
    rule: 'overheat',
    fields: [
      { key: 'limitC', min: 40, max: 150, step: 1 },
      { key: 'overTargetC', min: 1, max: 50, step: 1 },
      { key: 'holdS', min: 0, max: 604_800, step: 10 },
    ],
  },
  { rule: 'fanStopped', fields: [{ key: 'holdS', min: 0, max: 604_800, step: 10 }] },
  { rule: 'boardError', fields: [{ key: 'holdS', min: 0, max: 604_800, step: 10 }] },
  { rule: 'poolDown', fields: [{ key: 'holdS', min: 0, max: 604_800, step: 10 }] },
  {
    rule: 'hashrateLow',
    fields: [
      { key: 'belowShare', scale: 100, min: 5, max: 100, step: 1 },
      { key: 'holdS', min: 0, max: 604_800, step: 10 },
    ],
  },
  { rule: 'hwErrors', fields: [{ key: 'abovePercent', min: 0.001, max: 100, step: 0.1 }] },
  { rule: 'rebooted', fields: [{ key: 'settleS', min: 0, max: 604_800, step: 60 }] },
];

export interface ChannelDraft {
  enabled: boolean;
  /** telegram: chat id; discord: user name; ntfy: topic. */
  main: string;
  /** telegram: Bot API server; ntfy: server; discord: unused. */
  server: string;
}

export interface AlertDraft {
  settings: AlertSettings;
  channels: Record<ChannelId, ChannelDraft>;
}

const DEFAULT_SERVERS: Record<ChannelId, string> = { telegram: 'https://api.telegram.org', discord: '', ntfy: 'https://ntfy.sh' };

export function toDraft(s: AlertSettings): AlertDraft {
  return {
    settings: structuredClone(s),
    channels: {
      telegram: { enabled: s.telegram?.enabled ?? false, main: s.telegram?.chatId ?? '', server: s.telegram?.apiBaseUrl ?? DEFAULT_SERVERS.telegram },
      discord: { enabled: s.discord?.enabled ?? false, main: s.discord?.username ?? 'Hearth', server: '' },
      ntfy: { enabled: s.ntfy?.enabled ?? false, main: s.ntfy?.topic ?? '', server: s.ntfy?.serverUrl ?? DEFAULT_SERVERS.ntfy },
    },
  };
}

/**
 * The settings to save. A channel without its required name (chat id, topic)
 * is left out unless enabled; enabled, it is sent as is and the core says
 * what is missing.
 */
export function fromDraft(d: AlertDraft): AlertSettings {
  const { telegram: _t, discord: _d, ntfy: _n, ...rest } = d.settings;
  const out: AlertSettings = { ...rest };
  const tg = d.channels.telegram;
  if (tg.enabled || tg.main.trim()) out.telegram = { enabled: tg.enabled, chatId: tg.main.trim(), apiBaseUrl: tg.server.trim() };
  const dc = d.channels.discord;
  out.discord = { enabled: dc.enabled, username: dc.main.trim() || 'Hearth' };
  const nt = d.channels.ntfy;
  if (nt.enabled || nt.main.trim()) out.ntfy = { enabled: nt.enabled, topic: nt.main.trim(), serverUrl: nt.server.trim() };
  return out;
}

/** Reads a rule field as the form shows it. */
export function ruleValue(rules: AlertRules, rule: keyof AlertRules, field: RuleField): number {
  const raw = (rules[rule] as Record<string, unknown>)[field.key];
  const v = typeof raw === 'number' ? raw : 0;
  return field.scale ? Math.round(v * field.scale * 1000) / 1000 : v;
}

/** Writes a rule field from the form's number (undone scale). */
export function withRuleValue(rules: AlertRules, rule: keyof AlertRules, field: RuleField, shown: number): AlertRules {
  const value = field.scale ? shown / field.scale : shown;
  const next = { ...rules, [rule]: { ...rules[rule], [field.key]: value } };
  // Clearing must need a higher rate than raising, or the alert would clear while still low.
  if (rule === 'hashrateLow' && field.key === 'belowShare') {
    next.hashrateLow = { ...next.hashrateLow, clearAboveShare: Math.min(1.2, Math.max(next.hashrateLow.clearAboveShare, value + 0.05)) };
  }
  return next;
}

export function withRuleEnabled(rules: AlertRules, rule: keyof AlertRules, enabled: boolean): AlertRules {
  return { ...rules, [rule]: { ...rules[rule], enabled } };
}

/** Same settings whatever the key order (the core answers in schema order, the form builds its own). */
export function sameSettings(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
