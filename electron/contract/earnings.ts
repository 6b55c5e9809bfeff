// Earnings: what a device or the fleet is expected to earn, after the pool and
// the electricity bill, and the odds of a solo block. The core computes these
// (electron/core/earnings); the renderer only renders them. Formulas, units
// and sources: docs/earnings.md. Units are in the names: Hs = hashes per
// second, W = watts, Kwh = kilowatt hours, Sats = satoshis, Ms = milliseconds,
// S = seconds. Money in the user's currency is a plain number next to a
// `currency` code; the renderer formats it.
import { z } from 'zod';
import { DeviceIdSchema, EmptyParamsSchema } from './common.js';

const Finite = z.number().refine(Number.isFinite, 'must be a finite number');
const NonNegative = Finite.refine((n) => n >= 0, 'must not be negative');
const Positive = Finite.refine((n) => n > 0, 'must be greater than zero');
const Hour = Finite.refine((n) => n >= 0 && n < 24, 'must be an hour of the day, 0 to below 24');

/** ISO 4217 code, e.g. "USD", "CNY". */
export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD');
export type CurrencyCode = z.infer<typeof CurrencyCodeSchema>;

// ---------------------------------------------------------------- settings

export const PayoutSchemeSchema = z.enum(['fpps', 'pps-plus', 'pplns', 'solo']);
export type PayoutScheme = z.infer<typeof PayoutSchemeSchema>;

export const PoolTermsSchema = z
  .object({
    scheme: PayoutSchemeSchema,
    /** The pool's fee in percent (a solo pool's fee for 'solo'). */
    feePercent: NonNegative.refine((n) => n <= 100, 'must be at most 100'),
    /**
     * PPS+ only: the fee on the transaction-fee part, where the pool charges a
     * different one (it is paid PPLNS-style). Absent: `feePercent`.
     */
    txFeePartFeePercent: NonNegative.refine((n) => n <= 100, 'must be at most 100').optional(),
  })
  .strict();
export type PoolTerms = z.infer<typeof PoolTermsSchema>;

/** Price per kWh in the user's currency. */
export const TariffSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), pricePerKwh: NonNegative }).strict(),
  z
    .object({
      kind: z.literal('day-night'),
      dayPricePerKwh: NonNegative,
      nightPricePerKwh: NonNegative,
      /** Local hour the night rate starts, e.g. 22 or 22.5 for 22:30. */
      nightStartHour: Hour,
      /** Local hour it ends; may be before the start (the night wraps midnight). */
      nightEndHour: Hour,
    })
    .strict()
    .refine((t) => t.nightStartHour !== t.nightEndHour, 'night start and end must differ'),
]);
export type Tariff = z.infer<typeof TariffSchema>;

const HttpUrlSchema = z
  .string()
  .trim()
  .max(500)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// address without a user name or password');

export const MarketSourcesSchema = z
  .object({
    /** A mempool.space-compatible REST API root, e.g. https://mempool.space/api or http://umbrel.local:3006/api. */
    baseUrl: HttpUrlSchema,
    /**
     * Exchange rates for currencies the mempool API has no price in, in the
     * `{ "base": "USD", "rates": { "CNY": 7.1 } }` format (docs/earnings.md).
     * Absent: no conversion source (a typed rate still works).
     */
    ratesUrl: HttpUrlSchema.optional(),
  })
  .strict();
export type MarketSources = z.infer<typeof MarketSourcesSchema>;

/** Values typed by the user; each one wins over fetched data and is labelled 'override'. */
export const MarketOverridesSchema = z
  .object({
    difficulty: Positive.optional(),
    tipHeight: z.number().int().min(0).max(100_000_000).optional(),
    avgFeesPerBlockSats: NonNegative.optional(),
    /** BTC price in the user's currency. */
    btcPrice: Positive.optional(),
    /** Units of the user's currency per 1 USD, for the conversion path. */
    usdRate: Positive.optional(),
  })
  .strict();
export type MarketOverrides = z.infer<typeof MarketOverridesSchema>;

export const EarningsSettingsSchema = z
  .object({
    currency: CurrencyCodeSchema,
    tariff: TariffSchema,
    pool: PoolTermsSchema,
    market: MarketSourcesSchema,
    overrides: MarketOverridesSchema,
  })
  .strict();
export type EarningsSettings = z.infer<typeof EarningsSettingsSchema>;

// ------------------------------------------------------------- market data

/** live: fetched by this refresh; cache: an earlier fetch (offline or failed now); override: typed by the user. */
export const MarketValueSourceSchema = z.enum(['live', 'cache', 'override']);
export type MarketValueSource = z.infer<typeof MarketValueSourceSchema>;

function marketValue<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    source: MarketValueSourceSchema,
    /** Unix ms of the fetch; absent for overrides. */
    fetchedAt: z.number().optional(),
    /** Age of the value when the MarketData was assembled; absent for overrides. */
    ageMs: z.number().optional(),
    /** The URL it came from, or 'user' for an override. */
    origin: z.string(),
  });
}

export const FeeSampleSchema = z.object({
  avgFeesPerBlockSats: NonNegative,
  /** The block range averaged over (absent for an override). */
  fromHeight: z.number().int().optional(),
  toHeight: z.number().int().optional(),
});
export type FeeSample = z.infer<typeof FeeSampleSchema>;

export const NextAdjustmentSchema = z.object({
  /** Estimated change at the next retarget, percent (−75 to +300). */
  changePercent: Finite,
  /** Share of the current 2016-block epoch already mined, percent. */
  progressPercent: Finite,
  remainingBlocks: z.number().int(),
  nextRetargetHeight: z.number().int(),
  /** Unix ms. */
  estimatedRetargetAt: z.number(),
});
export type NextAdjustment = z.infer<typeof NextAdjustmentSchema>;

export const BtcPriceSchema = z.object({
  currency: CurrencyCodeSchema,
  /** Price of 1 BTC in `currency`. */
  amount: Positive,
  /** direct: the mempool API's own price; via-usd: its USD price times a USD rate (see `usdRate`); user: typed in. */
  via: z.enum(['direct', 'via-usd', 'user']),
});
export type BtcPrice = z.infer<typeof BtcPriceSchema>;

export const UsdRateSchema = z.object({
  currency: CurrencyCodeSchema,
  /** Units of `currency` per 1 USD. */
  perUsd: Positive,
});
export type UsdRate = z.infer<typeof UsdRateSchema>;

export const MarketWhatSchema = z.enum(['difficulty', 'tipHeight', 'fees', 'nextAdjustment', 'prices', 'usdRate']);
export type MarketWhat = z.infer<typeof MarketWhatSchema>;

export const MarketErrorKindSchema = z.enum([
  'timeout', // no complete reply within the time limit (slow or silent server)
  'refused', // connection refused
  'unreachable', // DNS failure, no route, reset
  'too-large', // reply over the size cap
  'http-status', // a non-2xx status
  'redirect-refused', // a redirect to another host, or a downgrade to http
  'invalid-reply', // not the expected JSON/text: HTML pages, wrong types, missing fields
  'out-of-range', // the right shape with impossible values (negative, NaN, absurd, height going back)
  'missing', // no source has it (e.g. no price in the currency and no rate source)
]);
export type MarketErrorKind = z.infer<typeof MarketErrorKindSchema>;

export const MarketErrorSchema = z.object({
  what: MarketWhatSchema,
  kind: MarketErrorKindSchema,
  message: z.string(),
  /** The URL requested, where there was one. */
  url: z.string().optional(),
});
export type MarketError = z.infer<typeof MarketErrorSchema>;

export const MarketDataSchema = z.object({
  /** Unix ms at which these values were put together. */
  assembledAt: z.number(),
  baseUrl: z.string(),
  /**
   * Set when the host fixed the market sources and the settings' URLs do not
   * apply: 'demo' = demo mode's loopback server replaying recorded replies;
   * 'host' = a host option (tests, a server started with a fixed source).
   */
  pinned: z.enum(['demo', 'host']).optional(),
  difficulty: marketValue(Positive).optional(),
  tipHeight: marketValue(z.number().int().min(0)).optional(),
  fees: marketValue(FeeSampleSchema).optional(),
  nextAdjustment: marketValue(NextAdjustmentSchema).optional(),
  /** In the settings' currency. For 'via-usd', fetchedAt is the older of the two inputs. */
  btcPrice: marketValue(BtcPriceSchema).optional(),
  /** Present when the price was converted through USD. */
  usdRate: marketValue(UsdRateSchema).optional(),
  /** What failed in the last refresh (values above may still come from the cache). */
  errors: z.array(MarketErrorSchema),
  /** The on-disk cache could not be read or written (the values still work for this session). */
  cacheProblem: z.string().optional(),
});
export type MarketData = z.infer<typeof MarketDataSchema>;

// --------------------------------------------------------------- estimates

/** 'mixed' only on fleet totals, where devices differ. */
export const HashrateSourceSchema = z.enum(['reported', 'verified-shares', 'mixed']);
export type HashrateSource = z.infer<typeof HashrateSourceSchema>;
export const PowerSourceSchema = z.enum(['measured', 'nominal', 'mixed']);
export type PowerSource = z.infer<typeof PowerSourceSchema>;

export const PeriodSchema = z.enum(['day', 'week', 'month', 'year']);
export type Period = z.infer<typeof PeriodSchema>;

/**
 * steady: FPPS, paid per share. fees-vary: PPS+, the fee part follows pool
 * luck. pool-luck: PPLNS. lottery: solo, all or nothing per block.
 */
export const PayoutVarianceSchema = z.enum(['steady', 'fees-vary', 'pool-luck', 'lottery']);
export type PayoutVariance = z.infer<typeof PayoutVarianceSchema>;

export const PeriodEarningsSchema = z.object({
  period: PeriodSchema,
  days: Positive,
  /** Network blocks expected in the period (144 a day). */
  networkBlocks: Positive,
  /** Mean subsidy over those blocks: differs from the current one when the period crosses a halving. */
  avgSubsidySats: NonNegative,
  /** Blocks this hashrate is expected to find (λT): tiny for one device. */
  expectedBlocks: NonNegative,
  /** Expected payout after the pool fee, split by origin. */
  subsidySats: NonNegative,
  txFeeSats: NonNegative,
  poolFeeSats: NonNegative,
  sats: NonNegative,
  btc: NonNegative,
  /** Present when a BTC price is known. */
  revenue: NonNegative.optional(),
  /** Present when the power is known. */
  energyKwh: NonNegative.optional(),
  electricityCost: NonNegative.optional(),
  /** revenue − electricityCost; present when both are. */
  net: Finite.optional(),
});
export type PeriodEarnings = z.infer<typeof PeriodEarningsSchema>;

export const EarningsEstimateSchema = z.object({
  hashrateHs: NonNegative,
  hashrateSource: HashrateSourceSchema,
  powerW: NonNegative.optional(),
  powerSource: PowerSourceSchema.optional(),
  /** Joules per terahash; present when power and a non-zero hashrate are known. */
  jPerTh: NonNegative.optional(),
  difficulty: Positive,
  /** Height of the next block to be mined (tip + 1): the first block the estimate counts. */
  nextHeight: z.number().int().min(0),
  avgFeesPerBlockSats: NonNegative,
  pool: PoolTermsSchema,
  variance: PayoutVarianceSchema,
  currency: CurrencyCodeSchema,
  btcPrice: Positive.optional(),
  /** Flat price per kWh that the tariff averages to over a day of constant load. */
  effectivePricePerKwh: NonNegative,
  /** Electricity price per kWh at which the daily net is zero; present when price and power are known. */
  breakEvenPricePerKwh: NonNegative.optional(),
  periods: z.array(PeriodEarningsSchema),
});
export type EarningsEstimate = z.infer<typeof EarningsEstimateSchema>;

// --------------------------------------------------------------- solo odds

/** "about 1 in 4,300", "about 37 %", "almost certain", or "never" (zero hashrate). */
export const ChanceTextSchema = z.discriminatedUnion('form', [
  z.object({ form: z.literal('one-in'), oneIn: Positive }),
  z.object({ form: z.literal('percent'), percent: Positive }),
  z.object({ form: z.literal('almost-certain') }),
  z.object({ form: z.literal('none') }),
]);
export type ChanceText = z.infer<typeof ChanceTextSchema>;

export const DurationUnitSchema = z.enum(['seconds', 'minutes', 'hours', 'days', 'years']);
export type DurationUnit = z.infer<typeof DurationUnitSchema>;
/** "about 4,300 years"; 'never' for zero hashrate. */
export const DurationTextSchema = z.discriminatedUnion('form', [
  z.object({ form: z.literal('about'), value: Positive, unit: DurationUnitSchema }),
  z.object({ form: z.literal('never') }),
]);
export type DurationText = z.infer<typeof DurationTextSchema>;

export const SoloChanceSchema = z.object({
  period: PeriodSchema,
  days: Positive,
  /** P(at least one block) = 1 − e^(−λT), in [0, 1]. */
  probability: z.number().min(0).max(1),
  text: ChanceTextSchema,
});
export type SoloChance = z.infer<typeof SoloChanceSchema>;

export const SoloOddsSchema = z.object({
  hashrateHs: NonNegative,
  difficulty: Positive,
  /** λ: expected blocks per day. */
  blocksPerDay: NonNegative,
  /** 1/λ in seconds; Infinity is sent as null (JSON has no Infinity). */
  expectedSecondsToBlock: Positive.nullable(),
  expectedTimeText: DurationTextSchema,
  chances: z.array(SoloChanceSchema),
  /** The device's best share next to the network difficulty, where it reports one. */
  bestShare: z
    .object({
      difficulty: NonNegative,
      /** bestShare / network difficulty: 1 or more would have been a block. */
      ratioToNetwork: NonNegative,
    })
    .optional(),
});
export type SoloOdds = z.infer<typeof SoloOddsSchema>;

// --------------------------------------------------- per device and fleet

/** What kept an estimate from being made. */
export const EstimateGapSchema = z.enum(['difficulty', 'tipHeight', 'fees', 'hashrate']);
export type EstimateGap = z.infer<typeof EstimateGapSchema>;

export const DeviceEarningsSchema = z.object({
  deviceId: z.string(),
  estimate: EarningsEstimateSchema.optional(),
  /** Always computed when hashrate and difficulty are known (the UI shows it for 'solo', and on request). */
  solo: SoloOddsSchema.optional(),
  /** Inputs that were missing, when `estimate` is absent. */
  missing: z.array(EstimateGapSchema),
});
export type DeviceEarnings = z.infer<typeof DeviceEarningsSchema>;

export const FleetEarningsSchema = z.object({
  devices: z.array(DeviceEarningsSchema),
  /** The fleet as one miner: summed hashrate and power. */
  total: DeviceEarningsSchema.omit({ deviceId: true }),
  market: MarketDataSchema,
});
export type FleetEarnings = z.infer<typeof FleetEarningsSchema>;

// ------------------------------------------------------ requests, events

export const EarningsSettingsPatchSchema = EarningsSettingsSchema.partial().strict();
export type EarningsSettingsPatch = z.infer<typeof EarningsSettingsPatchSchema>;

export const earningsRequests = {
  'earnings.settings.get': { params: EmptyParamsSchema, result: EarningsSettingsSchema },
  /** Top-level members replace the saved ones whole (send all of `overrides` to clear one). */
  'earnings.settings.set': { params: EarningsSettingsPatchSchema, result: EarningsSettingsSchema },
  /** The market values with their sources and ages; `refresh` fetches them now instead of serving the last ones. */
  'earnings.market': { params: z.object({ refresh: z.boolean().optional() }).strict(), result: MarketDataSchema },
  'earnings.device': { params: z.object({ id: DeviceIdSchema }).strict(), result: DeviceEarningsSchema },
  'earnings.fleet': { params: EmptyParamsSchema, result: FleetEarningsSchema },
} as const;

export const earningsEvents = {
  /** After every market refresh (timer, settings change or request). */
  'earnings.market.changed': MarketDataSchema,
  'earnings.settings.changed': EarningsSettingsSchema,
} as const;
