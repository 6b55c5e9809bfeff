// The optional native SHA-256d addon (native/sha256d, built only by
// `npm run build:native`). Loaded when present and when it passes a self-test
// against the genesis block; its absence is normal.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocateVerdicts, checkHeader, HashingInputError, type ScanResult, type Sha256dEngine, type Verdicts } from './engine.js';

const ADDON_PATH = join('native', 'sha256d', 'build', 'Release', 'sha256d.node');

// The genesis block (Bitcoin Core chainparams.cpp; ../shared/vectors/blocks.json):
// its header and the first u32 of its hash read as a little-endian integer.
const SELF_TEST_HEADER =
  '0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c';
const SELF_TEST_NONCE = 0x7c2bac1d;
const SELF_TEST_WORDS = [0x0a8ce26f, 0x72b3f1b6, 0x46a2a6c1, 0x4ff763ae, 0x65831e93, 0x9c085ae1, 0x0019d668, 0x00000000];

interface Addon {
  /** 'sha-ni', 'armv8-crypto' or 'portable': what the CPU check chose. */
  implementation(): string;
  scan(header: Uint8Array, nonces: Uint32Array, out: Uint32Array): void;
  judge(
    header: Uint8Array,
    nonces: Uint32Array,
    targets: Uint32Array,
    difficulty: Float64Array,
    meetsDevice: Uint8Array,
    meetsShare: Uint8Array,
    meetsNetwork: Uint8Array,
    digests: Uint8Array | null,
  ): void;
}

class NativeSha256d implements Sha256dEngine {
  readonly name: string;
  #out = new Uint32Array(0);

  constructor(private readonly addon: Addon) {
    this.name = `native-${addon.implementation()}`;
  }

  scan(header: Uint8Array, nonces: Uint32Array): ScanResult {
    checkHeader(header);
    if (this.#out.length < 8 * nonces.length) this.#out = new Uint32Array(Math.max(8 * nonces.length, 2 * this.#out.length));
    this.addon.scan(header, nonces, this.#out);
    return { words: this.#out, lanes: 1 };
  }

  judge(header: Uint8Array, nonces: Uint32Array, packedTargets: Uint32Array, withDigests: boolean): Verdicts {
    checkHeader(header);
    if (packedTargets.length !== 24) throw new HashingInputError('targets are 24 words');
    const n = nonces.length;
    const verdicts = allocateVerdicts(n, withDigests);
    this.addon.judge(header, nonces, packedTargets, verdicts.difficulty, verdicts.meetsDevice, verdicts.meetsShare, verdicts.meetsNetwork, verdicts.digests ?? null);
    return verdicts;
  }
}

/** The addon's path: searched upward from this module (source tree or dist/ bundle). */
export function findAddon(start = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, ADDON_PATH);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

export type NativeLoad = { engine: Sha256dEngine; reason?: undefined } | { engine?: undefined; reason: string };

/** Loads and self-tests the addon; never throws. */
export function loadNativeEngine(path = findAddon()): NativeLoad {
  if (!path) return { reason: 'not built (run `npm run build:native`)' };
  try {
    const engine = new NativeSha256d(createRequire(import.meta.url)(path) as Addon);
    const { words } = engine.scan(Buffer.from(SELF_TEST_HEADER, 'hex'), Uint32Array.of(SELF_TEST_NONCE));
    if (!SELF_TEST_WORDS.every((w, k) => words[k] === w)) return { reason: `${engine.name} failed its self-test (genesis block hash)` };
    return { engine };
  } catch (error) {
    return { reason: `failed to load ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
