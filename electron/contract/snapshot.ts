// The decoded state of one AvalonMiner at one poll. Produced by the core's
// Avalon parsers, carried to the renderer unchanged. Units are in the names:
// Ghs = GH/s, C = degrees Celsius, W = watts, S = seconds, Ms = milliseconds.
// A field the device did not report is absent (never 0), so the UI can tell
// "not reported" from "zero".
import { z } from 'zod';

export const DeviceIdentitySchema = z.object({
  /** Catalog id (see electron/core/avalon/models.ts), or 'unknown'. */
  modelId: z.string(),
  /** The catalog's display name ("Avalon Nano 3"), where the model is known: firmwares report odd names ("Avalon0o"). */
  modelName: z.string().optional(),
  /** `PROD` as the device reports it, e.g. "AvalonMiner 15-194", "Avalon Q". */
  product: z.string().optional(),
  /** `MODEL` as the device reports it, e.g. "15-194", "Q", "0o3". */
  modelCode: z.string().optional(),
  /** Firmware `VERSION` (or `CGVERSION`/`LVERSION` where VERSION is absent). */
  firmware: z.string().optional(),
  hwType: z.string().optional(),
  swType: z.string().optional(),
  cgminerVersion: z.string().optional(),
  apiVersion: z.string().optional(),
  dna: z.string().optional(),
  mac: z.string().optional(),
});
export type DeviceIdentity = z.infer<typeof DeviceIdentitySchema>;

export const SummarySchema = z.object({
  elapsedS: z.number().optional(),
  ghs5s: z.number().optional(),
  ghs1m: z.number().optional(),
  ghs15m: z.number().optional(),
  ghsAvg: z.number().optional(),
  accepted: z.number().optional(),
  rejected: z.number().optional(),
  stale: z.number().optional(),
  hardwareErrors: z.number().optional(),
  /** Device Hardware% as reported. */
  hardwarePercent: z.number().optional(),
  bestShare: z.number().optional(),
  difficultyAccepted: z.number().optional(),
  difficultyRejected: z.number().optional(),
  foundBlocks: z.number().optional(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const PoolSchema = z.object({
  index: z.number(),
  url: z.string(),
  /** Worker name as reported; pool passwords are never part of a snapshot. */
  user: z.string().optional(),
  /** e.g. "Alive", "Dead", "Disabled" as reported. */
  status: z.string(),
  priority: z.number().optional(),
  active: z.boolean().optional(),
  accepted: z.number().optional(),
  rejected: z.number().optional(),
  stale: z.number().optional(),
  difficulty: z.number().optional(),
  lastShareTime: z.number().optional(),
  bestShare: z.number().optional(),
});
export type Pool = z.infer<typeof PoolSchema>;

export const BoardSchema = z.object({
  index: z.number(),
  ghs: z.number().optional(),
  tempMaxC: z.number().optional(),
  tempAvgC: z.number().optional(),
  voltageAvg: z.number().optional(),
  /** Per-chip temperatures (PVT_T<n>), where the model reports them. */
  chipTempsC: z.array(z.number()).optional(),
  /** Per-chip voltages (PVT_V<n>) in the device's unit (mV-ish, as reported). */
  chipVoltages: z.array(z.number()).optional(),
  /** ECHU entry for this board: the raw error code, decoded by diagnostics. */
  errorCode: z.number().optional(),
});
export type Board = z.infer<typeof BoardSchema>;

export const ModuleStateSchema = z.enum(['init', 'work', 'idle', 'fault', 'unknown']);
export type ModuleState = z.infer<typeof ModuleStateSchema>;

export const ModuleSchema = z.object({
  /** The stats key the module came from: "MM ID0", "MM ID0:Summary", ... */
  key: z.string(),
  /** `Ver[...]` */
  version: z.string().optional(),
  dna: z.string().optional(),
  state: ModuleStateSchema,
  hashBoardCount: z.number().optional(),
  elapsedS: z.number().optional(),
  ghsSpd: z.number().optional(),
  ghsMm: z.number().optional(),
  ghsAvg: z.number().optional(),
  /** Inlet / ambient temperature (ITemp or Temp). */
  tempInletC: z.number().optional(),
  tempOutletC: z.number().optional(),
  tempMaxC: z.number().optional(),
  tempAvgC: z.number().optional(),
  tempTargetC: z.number().optional(),
  fansRpm: z.array(z.number()),
  fanPercent: z.number().optional(),
  /** Wall power in watts, read from the model-specific position (see docs). */
  powerW: z.number().optional(),
  workMode: z.number().optional(),
  workLevel: z.number().optional(),
  frequencyMhz: z.number().optional(),
  softOff: z.number().optional(),
  led: z.string().optional(),
  /** ECHU (one per board) and ECMM (control board) raw codes. */
  errorCodes: z.object({ echu: z.array(z.number()), ecmm: z.array(z.number()) }),
  boards: z.array(BoardSchema),
  /** Every `Key[value]` item as sent, unknown keys included. */
  raw: z.record(z.string(), z.string()),
});
export type Module = z.infer<typeof ModuleSchema>;

export const DerivedSchema = z.object({
  powerW: z.number().optional(),
  /** Joules per terahash from power and the 1-minute (else average) hashrate. */
  jPerTh: z.number().optional(),
  /** Reported hashrate / catalog nominal, 1.0 = nominal. */
  hashrateVsNominal: z.number().optional(),
  hottestC: z.number().optional(),
  fansRpm: z.array(z.number()),
});
export type Derived = z.infer<typeof DerivedSchema>;

export const DeviceSnapshotSchema = z.object({
  /** Unix ms at which the poll completed. */
  takenAt: z.number(),
  identity: DeviceIdentitySchema,
  summary: SummarySchema,
  pools: z.array(PoolSchema),
  modules: z.array(ModuleSchema),
  derived: DerivedSchema,
  /** Parsed replies per command, for the raw view. */
  raw: z.record(z.string(), z.unknown()),
  /** Things the parser noticed but could not use (malformed items, etc.). */
  warnings: z.array(z.string()),
});
export type DeviceSnapshot = z.infer<typeof DeviceSnapshotSchema>;
