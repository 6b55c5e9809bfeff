// Where webhook tokens live. The core only knows this interface; the Electron
// main process supplies a sealer backed by the operating system's secret
// storage (safeStorage: Keychain, DPAPI, libsecret/kwallet). Headless hosts
// have no such service, so they refuse to keep secrets unless the user has
// explicitly accepted a plain file readable only by their account.
import { z } from 'zod';
import type { SecretProtection } from '../../contract/alerts.js';
import { JsonFile } from '../storage/json-file.js';

export type { SecretProtection };

export interface SecretStore {
  /** How stored secrets are protected; 'none' stores nothing. */
  readonly protection: SecretProtection;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Encrypts with a key the OS holds for this user (Electron: safeStorage.encryptString / decryptString). */
export interface Sealer {
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

export class SecretStoreError extends Error {
  override name = 'SecretStoreError';
  constructor(
    readonly code: 'refused' | 'unreadable' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** The file of sealed (Electron) or opted-in plain (headless) secrets, in the data folder. */
export const SECRETS_FILE = 'secrets.json';

const KEY = /^[a-z0-9][a-z0-9._-]{0,127}$/i;
const MAX_SECRET_CHARS = 4096;

function checkKey(key: string): void {
  if (!KEY.test(key)) throw new SecretStoreError('invalid', 'secret keys are 1-128 letters, digits, ".", "_" or "-"');
}

function checkValue(value: string): void {
  if (value.length === 0 || value.length > MAX_SECRET_CHARS) throw new SecretStoreError('invalid', `a secret is 1-${MAX_SECRET_CHARS} characters`);
}

const FileSchema = z.object({
  version: z.literal(1),
  protection: z.enum(['os', 'plain-file']),
  /** Base64 of the sealed bytes ('os') or the secret itself ('plain-file'). */
  secrets: z.record(z.string(), z.string()),
});
type SecretFile = z.infer<typeof FileSchema>;

class FileSecretStore implements SecretStore {
  private readonly file: JsonFile<typeof FileSchema>;
  private cache: Record<string, string> | undefined;
  // Alerts and USB pools share one store: each change reads the entries and
  // writes them back, so changes run one at a time or one would undo another.
  private changes: Promise<unknown> = Promise.resolve();

  constructor(
    path: string,
    readonly protection: 'os' | 'plain-file',
    private readonly sealer: Sealer | undefined,
  ) {
    this.file = new JsonFile(path, FileSchema);
  }

  private async entries(): Promise<Record<string, string>> {
    if (this.cache) return this.cache;
    const loaded = await this.file.load();
    const doc = loaded.value;
    if (doc !== undefined && doc.protection !== this.protection) {
      // Never mix: a sealed file read as plain would hand out ciphertext, a plain one read as sealed would fail to decrypt.
      throw new SecretStoreError('unreadable', `the secret file was written with ${doc.protection} protection, this host uses ${this.protection}; enter the tokens again`);
    }
    this.cache = { ...(doc?.secrets ?? {}) };
    return this.cache;
  }

  private async write(entries: Record<string, string>): Promise<void> {
    const doc: SecretFile = { version: 1, protection: this.protection, secrets: entries };
    await this.file.save(doc);
    this.cache = entries;
  }

  async get(key: string): Promise<string | undefined> {
    checkKey(key);
    const stored = (await this.entries())[key];
    if (stored === undefined) return undefined;
    if (!this.sealer) return stored;
    try {
      return this.sealer.unseal(Buffer.from(stored, 'base64'));
    } catch {
      // The OS key changed (new user profile, keyring reset): the token is lost, not leaked.
      throw new SecretStoreError('unreadable', `the stored secret "${key}" can no longer be decrypted; enter it again`);
    }
  }

  private change(apply: () => Promise<void>): Promise<void> {
    const done = this.changes.then(apply);
    this.changes = done.catch(() => undefined);
    return done;
  }

  async set(key: string, value: string): Promise<void> {
    checkKey(key);
    checkValue(value);
    const stored = this.sealer ? this.sealer.seal(value).toString('base64') : value;
    await this.change(async () => this.write({ ...(await this.entries()), [key]: stored }));
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.change(async () => {
      const { [key]: gone, ...rest } = await this.entries();
      if (gone === undefined) return;
      await this.write(rest);
      // The file store keeps the previous version as a backup; write again so no copy still holds the secret.
      await this.write(rest);
    });
  }
}

/** Secrets sealed by the OS; what the Electron main process uses (file: <userData>/secrets.json). */
export function createSealedFileSecretStore(path: string, sealer: Sealer): SecretStore {
  return new FileSecretStore(path, 'os', sealer);
}

class RefusingSecretStore implements SecretStore {
  readonly protection = 'none';
  async get(key: string): Promise<string | undefined> {
    checkKey(key);
    return undefined;
  }
  async set(): Promise<void> {
    throw new SecretStoreError(
      'refused',
      'this host has no operating-system secret storage, so Hearth will not save tokens unless you opt in to a plain file only your account can read (docs/alerts.md, "Tokens")',
    );
  }
  async delete(key: string): Promise<void> {
    checkKey(key);
  }
}

/**
 * For the headless server and the CLI: refuses to store secrets unless the
 * user opted in (`allowPlainFile`), then keeps them in a file with mode 0600.
 */
export function createHeadlessSecretStore(path: string, opts: { allowPlainFile: boolean }): SecretStore {
  return opts.allowPlainFile ? new FileSecretStore(path, 'plain-file', undefined) : new RefusingSecretStore();
}

/** Secrets kept only for the life of the process (demo mode, tests). */
export function createMemorySecretStore(): SecretStore {
  const map = new Map<string, string>();
  return {
    protection: 'memory',
    async get(key) {
      checkKey(key);
      return map.get(key);
    },
    async set(key, value) {
      checkKey(key);
      checkValue(value);
      map.set(key, value);
    },
    async delete(key) {
      checkKey(key);
      map.delete(key);
    },
  };
}
