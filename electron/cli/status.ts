// `hearth status <host[:port]>`: one poll, decoded: the same commands and
// snapshot the app's monitor uses.
import type { DeviceSnapshot } from '../contract/snapshot.js';
import { buildSnapshot } from '../core/avalon/snapshot.js';
import { query } from '../core/cgminer-api/client.js';
import { CgminerError } from '../core/cgminer-api/errors.js';
import { pollFailure, requestPollReplies } from '../core/fleet/poll-request.js';
import { deviceArgument, intOption, parseCommandLine } from './args.js';
import { EXIT_DEVICE, EXIT_OK, ExitError, UsageError, describeDeviceError } from './errors.js';
import { formatSnapshot } from './format-status.js';
import type { Io } from './io.js';

export const STATUS_HELP = `Usage: hearth status <host[:port]> [--json] [--timeout ms]

Reads one device (version, summary, pools, estats) and prints what it is doing.
  --json          the decoded snapshot as JSON (stable field names, see docs/cli.md)
  --timeout ms    budget for the whole read (default 5000)`;

export async function statusCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    json: { type: 'boolean' },
    timeout: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('status takes exactly one device address');
  const address = deviceArgument(positionals[0]);
  const timeoutMs = intOption('timeout', values.timeout, 1, 600_000) ?? 5000;
  const snapshot = await readSnapshot(address, timeoutMs);
  io.out(values.json ? JSON.stringify(snapshot, null, 2) : formatSnapshot(address.id, snapshot));
  return EXIT_OK;
}

async function readSnapshot(address: { host: string; port: number; id: string }, timeoutMs: number): Promise<DeviceSnapshot> {
  const started = performance.now();
  try {
    const polled = await requestPollReplies(address, ['version', 'summary', 'pools', 'estats'], true, { timeoutMs });
    const replies = { ...polled.replies };
    // A firmware without estats: plain stats carry the same module strings.
    if (polled.errors.estats && !replies.estats) {
      const left = Math.max(1, Math.round(timeoutMs - (performance.now() - started)));
      replies.stats = await query(address, 'stats', undefined, { timeoutMs: left }).catch(() => undefined);
    }
    const failure = pollFailure({ ...polled, replies });
    if (failure) throw failure;
    return buildSnapshot(replies, Date.now());
  } catch (err) {
    if (err instanceof CgminerError) throw new ExitError(EXIT_DEVICE, describeDeviceError(address.id, err));
    throw err;
  }
}
