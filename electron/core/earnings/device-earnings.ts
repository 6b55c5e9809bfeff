// Puts an estimate together for one device or the whole fleet from the chosen
// hashrate and power, the market values and the user's settings. Still pure:
// the market data arrives as a value.
import type {
  DeviceEarnings,
  EarningsSettings,
  EstimateGap,
  FleetEarnings,
  HashrateSource,
  MarketData,
  PowerSource,
} from '../../contract/earnings.js';
import { estimateEarnings } from './estimator.js';
import type { ChosenHashrate, ChosenPower } from './inputs.js';
import { soloOdds } from './solo.js';

export interface DeviceFigures {
  deviceId: string;
  hashrate?: ChosenHashrate;
  power?: ChosenPower;
  /** Best share difficulty the device reports. */
  bestShare?: number;
}

interface MinerFigures {
  hashrateHs?: number;
  hashrateSource?: HashrateSource;
  powerW?: number;
  powerSource?: PowerSource;
  bestShare?: number;
}

function estimateFor(miner: MinerFigures, market: MarketData, settings: EarningsSettings): Omit<DeviceEarnings, 'deviceId'> {
  const missing: EstimateGap[] = [];
  if (miner.hashrateHs === undefined || miner.hashrateSource === undefined) missing.push('hashrate');
  if (market.difficulty === undefined) missing.push('difficulty');
  if (market.tipHeight === undefined) missing.push('tipHeight');
  if (market.fees === undefined) missing.push('fees');
  const result: Omit<DeviceEarnings, 'deviceId'> = { missing };
  const difficulty = market.difficulty?.value;
  if (miner.hashrateHs !== undefined && difficulty !== undefined) {
    result.solo = soloOdds({ hashrateHs: miner.hashrateHs, difficulty, ...(miner.bestShare !== undefined && { bestShare: miner.bestShare }) });
  }
  // The same conditions as `missing`, spelled out so the compiler sees them.
  if (miner.hashrateHs === undefined || miner.hashrateSource === undefined) return result;
  if (difficulty === undefined || market.tipHeight === undefined || market.fees === undefined) return result;
  // A price cached for another currency must not be shown as this one.
  const price = market.btcPrice?.value.currency === settings.currency ? market.btcPrice.value.amount : undefined;
  result.estimate = estimateEarnings({
    hashrateHs: miner.hashrateHs,
    hashrateSource: miner.hashrateSource,
    ...(miner.powerW !== undefined && { powerW: miner.powerW }),
    ...(miner.powerSource !== undefined && { powerSource: miner.powerSource }),
    difficulty,
    nextHeight: market.tipHeight.value + 1,
    avgFeesPerBlockSats: market.fees.value.avgFeesPerBlockSats,
    pool: settings.pool,
    tariff: settings.tariff,
    currency: settings.currency,
    ...(price !== undefined && { btcPrice: price }),
  });
  return result;
}

export function deviceEarnings(device: DeviceFigures, market: MarketData, settings: EarningsSettings): DeviceEarnings {
  return {
    deviceId: device.deviceId,
    ...estimateFor(
      {
        ...(device.hashrate && { hashrateHs: device.hashrate.hashrateHs, hashrateSource: device.hashrate.source }),
        ...(device.power && { powerW: device.power.powerW, powerSource: device.power.source }),
        ...(device.bestShare !== undefined && { bestShare: device.bestShare }),
      },
      market,
      settings,
    ),
  };
}

function combined<T extends string>(sources: T[]): T | 'mixed' | undefined {
  const distinct = new Set(sources);
  if (distinct.size === 0) return undefined;
  return distinct.size === 1 ? sources[0] : 'mixed';
}

/**
 * The fleet as one miner: hashrates add up (so do expected blocks, since λ is
 * linear in hashrate). Power adds up only when every hashing device has a
 * figure; a partial sum would understate the bill.
 */
export function fleetEarnings(devices: DeviceFigures[], market: MarketData, settings: EarningsSettings): FleetEarnings {
  const hashing = devices.filter((d) => d.hashrate !== undefined);
  const total: MinerFigures = {};
  if (hashing.length > 0) {
    total.hashrateHs = hashing.reduce((sum, d) => sum + (d.hashrate?.hashrateHs ?? 0), 0);
    total.hashrateSource = combined(hashing.map((d) => d.hashrate?.source).filter((s) => s !== undefined));
    if (hashing.every((d) => d.power !== undefined)) {
      total.powerW = hashing.reduce((sum, d) => sum + (d.power?.powerW ?? 0), 0);
      total.powerSource = combined(hashing.map((d) => d.power?.source).filter((s) => s !== undefined));
    }
    const bests = hashing.map((d) => d.bestShare).filter((b) => b !== undefined);
    if (bests.length > 0) total.bestShare = Math.max(...bests);
  }
  return {
    devices: devices.map((d) => deviceEarnings(d, market, settings)),
    total: estimateFor(total, market, settings),
    market,
  };
}
