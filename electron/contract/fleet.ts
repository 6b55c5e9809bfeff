// Devices as the fleet knows them: what the user saved, and what the last
// polls found.
import { z } from 'zod';
import { DeviceIdSchema } from './common.js';
import { DeviceSnapshotSchema } from './snapshot.js';

/** Typed failure kinds of the CGMiner API client, shared with the UI. */
export const DeviceErrorKindSchema = z.enum([
  'refused', // TCP connection refused
  'timeout', // connect or read took too long
  'unreachable', // no route, host down, DNS failure
  'reset', // connection reset mid-reply
  'too-large', // reply exceeded the size cap
  'invalid-reply', // bytes that are not a CGMiner reply, even after repair
  'not-cgminer', // a reply, but no STATUS section
  'not-avalon', // a CGMiner, but version does not identify an Avalon
  'status-error', // STATUS E/F from the device
  'access-denied', // privileged command refused (code 45)
]);
export type DeviceErrorKind = z.infer<typeof DeviceErrorKindSchema>;

export const DeviceErrorSchema = z.object({
  kind: DeviceErrorKindSchema,
  message: z.string(),
  /** CGMiner STATUS code where the device sent one. */
  code: z.number().optional(),
});
export type DeviceError = z.infer<typeof DeviceErrorSchema>;

export const DeviceSourceSchema = z.enum(['scan', 'manual', 'demo', 'usb']);

/** What is saved on disk about a device. `id` is "host:port". */
export const DeviceRecordSchema = z.object({
  id: z.string(),
  host: z.string(),
  port: z.number().int().min(1).max(65535),
  nickname: z.string().max(64).optional(),
  location: z.string().max(64).optional(),
  source: DeviceSourceSchema,
  addedAt: z.number(),
});
export type DeviceRecord = z.infer<typeof DeviceRecordSchema>;

/**
 * online: the last poll succeeded.
 * stale: polls fail, but the last success is recent (within a few intervals).
 * offline: polls have failed for longer; polled again with back-off.
 * unknown: not polled yet.
 */
export const DeviceStatusSchema = z.enum(['online', 'stale', 'offline', 'unknown']);
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;

export const FleetDeviceSchema = z.object({
  record: DeviceRecordSchema,
  status: DeviceStatusSchema,
  lastError: DeviceErrorSchema.optional(),
  /** Last successful snapshot, kept while stale/offline so the UI can show it. */
  snapshot: DeviceSnapshotSchema.optional(),
  lastSuccessAt: z.number().optional(),
  lastPollAt: z.number().optional(),
  /** How long the last poll took, ms. */
  lastPollMs: z.number().optional(),
  consecutiveFailures: z.number(),
});
export type FleetDevice = z.infer<typeof FleetDeviceSchema>;

/**
 * The fleet's changes since the previous delta: devices added or changed (each
 * whole, slim as in fleet.list) and the ids of devices no longer watched.
 * `seq` counts deltas from 1 without gaps, so a client that sees one skipped
 * has missed a change and reloads the whole fleet with fleet.sync.
 */
export const FleetDeltaSchema = z.object({
  seq: z.number().int().positive(),
  upserted: z.array(FleetDeviceSchema),
  removed: z.array(DeviceIdSchema),
});
export type FleetDelta = z.infer<typeof FleetDeltaSchema>;

/** The whole fleet as of delta `seq` (0 before the first); later deltas apply on top. */
export const FleetSyncSchema = z.object({
  seq: z.number().int().nonnegative(),
  devices: z.array(FleetDeviceSchema),
});
export type FleetSync = z.infer<typeof FleetSyncSchema>;

/** One point of the live history kept for charts. */
export const SampleSchema = z.object({
  t: z.number(),
  ghs: z.number().optional(),
  tempMaxC: z.number().optional(),
  powerW: z.number().optional(),
  fanRpm: z.number().optional(),
});
export type Sample = z.infer<typeof SampleSchema>;

export const DiscoveredHostSchema = z.object({
  host: z.string(),
  port: z.number(),
  product: z.string().optional(),
  modelId: z.string(),
  firmware: z.string().optional(),
  mac: z.string().optional(),
  alreadyKnown: z.boolean(),
});
export type DiscoveredHost = z.infer<typeof DiscoveredHostSchema>;

export const ScanProgressSchema = z.object({
  scanId: z.string(),
  /** What is being scanned, as the user typed it or as derived from interfaces. */
  targets: z.array(z.string()),
  total: z.number(),
  probed: z.number(),
  found: z.array(DiscoveredHostSchema),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  error: z.string().optional(),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;
