// Per-chip readings of each hash board -> heat-map data and the chips that
// stand out from their board. Thresholds are Hearth's own (docs/diagnostics.md
// "Chips"): wide enough that the real A1566 capture, whose chips near the
// exhaust run about 10 degC above the board median, has no outlier.
import type { BoardHeatMap, ChipOutlier } from '../../contract/diagnostics.js';
import type { Module } from '../../contract/snapshot.js';

/** A chip this far (degC) from its board's median temperature is flagged. */
export const TEMP_OUTLIER_C = 15;
/** A chip this far from its board's median voltage, as a fraction of that median, is flagged. */
export const VOLTAGE_OUTLIER_FRACTION = 0.08;

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A chip that reports 0 (or less) gives no reading: firmware prints 0 for a chip it cannot read. */
function reading(v: number): boolean {
  return Number.isFinite(v) && v > 0;
}

function outliersOf(values: readonly number[], kind: ChipOutlier['kind'], mid: number | undefined, limit: (m: number) => number): ChipOutlier[] {
  if (mid === undefined) return [];
  const out: ChipOutlier[] = [];
  values.forEach((value, chip) => {
    if (!reading(value)) {
      out.push({ chip, kind, value, median: mid, delta: value - mid, silent: true });
      return;
    }
    if (Math.abs(value - mid) >= limit(mid)) out.push({ chip, kind, value, median: mid, delta: value - mid, silent: false });
  });
  return out;
}

/** One heat map per board that reports per-chip temperatures or voltages. */
export function boardHeatMaps(modules: readonly Module[]): BoardHeatMap[] {
  const maps: BoardHeatMap[] = [];
  for (const m of modules) {
    for (const b of m.boards) {
      const temps = b.chipTempsC ?? [];
      const volts = b.chipVoltages ?? [];
      if (temps.length === 0 && volts.length === 0) continue;
      // Medians over the chips that read anything: a board whose chips all
      // read 0 has no median, and is reported by the boards check instead.
      const medianTempC = median(temps.filter(reading));
      const medianVoltage = median(volts.filter(reading));
      maps.push({
        module: m.key,
        board: b.index,
        chipTempsC: temps,
        chipVoltages: volts,
        ...(medianTempC === undefined ? {} : { medianTempC }),
        ...(medianVoltage === undefined ? {} : { medianVoltage }),
        outliers: [
          ...outliersOf(temps, 'temperature', medianTempC, () => TEMP_OUTLIER_C),
          ...outliersOf(volts, 'voltage', medianVoltage, (mid) => mid * VOLTAGE_OUTLIER_FRACTION),
        ].sort((a, b) => a.chip - b.chip),
      });
    }
  }
  return maps;
}

/** True when every chip of the board reads nothing: the board is not reporting at all. */
export function boardSilent(map: BoardHeatMap): boolean {
  const all = [...map.chipTempsC, ...map.chipVoltages];
  return all.length > 0 && !all.some(reading);
}
