// One change over a selection of devices of mixed models: a bounded number at
// a time, each device's outcome reported as it finishes, and no failure (not
// even a thrown error) stopping the others.
import type { BatchProgress, ChangeRequest, ChangeResult } from '../../contract/tuning.js';
import type { AvalonModel } from '../avalon/models.js';
import { changeEffect, notOffered } from './apply.js';
import { said, tuningText as text } from './messages.js';

export interface BatchDevice {
  deviceId: string;
  /** Undefined when the device's model is not known (never polled, or not an Avalon). */
  model: AvalonModel | undefined;
}

export interface BatchOptions {
  /** Devices changed at the same time. Default 4. */
  concurrency?: number;
  onProgress?: (progress: BatchProgress) => void;
  signal?: AbortSignal;
}

export type BatchApply = (device: BatchDevice & { model: AvalonModel }, request: ChangeRequest) => Promise<ChangeResult>;

export interface BatchItemResult {
  deviceId: string;
  result: ChangeResult;
}

/**
 * Applies `request` to every device with `apply` (applyChange bound to the
 * device's target and read-back). Devices whose model lacks the control are
 * skipped with the reason and never contacted. Results keep the input order.
 */
export async function applyBatch(devices: readonly BatchDevice[], request: ChangeRequest, apply: BatchApply, opts: BatchOptions = {}): Promise<BatchItemResult[]> {
  const total = devices.length;
  const results: BatchItemResult[] = new Array<BatchItemResult>(total);
  let done = 0;
  let next = 0;
  const report = (p: Omit<BatchProgress, 'done' | 'total'>): void => {
    try {
      opts.onProgress?.({ ...p, done, total });
    } catch {
      // A listener's failure must not stop the batch.
    }
  };

  const runOne = async (device: BatchDevice): Promise<ChangeResult> => {
    if (opts.signal?.aborted) return { status: 'skipped', ...said(text('tune.batchCancelled')) };
    const model = device.model;
    if (model === undefined) return { status: 'skipped', skipReason: 'unknown-model', ...said(text('tune.unknownModel')) };
    if (changeEffect(model, request) === undefined) return { status: 'skipped', skipReason: 'not-offered', ...said(text('tune.notSent', { reason: notOffered(model, request) })) };
    report({ deviceId: device.deviceId, phase: 'running' });
    try {
      return await apply({ ...device, model }, request);
    } catch (err) {
      return { status: 'not-applied', ...said(text('tune.internalError', { message: err instanceof Error ? err.message : String(err) })) };
    }
  };

  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const device = devices[i] as BatchDevice;
      const result = await runOne(device);
      results[i] = { deviceId: device.deviceId, result };
      done++;
      report({ deviceId: device.deviceId, phase: 'done', result });
    }
  };

  const width = Math.max(1, Math.min(opts.concurrency ?? 4, total));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
