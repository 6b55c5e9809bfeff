// The exchange behind one poll: the report commands a snapshot needs, joined
// into one request (`summary+pools+estats`), or sent one after another for a
// firmware that refuses joins. Requests to one device are never run in
// parallel: its API server is single-threaded (avalon-protocol.md 1.1).
import { query, queryJoined, type CgminerReply, type CgminerTarget, type JoinedResult } from '../cgminer-api/client.js';
import { CgminerError } from '../cgminer-api/errors.js';

export type PollCommand = 'version' | 'summary' | 'pools' | 'estats' | 'stats';

export interface PollReplies {
  replies: Partial<Record<PollCommand, CgminerReply>>;
  /** Commands the device answered with an error of their own (e.g. E "Invalid command"). */
  errors: Partial<Record<PollCommand, CgminerError>>;
  /** True when the joined form was refused and the separate requests worked. */
  joinRejected: boolean;
}

export interface PollRequestOptions {
  /** Budget for the whole poll, fallback requests included. */
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes?: number;
}

/**
 * Sends `commands`, joined when `joined` is true. Rejects with a CgminerError
 * when the device cannot be reached or its answer cannot be read, or with the
 * abort reason. Commands the device refused one by one are in `errors`;
 * `pollFailure` says whether what came back is enough.
 */
export async function requestPollReplies(
  target: CgminerTarget,
  commands: readonly PollCommand[],
  joined: boolean,
  opts: PollRequestOptions,
): Promise<PollReplies> {
  const deadline = performance.now() + opts.timeoutMs;
  if (!joined || commands.length === 1) return requestSeparately(target, commands, deadline, opts, false);
  let results: Record<string, JoinedResult>;
  try {
    results = await queryJoined(target, commands, requestOptions(target, deadline, opts));
  } catch (err) {
    if (!(err instanceof CgminerError) || !answeredButNotJoined(err)) throw err;
    // The device answered, but not as a join (API before 3.1, or a firmware
    // that refuses joins): pyasic's strategy is the separate requests.
    const separate = await requestSeparately(target, commands, deadline, opts, true);
    if (Object.keys(separate.replies).length === 0) throw err;
    return separate;
  }
  const out: PollReplies = { replies: {}, errors: {}, joinRejected: false };
  for (const command of commands) {
    const result = results[command];
    if (result?.ok) out.replies[command] = result.reply;
    else if (result) out.errors[command] = result.error;
  }
  return out;
}

/**
 * Why a poll counts as failed even though the device answered: neither
 * `summary` nor the stats command came back. Undefined when it succeeded.
 */
export function pollFailure(result: PollReplies): CgminerError | undefined {
  const { summary, estats, stats } = result.replies;
  if (summary || estats || stats) return undefined;
  return Object.values(result.errors)[0] ?? new CgminerError('invalid-reply', 'the device answered none of the poll commands');
}

function answeredButNotJoined(err: CgminerError): boolean {
  return err.kind === 'status-error' || err.kind === 'invalid-reply' || err.kind === 'not-cgminer';
}

async function requestSeparately(
  target: CgminerTarget,
  commands: readonly PollCommand[],
  deadline: number,
  opts: PollRequestOptions,
  joinRejected: boolean,
): Promise<PollReplies> {
  const out: PollReplies = { replies: {}, errors: {}, joinRejected };
  for (const command of commands) {
    try {
      out.replies[command] = await query(target, command, undefined, requestOptions(target, deadline, opts));
    } catch (err) {
      // A command the device refuses is recorded; anything else (transport
      // failure, abort) ends the poll: later commands would fail the same way.
      if (err instanceof CgminerError && (err.kind === 'status-error' || err.kind === 'access-denied')) out.errors[command] = err;
      else throw err;
    }
  }
  return out;
}

function requestOptions(target: CgminerTarget, deadline: number, opts: PollRequestOptions): { timeoutMs: number; signal?: AbortSignal; maxBytes?: number } {
  const left = Math.ceil(deadline - performance.now());
  if (left <= 0) throw new CgminerError('timeout', `${target.host}:${target.port}: poll budget used up`);
  return {
    timeoutMs: left,
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    ...(opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes }),
  };
}
