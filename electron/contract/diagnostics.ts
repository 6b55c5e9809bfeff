// Diagnostics for support staff: the health report of one device, decoded
// error codes, the support bundle's manifest, and the app's structured logs.
// Produced by electron/core/diagnostics, shown by the renderer unchanged.
// Sources for every decoded code: docs/diagnostics.md.
import { z } from 'zod';
import { DeviceErrorSchema } from './fleet.js';

export const HealthStatusSchema = z.enum(['pass', 'warn', 'fail', 'unknown']);
export type HealthStatus = z.infer<typeof HealthStatusSchema>;

export const HealthCheckIdSchema = z.enum([
  'connection',
  'run-state',
  'error-codes',
  'boards',
  'chips',
  'temperature',
  'fans',
  'power-supply',
  'hashrate',
  'hardware-errors',
  'firmware',
  'reboot-reason',
  'exposure',
  'pools',
]);
export type HealthCheckId = z.infer<typeof HealthCheckIdSchema>;

export const HealthCheckSchema = z.object({
  id: HealthCheckIdSchema,
  status: HealthStatusSchema,
  title: z.string(),
  /** What was found, in plain language. */
  explanation: z.string(),
  /** What the user (or support) can do next. */
  nextStep: z.string(),
  /** Figures behind the verdict, for the detail view and support staff. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type HealthCheck = z.infer<typeof HealthCheckSchema>;

/** How bad one decoded meaning is; 'unknown' for a bit no source documents. */
export const ErrorSeveritySchema = z.enum(['info', 'warn', 'fail', 'unknown']);
export type ErrorSeverity = z.infer<typeof ErrorSeveritySchema>;

export const DecodedMeaningSchema = z.object({
  /** Bit number (0 = least significant) for a bit meaning; null for a whole-value meaning (e.g. "513 = abnormal"). */
  bit: z.number().int().min(0).max(31).nullable(),
  name: z.string(),
  meaning: z.string(),
  severity: ErrorSeveritySchema,
  /** Source tag and location (docs/diagnostics.md lists them all). */
  source: z.string(),
});
export type DecodedMeaning = z.infer<typeof DecodedMeaningSchema>;

export const ErrorFieldSchema = z.enum(['ECHU', 'ECMM', 'PS0', 'BOOTBY']);
export type ErrorField = z.infer<typeof ErrorFieldSchema>;

export const DecodedErrorSchema = z.object({
  field: ErrorFieldSchema,
  /** The module key ("MM ID0") the code came from. */
  module: z.string(),
  /** Hash board index, for ECHU. */
  board: z.number().int().optional(),
  /** The code as the device sent it. */
  code: z.number(),
  /** The code as text the way the device prints it, e.g. "0x04.00000000" for BOOTBY. */
  text: z.string(),
  meanings: z.array(DecodedMeaningSchema),
  /** Set bits no source documents for this model: shown as unknown, never guessed. */
  unknownBits: z.array(z.number().int()),
  /** The worst severity among the meanings and unknown bits; 'info' when the code is documented as normal. */
  severity: ErrorSeveritySchema,
});
export type DecodedError = z.infer<typeof DecodedErrorSchema>;

export const ChipOutlierSchema = z.object({
  chip: z.number().int(),
  kind: z.enum(['temperature', 'voltage']),
  value: z.number(),
  median: z.number(),
  /** value - median, in the reading's unit. */
  delta: z.number(),
  /** True when the chip reports nothing (0) while its neighbours do. */
  silent: z.boolean(),
});
export type ChipOutlier = z.infer<typeof ChipOutlierSchema>;

/** One hash board's per-chip readings, for a heat map. */
export const BoardHeatMapSchema = z.object({
  module: z.string(),
  board: z.number().int(),
  chipTempsC: z.array(z.number()),
  chipVoltages: z.array(z.number()),
  medianTempC: z.number().optional(),
  medianVoltage: z.number().optional(),
  outliers: z.array(ChipOutlierSchema),
});
export type BoardHeatMap = z.infer<typeof BoardHeatMapSchema>;

export const PoolProbeSchema = z.object({
  /** The pool's index on the device. */
  index: z.number().int(),
  url: z.string(),
  reachable: z.boolean(),
  /** TCP connect time, ms. */
  connectMs: z.number().optional(),
  /** Round trip of mining.subscribe, ms: the pool's own answer time. */
  subscribeMs: z.number().optional(),
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
});
export type PoolProbe = z.infer<typeof PoolProbeSchema>;

export const ExposureProbeSchema = z.object({
  /** What Hearth sent: always a read-only command. */
  sent: z.string(),
  /** The device's answer: may this client run device-changing commands? */
  access: z.enum(['allowed', 'denied', 'unknown']),
  detail: z.string(),
});
export type ExposureProbe = z.infer<typeof ExposureProbeSchema>;

export const HealthReportSchema = z.object({
  formatVersion: z.literal(1),
  /** "host:port" of the device. */
  deviceId: z.string(),
  generatedAt: z.number(),
  /** Poll time of the snapshot the report is built on; absent when the device could not be read. */
  takenAt: z.number().optional(),
  modelId: z.string(),
  modelName: z.string().optional(),
  firmware: z.string().optional(),
  /** The worst status among the checks ('unknown' counts below 'warn'). */
  overall: HealthStatusSchema,
  checks: z.array(HealthCheckSchema),
  decodedErrors: z.array(DecodedErrorSchema),
  heatMaps: z.array(BoardHeatMapSchema),
  poolProbes: z.array(PoolProbeSchema).optional(),
  exposureProbe: ExposureProbeSchema.optional(),
  pollError: DeviceErrorSchema.optional(),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

export const BundleFileSchema = z.object({
  path: z.string(),
  bytes: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BundleFile = z.infer<typeof BundleFileSchema>;

export const BUNDLE_FORMAT = 'hearth-support-bundle';

export const BundleManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(1),
  createdAt: z.number(),
  appVersion: z.string(),
  os: z.object({ platform: z.string(), release: z.string(), arch: z.string(), node: z.string() }),
  device: z.object({
    id: z.string(),
    modelId: z.string(),
    product: z.string().optional(),
    firmware: z.string().optional(),
  }),
  redaction: z.object({
    /** Pool and web passwords, auth headers and other secret-looking fields: always on. */
    secrets: z.literal(true),
    /** Wallet addresses used as worker names shortened to their first and last characters. */
    walletWorkers: z.boolean(),
  }),
  /** Things the export could not include, and why (e.g. "device logs: wrong web password"). */
  notes: z.array(z.string()),
  /** Every other file of the bundle, with its size and SHA-256. */
  files: z.array(BundleFileSchema),
});
export type BundleManifest = z.infer<typeof BundleManifestSchema>;

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const LogEntrySchema = z.object({
  /** Unix ms. */
  t: z.number(),
  level: LogLevelSchema,
  /** The part of the app that wrote it, e.g. "fleet", "diagnostics". */
  scope: z.string(),
  msg: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

export const LogQuerySchema = z.object({
  /** Entries at this level or above. */
  minLevel: LogLevelSchema.optional(),
  /** Unix ms, inclusive. */
  from: z.number().optional(),
  to: z.number().optional(),
  /** Case-insensitive text searched in the scope, the message and the data. */
  text: z.string().max(200).optional(),
  /** The newest `limit` entries that match; default 500. */
  limit: z.number().int().min(1).max(10_000).optional(),
});
export type LogQuery = z.infer<typeof LogQuerySchema>;
