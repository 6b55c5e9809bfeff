// The earnings feature: the user's earnings settings, the market data (fetched
// on first use, then every 10 minutes, after a change of source, currency or
// override, and on request), and estimates for each device and the fleet from
// the monitor's latest snapshots. The math is in ../earnings (pure).
//
// Nothing is fetched until something asks for earnings: a service that never
// shows the earnings page never contacts the market API. Demo mode fetches
// from its own loopback server of recorded replies, never from the internet.
import { join } from 'node:path';
import type { EarningsSettings, MarketData, MarketSources, earningsRequests } from '../../contract/earnings.js';
import { deviceEarnings, fleetEarnings } from '../earnings/device-earnings.js';
import { deviceFigures } from '../earnings/device-figures.js';
import { startDemoMarket, type DemoMarket } from '../earnings/demo-market.js';
import { MarketDataClient, type MarketClientOptions } from '../earnings/market.js';
import { EarningsSettingsStore } from '../earnings/settings-store.js';
import { ApiRequestError } from './errors.js';
import type { Feature, ServiceContext } from './feature.js';

export const MARKET_REFRESH_MS = 10 * 60_000;
/** Demo mode keeps its market cache apart, so recorded 2024 figures never pass for the user's real cached ones. */
export const DEMO_CACHE_DIR = 'demo';

export interface EarningsFeatureOptions {
  /** Demo mode: market data from a loopback server of recorded replies. */
  demo?: boolean;
  /**
   * Fixed market sources (tests; hosts that must not reach the internet): the
   * settings' URLs are kept but do not apply. Wins over demo mode's server.
   */
  market?: MarketSources;
  refreshIntervalMs?: number;
  /** Per-request deadline and size cap, mainly for tests. */
  http?: MarketClientOptions['http'];
}

interface Parts {
  store: EarningsSettingsStore;
  client: MarketDataClient;
  pinned?: { sources: MarketSources; by: NonNullable<MarketData['pinned']> };
  demoMarket?: DemoMarket;
}

async function setUp(ctx: ServiceContext, opts: EarningsFeatureOptions): Promise<Parts> {
  const { store, problems } = await EarningsSettingsStore.open(ctx.dataDir);
  for (const p of problems) ctx.log(`hearth: ${p.file} could not be used (${p.reason}); it was kept as ${p.movedTo}`);
  const client = new MarketDataClient({
    dataDir: opts.demo ? join(ctx.dataDir, DEMO_CACHE_DIR) : ctx.dataDir,
    ...(opts.http !== undefined && { http: opts.http }),
  });
  if (opts.market !== undefined) return { store, client, pinned: { sources: opts.market, by: 'host' } };
  if (!opts.demo) return { store, client };
  const demoMarket = await startDemoMarket();
  return { store, client, demoMarket, pinned: { sources: { baseUrl: demoMarket.baseUrl, ratesUrl: demoMarket.ratesUrl }, by: 'demo' } };
}

/** Whether a settings change can change the market data (the tariff and pool terms cannot). */
function affectsMarket(before: EarningsSettings, after: EarningsSettings): boolean {
  return (
    before.currency !== after.currency ||
    JSON.stringify(before.market) !== JSON.stringify(after.market) ||
    JSON.stringify(before.overrides) !== JSON.stringify(after.overrides)
  );
}

export function createEarningsFeature(ctx: ServiceContext, opts: EarningsFeatureOptions = {}): Feature<typeof earningsRequests> {
  const ready = setUp(ctx, opts);
  // Handlers and close() see a failed start through `ready`; this only keeps it from being reported as unhandled.
  ready.catch((err: unknown) => ctx.log(`hearth: earnings could not start: ${err instanceof Error ? err.message : String(err)}`));

  let first: Promise<MarketData> | undefined;
  let running: Promise<MarketData> | undefined;
  let queued: Promise<MarketData> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  /** The settings the client works with: the pinned sources replace the saved ones. */
  const effective = ({ store, pinned }: Parts): EarningsSettings => (pinned ? { ...store.get(), market: pinned.sources } : store.get());
  const labelled = (data: MarketData, { pinned }: Parts): MarketData => (pinned ? { ...data, pinned: pinned.by } : data);

  const run = async (): Promise<MarketData> => {
    const parts = await ready;
    const data = labelled(await parts.client.refresh(effective(parts)), parts);
    if (!closed) ctx.emit('earnings.market.changed', data);
    return data;
  };

  /** One refresh at a time; a request during one queues exactly one more, so it sees the newest settings. */
  const refresh = (): Promise<MarketData> => {
    if (closed) return Promise.reject(new ApiRequestError('internal', 'the service is shutting down'));
    if (queued) return queued;
    if (running) {
      queued = running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return refresh();
        });
      return queued;
    }
    running = run().finally(() => {
      running = undefined;
    });
    return running;
  };

  /**
   * The last fetched values with today's ages and overrides, without waiting
   * for a refresh under way; the first call starts the fetching (now, then on
   * the timer) and waits for that first refresh.
   */
  const market = async (): Promise<MarketData> => {
    if (first === undefined) {
      first = refresh();
      timer = setInterval(() => void refresh().catch(() => undefined), opts.refreshIntervalMs ?? MARKET_REFRESH_MS);
      timer.unref();
    }
    await first;
    const parts = await ready;
    return labelled(await parts.client.current(effective(parts)), parts);
  };

  return {
    handlers: {
      'earnings.settings.get': async () => (await ready).store.get(),
      'earnings.settings.set': async (patch) => {
        const { store } = await ready;
        const before = store.get();
        const next = await store.set(patch);
        ctx.emit('earnings.settings.changed', next);
        // Before first use there is nothing to bring up to date.
        if (first !== undefined && affectsMarket(before, next)) void refresh().catch(() => undefined);
        return next;
      },
      'earnings.market': async ({ refresh: now }) => {
        if (now !== true) return market();
        await market();
        return refresh();
      },
      'earnings.device': async ({ id }) => {
        ctx.known(id);
        const device = ctx.monitor.get(id);
        if (!device) throw new ApiRequestError('not-found', `no device ${id} in the fleet`);
        const [{ store }, data] = await Promise.all([ready, market()]);
        return deviceEarnings(deviceFigures(device), data, store.get());
      },
      'earnings.fleet': async () => {
        const [{ store }, data] = await Promise.all([ready, market()]);
        return fleetEarnings(ctx.monitor.list().map(deviceFigures), data, store.get());
      },
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await Promise.allSettled([running, queued]);
      const parts = await ready.catch(() => undefined);
      await parts?.demoMarket?.close();
    },
  };
}
