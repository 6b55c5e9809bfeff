// The one contract between the core and the renderer. Every request and event
// is described here by a schema; both transports (Electron IPC and the headless
// server's WebSocket) validate against these schemas on the core side, so the
// renderer never learns which transport it has.
import { z } from 'zod';
import {
  DeviceRecordSchema,
  DiscoveredHostSchema,
  FleetDeltaSchema,
  FleetDeviceSchema,
  FleetSyncSchema,
  SampleSchema,
  ScanProgressSchema,
} from './fleet.js';

import { DeviceIdSchema, EmptyParamsSchema as Empty, HostSchema, PortSchema } from './common.js';
import { tuningEvents, tuningRequests } from './tuning.js';
import { diagnosticsEvents, diagnosticsRequests } from './diagnostics.js';
import { earningsEvents, earningsRequests } from './earnings.js';
import { usbEvents, usbRequests } from './usb.js';
import { historyEvents, historyRequests } from './history.js';
import { alertsEvents, alertsRequests } from './alerts.js';

export const SettingsSchema = z.object({
  pollIntervalMs: z.number().int().min(1000).max(600_000),
  language: z.enum(['en', 'zh-CN']),
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  /** Which host runs the core: the desktop app or the headless server. */
  host: z.enum(['electron', 'server']),
  demo: z.boolean(),
  platform: z.string(),
  /** Data files found unusable at start and kept aside under a new name, so the UI can tell the user. */
  storageProblems: z.array(z.object({ file: z.string(), movedTo: z.string(), reason: z.string() })).optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Read-only commands the raw view may send; device-changing ones are not here. */
export const ReadOnlyCommandSchema = z.enum([
  'version',
  'summary',
  'pools',
  'devs',
  'edevs',
  'stats',
  'estats',
  'config',
  'devdetails',
  'coin',
  'litestats',
]);
export type ReadOnlyCommand = z.infer<typeof ReadOnlyCommandSchema>;

/** The fleet's own requests: method name -> params and result schemas. */
const fleetRequests = {
  'app.info': { params: Empty, result: AppInfoSchema },
  'settings.get': { params: Empty, result: SettingsSchema },
  'settings.set': { params: SettingsSchema.partial().strict(), result: SettingsSchema },
  'fleet.list': { params: Empty, result: z.array(FleetDeviceSchema) },
  /** The fleet with the seq of the last fleet.delta it includes: where a client starts applying deltas. */
  'fleet.sync': { params: Empty, result: FleetSyncSchema },
  'device.get': {
    params: z.object({ id: DeviceIdSchema }).strict(),
    result: FleetDeviceSchema,
  },
  'device.history': {
    params: z.object({ id: DeviceIdSchema, sinceMs: z.number().optional() }).strict(),
    result: z.array(SampleSchema),
  },
  'device.add': {
    params: z
      .object({
        host: HostSchema,
        port: PortSchema.optional(),
        nickname: z.string().trim().max(64).optional(),
        location: z.string().trim().max(64).optional(),
      })
      .strict(),
    result: DeviceRecordSchema,
  },
  'device.update': {
    params: z
      .object({
        id: DeviceIdSchema,
        nickname: z.string().trim().max(64).optional(),
        location: z.string().trim().max(64).optional(),
      })
      .strict(),
    result: DeviceRecordSchema,
  },
  'device.remove': {
    params: z.object({ id: DeviceIdSchema }).strict(),
    result: z.object({ removed: z.boolean() }),
  },
  'device.raw': {
    params: z
      .object({ id: DeviceIdSchema, command: ReadOnlyCommandSchema, parameter: z.string().max(64).optional() })
      .strict(),
    result: z.object({ reply: z.unknown() }),
  },
  /** Stops (paused: true) or resumes polling every device; the tray's "Pause polling". */
  'fleet.pause': {
    params: z.object({ paused: z.boolean() }).strict(),
    result: z.object({ paused: z.boolean() }),
  },
  'discovery.start': {
    params: z
      .object({
        /** CIDR ranges, single hosts, or host:port; empty = the machine's own subnets. */
        targets: z.array(z.string().trim().min(1).max(100)).max(64).optional(),
      })
      .strict(),
    result: z.object({ scanId: z.string() }),
  },
  'discovery.cancel': {
    params: z.object({ scanId: z.string() }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  'discovery.adopt': {
    params: z.object({ hosts: z.array(DiscoveredHostSchema.pick({ host: true, port: true })).max(4096) }).strict(),
    result: z.array(DeviceRecordSchema),
  },
} as const;

/**
 * Every request. Each feature keeps its requests in its own contract file
 * (electron/contract/<feature>.ts) and adds them here with one spread.
 */
export const requests = {
  ...fleetRequests,
  ...tuningRequests,
  ...diagnosticsRequests,
  ...earningsRequests,
  ...usbRequests,
  ...historyRequests,
  ...alertsRequests,
} as const;

export type RequestMethod = keyof typeof requests;
export type RequestParams<M extends RequestMethod> = z.input<(typeof requests)[M]['params']>;
export type RequestResult<M extends RequestMethod> = z.infer<(typeof requests)[M]['result']>;

/** Events pushed from the core to every connected renderer; features add theirs with a spread. */
export const events = {
  /** What changed in the fleet, at most twice a second (slim devices: no raw replies). */
  'fleet.delta': FleetDeltaSchema,
  'discovery.progress': ScanProgressSchema,
  'settings.changed': SettingsSchema,
  ...earningsEvents,
  ...diagnosticsEvents,
  ...tuningEvents,
  ...usbEvents,
  ...historyEvents,
  ...alertsEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

/** Error shape that crosses the boundary when a request fails. */
export const ApiErrorSchema = z.object({
  code: z.enum(['invalid-params', 'not-found', 'device', 'internal', 'unknown-method', 'unauthorized']),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** What the renderer holds: the same object over IPC or WebSocket. */
export interface HearthApi {
  request<M extends RequestMethod>(method: M, params: RequestParams<M>): Promise<RequestResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** WebSocket and IPC framing. */
export const WireRequestSchema = z.object({
  id: z.number().int(),
  method: z.string(),
  params: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequestSchema>;
export type WireMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: ApiError }
  | { type: 'event'; event: EventName; payload: unknown };

export { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from './ipc.js';
