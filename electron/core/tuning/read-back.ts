// A fresh snapshot of one device, for read-back after a change when the
// caller (the CLI) has no monitor polling it.
import type { DeviceSnapshot } from '../../contract/snapshot.js';
import { buildSnapshot } from '../avalon/snapshot.js';
import type { CgminerTarget } from '../cgminer-api/client.js';
import { pollFailure, requestPollReplies } from '../fleet/poll-request.js';

export interface ReadSnapshotOptions {
  /** Budget for the whole poll. Default 5000 ms. */
  timeoutMs?: number;
  now?: () => number;
}

/** Polls version, summary, pools and estats; rejects with a CgminerError when the device gives nothing usable. */
export async function readSnapshot(target: CgminerTarget, opts: ReadSnapshotOptions = {}): Promise<DeviceSnapshot> {
  const result = await requestPollReplies(target, ['version', 'summary', 'pools', 'estats'], true, { timeoutMs: opts.timeoutMs ?? 5000 });
  const failure = pollFailure(result);
  if (failure !== undefined) throw failure;
  return buildSnapshot(result.replies, (opts.now ?? Date.now)());
}
