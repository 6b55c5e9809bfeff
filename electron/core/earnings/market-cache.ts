// The market values last fetched, with when and where from, kept on disk so
// the app still has figures offline (written atomically by JsonFile: a temp
// file, then a rename). Raw tables are kept (all prices, all rates) so a
// change of currency works offline too.
import { join } from 'node:path';
import { z } from 'zod';
import { CurrencyCodeSchema, FeeSampleSchema, NextAdjustmentSchema } from '../../contract/earnings.js';
import { JsonFile } from '../storage/json-file.js';

function cached<T extends z.ZodType>(value: T) {
  return z.object({ value, fetchedAt: z.number(), origin: z.string() });
}

const PositiveTable = z.record(CurrencyCodeSchema, z.number().positive());

export const MarketCacheSchema = z.object({
  version: z.literal(1),
  difficulty: cached(z.number().positive()).optional(),
  tipHeight: cached(z.number().int().min(0)).optional(),
  fees: cached(FeeSampleSchema).optional(),
  nextAdjustment: cached(NextAdjustmentSchema).optional(),
  /** BTC price by currency, as the mempool API gave them. */
  prices: cached(PositiveTable).optional(),
  /** Units of each currency per USD, from the rates source. */
  usdRates: cached(PositiveTable).optional(),
});
export type MarketCache = z.infer<typeof MarketCacheSchema>;
export type CacheEntryName = Exclude<keyof MarketCache, 'version'>;
export type CachedValue<K extends CacheEntryName> = NonNullable<MarketCache[K]>;

export const MARKET_CACHE_FILE = 'market-data.json';

export function emptyMarketCache(): MarketCache {
  return { version: 1 };
}

export function marketCacheFile(dataDir: string, now?: () => number): JsonFile<typeof MarketCacheSchema> {
  return new JsonFile(join(dataDir, MARKET_CACHE_FILE), MarketCacheSchema, now ? { now } : {});
}
