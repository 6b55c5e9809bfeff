// What the UI sees of the market: cached values labelled live or cached with
// their age, overrides on top (labelled as such), and the BTC price in the
// user's currency, converted through USD where the API has none. Pure.
import type { EarningsSettings, MarketData, MarketError, MarketValueSource } from '../../contract/earnings.js';
import type { CacheEntryName, MarketCache } from './market-cache.js';

export type MarketSettings = Pick<EarningsSettings, 'currency' | 'market' | 'overrides'>;

export interface MarketViewInput {
  cache: MarketCache;
  /** Entries the last refresh fetched successfully; the others are shown as cached. */
  live: ReadonlySet<CacheEntryName>;
  errors: readonly MarketError[];
  settings: MarketSettings;
  now: number;
  cacheProblem?: string;
}

interface Labelled<T> {
  value: T;
  source: MarketValueSource;
  fetchedAt?: number;
  ageMs?: number;
  origin: string;
}

function override<T>(value: T): Labelled<T> {
  return { value, source: 'override', origin: 'user' };
}

export function assembleMarketData(input: MarketViewInput): MarketData {
  const { cache, live, settings, now } = input;
  const { overrides, currency } = settings;
  const label = <K extends CacheEntryName, T>(name: K, pick: (v: NonNullable<MarketCache[K]>['value']) => T): Labelled<T> | undefined => {
    const entry = cache[name];
    if (entry === undefined) return undefined;
    return {
      value: pick(entry.value as NonNullable<MarketCache[K]>['value']),
      source: live.has(name) ? 'live' : 'cache',
      fetchedAt: entry.fetchedAt,
      ageMs: Math.max(0, now - entry.fetchedAt),
      origin: entry.origin,
    };
  };
  const errors: MarketError[] = [...input.errors];
  const data: MarketData = { assembledAt: now, baseUrl: settings.market.baseUrl, errors };

  const difficulty = overrides.difficulty !== undefined ? override(overrides.difficulty) : label('difficulty', (v) => v);
  if (difficulty) data.difficulty = difficulty;
  const tipHeight = overrides.tipHeight !== undefined ? override(overrides.tipHeight) : label('tipHeight', (v) => v);
  if (tipHeight) data.tipHeight = tipHeight;
  const fees = overrides.avgFeesPerBlockSats !== undefined ? override({ avgFeesPerBlockSats: overrides.avgFeesPerBlockSats }) : label('fees', (v) => v);
  if (fees) data.fees = fees;
  const next = label('nextAdjustment', (v) => v);
  if (next) data.nextAdjustment = next;
  if (input.cacheProblem !== undefined) data.cacheProblem = input.cacheProblem;

  if (overrides.btcPrice !== undefined) {
    data.btcPrice = override({ currency, amount: overrides.btcPrice, via: 'user' as const });
    return data;
  }
  const prices = label('prices', (v) => v);
  if (prices === undefined) return data;
  const direct = prices.value[currency];
  if (direct !== undefined) {
    data.btcPrice = { ...prices, value: { currency, amount: direct, via: 'direct' } };
    return data;
  }
  let rate: Labelled<number> | undefined;
  if (overrides.usdRate !== undefined) rate = override(overrides.usdRate);
  else {
    const fromTable = label('usdRates', (v) => v[currency]);
    if (fromTable?.value !== undefined) rate = { ...fromTable, value: fromTable.value };
  }
  const usd = prices.value.USD;
  if (rate === undefined || usd === undefined) {
    errors.push({
      what: 'usdRate',
      kind: 'missing',
      message: `the price source has no ${currency} price; set an exchange-rate source, or type the ${currency} per USD rate or the BTC price`,
    });
    return data;
  }
  data.usdRate = { ...rate, value: { currency, perUsd: rate.value } };
  const times = [prices.fetchedAt, rate.fetchedAt].filter((t) => t !== undefined);
  const fetchedAt = Math.min(...times);
  data.btcPrice = {
    value: { currency, amount: usd * rate.value, via: 'via-usd' },
    source: prices.source === 'cache' || rate.source === 'cache' ? 'cache' : 'live',
    fetchedAt,
    ageMs: Math.max(0, now - fetchedAt),
    origin: prices.origin,
  };
  return data;
}
