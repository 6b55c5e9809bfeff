// First-run earnings settings. The electricity price and pool terms are
// placeholders the earnings page asks the user to confirm: no default can
// know a home's tariff or pool.
import type { EarningsSettings } from '../../contract/earnings.js';
import { DEFAULT_BASE_URL, DEFAULT_RATES_URL } from './market.js';

export function defaultEarningsSettings(): EarningsSettings {
  return {
    currency: 'USD',
    tariff: { kind: 'flat', pricePerKwh: 0.15 },
    pool: { scheme: 'fpps', feePercent: 2 },
    market: { baseUrl: DEFAULT_BASE_URL, ratesUrl: DEFAULT_RATES_URL },
    overrides: {},
  };
}
