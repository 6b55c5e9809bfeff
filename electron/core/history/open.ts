// Opening history the way the app needs it: never fatal. A file that is not
// a database (or is damaged past opening) is moved aside and a new one
// started, and reported like the JSON stores report theirs; a missing native
// module or a file from a newer Hearth leaves the app running without
// history, with the reason to show.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageProblem } from '../storage/json-file.js';
import { HistoryError } from './errors.js';
import { HISTORY_FILE, HistoryStore, type HistoryStoreOptions } from './store.js';

export type OpenedHistory =
  | { store: HistoryStore; error?: undefined; problems: StorageProblem[] }
  | { store?: undefined; error: HistoryError; problems: StorageProblem[] };

const UNREADABLE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isUnreadable(error: HistoryError): boolean {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && UNREADABLE.has(code);
}

function moveAside(path: string, at: number): string {
  const movedTo = `${path}.corrupt-${at}`;
  renameSync(path, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    try {
      renameSync(`${path}${suffix}`, `${movedTo}${suffix}`);
    } catch {
      // Absent when the damaged file had no log: nothing to keep.
    }
  }
  return movedTo;
}

export function openHistory(dataDir: string, opts: HistoryStoreOptions = {}): OpenedHistory {
  const problems: StorageProblem[] = [];
  try {
    return { store: HistoryStore.open(dataDir, opts), problems };
  } catch (first) {
    const error = first instanceof HistoryError ? first : new HistoryError('storage', String(first));
    if (error.kind !== 'storage' || !isUnreadable(error)) return { error, problems };
    const file = join(dataDir, HISTORY_FILE);
    try {
      const movedTo = moveAside(file, (opts.now ?? Date.now)());
      problems.push({ file, movedTo, reason: error.message });
      return { store: HistoryStore.open(dataDir, opts), problems };
    } catch (second) {
      return { error: second instanceof HistoryError ? second : new HistoryError('storage', String(second)), problems };
    }
  }
}
