// The user's pools for USB mining, in `<dataDir>/usb-pools.json`. The file
// holds the pool passwords in plain text, so it is written with mode 0600
// (JsonFile's temp file, renamed into place; its .bak copy keeps the mode) and
// passwords never leave this module except towards the stratum client. Moving
// them into the OS secret storage is a later improvement (docs/usb.md).
import { join } from 'node:path';
import { z } from 'zod';
import { MAX_USB_POOLS, type UsbPool, type UsbPoolInput } from '../../contract/usb.js';
import type { PoolConfig } from '../stratum/client.js';
import { parsePoolUrl } from '../stratum/url.js';
import { JsonFile, type StorageProblem } from '../storage/json-file.js';

export const USB_POOLS_FILE = 'usb-pools.json';

const StoredPoolSchema = z.object({ url: z.string().min(1), worker: z.string().min(1), password: z.string().optional() }).strict();
const PoolsFileSchema = z.object({ version: z.literal(1), pools: z.array(StoredPoolSchema).max(MAX_USB_POOLS) }).strict();
type StoredPool = z.infer<typeof StoredPoolSchema>;

export class UsbPoolError extends Error {
  override readonly name = 'UsbPoolError';
}

const sameEntry = (a: { url: string; worker: string }, b: { url: string; worker: string }) => a.url === b.url && a.worker === b.worker;

export class UsbPoolStore {
  private constructor(
    private readonly file: JsonFile<typeof PoolsFileSchema>,
    private pools: StoredPool[],
  ) {}

  static async open(dataDir: string): Promise<{ store: UsbPoolStore; problems: StorageProblem[] }> {
    const file = new JsonFile(join(dataDir, USB_POOLS_FILE), PoolsFileSchema);
    const loaded = await file.load();
    return { store: new UsbPoolStore(file, loaded.value?.pools ?? []), problems: loaded.problems };
  }

  /** The pools as the renderer may see them: no passwords. */
  list(): UsbPool[] {
    return this.pools.map((p) => ({ url: p.url, worker: p.worker, hasPassword: p.password !== undefined && p.password !== '' }));
  }

  /** What the stratum client needs, passwords included. */
  configs(): PoolConfig[] {
    return this.pools.map((p) => ({ url: p.url, user: p.worker, ...(p.password ? { password: p.password } : {}) }));
  }

  /**
   * Replaces the list (already schema-checked by the contract). An entry
   * without a password keeps the one saved for the same url and worker.
   * Throws UsbPoolError for a url the stratum client would refuse or a duplicate.
   */
  async set(inputs: readonly UsbPoolInput[]): Promise<UsbPool[]> {
    const next: StoredPool[] = [];
    for (const [i, input] of inputs.entries()) {
      try {
        parsePoolUrl(input.url);
      } catch (error) {
        throw new UsbPoolError(`pool ${i + 1}: ${(error as Error).message}`);
      }
      if (next.some((p) => sameEntry(p, input))) throw new UsbPoolError(`pool ${i + 1}: ${input.url} with worker ${input.worker} is listed twice`);
      const password = input.password ?? this.pools.find((p) => sameEntry(p, input))?.password;
      next.push({ url: input.url, worker: input.worker, ...(password !== undefined ? { password } : {}) });
    }
    const dropped = this.pools.some((old) => old.password && !next.some((p) => p.password === old.password));
    await this.file.save({ version: 1, pools: next });
    // The save keeps the previous file as .bak: write again so no copy still holds a password that was removed or changed.
    if (dropped) await this.file.save({ version: 1, pools: next });
    this.pools = next;
    return this.list();
  }
}
