// Alerts: the rules that watch the fleet, the alerts they raise and clear,
// and the outgoing webhook channels (Telegram, Discord, ntfy) with quiet
// hours. Defaults and the reasons for them: docs/alerts.md.
import { z } from 'zod';

export const AlertKindSchema = z.enum([
  'offline', // polls have failed for a while
  'overheat', // chips hotter than the device's target allows, or than Hearth's limit
  'fan-stopped', // a fan at 0 rpm while the device is not in standby
  'board-error', // a hash board reports an error code
  'pool-down', // no pool is alive and in use
  'hashrate-low', // below a share of the model's rated hash rate, with nothing else explaining it
  'hw-errors', // hardware-error rate over the last minutes above a limit
  'rebooted', // uptime went backwards: the device restarted
]);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export const AlertSeveritySchema = z.enum(['critical', 'warning', 'info']);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;

export const AlertSchema = z.object({
  /** Unique per raise: "<deviceId>|<kind>|<raisedAt>". */
  id: z.string(),
  kind: AlertKindSchema,
  severity: AlertSeveritySchema,
  deviceId: z.string(),
  /** Nickname, else host:port, as it was when the alert was raised. */
  deviceName: z.string(),
  raisedAt: z.number(),
  clearedAt: z.number().optional(),
  /** The measurement that raised it, in the unit of `threshold` (°C, rpm, share of nominal, %, s). */
  value: z.number().optional(),
  threshold: z.number().optional(),
  /** One line of plain English, for webhooks and the event history. */
  message: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;

/** What the engine emits; the history store keeps these as events. */
export const AlertEventSchema = z.object({
  type: z.enum(['raised', 'cleared']),
  at: z.number(),
  alert: AlertSchema,
});
export type AlertEvent = z.infer<typeof AlertEventSchema>;

const seconds = z.number().int().min(0).max(7 * 86400);
const enabled = z.boolean().default(true);

/** Thresholds per rule; every field has a default (docs/alerts.md says why). */
export const AlertRulesSchema = z.object({
  offline: z
    .object({ enabled, failedPolls: z.number().int().min(1).max(1000).default(3), afterS: seconds.default(300), clearHoldS: seconds.default(60) })
    .prefault({}),
  overheat: z
    .object({
      enabled,
      /** Raise when the chips' average exceeds the device's own target (TarT) by this much. */
      overTargetC: z.number().min(1).max(50).default(10),
      /** Raise when the hottest reading reaches this, whatever the target. */
      limitC: z.number().min(40).max(150).default(100),
      /** Clear only once below the raise point by this much. */
      hysteresisC: z.number().min(0).max(30).default(5),
      holdS: seconds.default(60),
      clearHoldS: seconds.default(120),
    })
    .prefault({}),
  fanStopped: z.object({ enabled, holdS: seconds.default(30), clearHoldS: seconds.default(60) }).prefault({}),
  boardError: z.object({ enabled, holdS: seconds.default(60), clearHoldS: seconds.default(120) }).prefault({}),
  poolDown: z.object({ enabled, holdS: seconds.default(120), clearHoldS: seconds.default(60) }).prefault({}),
  hashrateLow: z
    .object({
      enabled,
      /** Raise below this share of the rated hash rate (1.0 = rated). */
      belowShare: z.number().min(0.05).max(1).default(0.8),
      /** Clear above this share. */
      clearAboveShare: z.number().min(0.05).max(1.2).default(0.85),
      holdS: seconds.default(600),
      clearHoldS: seconds.default(300),
    })
    .prefault({}),
  hwErrors: z
    .object({
      enabled,
      /** Hardware errors as a percentage of hardware errors + diff-1 work, over the window. */
      abovePercent: z.number().min(0.001).max(100).default(1),
      windowS: z.number().int().min(60).max(86400).default(900),
      holdS: seconds.default(0),
      clearHoldS: seconds.default(600),
    })
    .prefault({}),
  rebooted: z
    .object({
      enabled,
      /** The alert stays until the device has been up this long again. */
      settleS: seconds.default(600),
    })
    .prefault({}),
});
export type AlertRules = z.infer<typeof AlertRulesSchema>;

export const ChannelIdSchema = z.enum(['telegram', 'discord', 'ntfy']);
export type ChannelId = z.infer<typeof ChannelIdSchema>;

const httpUrl = z.string().max(2048).refine((s) => {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}, 'must be an http(s) URL without user:password');

/**
 * Channel settings. Secrets are not here: the Telegram bot token, the Discord
 * webhook URL (its path holds the webhook token) and the ntfy access token
 * live in the SecretStore under SECRET_KEYS.
 */
export const TelegramSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Numeric chat id or "@channelname". */
  chatId: z.string().min(1).max(64).regex(/^(-?\d+|@[A-Za-z0-9_]{4,})$/, 'a numeric chat id or @channelname'),
  apiBaseUrl: httpUrl.default('https://api.telegram.org'),
});
export const DiscordSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Name the messages are posted under. */
  username: z.string().min(1).max(80).default('Hearth'),
});
export const NtfySettingsSchema = z.object({
  enabled: z.boolean().default(false),
  serverUrl: httpUrl.default('https://ntfy.sh'),
  /** ntfy topics are public to whoever knows the name: pick an unguessable one. */
  topic: z.string().min(1).max(64).regex(/^[-_A-Za-z0-9]+$/, 'letters, digits, - and _ only'),
});

export const QuietHoursSchema = z.object({
  enabled: z.boolean().default(false),
  /** "HH:MM", local time in `timeZone`; a window may wrap past midnight. */
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('22:00'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('07:00'),
  /** IANA zone, e.g. "Europe/Berlin"; the host passes the system zone by default. */
  timeZone: z.string().min(1).max(64).default('UTC'),
  /** Critical alerts (overheating, a stopped fan) still go out during quiet hours. */
  letCriticalThrough: z.boolean().default(true),
  /** Send one summary of what was held back when quiet hours end. */
  summaryAtEnd: z.boolean().default(true),
});
export type QuietHours = z.infer<typeof QuietHoursSchema>;

export const AlertSettingsSchema = z.object({
  rules: AlertRulesSchema.prefault({}),
  telegram: TelegramSettingsSchema.optional(),
  discord: DiscordSettingsSchema.optional(),
  ntfy: NtfySettingsSchema.optional(),
  quietHours: QuietHoursSchema.prefault({}),
  /** Least severity sent to webhooks; every alert is still recorded. */
  minSeverity: AlertSeveritySchema.default('warning'),
});
export type AlertSettings = z.infer<typeof AlertSettingsSchema>;

/** Keys under which channel secrets are stored. */
export const SECRET_KEYS = {
  telegram: 'alerts.telegram.botToken',
  discord: 'alerts.discord.webhookUrl',
  ntfy: 'alerts.ntfy.accessToken',
} as const satisfies Record<ChannelId, string>;

export const DeliveryStateSchema = z.enum(['idle', 'sending', 'ok', 'failed', 'not-configured']);

/** How the last deliveries to one channel went, for the settings page. */
export const DeliveryStatusSchema = z.object({
  channel: ChannelIdSchema,
  state: DeliveryStateSchema,
  lastAttemptAt: z.number().optional(),
  lastSuccessAt: z.number().optional(),
  /** Attempts made for the last message (1 = delivered or failed at once). */
  attempts: z.number().int().min(0),
  /** HTTP status of the last reply, where there was one. */
  httpStatus: z.number().int().optional(),
  /** Why the last message failed; never contains a token. */
  error: z.string().optional(),
  /** Messages given up on since start. */
  failedCount: z.number().int().min(0),
});
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

export const SecretProtectionSchema = z.enum(['os', 'plain-file', 'memory', 'none']);
export type SecretProtection = z.infer<typeof SecretProtectionSchema>;

/** What the settings page shows: active alerts, channel health, which secrets are set (never their values). */
export const AlertsOverviewSchema = z.object({
  active: z.array(AlertSchema),
  delivery: z.array(DeliveryStatusSchema),
  secretsSet: z.record(ChannelIdSchema, z.boolean()),
  /** How tokens are protected on this host; 'none' = they cannot be saved (headless without opt-in). */
  secretProtection: SecretProtectionSchema,
  /** Quiet hours are in effect now. */
  quiet: z.boolean(),
});
export type AlertsOverview = z.infer<typeof AlertsOverviewSchema>;

/** Stores (value) or removes (null) a channel's secret. */
export const SetChannelSecretParamsSchema = z.object({
  channel: ChannelIdSchema,
  value: z.string().min(1).max(4096).nullable(),
});
export type SetChannelSecretParams = z.infer<typeof SetChannelSecretParamsSchema>;

export const TestChannelParamsSchema = z.object({ channel: ChannelIdSchema });

export const TestChannelResultSchema = z.object({
  ok: z.boolean(),
  attempts: z.number().int().min(0),
  httpStatus: z.number().int().optional(),
  error: z.string().optional(),
});
export type TestChannelResult = z.infer<typeof TestChannelResultSchema>;

/** The optional Prometheus endpoint (issue 6, export): off and loopback-only by default. */
export const MetricsSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  host: z.string().min(1).max(255).default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(9745),
  /** Needed to bind a non-loopback address; the endpoint has no authentication. */
  allowNonLoopback: z.boolean().default(false),
});
export type MetricsSettings = z.infer<typeof MetricsSettingsSchema>;

// ---- Requests and events of the alerts feature (electron/core/app/alerts.ts) ----

/** Whether the Prometheus endpoint runs, and where. */
export const MetricsStateSchema = z.object({
  state: z.enum(['off', 'running', 'failed']),
  url: z.string().optional(),
  error: z.string().optional(),
});
export type MetricsState = z.infer<typeof MetricsStateSchema>;

export const AlertsSettingsViewSchema = z.object({
  alerts: AlertSettingsSchema,
  metrics: MetricsSettingsSchema,
  metricsState: MetricsStateSchema,
});
export type AlertsSettingsView = z.infer<typeof AlertsSettingsViewSchema>;

/** One raise or clear as the hosts receive it; `desktop` = show a desktop notification now (severity and quiet hours applied). */
export const AlertNoticeSchema = AlertEventSchema.extend({ desktop: z.boolean() });
export type AlertNotice = z.infer<typeof AlertNoticeSchema>;

export const AlertsChangedSchema = z.object({
  active: z.array(AlertSchema),
  /** The raises and clears of this evaluation, clears first. */
  events: z.array(AlertNoticeSchema),
});
export type AlertsChanged = z.infer<typeof AlertsChangedSchema>;

/** A raise or clear from the event history. */
export const AlertHistoryEntrySchema = z.object({
  id: z.number().int(),
  type: z.enum(['raised', 'cleared']),
  at: z.number(),
  alert: AlertSchema,
});
export type AlertHistoryEntry = z.infer<typeof AlertHistoryEntrySchema>;

export const alertsRequests = {
  'alerts.overview': { params: z.object({}).strict(), result: AlertsOverviewSchema },
  'alerts.settings.get': { params: z.object({}).strict(), result: AlertsSettingsViewSchema },
  'alerts.settings.set': {
    params: z.object({ alerts: AlertSettingsSchema.optional(), metrics: MetricsSettingsSchema.optional() }).strict(),
    result: AlertsSettingsViewSchema,
  },
  'alerts.secret.set': { params: SetChannelSecretParamsSchema.strict(), result: z.object({ secretsSet: z.record(ChannelIdSchema, z.boolean()) }) },
  'alerts.test': { params: TestChannelParamsSchema.strict(), result: TestChannelResultSchema, timeoutMs: 120_000 },
  'alerts.history': {
    params: z
      .object({
        deviceId: z.string().min(1).max(300).optional(),
        beforeId: z.number().int().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    result: z.array(AlertHistoryEntrySchema),
  },
} as const;

export const alertsEvents = {
  'alerts.changed': AlertsChangedSchema,
  'alerts.delivery': z.array(DeliveryStatusSchema),
} as const;
