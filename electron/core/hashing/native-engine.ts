// The optional native SHA-256d addon (native/sha256d, built only by
// `npm run build:native`). Loaded when present; its absence is normal.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkHeader, type ScanResult, type Sha256dEngine } from './engine.js';

const ADDON_PATH = join('native', 'sha256d', 'build', 'Release', 'sha256d.node');

interface Addon {
  /** 'sha-ni', 'armv8-crypto' or 'portable': what the CPU check chose. */
  implementation(): string;
  /** Hashes header with each nonce; writes eight LE-integer words per nonce into out. */
  scan(header: Uint8Array, nonces: Uint32Array, out: Uint32Array): void;
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

export function loadNativeEngine(path = findAddon()): NativeLoad {
  if (!path) return { reason: 'not built (run `npm run build:native`)' };
  try {
    const addon = createRequire(import.meta.url)(path) as Addon;
    return { engine: new NativeSha256d(addon) };
  } catch (error) {
    return { reason: `failed to load ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
}
