// Messages between the HashPool (main thread) and its hashing workers, and the
// worker side of the exchange. Every ArrayBuffer travels by transfer.
import type { MessagePort } from 'node:worker_threads';
import type { Sha256dEngine } from './engine.js';
import { judgeNonces } from './verdicts.js';

export interface HashRequest {
  id: number;
  /** 80 bytes (copied: callers reuse one header for many batches). */
  header: Uint8Array;
  /** Transferred. */
  nonces: Uint32Array;
  /** device, share, network targets as 24 u32 words (see packTargets). */
  targets: Uint32Array;
  digests: boolean;
}

export interface HashReply {
  id: number;
  /** The request's nonces, transferred back. */
  nonces: Uint32Array;
  difficulty: Float64Array;
  meetsDevice: Uint8Array;
  meetsShare: Uint8Array;
  meetsNetwork: Uint8Array;
  digests?: Uint8Array;
}

export interface HashFailure {
  id: number;
  error: string;
}

export interface WorkerReady {
  ready: true;
  engine: string;
}

export type WorkerMessage = HashReply | HashFailure | WorkerReady;

/** Options a worker is started with (its workerData). */
export interface HashWorkerData {
  engine: EngineChoice;
}

export type EngineChoice = 'auto' | 'native' | 'wasm-simd' | 'wasm-scalar';

/** One request in, one reply (or a failure for bad input) out. */
export function answer(engine: Sha256dEngine, request: HashRequest): { message: HashReply | HashFailure; transfer: ArrayBuffer[] } {
  try {
    const verdicts = judgeNonces(engine, request.header, request.nonces, request.targets, request.digests);
    const message: HashReply = { id: request.id, nonces: request.nonces, ...verdicts };
    // The verdicts share one buffer (allocateVerdicts); list each buffer once.
    const buffers = new Set([message.nonces, message.difficulty, message.meetsDevice, message.meetsShare, message.meetsNetwork, message.digests].map((a) => a?.buffer));
    const transfer = [...buffers].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
    return { message, transfer };
  } catch (error) {
    return { message: { id: request.id, error: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

/** Serves requests on `port` until it closes. */
export function serveHashRequests(port: MessagePort, engine: Sha256dEngine): void {
  port.on('message', (request: HashRequest) => {
    const { message, transfer } = answer(engine, request);
    port.postMessage(message, transfer);
  });
  port.postMessage({ ready: true, engine: engine.name } satisfies WorkerReady);
}
