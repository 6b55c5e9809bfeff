// Locale-aware wording of earnings figures. Pure: the locale and the texts come
// in, strings come out. The core sends plain numbers and plain-language forms
// ("one-in", 4300); the words, digit grouping and currency signs are chosen here.
import type { ChanceText, DurationText, MarketValueSource } from '../../../electron/contract/earnings.js';
import { MISSING } from '../i18n/format.js';

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'CHF', 'AUD', 'JPY', 'CNY'] as const;

/**
 * Money with as many digits as the amount needs: whole units from 100 up, the
 * currency's own minor units from 1, two or three significant digits below (a
 * device's daily revenue can be a few cents; a price per kWh reads 0.40).
 */
export function formatMoney(locale: string, currency: string, amount: number | undefined): string {
  if (amount === undefined || !Number.isFinite(amount)) return MISSING;
  const abs = Math.abs(amount);
  const digits: Intl.NumberFormatOptions =
    abs >= 100 ? { maximumFractionDigits: 0 } : abs >= 1 || abs === 0 ? {} : { minimumSignificantDigits: 2, maximumSignificantDigits: 3 };
  return new Intl.NumberFormat(locale, { style: 'currency', currency, ...digits }).format(amount);
}

/** Satoshis: whole from 10 up, else two decimals (a Nano earns a few sats a day). */
export function formatSats(locale: string, sats: number | undefined): string {
  if (sats === undefined || !Number.isFinite(sats)) return MISSING;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: Math.abs(sats) >= 10 ? 0 : 2 }).format(sats);
}

/** BTC to the satoshi, with at least two decimals. */
export function formatBtc(locale: string, btc: number | undefined): string {
  if (btc === undefined || !Number.isFinite(btc)) return MISSING;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 8 }).format(btc);
}

/** Large plain numbers such as a difficulty: 83.13 T (units are not translated: T, P and E read the same in Chinese UIs). */
export function formatLarge(locale: string, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return MISSING;
  const units: [number, string][] = [
    [1e18, 'E'],
    [1e15, 'P'],
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
  ];
  const unit = units.find(([size]) => Math.abs(value) >= size);
  const nf = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return unit ? `${nf.format(value / unit[0])} ${unit[1]}` : nf.format(value);
}

export type ChanceWords = {
  oneIn(n: string): string;
  percent(n: string): string;
  almostCertain: string;
  none: string;
};

export function describeChanceText(locale: string, chance: ChanceText, words: ChanceWords): string {
  const nf = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
  switch (chance.form) {
    case 'one-in':
      return words.oneIn(nf.format(chance.oneIn));
    case 'percent':
      return words.percent(nf.format(chance.percent));
    case 'almost-certain':
      return words.almostCertain;
    case 'none':
      return words.none;
  }
}

export type DurationWords = Record<Extract<DurationText, { form: 'about' }>['unit'], (n: string) => string> & { never: string };

export function describeDurationText(locale: string, duration: DurationText, words: DurationWords): string {
  if (duration.form === 'never') return words.never;
  return words[duration.unit](new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(duration.value));
}

/** The largest whole unit of an age: "45 s", "12 min", "3 h", "2 d". */
export function ageParts(ms: number): { n: number; unit: 's' | 'min' | 'h' | 'd' } {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return { n: s, unit: 's' };
  if (s < 3600) return { n: Math.floor(s / 60), unit: 'min' };
  if (s < 86_400) return { n: Math.floor(s / 3600), unit: 'h' };
  return { n: Math.floor(s / 86_400), unit: 'd' };
}

export interface SourceWords {
  live(age: string): string;
  cache(age: string): string;
  override: string;
  age: Record<ReturnType<typeof ageParts>['unit'], (n: string) => string>;
}

/** "fetched 12 s ago", "from cache, 3 h old", "your value". */
export function describeSource(locale: string, source: MarketValueSource, ageMs: number | undefined, words: SourceWords): string {
  if (source === 'override') return words.override;
  const { n, unit } = ageParts(ageMs ?? 0);
  const age = words.age[unit](new Intl.NumberFormat(locale).format(n));
  return source === 'cache' ? words.cache(age) : words.live(age);
}

/** Hours as a time-of-day input value: 22.5 -> "22:30". */
export function hoursToTime(hours: number): string {
  const minutes = Math.round(hours * 60) % (24 * 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A time-of-day input value as hours: "06:15" -> 6.25; undefined when not a time. */
export function timeToHours(time: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h + min / 60;
}

/** A share of the network difficulty: "12 %", "0.35 %", or "1/83,000" when too small for a percentage to read. */
export function formatRatio(locale: string, ratio: number): string {
  if (!Number.isFinite(ratio) || ratio < 0) return MISSING;
  if (ratio === 0 || ratio >= 0.001) return new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: 2 }).format(ratio);
  return `1/${new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(1 / ratio)}`;
}
