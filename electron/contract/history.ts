// Stored history: chart queries over days to years, the event log, and the
// retention settings. The core serves these from SQLite (electron/core/history);
// see docs/history.md for the tiers and figures.
import { z } from 'zod';

/**
 * What a chart can plot. Gauges (averaged, with min and max per point):
 * ghs = hashrate GH/s, tempMaxC = hottest sensor, tempInletC = inlet/ambient,
 * powerW = wall power, fanRpm = mean fan speed. Counts (summed per point):
 * accepted, rejected, hwErrors = shares and hardware errors in the point's
 * time. jPerTh = efficiency, mean power over mean hashrate (joules per TH).
 */
export const HistoryMetricSchema = z.enum([
  'ghs',
  'tempMaxC',
  'tempInletC',
  'powerW',
  'fanRpm',
  'jPerTh',
  'accepted',
  'rejected',
  'hwErrors',
]);
export type HistoryMetric = z.infer<typeof HistoryMetricSchema>;

/** The chart ranges the UI offers; 'all' reaches back to the oldest stored point. */
export const HistoryRangeSchema = z.enum(['1h', '24h', '7d', '30d', 'all']);
export type HistoryRange = z.infer<typeof HistoryRangeSchema>;

/** One device ("host:port" id) or the whole fleet. */
export const HistoryTargetSchema = z.union([z.literal('fleet'), z.object({ deviceId: z.string().min(1).max(300) }).strict()]);
export type HistoryTarget = z.infer<typeof HistoryTargetSchema>;

export const MAX_CHART_POINTS = 5000;
export const DEFAULT_CHART_POINTS = 1000;

export const HistoryQuerySchema = z
  .object({
    target: HistoryTargetSchema,
    metrics: z.array(HistoryMetricSchema).min(1).max(HistoryMetricSchema.options.length),
    /** A named range ending at `to` (default now); or give `from` instead. */
    range: HistoryRangeSchema.optional(),
    /** Unix ms, inclusive. Ignored when `range` is given. */
    from: z.number().int().min(0).optional(),
    /** Unix ms, exclusive; default just after now. */
    to: z.number().int().min(0).optional(),
    maxPoints: z.number().int().min(10).max(MAX_CHART_POINTS).optional(),
  })
  .strict()
  .refine((q) => q.range !== undefined || q.from !== undefined, { message: 'give a range or a from time' });
export type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

/** Which stored table answered: every poll, one-minute or hourly roll-ups. */
export const HistoryTierSchema = z.enum(['raw', '1m', '1h']);
export type HistoryTier = z.infer<typeof HistoryTierSchema>;

const Column = z.array(z.number().nullable());

export const HistorySeriesEntrySchema = z.object({
  metric: HistoryMetricSchema,
  /** Per point: the mean (gauges, jPerTh) or the total (counts); null = no data. */
  value: Column,
  /** Gauges only: lowest and highest reading within each point's time. */
  min: Column.optional(),
  max: Column.optional(),
});
export type HistorySeriesEntry = z.infer<typeof HistorySeriesEntrySchema>;

/** Column-oriented, as uPlot takes it: `t[i]` pairs with `series[k].value[i]`. */
export const HistorySeriesSchema = z.object({
  target: HistoryTargetSchema,
  from: z.number(),
  to: z.number(),
  tier: HistoryTierSchema,
  /** Width of one point; `t` holds each point's start. */
  bucketMs: z.number(),
  t: z.array(z.number()),
  series: z.array(HistorySeriesEntrySchema),
});
export type HistorySeries = z.infer<typeof HistorySeriesSchema>;

export const EventSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type EventSeverity = z.infer<typeof EventSeveritySchema>;

export const NewEventSchema = z
  .object({
    /** Absent for events about the app or the whole fleet. */
    deviceId: z.string().min(1).max(300).optional(),
    at: z.number().int().min(0),
    /** Dotted name, e.g. "alert.raised", "alert.cleared", "device.rebooted". */
    kind: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes'),
    severity: EventSeveritySchema,
    message: z.string().max(1000),
    /** Small structured details (rule id, threshold, value); at most 8 KB as JSON. */
    data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type NewEvent = z.infer<typeof NewEventSchema>;

export const EventRecordSchema = NewEventSchema.extend({ id: z.number().int() });
export type EventRecord = z.infer<typeof EventRecordSchema>;

export const EventFilterSchema = z
  .object({
    deviceId: z.string().min(1).max(300).optional(),
    kinds: z.array(z.string().min(1).max(64)).max(32).optional(),
    minSeverity: EventSeveritySchema.optional(),
    /** Unix ms, inclusive. */
    since: z.number().int().optional(),
    /** Unix ms, exclusive. */
    until: z.number().int().optional(),
    /** Paging: only events with a smaller id (newest first). */
    beforeId: z.number().int().optional(),
    limit: z.number().int().min(1).max(5000).optional(),
  })
  .strict();
export type EventFilter = z.infer<typeof EventFilterSchema>;

/** How long each table keeps its rows; null = for good. */
export const HistoryRetentionSchema = z
  .object({
    rawHours: z.number().int().min(1).max(24 * 14),
    minuteDays: z.number().int().min(1).max(366),
    hourlyDays: z.number().int().min(1).nullable(),
    eventDays: z.number().int().min(1).nullable(),
    shareDays: z.number().int().min(1).max(366),
  })
  .strict();
export type HistoryRetention = z.infer<typeof HistoryRetentionSchema>;

export const DEFAULT_HISTORY_RETENTION: HistoryRetention = Object.freeze({
  rawHours: 48,
  minuteDays: 30,
  hourlyDays: null,
  eventDays: 365,
  shareDays: 30,
});

// ---- Requests and events of the history feature (electron/core/app/history.ts) ----

/** At most 1400: 30 days (720 hourly rows) still gives half the points asked for, so it stays on hourly rows (docs/history.md). */
export const MAX_UI_CHART_POINTS = 1400;

export const HistoryChartParamsSchema = z
  .object({
    target: HistoryTargetSchema,
    metrics: z.array(HistoryMetricSchema).min(1).max(HistoryMetricSchema.options.length),
    range: HistoryRangeSchema,
    maxPoints: z.number().int().min(10).max(MAX_UI_CHART_POINTS).optional(),
  })
  .strict();
export type HistoryChartParams = z.infer<typeof HistoryChartParamsSchema>;

/** A CSV file for the renderer to offer as a download. */
export const CsvFileSchema = z.object({ fileName: z.string(), csv: z.string() });
export type CsvFile = z.infer<typeof CsvFileSchema>;

export const HistoryStatusSchema = z.object({
  /** False when the store could not be opened (native module missing, file from a newer Hearth). */
  available: z.boolean(),
  /** Why it is unavailable, in plain English. */
  reason: z.string().optional(),
  bytes: z.number().optional(),
  rows: z.object({ samples: z.number(), rollup1m: z.number(), rollup1h: z.number(), events: z.number(), shares: z.number() }).optional(),
  /** Background writes that failed last (a full disk); cleared by the next good write. */
  lastError: z.string().optional(),
  retention: HistoryRetentionSchema,
});
export type HistoryStatus = z.infer<typeof HistoryStatusSchema>;

export const historyRequests = {
  'history.query': { params: HistoryChartParamsSchema, result: HistorySeriesSchema },
  'history.csv': { params: HistoryChartParamsSchema, result: CsvFileSchema },
  'history.status': { params: z.object({}).strict(), result: HistoryStatusSchema },
  'events.list': { params: EventFilterSchema, result: z.array(EventRecordSchema) },
  'events.csv': { params: EventFilterSchema, result: CsvFileSchema },
} as const;

export const historyEvents = {} as const;
