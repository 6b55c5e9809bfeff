// Reads a device for a health check or a support bundle: every report
// command one after another (the device's API server is single-threaded),
// each reply kept as the exact text the device sent, then parsed into a
// snapshot. Only read-only report commands are sent.
import type { DeviceError } from '../../contract/fleet.js';
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import { buildSnapshot, type SnapshotReplies } from '../avalon/snapshot.js';
import type { CgminerTarget } from '../cgminer-api/client.js';
import { CgminerError } from '../cgminer-api/errors.js';
import { parseLenientJson } from '../cgminer-api/lenient-json.js';
import { encodeJsonRequest } from '../cgminer-api/request.js';
import { tcpRequest } from '../transports/tcp.js';

/** Report commands (cgminer's read-only set, plus the MM319 `litestats`); a firmware that lacks one says "Invalid command". */
export const REPORT_COMMANDS = ['version', 'summary', 'pools', 'devs', 'estats', 'stats', 'config', 'devdetails', 'coin', 'litestats'] as const;
export type ReportCommand = (typeof REPORT_COMMANDS)[number];

const SNAPSHOT_COMMANDS = ['version', 'summary', 'pools', 'devs', 'estats', 'stats'] as const;

export type RawReply = { ok: true; text: string } | { ok: false; error: DeviceError };

export interface Collected {
  takenAt: number;
  /** The exact reply text per command (secrets still in: redact before storing). */
  raw: Partial<Record<ReportCommand, RawReply>>;
  snapshot?: DeviceSnapshot;
  /** Why no snapshot could be built (the device could not be read at all). */
  error?: DeviceError;
}

export interface CollectOptions {
  /** Per command; default 5000 ms. */
  timeoutMs?: number;
  /** Per reply; default 2 MiB. */
  maxBytes?: number;
  commands?: readonly ReportCommand[];
  signal?: AbortSignal;
  now?: () => number;
}

/** Failures that say the device as a whole is unreachable: later commands would fail the same way. */
const FATAL_KINDS = new Set<DeviceError['kind']>(['refused', 'timeout', 'unreachable', 'reset']);

export async function collectDevice(target: CgminerTarget, opts: CollectOptions = {}): Promise<Collected> {
  const now = opts.now ?? Date.now;
  const raw: Collected['raw'] = {};
  const parsed: SnapshotReplies = {};
  let fatal: DeviceError | undefined;
  for (const command of opts.commands ?? REPORT_COMMANDS) {
    let text: string;
    try {
      const body = await tcpRequest({
        host: target.host,
        port: target.port,
        payload: encodeJsonRequest(command),
        connectTimeoutMs: opts.timeoutMs ?? 5000,
        readTimeoutMs: opts.timeoutMs ?? 5000,
        maxBytes: opts.maxBytes ?? 2 * 1024 * 1024,
        ...(opts.signal === undefined ? {} : { signal: opts.signal }),
      });
      text = body.toString('utf8');
    } catch (err) {
      const e = CgminerError.fromTransport(err);
      if (!(e instanceof CgminerError)) throw e;
      raw[command] = { ok: false, error: e.toJSON() };
      if (FATAL_KINDS.has(e.kind)) {
        fatal = e.toJSON();
        break;
      }
      continue;
    }
    raw[command] = { ok: true, text };
    if ((SNAPSHOT_COMMANDS as readonly string[]).includes(command)) {
      try {
        const value = parseLenientJson(text);
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) parsed[command as keyof SnapshotReplies] = value as Record<string, unknown>;
      } catch {
        // Kept as raw text; the snapshot is built from what did parse.
      }
    }
  }
  const takenAt = now();
  const answered = parsed.summary !== undefined || parsed.estats !== undefined || parsed.stats !== undefined;
  if (!answered) {
    return { takenAt, raw, error: fatal ?? { kind: 'invalid-reply', message: `${target.host}:${target.port} answered none of summary, estats and stats` } };
  }
  return { takenAt, raw, snapshot: buildSnapshot(parsed, takenAt) };
}
