// The WebAssembly SHA-256d engine: loads the scanner generated at build time by
// scripts/gen-sha256d-wasm.mjs (SIMD, or its scalar twin where SIMD is missing)
// and feeds it headers and nonces through its linear memory.
import { endianness } from 'node:os';
import { checkHeader, HEADER_BYTES, type ScanResult, type Sha256dEngine } from './engine.js';
import { SHA256D_SCALAR_WASM, SHA256D_SIMD_WASM } from './sha256d-wasm.generated.js';

type Variant = typeof SHA256D_SIMD_WASM | typeof SHA256D_SCALAR_WASM;

// The slice of the WebAssembly JS API used here (the core's TypeScript lib has no DOM types).
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface ScanExports {
  memory: WasmMemory;
  scan(header: number, nonces: number, out: number, groups: number, context: number, limit: number, hits: number): void;
}
type WasmModule = object;
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const PAGE = 65536;
const HEADER_AREA = 128;
const FULL = 0xffffffff;

const modules = new Map<Variant, WasmModule>();

function compiled(variant: Variant): WasmModule {
  let module = modules.get(variant);
  if (!module) {
    module = new wasm.Module(Buffer.from(variant.base64, 'base64'));
    modules.set(variant, module);
  }
  return module;
}

export function wasmSimdSupported(): boolean {
  return wasm.validate(Buffer.from(SHA256D_SIMD_WASM.base64, 'base64'));
}

export class WasmSha256d implements Sha256dEngine {
  readonly name: string;
  readonly lanes: number;
  readonly #exports: ScanExports;
  readonly #contextAt = HEADER_AREA;
  readonly #noncesAt: number;
  #capacity = 0;
  #outAt = 0;
  #hitsAt = 0;

  /** `simd`: true forces SIMD (throws if unsupported), false forces scalar; default: SIMD when the engine validates it. */
  constructor(options: { simd?: boolean } = {}) {
    // Typed arrays over wasm memory use the platform's byte order; wasm's is little-endian.
    if (endianness() !== 'LE') throw new Error('the WebAssembly hashing engine needs a little-endian CPU');
    const simd = options.simd ?? wasmSimdSupported();
    const variant: Variant = simd ? SHA256D_SIMD_WASM : SHA256D_SCALAR_WASM;
    this.name = simd ? 'wasm-simd' : 'wasm-scalar';
    this.lanes = variant.lanes;
    this.#exports = new wasm.Instance(compiled(variant)).exports as ScanExports;
    this.#noncesAt = HEADER_AREA + Math.ceil(variant.contextBytes / 16) * 16;
  }

  scan(header: Uint8Array, nonces: Uint32Array, limit = FULL): ScanResult {
    checkHeader(header);
    const count = nonces.length;
    const padded = Math.ceil(count / this.lanes) * this.lanes;
    this.#reserve(padded);
    const memory = this.#exports.memory.buffer;
    new Uint8Array(memory, 0, HEADER_BYTES).set(header);
    const noncesView = new Uint32Array(memory, this.#noncesAt, padded);
    noncesView.set(nonces);
    noncesView.fill(0, count);
    const hits = new Uint32Array(memory, this.#hitsAt, 1 + padded / this.lanes);
    hits[0] = 0;
    this.#exports.scan(0, this.#noncesAt, this.#outAt, padded / this.lanes, this.#contextAt, limit, this.#hitsAt);
    // The kernel lists the out address of each group it computed whole: make those group numbers.
    const whole = hits.subarray(1, 1 + (hits[0] ?? 0));
    const groupBytes = 32 * this.lanes;
    for (let j = 0; j < whole.length; j++) whole[j] = ((whole[j] ?? 0) - this.#outAt) / groupBytes;
    return { words: new Uint32Array(memory, this.#outAt, 8 * padded), lanes: this.lanes, whole };
  }

  #reserve(nonces: number): void {
    if (nonces <= this.#capacity) return;
    const capacity = Math.max(nonces, 2 * this.#capacity, 1024);
    this.#outAt = this.#noncesAt + 4 * capacity;
    this.#hitsAt = this.#outAt + 32 * capacity;
    const needed = this.#hitsAt + 4 * (1 + capacity / this.lanes);
    const memory = this.#exports.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE));
    this.#capacity = capacity;
  }
}
