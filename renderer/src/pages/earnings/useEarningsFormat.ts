// The earnings wording bound to the active language: money in the user's
// currency, chances and durations in plain words, where a market value came from.
import { useMemo } from 'react';
import type { ChanceText, DurationText, MarketValueSource } from '../../../../electron/contract/earnings.js';
import {
  describeChanceText,
  describeDurationText,
  describeSource,
  formatBtc,
  formatLarge,
  formatMoney,
  formatRatio,
  formatSats,
} from '../../earnings/format.js';
import { useI18n } from '../../i18n/context.js';

export function useEarningsFormat() {
  const { t, fmt } = useI18n();
  const locale = fmt.locale;
  return useMemo(
    () => ({
      money: (amount: number | undefined, currency: string) => formatMoney(locale, currency, amount),
      sats: (sats: number | undefined) => formatSats(locale, sats),
      btc: (btc: number | undefined) => formatBtc(locale, btc),
      large: (value: number | undefined) => formatLarge(locale, value),
      ratio: (ratio: number) => formatRatio(locale, ratio),
      kwh: (kwh: number | undefined) => fmt.number(kwh, kwh !== undefined && kwh < 10 ? 2 : 1),
      chance: (chance: ChanceText) =>
        describeChanceText(locale, chance, {
          oneIn: (n) => t('earnings.chance.oneIn', { n }),
          percent: (n) => t('earnings.chance.percent', { n }),
          almostCertain: t('earnings.chance.almostCertain'),
          none: t('earnings.chance.none'),
        }),
      duration: (duration: DurationText) =>
        describeDurationText(locale, duration, {
          seconds: (n) => t('earnings.duration.seconds', { n }),
          minutes: (n) => t('earnings.duration.minutes', { n }),
          hours: (n) => t('earnings.duration.hours', { n }),
          days: (n) => t('earnings.duration.days', { n }),
          years: (n) => t('earnings.duration.years', { n }),
          never: t('earnings.duration.never'),
        }),
      source: (source: MarketValueSource, ageMs: number | undefined) =>
        describeSource(locale, source, ageMs, {
          live: (age) => t('earnings.src.live', { age }),
          cache: (age) => t('earnings.src.cache', { age }),
          override: t('earnings.src.override'),
          age: {
            s: (n) => t('earnings.age.s', { n }),
            min: (n) => t('earnings.age.min', { n }),
            h: (n) => t('earnings.age.h', { n }),
            d: (n) => t('earnings.age.d', { n }),
          },
        }),
    }),
    [locale, t, fmt],
  );
}

export type EarningsFormat = ReturnType<typeof useEarningsFormat>;
