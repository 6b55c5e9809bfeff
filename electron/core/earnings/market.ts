// The market-data client: fetches difficulty, tip height, recent fees, the
// next difficulty adjustment and BTC prices from a mempool.space-compatible
// REST API (and exchange rates from a second source when the API has no price
// in the user's currency), validates every reply, and keeps the last good
// values on disk. A value that fails to refresh is served from the cache with
// its age. No Electron here: the host passes the data folder.
import type { MarketData, MarketError, MarketWhat } from '../../contract/earnings.js';
import { boundedGet, type BoundedGetOptions, type BoundedReply } from './http-get.js';
import { emptyMarketCache, marketCacheFile, type CacheEntryName, type CachedValue, type MarketCache } from './market-cache.js';
import { MarketFetchError } from './market-error.js';
import { assembleMarketData, type MarketSettings } from './market-view.js';
import {
  parseBlockDifficulty,
  parseDifficultyAdjustment,
  parseHashrateDifficulty,
  parsePrices,
  parseRewardStats,
  parseTipHash,
  parseTipHeight,
} from './mempool-replies.js';
import { parseUsdRates } from './rates-reply.js';

export const DEFAULT_BASE_URL = 'https://mempool.space/api';
/** Frankfurter's ECB reference rates against USD: free, keyless, and lists CNY. */
export const DEFAULT_RATES_URL = 'https://api.frankfurter.dev/v1/latest?base=USD';
/** About a day of blocks: enough to smooth single blocks, recent enough to follow the fee market. */
export const FEE_SAMPLE_BLOCKS = 144;
/** A tip may step back this far in a reorganisation; further back means the server is out of sync. */
export const REORG_SLACK_BLOCKS = 6;

export const PATHS = {
  hashrate: '/v1/mining/hashrate/3d',
  tipHeight: '/blocks/tip/height',
  tipHash: '/blocks/tip/hash',
  block: (hash: string) => `/block/${hash}`,
  rewardStats: `/v1/mining/reward-stats/${FEE_SAMPLE_BLOCKS}`,
  difficultyAdjustment: '/v1/difficulty-adjustment',
  prices: '/v1/prices',
} as const;

export interface MarketClientOptions {
  /** Folder for the cache file (the host's user-data folder). */
  dataDir: string;
  /** Per-request deadline and size cap (defaults 8 s, 256 KiB). */
  http?: Pick<BoundedGetOptions, 'timeoutMs' | 'maxBytes'>;
  now?: () => number;
}

interface Fetched<T> {
  value: T;
  origin: string;
}

const WHAT: Readonly<Record<CacheEntryName, MarketWhat>> = {
  difficulty: 'difficulty',
  tipHeight: 'tipHeight',
  fees: 'fees',
  nextAdjustment: 'nextAdjustment',
  prices: 'prices',
  usdRates: 'usdRate',
};

function toMarketError(what: MarketWhat, err: unknown): MarketError {
  if (err instanceof MarketFetchError) return { what, kind: err.kind, message: err.message, ...(err.url !== undefined && { url: err.url }) };
  return { what, kind: 'invalid-reply', message: err instanceof Error ? err.message : String(err) };
}

export class MarketDataClient {
  private readonly file;
  private readonly http: Pick<BoundedGetOptions, 'timeoutMs' | 'maxBytes'>;
  private readonly now: () => number;
  private cache: MarketCache | undefined;
  private cacheProblem: string | undefined;
  private live = new Set<CacheEntryName>();
  private errors: MarketError[] = [];

  constructor(opts: MarketClientOptions) {
    this.now = opts.now ?? Date.now;
    this.file = marketCacheFile(opts.dataDir, this.now);
    this.http = opts.http ?? {};
  }

  /** The last known values with overrides applied, without touching the network. */
  async current(settings: MarketSettings): Promise<MarketData> {
    return this.view(await this.loadCache(), settings);
  }

  /** Fetches every value now; whatever fails keeps its cached value and is listed in `errors`. */
  async refresh(settings: MarketSettings): Promise<MarketData> {
    const cache = await this.loadCache();
    const base = settings.market.baseUrl.replace(/\/+$/, '');
    const get = (path: string): Promise<BoundedReply> => boundedGet(base + path, this.http);
    const live = new Set<CacheEntryName>();
    const errors: MarketError[] = [];
    const settle = async <K extends CacheEntryName>(name: K, task: () => Promise<Fetched<CachedValue<K>['value']>>): Promise<void> => {
      try {
        const { value, origin } = await task();
        cache[name] = { value, fetchedAt: this.now(), origin } as MarketCache[K];
        live.add(name);
      } catch (err) {
        errors.push(toMarketError(WHAT[name], err));
      }
    };

    await Promise.all([
      settle('difficulty', () => this.fetchDifficulty(get)),
      settle('tipHeight', async () => {
        const reply = await get(PATHS.tipHeight);
        return { value: this.checkTipHeight(parseTipHeight(reply), reply, cache.tipHeight), origin: reply.url };
      }),
      settle('fees', async () => {
        const reply = await get(PATHS.rewardStats);
        return { value: parseRewardStats(reply, FEE_SAMPLE_BLOCKS), origin: reply.url };
      }),
      settle('nextAdjustment', async () => {
        const reply = await get(PATHS.difficultyAdjustment);
        return { value: parseDifficultyAdjustment(reply), origin: reply.url };
      }),
      settle('prices', async () => {
        const reply = await get(PATHS.prices);
        return { value: parsePrices(reply), origin: reply.url };
      }),
    ]);

    const { currency, overrides, market } = settings;
    const needsRate = overrides.btcPrice === undefined && overrides.usdRate === undefined && cache.prices?.value[currency] === undefined;
    if (needsRate && market.ratesUrl !== undefined) {
      const ratesUrl = market.ratesUrl;
      await settle('usdRates', async () => {
        const reply = await boundedGet(ratesUrl, this.http);
        return { value: parseUsdRates(reply), origin: reply.url };
      });
    }

    this.live = live;
    this.errors = errors;
    if (live.size > 0) await this.saveCache(cache);
    return this.view(cache, settings);
  }

  /**
   * Current difficulty from the 3-day hashrate summary; when the server sends
   * 0 there (its node is unreachable) or the mining endpoints are missing (an
   * instance without block indexing), from the tip block instead.
   */
  private async fetchDifficulty(get: (path: string) => Promise<BoundedReply>): Promise<Fetched<number>> {
    let first: unknown;
    try {
      const reply = await get(PATHS.hashrate);
      const difficulty = parseHashrateDifficulty(reply);
      if (difficulty !== undefined) return { value: difficulty, origin: reply.url };
    } catch (err) {
      first = err;
    }
    try {
      const hash = parseTipHash(await get(PATHS.tipHash));
      const reply = await get(PATHS.block(hash));
      return { value: parseBlockDifficulty(reply, hash), origin: reply.url };
    } catch (err) {
      throw first ?? err;
    }
  }

  /** A tip far behind what the same server said before is a node out of sync, not news. */
  private checkTipHeight(height: number, reply: BoundedReply, previous: MarketCache['tipHeight']): number {
    if (previous !== undefined && previous.origin === reply.url && height < previous.value - REORG_SLACK_BLOCKS) {
      throw new MarketFetchError(
        'out-of-range',
        `${reply.url} says the tip is at ${height}, behind the ${previous.value} it reported before: the server may be out of sync`,
        reply.url,
      );
    }
    return height;
  }

  private view(cache: MarketCache, settings: MarketSettings): MarketData {
    return assembleMarketData({
      cache,
      live: this.live,
      errors: this.errors,
      settings,
      now: this.now(),
      ...(this.cacheProblem !== undefined && { cacheProblem: this.cacheProblem }),
    });
  }

  private async loadCache(): Promise<MarketCache> {
    if (this.cache !== undefined) return this.cache;
    try {
      const loaded = await this.file.load();
      this.cache = loaded.value ?? emptyMarketCache();
      const problem = loaded.problems[0];
      if (problem !== undefined) this.cacheProblem = `the saved market data was unusable (${problem.reason}) and was moved to ${problem.movedTo}`;
    } catch (err) {
      this.cache = emptyMarketCache();
      this.cacheProblem = `the saved market data could not be read: ${(err as Error).message}`;
    }
    return this.cache;
  }

  private async saveCache(cache: MarketCache): Promise<void> {
    try {
      await this.file.save(cache);
      this.cacheProblem = undefined;
    } catch (err) {
      this.cacheProblem = `the market data could not be saved: ${(err as Error).message}`;
    }
  }
}
