// One JSON document on disk, written so that a crash or power cut at any
// moment leaves either the old or the new version readable, never half of
// each. A file that fails to parse or validate is kept aside under a new name
// and reported, so a user's saved devices are never silently thrown away.
import { constants as fsConstants, promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { formatZodError } from './zod-message.js';

/** A file that could not be used and was moved aside. */
export interface StorageProblem {
  /** The path that was read. */
  file: string;
  /** Where the unusable bytes now are. */
  movedTo: string;
  reason: string;
}

export interface LoadResult<T> {
  /** The document, or undefined when neither the file nor its backup exists (or both were unusable). */
  value: T | undefined;
  /** Which copy the value came from. */
  from: 'file' | 'backup' | 'none';
  problems: StorageProblem[];
}

export class JsonFile<S extends z.ZodType> {
  readonly path: string;
  readonly backupPath: string;
  private readonly schema: S;
  private readonly now: () => number;
  /** Writes run one after another, in call order, so the last save wins. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(path: string, schema: S, opts: { now?: () => number } = {}) {
    this.path = path;
    this.backupPath = `${path}.bak`;
    this.schema = schema;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Reads the file; when it is missing or unusable, falls back to the backup.
   * Unusable copies are renamed to `<name>.corrupt-<time>` and listed in
   * `problems`.
   */
  async load(): Promise<LoadResult<z.infer<S>>> {
    const problems: StorageProblem[] = [];
    for (const [from, file] of [
      ['file', this.path],
      ['backup', this.backupPath],
    ] as const) {
      const read = await this.readOne(file);
      if (read.kind === 'ok') return { value: read.value, from, problems };
      if (read.kind === 'bad') problems.push(await this.moveAside(file, read.reason));
    }
    return { value: undefined, from: 'none', problems };
  }

  /** Replaces the document atomically; the previous version becomes the backup. */
  save(value: z.infer<S>): Promise<void> {
    const run = this.queue.then(() => this.writeAtomically(value));
    // A failed save must not poison the saves queued after it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readOne(file: string): Promise<{ kind: 'ok'; value: z.infer<S> } | { kind: 'missing' } | { kind: 'bad'; reason: string }> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return { kind: 'bad', reason: `not valid JSON: ${(err as Error).message}` };
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) return { kind: 'bad', reason: `unexpected content: ${formatZodError(parsed.error)}` };
    return { kind: 'ok', value: parsed.data };
  }

  private async moveAside(file: string, reason: string): Promise<StorageProblem> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    let movedTo = `${file}.corrupt-${stamp}`;
    // Never overwrite an earlier corrupt copy (a clock set back, or repeated
    // failures within one millisecond).
    for (let n = 1; await exists(movedTo); n++) movedTo = `${file}.corrupt-${stamp}-${n}`;
    await fs.rename(file, movedTo);
    return { file, movedTo, reason };
  }

  private async writeAtomically(value: z.infer<S>): Promise<void> {
    // Validate before touching the disk: what we write must load again.
    const checked = this.schema.parse(value);
    const dir = dirname(this.path);
    await fs.mkdir(dir, { recursive: true });
    const tmp = join(dir, `.${basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await fs.open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(checked, null, 2)}\n`, 'utf8');
      await handle.sync();
    } catch (err) {
      await handle.close();
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await handle.close();
    try {
      if (await exists(this.path)) await fs.copyFile(this.path, this.backupPath);
      await fs.rename(tmp, this.path);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await syncDirectory(dir);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Makes the rename itself durable. Windows cannot open a directory; there the rename is already durable enough. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system: nothing more we can do.
  } finally {
    await handle?.close();
  }
}
