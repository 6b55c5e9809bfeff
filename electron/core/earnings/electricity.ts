// Electricity for a device that runs around the clock at constant power. A
// day/night tariff therefore averages to one price per kWh, weighted by the
// hours each rate applies; the device's clock time does not matter.
import type { Tariff } from '../../contract/earnings.js';

/** kWh used in `days` at a constant `powerW`. */
export function energyKwh(powerW: number, days: number): number {
  return (powerW * 24 * days) / 1000;
}

/** Hours a day at the night rate; the night may wrap midnight (22 → 6 is 8 hours). */
export function nightHours(nightStartHour: number, nightEndHour: number): number {
  return (nightEndHour - nightStartHour + 24) % 24;
}

/** The flat price per kWh a constant load pays on average under `tariff`. */
export function effectivePricePerKwh(tariff: Tariff): number {
  if (tariff.kind === 'flat') return tariff.pricePerKwh;
  const night = nightHours(tariff.nightStartHour, tariff.nightEndHour);
  return ((24 - night) * tariff.dayPricePerKwh + night * tariff.nightPricePerKwh) / 24;
}

/** Joules per terahash: W / (TH/s). Undefined at zero hashrate. */
export function joulesPerTerahash(powerW: number, hashrateHs: number): number | undefined {
  return hashrateHs > 0 ? powerW / (hashrateHs / 1e12) : undefined;
}

/**
 * The price per kWh at which a day's revenue pays exactly for a day's
 * electricity. Undefined at zero power (no electricity cost to break even on).
 */
export function breakEvenPricePerKwh(revenuePerDay: number, powerW: number): number | undefined {
  const kwh = energyKwh(powerW, 1);
  return kwh > 0 ? revenuePerDay / kwh : undefined;
}
