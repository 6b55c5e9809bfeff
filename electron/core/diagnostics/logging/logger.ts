// The app's structured log: one JSON object per line in a folder the host
// gives (the app's data folder), rotated by size, secrets removed before
// anything reaches the disk. Writing never throws into the caller: a log
// that cannot be written is counted and reported through `onError`.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LogEntry, LogLevel } from '../../../contract/diagnostics.js';
import { redactText, redactValue } from '../redact.js';
import { DEFAULT_LOG_BASE, logFileName } from './files.js';

export const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface LoggerOptions {
  dir: string;
  /** File name stem; default "hearth" (hearth.log, hearth.1.log, ...). */
  base?: string;
  /** Rotate when the current file would grow past this; default 1 MiB. */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one; default 5. */
  maxFiles?: number;
  /** Entries below this level are dropped; default 'info'. */
  minLevel?: LogLevel;
  now?: () => number;
  /** Secrets to scrub by value (e.g. the pool passwords in the settings), asked for at each write. */
  secrets?: () => readonly string[];
  onError?: (err: unknown) => void;
}

/** One entry's line is kept under this; a larger entry loses its data and keeps a note. */
export const MAX_LINE_BYTES = 16 * 1024;
const MAX_MSG_CHARS = 4096;

export interface ScopedLogger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export class JsonlLogger {
  readonly dir: string;
  private readonly base: string;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private readonly minLevel: LogLevel;
  private readonly now: () => number;
  private readonly secrets: () => readonly string[];
  private readonly onError: (err: unknown) => void;
  private size: number | undefined;
  private chain: Promise<void> = Promise.resolve();
  /** Entries that could not be written. */
  failedWrites = 0;

  constructor(opts: LoggerOptions) {
    this.dir = opts.dir;
    this.base = opts.base ?? DEFAULT_LOG_BASE;
    this.maxFileBytes = opts.maxFileBytes ?? 1024 * 1024;
    this.maxFiles = opts.maxFiles ?? 5;
    this.minLevel = opts.minLevel ?? 'info';
    this.now = opts.now ?? Date.now;
    this.secrets = opts.secrets ?? (() => []);
    this.onError = opts.onError ?? (() => undefined);
    if (!(this.maxFileBytes >= 1024)) throw new RangeError(`maxFileBytes must be at least 1024, got ${this.maxFileBytes}`);
    if (!Number.isInteger(this.maxFiles) || this.maxFiles < 0 || this.maxFiles > 100) throw new RangeError(`maxFiles must be an integer from 0 to 100, got ${this.maxFiles}`);
  }

  get currentFile(): string {
    return path.join(this.dir, logFileName(this.base, 0));
  }

  log(level: LogLevel, scope: string, msg: string, data?: Record<string, unknown>): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[this.minLevel]) return;
    const line = this.format(level, scope, msg, data);
    this.chain = this.chain.then(() => this.append(line)).catch((err: unknown) => {
      this.failedWrites++;
      this.onError(err);
    });
  }

  debug(scope: string, msg: string, data?: Record<string, unknown>): void {
    this.log('debug', scope, msg, data);
  }

  info(scope: string, msg: string, data?: Record<string, unknown>): void {
    this.log('info', scope, msg, data);
  }

  warn(scope: string, msg: string, data?: Record<string, unknown>): void {
    this.log('warn', scope, msg, data);
  }

  error(scope: string, msg: string, data?: Record<string, unknown>): void {
    this.log('error', scope, msg, data);
  }

  /** A logger bound to one scope, for a module to keep. */
  scoped(scope: string): ScopedLogger {
    return {
      debug: (msg, data) => this.log('debug', scope, msg, data),
      info: (msg, data) => this.log('info', scope, msg, data),
      warn: (msg, data) => this.log('warn', scope, msg, data),
      error: (msg, data) => this.log('error', scope, msg, data),
    };
  }

  /** Resolves once every entry logged so far is on disk (or counted as failed). */
  flush(): Promise<void> {
    return this.chain;
  }

  private format(level: LogLevel, scope: string, msg: string, data: Record<string, unknown> | undefined): string {
    const opts = { secrets: this.secrets() };
    const entry: LogEntry = { t: this.now(), level, scope: redactText(scope, opts).slice(0, 64), msg: redactText(msg, opts).slice(0, MAX_MSG_CHARS) };
    // redactValue also makes the data safe for JSON (cycles, bigints, errors).
    if (data !== undefined) entry.data = redactValue(data, opts) as Record<string, unknown>;
    let line = `${JSON.stringify(entry)}\n`;
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) {
      const { data: _dropped, ...rest } = entry;
      line = `${JSON.stringify({ ...rest, data: { truncated: true, originalBytes: Buffer.byteLength(line) } })}\n`;
    }
    return line;
  }

  private async append(line: string): Promise<void> {
    const bytes = Buffer.byteLength(line);
    if (this.size === undefined) {
      await fs.mkdir(this.dir, { recursive: true });
      this.size = await fs.stat(this.currentFile).then((s) => s.size, () => 0);
    }
    if (this.size > 0 && this.size + bytes > this.maxFileBytes) await this.rotate();
    await fs.appendFile(this.currentFile, line, { mode: 0o600 });
    this.size += bytes;
  }

  private async rotate(): Promise<void> {
    const file = (gen: number): string => path.join(this.dir, logFileName(this.base, gen));
    await fs.rm(file(this.maxFiles), { force: true });
    for (let gen = this.maxFiles - 1; gen >= 0; gen--) {
      await fs.rename(file(gen), file(gen + 1)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
    this.size = 0;
  }
}
