// Small shared pieces of the health checks: reading `MM ID` items that the
// snapshot keeps only in `raw`, and building a check.
import type { ErrorSeverity, HealthCheck, HealthCheckId, HealthStatus } from '../../contract/diagnostics.js';
import { listOf, type MessageText } from '../../contract/message-text.js';
import type { Module } from '../../contract/snapshot.js';
import { mmNumber, mmNumberList } from '../avalon/mmid.js';
import { healthEnglish, healthText } from './messages.js';

type DetailValue = NonNullable<HealthCheck['details']>[string];

/**
 * The figures behind a verdict: each under its English label (the key old
 * readers and the CLI see), with the label, and a value Hearth worded, also
 * as keyed texts for translation.
 */
export class Details {
  readonly values: Record<string, DetailValue> = {};
  readonly labels: Record<string, MessageText> = {};
  readonly valueTexts: Record<string, MessageText> = {};

  set(label: MessageText, value: DetailValue | MessageText): this {
    const key = healthEnglish(label);
    this.labels[key] = label;
    if (value !== null && typeof value === 'object') {
      this.values[key] = healthEnglish(value);
      this.valueTexts[key] = value;
    } else {
      this.values[key] = value;
    }
    return this;
  }
}

/** A check with its texts both as English and as keys; the title follows from the id. */
export function check(id: HealthCheckId, status: HealthStatus, explanation: MessageText, nextStep: MessageText, details?: Details): HealthCheck {
  const titleText = healthText(`health.title.${id}`);
  const texts = {
    title: healthEnglish(titleText),
    explanation: healthEnglish(explanation),
    nextStep: healthEnglish(nextStep),
    titleText,
    explanationText: explanation,
    nextStepText: nextStep,
  };
  if (details === undefined || Object.keys(details.values).length === 0) return { id, status, ...texts };
  const valueTexts = Object.keys(details.valueTexts).length === 0 ? {} : { detailValues: details.valueTexts };
  return { id, status, ...texts, details: details.values, detailLabels: details.labels, ...valueTexts };
}

/** "Nothing to do.": the next step of every check that passed. */
export const NOTHING_TO_DO = healthText('health.next.nothing');

export function rawText(m: Module, key: string): string | undefined {
  return Object.hasOwn(m.raw, key) ? m.raw[key] : undefined;
}

export function rawNumber(m: Module, key: string): number | undefined {
  return mmNumber(rawText(m, key));
}

export function rawList(m: Module, key: string): number[] | undefined {
  return mmNumberList(rawText(m, key));
}

const STATUS_RANK: Record<HealthStatus, number> = { pass: 0, unknown: 1, warn: 2, fail: 3 };

export function worstStatus(list: readonly HealthStatus[]): HealthStatus {
  return list.reduce<HealthStatus>((worst, s) => (STATUS_RANK[s] > STATUS_RANK[worst] ? s : worst), 'pass');
}

/** A decoded code's severity as a check status: a code no source explains is worth a look, so it warns. */
export function statusOfSeverity(s: ErrorSeverity): HealthStatus {
  return s === 'fail' ? 'fail' : s === 'info' ? 'pass' : 'warn';
}

/** The module is in standby by the user's choice (soft-off), so not hashing is expected. */
export function inStandby(m: Module): boolean {
  return m.softOff !== undefined && m.softOff !== 0;
}

export function formatDuration(seconds: number): MessageText {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return healthText('health.duration.days', { d, h });
  if (h > 0) return healthText('health.duration.hours', { h, m });
  return m > 0 ? healthText('health.duration.minutes', { m }) : healthText('health.duration.seconds', { s });
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Clauses joined into one sentence: "a; b." */
export function clauses(items: readonly MessageText[]): MessageText {
  return healthText('health.clauses', { items: listOf(items) });
}
