// Device tuning and pool management: what can be changed on a model, a change
// request, its outcome, the audit trail and weekly schedules. Secrets (pool
// and web passwords) travel only inside a ChangeRequest; every other schema
// here carries them redacted as "***".
import { z } from 'zod';
import { DeviceIdSchema, EmptyParamsSchema } from './common.js';
import { MessageTextSchema } from './message-text.js';

/** Controls a model may offer (a subset of the catalog's ControlId; pools are PoolOps). */
export const TunableControlSchema = z.enum([
  'workmode',
  'worklevel',
  'fan',
  'target-temp',
  'led',
  'reboot',
  'softoff',
  'softon',
  'freq',
  'voltage',
]);
export type TunableControl = z.infer<typeof TunableControlSchema>;

/**
 * A control's value: a number (mode, level, percent, MHz, ...), 'auto' (fan),
 * 'on' / 'off' (LED), or null for actions without a value (reboot, softoff, softon).
 */
export const ControlValueSchema = z.union([z.number(), z.enum(['auto', 'on', 'off'])]).nullable();
export type ControlValue = z.infer<typeof ControlValueSchema>;

/** What the UI and CLI need to offer one control of one model. */
export const ControlInfoSchema = z.object({
  control: TunableControlSchema,
  /** How the value is given: a named choice, a number in a range, auto-or-percent, on/off, or nothing. */
  input: z.enum(['choice', 'number', 'percent-or-auto', 'on-off', 'action']),
  choices: z.array(z.object({ value: z.number(), name: z.string() })).optional(),
  /** Inclusive range for 'number' and 'percent-or-auto'; absent when only the device knows it. */
  range: z.object({ min: z.number(), max: z.number(), step: z.number().optional() }).optional(),
  unit: z.string().optional(),
  /** Interrupts mining: the user must confirm, naming the device and `effect`. */
  interrupts: z.boolean(),
  /** One line for the confirmation dialog, e.g. "stops hashing until soft on". */
  effect: z.string(),
  /** `effect` as a key, for translation (electron/contract/tuning-messages.ts). */
  effectText: MessageTextSchema.optional(),
  /** 'reboot': the device accepts it now but applies it after its next reboot. */
  takesEffect: z.enum(['now', 'after-reboot']),
  /** False when no reply or stats field shows the setting, so a change cannot be proven. */
  readable: z.boolean(),
  /** Controller-era rigs address one module (1-6) of the rig. */
  needsModule: z.boolean(),
  expert: z.boolean(),
  /** Where the command string and range come from (docs/tuning.md). */
  source: z.string(),
});
export type ControlInfo = z.infer<typeof ControlInfoSchema>;

const poolIndex = z.number().int().min(0).max(2);

/** Pool operations. Passwords are present only in requests, never in results or audit entries. */
export const PoolOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), url: z.string(), user: z.string(), password: z.string() }),
  z.object({ op: z.literal('remove'), index: poolIndex }),
  z.object({ op: z.literal('enable'), index: poolIndex }),
  z.object({ op: z.literal('disable'), index: poolIndex }),
  z.object({ op: z.literal('switch'), index: poolIndex }),
  z.object({ op: z.literal('priority'), order: z.array(poolIndex).min(1).max(3) }),
  /** Writes one pool slot with the web UI's credentials (A10, Nano 3, Nano 3S); needs a reboot. */
  z.object({
    op: z.literal('set'),
    index: poolIndex,
    url: z.string(),
    user: z.string(),
    password: z.string(),
    webUser: z.string(),
    webPassword: z.string(),
  }),
]);
export type PoolOp = z.infer<typeof PoolOpSchema>;
export type PoolOpName = PoolOp['op'];

export const ChangeRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('control'),
    control: TunableControlSchema,
    value: ControlValueSchema,
    /** Controller-era module 1-6 (LED, reboot); ignored elsewhere. */
    module: z.number().int().min(1).max(6).optional(),
    /** The user confirmed an interrupting change (reboot, soft off, work mode, ...). */
    confirmed: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('pool'), pool: PoolOpSchema, confirmed: z.boolean().optional() }),
]);
export type ChangeRequest = z.infer<typeof ChangeRequestSchema>;

export const ChangeStatusSchema = z.enum(['applied', 'not-applied', 'device-refused', 'access-denied', 'unreachable', 'skipped']);
export type ChangeStatus = z.infer<typeof ChangeStatusSchema>;

/** Why a change was not sent at all. */
export const SkipReasonSchema = z.enum(['not-offered', 'invalid-value', 'needs-confirmation', 'pool-limit', 'unknown-model']);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/** A value as read back: a control value, or a short text (pool list summary, LED state). */
export const ObservedSchema = z.union([z.number(), z.string(), z.boolean()]).nullable();
export type Observed = z.infer<typeof ObservedSchema>;

export const ChangeResultSchema = z.object({
  status: ChangeStatusSchema,
  /** One line for people: what happened and, where needed, what to do. */
  message: z.string(),
  /** `message` as a key and parameters, for translation (electron/contract/tuning-messages.ts); the device's words stay parameters. */
  text: MessageTextSchema.optional(),
  /** The device's own STATUS Msg, secrets redacted. */
  deviceMessage: z.string().optional(),
  skipReason: SkipReasonSchema.optional(),
  /** The exact request sent (command and parameter, secrets redacted). */
  sent: z.object({ command: z.string(), parameter: z.string().optional() }).optional(),
  before: ObservedSchema.optional(),
  after: ObservedSchema.optional(),
  /**
   * For 'applied': true when the read-back proved the new state; false when
   * the device accepted the change but nothing can show it yet (voltage, a
   * change that waits for a reboot, a reboot still in progress).
   */
  verified: z.boolean().optional(),
});
export type ChangeResult = z.infer<typeof ChangeResultSchema>;

export const AuditWhoSchema = z.enum(['user', 'schedule']);
export type AuditWho = z.infer<typeof AuditWhoSchema>;

export const AuditEntrySchema = z.object({
  /** Unix ms. */
  at: z.number(),
  deviceId: z.string(),
  modelId: z.string(),
  who: AuditWhoSchema,
  /** "workmode", "fan", ..., or "pools:switch" etc. */
  control: z.string(),
  /** The change as requested, with pool and web passwords replaced by "***". */
  request: ChangeRequestSchema,
  status: ChangeStatusSchema,
  message: z.string(),
  /** `message` as a key, for translation; absent in entries of older versions. */
  text: MessageTextSchema.optional(),
  deviceMessage: z.string().optional(),
  before: ObservedSchema.optional(),
  after: ObservedSchema.optional(),
  verified: z.boolean().optional(),
  /** The schedule that made the change, when who = 'schedule'. */
  scheduleId: z.string().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** Local time of day "HH:MM", 00:00-23:59. */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (00:00-23:59)');

/** What a schedule rule sets: a work mode or level value, or soft off / on. */
export const ScheduleActionSchema = z.discriminatedUnion('control', [
  z.object({ control: z.literal('workmode'), value: z.number().int() }),
  z.object({ control: z.literal('worklevel'), value: z.number().int() }),
  z.object({ control: z.literal('softoff') }),
  z.object({ control: z.literal('softon') }),
]);
export type ScheduleAction = z.infer<typeof ScheduleActionSchema>;

export const ScheduleRuleSchema = z.object({
  /** Days of the week, 0 = Sunday ... 6 = Saturday, in the schedule's time zone. */
  days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  at: LocalTimeSchema,
  action: ScheduleActionSchema,
});
export type ScheduleRule = z.infer<typeof ScheduleRuleSchema>;

export const ScheduleSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(64),
  enabled: z.boolean(),
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: z.string().min(1),
  /** The devices ("host:port") it drives: one device, or a group. */
  deviceIds: z.array(z.string()).min(1),
  rules: z.array(ScheduleRuleSchema).min(1).max(64),
});
export type Schedule = z.infer<typeof ScheduleSchema>;

export const NextChangeSchema = z.object({ at: z.number(), action: ScheduleActionSchema, scheduleId: z.string() });
export type NextChange = z.infer<typeof NextChangeSchema>;

export const BatchProgressSchema = z.object({
  deviceId: z.string(),
  /** 'running' when the device's change starts; 'done' with its result. */
  phase: z.enum(['running', 'done']),
  result: ChangeResultSchema.optional(),
  done: z.number().int(),
  total: z.number().int(),
});
export type BatchProgress = z.infer<typeof BatchProgressSchema>;

/** A batch's progress as the service announces it: which batch, which device, how far. */
export const BatchProgressEventSchema = BatchProgressSchema.extend({ batchId: z.string() });
export type BatchProgressEvent = z.infer<typeof BatchProgressEventSchema>;

export const PoolOpNameSchema = z.enum(['add', 'remove', 'enable', 'disable', 'switch', 'priority', 'set']);

/** What the tuning panel of one device needs: its controls, pool operations, current values, next scheduled change. */
export const DeviceControlsSchema = z.object({
  modelId: z.string(),
  controls: z.array(ControlInfoSchema),
  poolOps: z.array(PoolOpNameSchema),
  /** Each readable control's current value from the latest snapshot (absent when the device does not show it). */
  current: z.record(z.string(), ObservedSchema),
  nextChange: NextChangeSchema.optional(),
});
export type DeviceControls = z.infer<typeof DeviceControlsSchema>;

/** The tuning feature's requests: see docs/tuning.md "Wiring". */
export const tuningRequests = {
  'tuning.controls': {
    params: z.object({ id: DeviceIdSchema }).strict(),
    result: DeviceControlsSchema,
  },
  /** One change on one device; interrupting changes need `confirmed: true` in the request. */
  'tuning.apply': {
    params: z.object({ id: DeviceIdSchema, request: ChangeRequestSchema }).strict(),
    result: ChangeResultSchema,
  },
  /** One change over several devices; progress and results come as tuning.batchProgress events. */
  'tuning.batch': {
    params: z.object({ ids: z.array(DeviceIdSchema).min(1).max(1000), request: ChangeRequestSchema }).strict(),
    result: z.object({ batchId: z.string() }),
  },
  'tuning.audit': {
    params: z.object({ id: DeviceIdSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    result: z.array(AuditEntrySchema),
  },
  'schedules.list': { params: EmptyParamsSchema, result: z.array(ScheduleSchema) },
  'schedules.put': { params: z.object({ schedule: ScheduleSchema }).strict(), result: ScheduleSchema },
  'schedules.remove': { params: z.object({ id: z.string().min(1).max(64) }).strict(), result: z.object({ removed: z.boolean() }) },
  /** The next scheduled change of one device, if any schedule drives it. */
  'schedules.next': {
    params: z.object({ id: DeviceIdSchema }).strict(),
    result: z.object({ next: NextChangeSchema.optional() }),
  },
} as const;

export const tuningEvents = {
  'tuning.batchProgress': BatchProgressEventSchema,
  /** Every audited change (manual, batch or scheduled), as it is written. */
  'tuning.audited': AuditEntrySchema,
} as const;
