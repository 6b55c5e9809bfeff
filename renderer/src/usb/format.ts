// Figures of USB sticks, which hash far below the network miners' GH/s and
// TH/s: hashrates from H/s up, and share difficulties that may be tiny (the
// demo pool's) or huge. Pure: the locale comes in, strings come out.
import { MISSING } from '../i18n/format.js';

const HS_UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s'] as const;

/** Scales hashes per second to the unit that keeps the number below 1000. */
export function scaleHs(hs: number): { value: number; unit: (typeof HS_UNITS)[number] } {
  let index = 0;
  let value = hs;
  while (Math.abs(value) >= 1000 && index < HS_UNITS.length - 1) {
    value /= 1000;
    index += 1;
  }
  return { value, unit: HS_UNITS[index] ?? 'H/s' };
}

export function formatHs(hs: number | undefined, locale: string): string {
  if (hs === undefined || !Number.isFinite(hs)) return MISSING;
  const { value, unit } = scaleHs(hs);
  const digits = value === 0 ? 0 : Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${unit}`;
}

const SI = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
] as const;

/** A share difficulty in three significant digits: 1.23M, 512, 0.0123, 3.81E-6; zero (no share yet) is a dash. */
export function formatDifficulty(difficulty: number | null | undefined, locale: string): string {
  if (difficulty === undefined || difficulty === null || !Number.isFinite(difficulty) || difficulty <= 0) return MISSING;
  const significant = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
  for (const [size, suffix] of SI) if (difficulty >= size) return `${significant.format(difficulty / size)}${suffix}`;
  if (difficulty >= 0.001) return significant.format(difficulty);
  return new Intl.NumberFormat(locale, { notation: 'scientific', maximumSignificantDigits: 3 }).format(difficulty);
}
