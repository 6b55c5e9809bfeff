// Schemas shared by several parts of the contract (kept apart so that the
// per-domain contract files and api.ts can all import them without a cycle).
import { z } from 'zod';

export const HostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'a host name or IP address');
export const PortSchema = z.number().int().min(1).max(65535);
export const DeviceIdSchema = z.string().min(1).max(300);
export const EmptyParamsSchema = z.object({}).strict();

/** One request's schemas: what the renderer sends and what it gets back. */
export interface RequestSpec {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
  /** How long a client should wait for the answer, when longer than its default (the request talks to devices). */
  readonly timeoutMs?: number;
}
