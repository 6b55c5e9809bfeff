// Loads better-sqlite3 on first use, not at import, so a missing or
// mismatched native binary (no prebuilt for the platform; built for Node but
// run inside Electron) surfaces as a typed error the app can survive: it then
// runs without stored history instead of failing to start.
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { HistoryError, reasonOf } from './errors.js';

export type Database = BetterSqlite3.Database;
export type Statement<P extends unknown[] | object = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;
type DatabaseConstructor = typeof BetterSqlite3;

let cached: DatabaseConstructor | undefined;

const requireNative = (): unknown => createRequire(import.meta.url)('better-sqlite3');

/** `load` exists for tests that stand in for a broken install; only the real module is cached. */
export function loadSqlite(load?: () => unknown): DatabaseConstructor {
  if (cached && !load) return cached;
  let loaded: unknown;
  try {
    loaded = (load ?? requireNative)();
  } catch (error) {
    throw new HistoryError(
      'native-module',
      `better-sqlite3 could not be loaded (${reasonOf(error)}); history is off. ` +
        'Reinstall with `npm install`; in the packaged app the module must be rebuilt for Electron (electron-builder does this).',
      { cause: error },
    );
  }
  if (typeof loaded !== 'function') throw new HistoryError('native-module', 'better-sqlite3 loaded but did not export a Database constructor');
  const ctor = loaded as DatabaseConstructor;
  if (!load) cached = ctor;
  return ctor;
}
