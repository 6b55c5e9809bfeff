// Where the hashing worker's entry file is, and how to start it, for each way
// the core runs:
//   under tsx (tests):          electron/core/hashing/worker.ts next to this file
//   dist/cli.mjs (ESM bundle):  dist/workers/hashing.mjs, beside the bundle
//   dist/electron/main.cjs:     dist/workers/hashing.mjs, one folder up
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The bundle name of the worker in scripts/build.mjs `workerEntries`. */
export const HASH_WORKER_BUNDLE = 'workers/hashing.mjs';

function thisModuleUrl(): string {
  // A CommonJS bundle has no import.meta.url; __filename is the bundle itself.
  if (import.meta.url) return import.meta.url;
  if (typeof __filename === 'string') return pathToFileURL(__filename).href;
  throw new Error('cannot tell where the hashing core is loaded from; pass workerUrl');
}

export function candidateWorkerUrls(moduleUrl: string): URL[] {
  if (moduleUrl.endsWith('.ts')) return [new URL('./worker.ts', moduleUrl)];
  return [new URL(`./${HASH_WORKER_BUNDLE}`, moduleUrl), new URL(`../${HASH_WORKER_BUNDLE}`, moduleUrl)];
}

/** The first candidate that exists; throws with every place looked at. */
export function defaultHashWorkerUrl(moduleUrl = thisModuleUrl()): URL {
  const candidates = candidateWorkerUrls(moduleUrl);
  const found = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (!found) {
    throw new Error(`hashing worker not found (looked at ${candidates.map((u) => fileURLToPath(u)).join(', ')}); run the build or pass workerUrl`);
  }
  return found;
}

/**
 * Starts a worker from `url`. A TypeScript entry (tests under tsx) goes through
 * a small bootstrap that registers tsx first: on Node 20 a worker inherits
 * `--import tsx` but not its loader hooks, so it cannot load `.ts` by itself.
 */
export function startWorker(url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const bootstrap = `import(${JSON.stringify(tsxApiUrl(url))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

// tsx's ESM API entry, from its package exports (import.meta.resolve would do,
// but this module is also bundled as CommonJS, where import.meta is empty).
function tsxApiUrl(from: URL): string {
  const manifestPath = createRequire(from).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
  const entry = manifest.exports?.['./esm/api']?.import?.default;
  if (!entry) throw new Error('tsx has no ESM API entry: cannot start a TypeScript worker');
  return pathToFileURL(join(dirname(manifestPath), entry)).href;
}
