// Reads the app's logs back for the log view and support bundles: tolerant
// of torn or foreign lines (skipped and counted), capped per file, filtered
// by level, time range and text.
import { promises as fs } from 'node:fs';
import { LogEntrySchema, type LogEntry, type LogQuery } from '../../../contract/diagnostics.js';
import { DEFAULT_LOG_BASE, listLogFiles } from './files.js';
import { LEVEL_RANK } from './logger.js';

export const DEFAULT_LOG_LIMIT = 500;
/** More than any file the logger writes (it rotates at 1 MiB by default); a larger file is read from its end. */
export const MAX_READ_BYTES_PER_FILE = 8 * 1024 * 1024;

export interface ParsedLines {
  entries: LogEntry[];
  skipped: number;
}

export function parseLogLines(text: string): ParsedLines {
  const entries: LogEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const parsed = LogEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else skipped++;
  }
  return { entries, skipped };
}

/** The newest `limit` entries that match, oldest first. */
export function filterEntries(entries: readonly LogEntry[], query: LogQuery): LogEntry[] {
  const min = query.minLevel === undefined ? 0 : LEVEL_RANK[query.minLevel];
  const text = query.text?.trim().toLowerCase();
  const matches = entries.filter((e) => {
    if (LEVEL_RANK[e.level] < min) return false;
    if (query.from !== undefined && e.t < query.from) return false;
    if (query.to !== undefined && e.t > query.to) return false;
    if (text !== undefined && text !== '') {
      const haystack = `${e.scope}\n${e.msg}\n${e.data === undefined ? '' : JSON.stringify(e.data)}`.toLowerCase();
      if (!haystack.includes(text)) return false;
    }
    return true;
  });
  return matches.slice(-(query.limit ?? DEFAULT_LOG_LIMIT));
}

export interface LogReadResult {
  entries: LogEntry[];
  /** Lines that were not log entries (torn writes, foreign text). */
  skipped: number;
  /** Files larger than the read cap, of which only the end was read. */
  truncatedFiles: string[];
}

export async function readLogs(dir: string, query: LogQuery = {}, opts: { base?: string; maxBytesPerFile?: number } = {}): Promise<LogReadResult> {
  const cap = opts.maxBytesPerFile ?? MAX_READ_BYTES_PER_FILE;
  const all: LogEntry[] = [];
  let skipped = 0;
  const truncatedFiles: string[] = [];
  for (const file of await listLogFiles(dir, opts.base ?? DEFAULT_LOG_BASE)) {
    const text = await readTail(file, cap).catch((e: NodeJS.ErrnoException) => {
      // Rotation may move a file between listing and reading.
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (text === undefined) continue;
    if (text.truncated) truncatedFiles.push(file);
    const parsed = parseLogLines(text.text);
    all.push(...parsed.entries);
    skipped += parsed.skipped;
  }
  // Files are read oldest first, but entries written around a rotation may interleave.
  all.sort((a, b) => a.t - b.t);
  return { entries: filterEntries(all, query), skipped, truncatedFiles };
}

async function readTail(file: string, cap: number): Promise<{ text: string; truncated: boolean }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, cap);
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, size - length);
    let text = buf.toString('utf8');
    // The first line of a tail read is usually cut: drop it rather than count it as garbage.
    if (size > cap) text = text.slice(text.indexOf('\n') + 1);
    return { text, truncated: size > cap };
  } finally {
    await handle.close();
  }
}
