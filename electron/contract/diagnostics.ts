// Diagnostics for support staff: the health report of one device, decoded
// error codes, the support bundle's manifest, and the app's structured logs.
// Produced by electron/core/diagnostics, shown by the renderer unchanged.
// Sources for every decoded code: docs/diagnostics.md.
import { z } from 'zod';
import { DeviceIdSchema, EmptyParamsSchema } from './common.js';
import { MessageTextSchema } from './message-text.js';
import { DeviceErrorSchema, DeviceStatusSchema, SampleSchema } from './fleet.js';
import { DeviceSnapshotSchema } from './snapshot.js';

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
  /** The same texts as keys and parameters, for the window to translate (electron/contract/health-messages.ts); absent in reports of older versions. */
  titleText: MessageTextSchema.optional(),
  explanationText: MessageTextSchema.optional(),
  nextStepText: MessageTextSchema.optional(),
  /** Each `details` key (an English label) as a keyed label; and the values Hearth worded (e.g. "reachable, 12 ms") as keyed texts. */
  detailLabels: z.record(z.string(), MessageTextSchema).optional(),
  detailValues: z.record(z.string(), MessageTextSchema).optional(),
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
  /** `meaning` as a key, for translation. */
  meaningText: MessageTextSchema.optional(),
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

/** Stages of a health check or an export, announced as they start; then 'done' or 'failed'. */
export const DiagnosticsStepSchema = z.enum(['reading', 'pools', 'exposure', 'device-logs', 'app-logs', 'packing', 'done', 'failed']);
export type DiagnosticsStep = z.infer<typeof DiagnosticsStepSchema>;

export const DiagnosticsProgressSchema = z.object({
  deviceId: z.string(),
  job: z.enum(['health', 'export']),
  step: DiagnosticsStepSchema,
});
export type DiagnosticsProgress = z.infer<typeof DiagnosticsProgressSchema>;

/** What happened to a device while the app watched it: kept for support bundles. */
export const DeviceEventSchema = z.object({
  t: z.number(),
  deviceId: z.string(),
  kind: z.enum(['added', 'removed', 'status', 'error']),
  message: z.string(),
  status: DeviceStatusSchema.optional(),
  error: DeviceErrorSchema.optional(),
});
export type DeviceEvent = z.infer<typeof DeviceEventSchema>;

/** A support bundle's contents, as `openSupportBundle` returns them. */
export const OpenedBundleSchema = z.object({
  manifest: BundleManifestSchema,
  report: HealthReportSchema,
  snapshot: DeviceSnapshotSchema.optional(),
  history: z.array(SampleSchema),
  events: z.array(z.unknown()),
  auditLog: z.array(z.unknown()),
  appLogs: z.array(LogEntrySchema),
  rawReplies: z.record(z.string(), z.string()),
  rawErrors: z.record(z.string(), DeviceErrorSchema),
  deviceLogs: z.record(z.string(), z.string()),
});
export type OpenedBundleContents = z.infer<typeof OpenedBundleSchema>;

/**
 * The largest bundle the window can send or receive: it crosses the
 * WebSocket as base64 (4/3 larger), inside the server's frame cap. Real
 * bundles are far smaller (a few hundred kB); `hearth open` reads larger ones
 * from disk directly (up to the reader's own 64 MiB cap).
 */
export const MAX_UI_BUNDLE_BYTES = 8 * 1024 * 1024;
export const MAX_UI_BUNDLE_BASE64_CHARS = Math.ceil(MAX_UI_BUNDLE_BYTES / 3) * 4;
const BundleBase64Schema = z
  .string()
  .min(1)
  .max(MAX_UI_BUNDLE_BASE64_CHARS, `a bundle opened in the window may be at most ${MAX_UI_BUNDLE_BYTES / (1024 * 1024)} MiB; open larger ones with \`hearth open <file>\``)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text');

export const NamedBundleSchema = z.object({ name: z.string(), bundle: OpenedBundleSchema });
export type NamedBundle = z.infer<typeof NamedBundleSchema>;

export const LogQueryResultSchema = z.object({
  entries: z.array(LogEntrySchema),
  /** Lines that were not log entries (torn writes, foreign text). */
  skipped: z.number().int(),
  /** Names of log files larger than the read cap, of which only the end was read. */
  truncatedFiles: z.array(z.string()),
});

/** Health checks and exports talk to the device (and its pools, and its web server): minutes, not seconds, in the worst case. */
const LONG_REQUEST_MS = 120_000;

export const diagnosticsRequests = {
  /** User-started: reads the device, tests its pools from here (connect + subscribe), asks it read-only whether it accepts changes from here. */
  'diagnostics.runHealthCheck': {
    params: z.object({ id: DeviceIdSchema }).strict(),
    result: HealthReportSchema,
    timeoutMs: LONG_REQUEST_MS,
  },
  /** The last report run in this session, or null. */
  'diagnostics.lastReport': {
    params: z.object({ id: DeviceIdSchema }).strict(),
    result: HealthReportSchema.nullable(),
  },
  /** Builds a support bundle; the window saves the bytes (it cannot write files). */
  'diagnostics.exportBundle': {
    params: z
      .object({
        id: DeviceIdSchema,
        /** The device's web password, for its own logs: used once, never stored, scrubbed from the bundle. */
        webPassword: z.string().max(64).optional(),
        redactWalletWorkers: z.boolean().optional(),
      })
      .strict(),
    result: z.object({ fileName: z.string(), base64: z.string(), bytes: z.number().int(), manifest: BundleManifestSchema }),
    timeoutMs: LONG_REQUEST_MS,
  },
  /** Opens a bundle read-only, in memory; a bad one is refused with the reason (details.kind). */
  'diagnostics.openBundle': {
    params: z.object({ name: z.string().trim().min(1).max(255), base64: BundleBase64Schema }).strict(),
    result: NamedBundleSchema,
  },
  /** The bundle given to `hearth open <file>`, or null. */
  'diagnostics.startupBundle': { params: EmptyParamsSchema, result: NamedBundleSchema.nullable() },
  'logs.query': { params: LogQuerySchema.strict(), result: LogQueryResultSchema },
} as const;

export const diagnosticsEvents = {
  'diagnostics.progress': DiagnosticsProgressSchema,
} as const;
