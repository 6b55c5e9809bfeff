// Locale-aware formatting of mining figures. Pure: the locale and the unit
// words come in, strings come out; `undefined` (not reported) becomes a dash,
// never a zero.
import { translate, type Messages } from './messages.js';

export const MISSING = '—';

const HASHRATE_UNITS = ['MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s'] as const;
export type HashrateUnit = (typeof HASHRATE_UNITS)[number];

/** Picks the unit that keeps the number between 1 and 1000 (GH/s for zero). */
export function scaleHashrate(ghs: number): { value: number; unit: HashrateUnit } {
  const abs = Math.abs(ghs);
  if (abs === 0) return { value: 0, unit: 'GH/s' };
  let index = 1;
  let value = ghs;
  if (abs < 1) {
    index = 0;
    value = ghs * 1000;
  } else {
    while (Math.abs(value) >= 1000 && index < HASHRATE_UNITS.length - 1) {
      value /= 1000;
      index += 1;
    }
  }
  return { value, unit: HASHRATE_UNITS[index] ?? 'GH/s' };
}

/** GH/s per unit, for scaling a chart's series to one unit. */
export function ghsPerUnit(unit: HashrateUnit): number {
  return 1000 ** (HASHRATE_UNITS.indexOf(unit) - 1);
}

/** Whole days, hours, minutes, seconds of a duration; only the two largest non-zero parts are shown. */
export function durationParts(seconds: number): { unit: 'd' | 'h' | 'm' | 's'; n: number }[] {
  const total = Math.max(0, Math.floor(seconds));
  const parts = [
    { unit: 'd' as const, n: Math.floor(total / 86_400) },
    { unit: 'h' as const, n: Math.floor((total % 86_400) / 3600) },
    { unit: 'm' as const, n: Math.floor((total % 3600) / 60) },
    { unit: 's' as const, n: total % 60 },
  ];
  const first = parts.findIndex((p) => p.n > 0);
  if (first === -1) return [{ unit: 's', n: 0 }];
  return parts.slice(first, first + 2).filter((p, i) => i === 0 || p.n > 0);
}

function fractionDigitsFor(value: number): number {
  const abs = Math.abs(value);
  if (abs === 0) return 0;
  if (abs < 10) return 2;
  return 1;
}

export interface Formatter {
  readonly locale: string;
  number(value: number | undefined, maxFractionDigits?: number): string;
  hashrate(ghs: number | undefined): string;
  /** Number and unit apart, for large figures where the unit is set smaller. */
  hashrateParts(ghs: number | undefined): { value: string; unit: string };
  temperature(celsius: number | undefined): string;
  power(watts: number | undefined): string;
  efficiency(jPerTh: number | undefined): string;
  rpm(rpm: number | undefined): string;
  percent(ratio: number | undefined): string;
  duration(seconds: number | undefined): string;
  dateTime(ms: number | undefined): string;
  time(ms: number): string;
  /** "5 seconds ago", "in 3 minutes". */
  relative(ms: number, now: number): string;
}

export function createFormatter(locale: string, messages: Messages): Formatter {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (digits: number): Intl.NumberFormat => {
    let f = numberFormats.get(digits);
    if (!f) {
      f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
      numberFormats.set(digits, f);
    }
    return f;
  };
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const durationKeys = { d: 'unit.days', h: 'unit.hours', m: 'unit.minutes', s: 'unit.seconds' } as const;

  const hashrateParts = (ghs: number | undefined): { value: string; unit: string } => {
    if (ghs === undefined || !Number.isFinite(ghs)) return { value: MISSING, unit: '' };
    const { value, unit } = scaleHashrate(ghs);
    return { value: numberFormat(fractionDigitsFor(value)).format(value), unit };
  };
  const withUnit = (value: number | undefined, digits: number, unit: string): string =>
    value === undefined || !Number.isFinite(value) ? MISSING : `${numberFormat(digits).format(value)} ${unit}`;

  return {
    locale,
    number: (value, digits = 2) => (value === undefined || !Number.isFinite(value) ? MISSING : numberFormat(digits).format(value)),
    hashrateParts,
    hashrate(ghs) {
      const { value, unit } = hashrateParts(ghs);
      return unit ? `${value} ${unit}` : value;
    },
    temperature: (c) => withUnit(c, 0, '°C'),
    power(w) {
      if (w !== undefined && Math.abs(w) >= 10_000) return withUnit(w / 1000, 1, 'kW');
      return withUnit(w, 0, 'W');
    },
    efficiency: (j) => withUnit(j, 1, 'J/TH'),
    rpm: (rpm) => withUnit(rpm, 0, 'rpm'),
    percent: (ratio) => (ratio === undefined || !Number.isFinite(ratio) ? MISSING : percentFormat.format(ratio)),
    duration(seconds) {
      if (seconds === undefined || !Number.isFinite(seconds)) return MISSING;
      return durationParts(seconds)
        .map((p) => translate(messages, durationKeys[p.unit], { n: numberFormat(0).format(p.n) }))
        .join(' ');
    },
    dateTime: (ms) => (ms === undefined ? MISSING : dateTimeFormat.format(ms)),
    time: (ms) => timeFormat.format(ms),
    relative(ms, now) {
      const seconds = Math.round((ms - now) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 60) return relativeFormat.format(seconds, 'second');
      if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
      return relativeFormat.format(Math.round(seconds / 86_400), 'day');
    },
  };
}
