// The exchange-rate source used when the mempool API has no price in the
// user's currency. Format (the one ECB-rate services such as Frankfurter's
// `/v1/latest?base=USD` use; see docs/earnings.md):
//   { "base": "USD", "date": "2024-03-28", "rates": { "CNY": 7.2245, "EUR": 0.9263 } }
// Any base works as long as it lists USD, e.g. base EUR with rates.USD and
// rates.CNY gives CNY per USD = CNY / USD.
import { z } from 'zod';
import type { BoundedReply } from './http-get.js';
import { MarketFetchError } from './market-error.js';
import { outOfRange, parseShape, replyJson } from './mempool-replies.js';

/** No currency trades at a million units per dollar or at a millionth; outside that the source is broken. */
const MIN_RATE = 1e-6;
const MAX_RATE = 1e6;

const RatesShape = z.object({
  base: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code'),
  rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number()),
});

/** Units of each listed currency per 1 USD. */
export function parseUsdRates(reply: BoundedReply): Record<string, number> {
  const { base, rates } = parseShape(RatesShape, replyJson(reply), reply);
  for (const [code, rate] of Object.entries(rates)) {
    if (!Number.isFinite(rate) || rate < MIN_RATE || rate > MAX_RATE) throw outOfRange(reply, `exchange rate for ${code} (${rate})`);
  }
  const usdPerBase = base === 'USD' ? 1 : rates.USD;
  if (usdPerBase === undefined) throw new MarketFetchError('invalid-reply', `${reply.url} lists rates against ${base} but none for USD`, reply.url);
  const perUsd: Record<string, number> = { USD: 1, [base]: 1 / usdPerBase };
  for (const [code, rate] of Object.entries(rates)) perUsd[code] = rate / usdPerBase;
  return perUsd;
}
