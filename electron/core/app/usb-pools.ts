// The user's pools for USB mining, in `<dataDir>/usb-pools.json`, written
// with mode 0600 (JsonFile's temp file, renamed into place; its .bak copy
// keeps the mode). Where the host seals secrets with the OS key (Electron:
// safeStorage, a SecretStore with protection 'os'), pool passwords go to that
// store and the file only marks the pools that have one; elsewhere (the
// headless server) they stay in the file. A file from before sealing is
// migrated on first load. Passwords never leave this module except towards
// the stratum client and the redaction of logs and bundles (docs/usb.md).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_USB_POOLS, type UsbPool, type UsbPoolInput } from '../../contract/usb.js';
import type { SecretStore } from '../alerts/secret-store.js';
import type { PoolConfig } from '../stratum/client.js';
import { parsePoolUrl } from '../stratum/url.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';

export const USB_POOLS_FILE = 'usb-pools.json';

const StoredPoolSchema = z
  .object({
    url: z.string().min(1),
    worker: z.string().min(1),
    /** The password in plain text (hosts without OS sealing). */
    password: z.string().optional(),
    /** The password is sealed in the host's secret store under poolSecretKey(url, worker). */
    sealed: z.literal(true).optional(),
  })
  .strict()
  .refine((p) => !(p.sealed && p.password !== undefined), 'a pool password is either sealed or in the file, not both');
const PoolsFileSchema = z.object({ version: z.literal(1), pools: z.array(StoredPoolSchema).max(MAX_USB_POOLS) }).strict();
type StoredPool = z.infer<typeof StoredPoolSchema>;

interface Pool {
  url: string;
  worker: string;
  /** The password, when there is one this host can read. */
  password?: string;
  /** The secret store holds the password (kept even where it cannot be read, so another host of the same data can). */
  sealed: boolean;
}

export class UsbPoolError extends Error {
  override readonly name = 'UsbPoolError';
}

export interface UsbPoolStoreOptions {
  /** The host's secret store; used only when it seals with the OS key (protection 'os'). */
  secrets?: SecretStore;
  /** Notices for the user (a password that cannot be read or sealed); never carry a password. */
  log?: (message: string) => void;
}

type Entry = { url: string; worker: string };
const sameEntry = (a: Entry, b: Entry) => a.url === b.url && a.worker === b.worker;

/** The secret store key of a pool's password: the store allows only [a-z0-9._-] keys, so url and worker are hashed. */
export function poolSecretKey(pool: Entry): string {
  return `usb-pool.${createHash('sha256').update(JSON.stringify([pool.url, pool.worker])).digest('hex').slice(0, 32)}`;
}

const toFile = (p: Pool): StoredPool => (p.sealed ? { url: p.url, worker: p.worker, sealed: true } : { url: p.url, worker: p.worker, ...(p.password ? { password: p.password } : {}) });
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class UsbPoolStore {
  /** set() runs one at a time: each reads what the previous one saved. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: JsonFile<typeof PoolsFileSchema>,
    private readonly sealing: SecretStore | undefined,
    private readonly log: (message: string) => void,
    private pools: Pool[],
  ) {}

  static async open(dataDir: string, opts: UsbPoolStoreOptions = {}): Promise<{ store: UsbPoolStore; problems: StorageProblem[] }> {
    const file = new JsonFile(join(dataDir, USB_POOLS_FILE), PoolsFileSchema);
    const loaded = await file.load();
    const sealing = opts.secrets?.protection === 'os' ? opts.secrets : undefined;
    const log = opts.log ?? (() => undefined);
    const pools: Pool[] = [];
    for (const [i, stored] of (loaded.value?.pools ?? []).entries()) pools.push(await readPool(stored, i + 1, sealing, log));
    const store = new UsbPoolStore(file, sealing, log, pools);
    await store.migrate();
    return { store, problems: loaded.problems };
  }

  /** The pools as the renderer may see them: no passwords. */
  list(): UsbPool[] {
    return this.pools.map((p) => ({ url: p.url, worker: p.worker, hasPassword: p.password !== undefined && p.password !== '' }));
  }

  /** What the stratum client needs, passwords included. */
  configs(): PoolConfig[] {
    return this.pools.map((p) => ({ url: p.url, user: p.worker, ...(p.password ? { password: p.password } : {}) }));
  }

  /** The saved passwords, for scrubbing from logs and support bundles. */
  passwords(): string[] {
    return this.pools.flatMap((p) => (p.password ? [p.password] : []));
  }

  /**
   * Replaces the list (already schema-checked by the contract). An entry
   * without a password keeps the one saved for the same url and worker.
   * Throws UsbPoolError for a url the stratum client would refuse, a
   * duplicate, or a password the OS secret storage refused.
   */
  set(inputs: readonly UsbPoolInput[]): Promise<UsbPool[]> {
    const run = this.queue.then(() => this.replace(inputs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async replace(inputs: readonly UsbPoolInput[]): Promise<UsbPool[]> {
    const next: Pool[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        parsePoolUrl(input.url);
      } catch (error) {
        throw new UsbPoolError(`pool ${i + 1}: ${messageOf(error)}`);
      }
      if (next.some((p) => sameEntry(p, input))) throw new UsbPoolError(`pool ${i + 1}: ${input.url} with worker ${input.worker} is listed twice`);
      const entry = { url: input.url, worker: input.worker };
      const saved = this.pools.find((p) => sameEntry(p, input));
      if (input.password === undefined) next.push(saved ?? { ...entry, sealed: false });
      else if (input.password === '') next.push({ ...entry, sealed: false });
      else next.push({ ...entry, password: input.password, sealed: this.sealing !== undefined });
    }
    // Seal new and changed passwords before the file points at them.
    for (const [i, p] of next.entries()) {
      const saved = this.pools.find((old) => sameEntry(old, p));
      if (!p.sealed || p.password === undefined || (saved?.sealed && saved.password === p.password)) continue;
      try {
        await this.seal(p, p.password);
      } catch (error) {
        throw new UsbPoolError(`pool ${i + 1}: the password could not be kept in the OS secret storage (${messageOf(error)}); the pools were not saved`);
      }
    }
    const plainLeft = this.pools.some((old) => !old.sealed && old.password && !next.some((p) => !p.sealed && p.password === old.password));
    await this.save(next, plainLeft);
    const unused = this.pools.filter((old) => old.sealed && !next.some((p) => p.sealed && sameEntry(p, old)));
    this.pools = next;
    for (const old of unused) await this.forget(old);
    return this.list();
  }

  /**
   * Moves plain passwords of the file into the OS secret storage, each only
   * once it reads back, then rewrites the file without them. A password the
   * store refuses stays in the file, as before.
   */
  private async migrate(): Promise<void> {
    if (!this.sealing || !this.pools.some((p) => !p.sealed && p.password)) return;
    const next: Pool[] = [];
    for (const [i, p] of this.pools.entries()) {
      if (p.sealed || !p.password) {
        next.push(p);
        continue;
      }
      try {
        await this.seal(p, p.password);
        next.push({ ...p, sealed: true });
      } catch (error) {
        this.log(`hearth: the password of USB pool ${i + 1} stays in ${USB_POOLS_FILE} (mode 0600): the OS secret storage refused it (${messageOf(error)})`);
        next.push(p);
      }
    }
    if (!next.some((p, i) => p.sealed && !this.pools[i]?.sealed)) return;
    try {
      await this.save(next, true);
      this.pools = next;
    } catch (error) {
      // The sealed copies stay; the next start tries again. Meanwhile the file still works.
      this.log(`hearth: ${USB_POOLS_FILE} could not be rewritten without its passwords (${messageOf(error)}); they stay there for now`);
    }
  }

  /** Stores a password with the OS key and reads it back, so the file never points at a copy that cannot be decrypted. */
  private async seal(pool: Entry, password: string): Promise<void> {
    const store = this.sealing;
    if (!store) throw new Error('no OS secret storage on this host');
    const key = poolSecretKey(pool);
    await store.set(key, password);
    if ((await store.get(key)) !== password) throw new Error('the sealed password did not read back');
  }

  /** `scrub`: a plain password left the file; write again so the .bak copy no longer holds it. */
  private async save(pools: readonly Pool[], scrub: boolean): Promise<void> {
    const doc = { version: 1 as const, pools: pools.map(toFile) };
    await this.file.save(doc);
    if (scrub) await this.file.save(doc);
  }

  /** Deletes the sealed password of a pool no longer listed; a failure leaves only ciphertext behind. */
  private async forget(pool: Pool): Promise<void> {
    if (!this.sealing) return;
    try {
      await this.sealing.delete(poolSecretKey(pool));
    } catch (error) {
      this.log(`hearth: the sealed password of a removed USB pool could not be deleted (${messageOf(error)})`);
    }
  }
}

/** A pool as loaded: a sealed password is read from the store when this host has it. */
async function readPool(stored: StoredPool, n: number, sealing: SecretStore | undefined, log: (message: string) => void): Promise<Pool> {
  const entry = { url: stored.url, worker: stored.worker };
  if (!stored.sealed) return { ...entry, ...(stored.password ? { password: stored.password } : {}), sealed: false };
  if (!sealing) {
    log(`hearth: the password of USB pool ${n} is kept in the OS secret storage, which this host cannot use; mining sends none until it is entered here`);
    return { ...entry, sealed: true };
  }
  try {
    const password = await sealing.get(poolSecretKey(entry));
    if (password !== undefined) return { ...entry, password, sealed: true };
    log(`hearth: the password of USB pool ${n} is missing from the OS secret storage; enter it again`);
    return { ...entry, sealed: false };
  } catch (error) {
    log(`hearth: the password of USB pool ${n} cannot be read (${messageOf(error)})`);
    return { ...entry, sealed: true };
  }
}
