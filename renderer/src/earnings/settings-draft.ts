// The earnings settings form as strings (what the inputs hold) and back.
// Pure, so the checks are tested without a browser; the core validates again
// against the contract (the last word on what is allowed).
import type { EarningsSettings, MarketOverrides, PayoutScheme, Tariff } from '../../../electron/contract/earnings.js';
import { hoursToTime, timeToHours } from './format.js';

export interface SettingsDraft {
  currency: string;
  tariffKind: Tariff['kind'];
  price: string;
  dayPrice: string;
  nightPrice: string;
  nightStart: string;
  nightEnd: string;
  scheme: PayoutScheme;
  fee: string;
  txFee: string;
  baseUrl: string;
  ratesUrl: string;
  difficulty: string;
  tipHeight: string;
  fees: string;
  btcPrice: string;
  usdRate: string;
}

export type DraftField = keyof SettingsDraft;
/** number: ≥ 0; positive: > 0; integer: a whole number ≥ 0. */
export type DraftProblemKind = 'number' | 'positive' | 'integer' | 'percent' | 'url' | 'time' | 'same-hours';
export interface DraftProblem {
  field: DraftField;
  kind: DraftProblemKind;
}

/** A typical night tariff's hours, offered when the user first switches to day/night. */
const DEFAULT_NIGHT = { start: 22, end: 6 };

const str = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function toDraft(s: EarningsSettings): SettingsDraft {
  const t = s.tariff;
  const flat = t.kind === 'flat' ? t.pricePerKwh : t.dayPricePerKwh;
  return {
    currency: s.currency,
    tariffKind: t.kind,
    price: String(flat),
    dayPrice: String(t.kind === 'day-night' ? t.dayPricePerKwh : flat),
    nightPrice: String(t.kind === 'day-night' ? t.nightPricePerKwh : flat),
    nightStart: hoursToTime(t.kind === 'day-night' ? t.nightStartHour : DEFAULT_NIGHT.start),
    nightEnd: hoursToTime(t.kind === 'day-night' ? t.nightEndHour : DEFAULT_NIGHT.end),
    scheme: s.pool.scheme,
    fee: String(s.pool.feePercent),
    txFee: str(s.pool.txFeePartFeePercent),
    baseUrl: s.market.baseUrl,
    ratesUrl: s.market.ratesUrl ?? '',
    difficulty: str(s.overrides.difficulty),
    tipHeight: str(s.overrides.tipHeight),
    fees: str(s.overrides.avgFeesPerBlockSats),
    btcPrice: str(s.overrides.btcPrice),
    usdRate: str(s.overrides.usdRate),
  };
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The draft as settings, or every problem found (in form order). */
export function fromDraft(d: SettingsDraft): { settings: EarningsSettings; problems?: undefined } | { problems: DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const number = (field: DraftField, kind: 'number' | 'positive' | 'integer' | 'percent'): number | undefined => {
    const text = d[field].trim();
    const n = text === '' ? NaN : Number(text);
    const ok =
      Number.isFinite(n) &&
      (kind === 'positive' ? n > 0 : n >= 0) &&
      (kind !== 'integer' || Number.isInteger(n)) &&
      (kind !== 'percent' || n <= 100);
    if (!ok) problems.push({ field, kind });
    return ok ? n : undefined;
  };
  const optional = (field: DraftField, kind: 'number' | 'positive' | 'integer' | 'percent'): number | undefined =>
    d[field].trim() === '' ? undefined : number(field, kind);
  const time = (field: 'nightStart' | 'nightEnd'): number | undefined => {
    const hours = timeToHours(d[field]);
    if (hours === undefined) problems.push({ field, kind: 'time' });
    return hours;
  };

  let tariff: Tariff | undefined;
  if (d.tariffKind === 'flat') {
    const pricePerKwh = number('price', 'number');
    if (pricePerKwh !== undefined) tariff = { kind: 'flat', pricePerKwh };
  } else {
    const day = number('dayPrice', 'number');
    const night = number('nightPrice', 'number');
    const start = time('nightStart');
    const end = time('nightEnd');
    if (start !== undefined && end !== undefined && start === end) problems.push({ field: 'nightEnd', kind: 'same-hours' });
    else if (day !== undefined && night !== undefined && start !== undefined && end !== undefined) {
      tariff = { kind: 'day-night', dayPricePerKwh: day, nightPricePerKwh: night, nightStartHour: start, nightEndHour: end };
    }
  }
  const feePercent = number('fee', 'percent');
  const txFee = d.scheme === 'pps-plus' ? optional('txFee', 'percent') : undefined;

  const baseUrl = d.baseUrl.trim();
  if (!isHttpUrl(baseUrl)) problems.push({ field: 'baseUrl', kind: 'url' });
  const ratesUrl = d.ratesUrl.trim();
  if (ratesUrl !== '' && !isHttpUrl(ratesUrl)) problems.push({ field: 'ratesUrl', kind: 'url' });

  const overrides: MarketOverrides = {};
  const difficulty = optional('difficulty', 'positive');
  if (difficulty !== undefined) overrides.difficulty = difficulty;
  const tipHeight = optional('tipHeight', 'integer');
  if (tipHeight !== undefined) overrides.tipHeight = tipHeight;
  const fees = optional('fees', 'number');
  if (fees !== undefined) overrides.avgFeesPerBlockSats = fees;
  const btcPrice = optional('btcPrice', 'positive');
  if (btcPrice !== undefined) overrides.btcPrice = btcPrice;
  const usdRate = optional('usdRate', 'positive');
  if (usdRate !== undefined) overrides.usdRate = usdRate;

  if (problems.length > 0 || tariff === undefined || feePercent === undefined) return { problems };
  return {
    settings: {
      currency: d.currency,
      tariff,
      pool: { scheme: d.scheme, feePercent, ...(txFee !== undefined && { txFeePartFeePercent: txFee }) },
      market: { baseUrl, ...(ratesUrl !== '' && { ratesUrl }) },
      overrides,
    },
  };
}
