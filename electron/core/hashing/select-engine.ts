// Picks the fastest SHA-256d engine this machine can run.
import type { Sha256dEngine } from './engine.js';
import { loadNativeEngine } from './native-engine.js';
import type { EngineChoice } from './worker-protocol.js';
import { WasmSha256d } from './wasm-engine.js';

/**
 * 'auto': the native addon when it is built and loads, else WebAssembly SIMD,
 * else scalar WebAssembly. A named engine that cannot run is an error.
 */
export function createEngine(choice: EngineChoice): Sha256dEngine {
  if (choice === 'wasm-simd') return new WasmSha256d({ simd: true });
  if (choice === 'wasm-scalar') return new WasmSha256d({ simd: false });
  const native = loadNativeEngine();
  if (native.engine) return native.engine;
  if (choice === 'native') throw new Error(`the native hashing addon is not available: ${native.reason}`);
  return new WasmSha256d();
}
