// Entry point of a hashing worker thread (bundled as dist/workers/hashing.mjs).
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from './select-engine.js';
import { serveHashRequests, type HashWorkerData } from './worker-protocol.js';

if (!parentPort) throw new Error('the hashing worker must run in a worker thread');
serveHashRequests(parentPort, createEngine((workerData as HashWorkerData | null)?.engine ?? 'auto'));
