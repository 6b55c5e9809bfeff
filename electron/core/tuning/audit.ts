// The audit trail of device changes: JSON lines appended to
// `<dataDir>/audit.jsonl`, each flushed to disk before the append resolves,
// rotated to `audit.1.jsonl`, `audit.2.jsonl`, ... at a size cap. A crash can
// leave a torn last line; the reader skips it and the next append starts on a
// fresh line. Entries never hold secrets: requests are redacted on the way in.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { AuditEntrySchema, type AuditEntry, type AuditWho, type ChangeRequest, type ChangeResult } from '../../contract/tuning.js';
import { formatZodError } from '../storage/zod-message.js';
import { changeName } from './apply.js';
import { redactPoolOp } from './pools.js';

export interface AuditLogOptions {
  /** Rotate when the current file would exceed this many bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. Default 3. */
  keepFiles?: number;
}

export interface AuditQuery {
  deviceId?: string;
  /** Most recent first, at most this many. Default 200. */
  limit?: number;
}

export interface AuditReadResult {
  entries: AuditEntry[];
  /** Lines that could not be used (a torn write, a hand edit). */
  skippedLines: number;
}

const FILE = 'audit.jsonl';

/** The request as it may be stored: pool passwords replaced by "***". */
export function redactRequest(request: ChangeRequest): ChangeRequest {
  return request.kind === 'pool' ? { ...request, pool: redactPoolOp(request.pool) } : request;
}

/** The audit entry for one change and its outcome. */
export function auditEntryFor(args: {
  at: number;
  deviceId: string;
  modelId: string;
  who: AuditWho;
  request: ChangeRequest;
  result: ChangeResult;
  scheduleId?: string;
}): AuditEntry {
  const { result } = args;
  const entry: AuditEntry = {
    at: args.at,
    deviceId: args.deviceId,
    modelId: args.modelId,
    who: args.who,
    control: changeName(args.request),
    request: redactRequest(args.request),
    status: result.status,
    message: result.message,
  };
  if (result.text !== undefined) entry.text = result.text;
  if (result.deviceMessage !== undefined) entry.deviceMessage = result.deviceMessage;
  if (result.before !== undefined) entry.before = result.before;
  if (result.after !== undefined) entry.after = result.after;
  if (result.verified !== undefined) entry.verified = result.verified;
  if (args.scheduleId !== undefined) entry.scheduleId = args.scheduleId;
  return entry;
}

export class AuditLog {
  readonly path: string;
  private readonly dir: string;
  private readonly maxBytes: number;
  private readonly keepFiles: number;
  /** Appends run one after another so lines never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private checkedTail = false;

  constructor(dataDir: string, opts: AuditLogOptions = {}) {
    this.dir = dataDir;
    this.path = join(dataDir, FILE);
    this.maxBytes = opts.maxBytes ?? 1024 * 1024;
    this.keepFiles = Math.max(0, opts.keepFiles ?? 3);
  }

  /** Appends one entry (validated, request redacted) and resolves once it is on disk. */
  append(entry: AuditEntry): Promise<void> {
    const parsed = AuditEntrySchema.safeParse({ ...entry, request: redactRequest(entry.request) });
    if (!parsed.success) return Promise.reject(new Error(`audit entry rejected: ${formatZodError(parsed.error)}`));
    const run = this.queue.then(() => this.write(`${JSON.stringify(parsed.data)}\n`));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(line: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const size = await fileSize(this.path);
    let prefix = '';
    if (!this.checkedTail) {
      // After a crash the file may end mid-line: start on a fresh one so the
      // torn line stays a single unreadable line instead of corrupting this one.
      if (size > 0 && !(await endsWithNewline(this.path, size))) prefix = '\n';
      this.checkedTail = true;
    }
    const bytes = Buffer.byteLength(prefix + line);
    if (size > 0 && size + bytes > this.maxBytes) {
      await this.rotate();
      prefix = '';
    }
    const handle = await fs.open(this.path, 'a', 0o600);
    try {
      await handle.writeFile(prefix + line, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async rotate(): Promise<void> {
    if (this.keepFiles === 0) {
      await fs.rm(this.path, { force: true });
      return;
    }
    await fs.rm(this.rotated(this.keepFiles), { force: true });
    for (let n = this.keepFiles - 1; n >= 1; n--) await renameIfExists(this.rotated(n), this.rotated(n + 1));
    await fs.rename(this.path, this.rotated(1));
  }

  private rotated(n: number): string {
    return join(this.dir, `audit.${n}.jsonl`);
  }

  /** Entries, most recent first, optionally for one device; unusable lines are counted and skipped. */
  async read(query: AuditQuery = {}): Promise<AuditReadResult> {
    await this.queue;
    const limit = query.limit ?? 200;
    const entries: AuditEntry[] = [];
    let skippedLines = 0;
    const files = [this.path, ...Array.from({ length: this.keepFiles }, (_, i) => this.rotated(i + 1))];
    for (const file of files) {
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      for (let i = lines.length - 1; i >= 0; i--) {
        const entry = parseLine(lines[i] as string);
        if (entry === undefined) {
          skippedLines++;
          continue;
        }
        if (query.deviceId !== undefined && entry.deviceId !== query.deviceId) continue;
        if (entries.length < limit) entries.push(entry);
      }
    }
    return { entries, skippedLines };
  }
}

function parseLine(line: string): AuditEntry | undefined {
  try {
    const parsed = AuditEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await fs.stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

async function endsWithNewline(path: string, size: number): Promise<boolean> {
  const handle = await fs.open(path, 'r');
  try {
    const buf = Buffer.alloc(1);
    await handle.read(buf, 0, 1, size - 1);
    return buf[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
