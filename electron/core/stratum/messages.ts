// Validation of every Stratum V1 message, in both directions: what a pool may
// send a miner (responses, mining.* and client.* calls) and what a miner may
// send a pool (used by test-pool.ts). Shapes and limits: docs/stratum.md, from
// cgminer's util.c (parse_notify, parse_diff, parse_reconnect, initiate_stratum),
// cpuminer-opt's stratum_parse_extranonce and BIP 310.
import { z } from 'zod';
import { formatZodError } from '../storage/zod-message.js';
import { StratumError } from './errors.js';
import type { NotifyJob } from './work.js';

const hex = (what: string, minBytes: number, maxBytes: number) =>
  z
    .string()
    .regex(/^(?:[0-9a-fA-F]{2})*$/, `${what}: hex bytes`)
    .min(minBytes * 2, `${what}: at least ${minBytes} bytes`)
    .max(maxBytes * 2, `${what}: at most ${maxBytes} bytes`);
const hexExactly = (what: string, bytes: number) => hex(what, bytes, bytes);

/** BIP 310's TMask: 8 hex digits, a 32-bit value. */
const MaskSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}$/, 'a mask is 8 hex digits')
  .transform((s) => Number.parseInt(s, 16) >>> 0);
/** Job ids are echoed back in mining.submit and shown in logs: printable ASCII, bounded. */
const JobIdSchema = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'job id: printable ASCII without spaces');
/** cgminer (initiate_stratum) and cpuminer-opt (stratum_parse_extranonce) accept 2..16. */
const Extranonce2SizeSchema = z.number().int().min(2).max(16);
const Extranonce1Schema = hex('extranonce1', 0, 32);
/** A merkle branch deeper than 32 would need more than 4 billion transactions. */
const MAX_MERKLE_BRANCH = 32;
/** Largest coinb1 / coinb2 accepted (bytes); the line cap bounds them too. */
const MAX_COINBASE_PART = 32 * 1024;

export const NotifyParamsSchema = z
  .tuple([
    JobIdSchema,
    hexExactly('prevhash', 32),
    hex('coinb1', 1, MAX_COINBASE_PART),
    hex('coinb2', 1, MAX_COINBASE_PART),
    z.array(hexExactly('merkle branch', 32)).max(MAX_MERKLE_BRANCH),
    hexExactly('version', 4),
    hexExactly('nbits', 4),
    hexExactly('ntime', 4),
    z.boolean(),
  ])
  .rest(z.unknown())
  .transform(
    ([jobId, prevhash, coinb1, coinb2, merkleBranch, version, nbits, ntime, cleanJobs]): NotifyJob => ({
      jobId,
      prevhash,
      coinb1,
      coinb2,
      merkleBranch,
      version,
      nbits,
      ntime,
      cleanJobs,
    }),
  );

const SetDifficultyParams = z.tuple([z.number().positive().finite()]).rest(z.unknown());
const SetExtranonceParams = z.tuple([Extranonce1Schema, Extranonce2SizeSchema]).rest(z.unknown());
const SetVersionMaskParams = z.union([z.tuple([MaskSchema]).rest(z.unknown()), MaskSchema.transform((m) => [m] as const)]);
const PortLike = z.union([
  z.number().int().min(1).max(65535),
  z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(65535)),
]);
/** client.reconnect(host, port, wait): any may be missing or null, meaning "unchanged" (slush's method table). */
const ReconnectParams = z
  .tuple([z.string().min(1).max(253).nullish(), PortLike.nullish(), z.number().min(0).finite().nullish()])
  .rest(z.unknown());
const ShowMessageParams = z.tuple([z.string().max(1000)]).rest(z.unknown());

export const SubscribeResultSchema = z
  .tuple([z.unknown(), Extranonce1Schema, Extranonce2SizeSchema])
  .rest(z.unknown())
  .transform(([, extranonce1, extranonce2Size]) => ({ extranonce1, extranonce2Size }));

/** BIP 310 result map: "version-rolling" is true, false or an error string; the mask comes with true. */
export const ConfigureResultSchema = z
  .looseObject({
    'version-rolling': z.union([z.boolean(), z.string().max(500)]).optional(),
    'version-rolling.mask': MaskSchema.optional(),
  })
  .transform((r) => {
    const granted = r['version-rolling'] === true;
    if (granted && r['version-rolling.mask'] === undefined) return { versionRolling: false as const, reason: 'no mask in the reply' };
    if (granted) return { versionRolling: true as const, mask: r['version-rolling.mask'] as number };
    const said = r['version-rolling'];
    return { versionRolling: false as const, reason: typeof said === 'string' ? said : 'not supported by the pool' };
  });

/** A pool's error as we report it; slush's form is [code, message, traceback]. */
export interface PoolError {
  code?: number;
  message: string;
}

const PoolErrorSchema = z.union([
  z.tuple([z.number().int(), z.string().max(500)]).rest(z.unknown()).transform(([code, message]): PoolError => ({ code, message })),
  z.looseObject({ code: z.number().int().optional(), message: z.string().max(500) }).transform((e): PoolError => (e.code === undefined ? { message: e.message } : { code: e.code, message: e.message })),
  z.string().max(500).transform((message): PoolError => ({ message })),
]);

const IdSchema = z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().max(64)]);
const EnvelopeSchema = z.looseObject({
  id: IdSchema.nullish(),
  method: z.string().min(1).max(64).optional(),
  params: z.unknown().optional(),
  result: z.unknown().optional(),
  error: z.unknown().optional(),
});

export type RpcId = z.infer<typeof IdSchema>;

export type PoolMessage =
  | { type: 'response'; id: RpcId; result: unknown; error: PoolError | null }
  | { type: 'call'; id: RpcId | null; method: string; params: unknown };

function protocolError(what: string, detail: string): StratumError {
  return new StratumError('protocol', `${what}: ${detail}`);
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw protocolError(what, formatZodError(r.error));
  return r.data;
}

function parseJsonObject(line: string, from: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    throw protocolError(`invalid JSON from ${from}`, `${(e as Error).message} in ${JSON.stringify(line.slice(0, 120))}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw protocolError(`message from ${from}`, 'not a JSON object');
  }
  return value;
}

/** Reads one line from a pool: a response to one of our requests, or a call (notification or request). */
export function parsePoolLine(line: string): PoolMessage {
  const env = parseWith(EnvelopeSchema, parseJsonObject(line, 'the pool'), 'message from the pool');
  if (env.method !== undefined) return { type: 'call', id: env.id ?? null, method: env.method, params: env.params };
  if (env.id === undefined || env.id === null) throw protocolError('message from the pool', 'neither a response (no id) nor a call (no method)');
  const error = env.error === undefined || env.error === null ? null : parseWith(PoolErrorSchema, env.error, `error in reply ${env.id}`);
  return { type: 'response', id: env.id, result: env.result ?? null, error };
}

export type ServerCall =
  | { method: 'mining.notify'; job: NotifyJob }
  | { method: 'mining.set_difficulty'; difficulty: number }
  | { method: 'mining.set_extranonce'; extranonce1: string; extranonce2Size: number }
  | { method: 'mining.set_version_mask'; mask: number }
  | { method: 'client.reconnect'; host?: string; port?: number; waitSeconds?: number }
  | { method: 'client.show_message'; message: string }
  | { method: 'client.get_version' }
  | { method: 'mining.ping' }
  | { method: 'unknown'; name: string };

/** Validates the params of a call from the pool; unknown methods come back as 'unknown' for the caller to log. */
export function parseServerCall(method: string, params: unknown): ServerCall {
  const what = `${method} params`;
  switch (method) {
    case 'mining.notify':
      return { method, job: parseWith(NotifyParamsSchema, params, what) };
    case 'mining.set_difficulty':
      return { method, difficulty: parseWith(SetDifficultyParams, params, what)[0] };
    case 'mining.set_extranonce': {
      const [extranonce1, extranonce2Size] = parseWith(SetExtranonceParams, params, what);
      return { method, extranonce1, extranonce2Size };
    }
    case 'mining.set_version_mask':
      return { method, mask: parseWith(SetVersionMaskParams, params, what)[0] };
    case 'client.reconnect': {
      const [host, port, wait] = parseWith(ReconnectParams, params ?? [], what);
      const call: ServerCall = { method };
      if (host != null) call.host = host;
      if (port != null) call.port = port;
      if (wait != null) call.waitSeconds = wait;
      return call;
    }
    case 'client.show_message':
      return { method, message: parseWith(ShowMessageParams, params, what)[0] };
    case 'client.get_version':
    case 'mining.ping':
      return { method };
    default:
      return { method: 'unknown', name: method };
  }
}

export function parseSubscribeResult(result: unknown): { extranonce1: string; extranonce2Size: number } {
  return parseWith(SubscribeResultSchema, result, 'mining.subscribe result');
}

export function parseConfigureResult(result: unknown): { versionRolling: true; mask: number } | { versionRolling: false; reason: string } {
  return parseWith(ConfigureResultSchema, result, 'mining.configure result');
}

/** mining.authorize, mining.submit and mining.extranonce.subscribe answer true or false (or null with an error). */
export function parseBooleanResult(result: unknown, what: string): boolean {
  return parseWith(z.union([z.boolean(), z.null().transform(() => false)]), result, `${what} result`);
}

// ---- miner -> pool (the test pool's side) ----

export interface MinerCall {
  id: RpcId | null;
  method: string;
  params: unknown;
}

export function parseMinerLine(line: string): MinerCall {
  const env = parseWith(EnvelopeSchema, parseJsonObject(line, 'the miner'), 'message from the miner');
  if (env.method === undefined) throw protocolError('message from the miner', 'no method');
  return { id: env.id ?? null, method: env.method, params: env.params ?? [] };
}

const WorkerSchema = z.string().min(1).max(256);

/** [worker, job id, extranonce2, ntime, nonce] plus BIP 310's version_bits when rolling. */
export const SubmitParamsSchema = z
  .tuple([WorkerSchema, JobIdSchema, hex('extranonce2', 1, 16), hexExactly('ntime', 4), hexExactly('nonce', 4)], MaskSchema)
  .refine((p) => p.length <= 6, 'at most 6 params')
  .transform(([worker, jobId, extranonce2, ntime, nonce, versionBits]) => ({ worker, jobId, extranonce2, ntime, nonce, versionBits }));

export const AuthorizeParamsSchema = z
  .tuple([WorkerSchema])
  .rest(z.unknown())
  .transform(([worker, password]) => ({ worker, password: typeof password === 'string' ? password : '' }));

export const ConfigureParamsSchema = z
  .tuple([z.array(z.string().max(64)).max(16), z.record(z.string(), z.unknown())])
  .rest(z.unknown())
  .transform(([extensions, parameters]) => ({ extensions, parameters }));

export function parseMinerParams<S extends z.ZodType>(schema: S, params: unknown, method: string): z.output<S> {
  return parseWith(schema, params, `${method} params`);
}

/** BIP 310's optional "version-rolling.mask" request parameter; default ffffffff. */
export function requestedVersionMask(parameters: Record<string, unknown>): number {
  const raw = parameters['version-rolling.mask'];
  if (raw === undefined) return 0xffffffff;
  return parseWith(MaskSchema, raw, 'version-rolling.mask');
}
