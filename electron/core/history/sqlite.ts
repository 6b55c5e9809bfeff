// Loads better-sqlite3 on first use, not at import, so a missing or
// mismatched native binary (no prebuilt for the platform; built for Node but
// run inside Electron) surfaces as a typed error the app can survive: it then
// runs without stored history instead of failing to start.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { electronBindingName } from './electron-binding.js';
import { HistoryError, reasonOf } from './errors.js';

export type Database = BetterSqlite3.Database;
export type Statement<P extends unknown[] | object = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;
type DatabaseConstructor = typeof BetterSqlite3;
/** `require`, or a stand-in for it in tests. */
export type NativeLoader = (id: string) => unknown;

let cached: DatabaseConstructor | undefined;

const requireNative: NativeLoader = (id) => createRequire(import.meta.url)(id);

/** `load` exists for tests that stand in for a broken install; only the real module is cached. */
export function loadSqlite(load?: NativeLoader): DatabaseConstructor {
  if (cached && !load) return cached;
  let loaded: unknown;
  try {
    loaded = (load ?? requireNative)('better-sqlite3');
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

function sqliteVersion(load: NativeLoader): string {
  let version: unknown;
  try {
    version = (load('better-sqlite3/package.json') as { version?: unknown } | undefined)?.version;
  } catch (error) {
    throw new HistoryError('native-module', `better-sqlite3's package.json could not be read (${reasonOf(error)})`, { cause: error });
  }
  if (typeof version !== 'string') throw new HistoryError('native-module', "better-sqlite3's package.json has no version");
  return version;
}

/**
 * What to pass better-sqlite3 as `nativeBinding`: inside Electron with a
 * folder of Electron builds (`npm start`), the path of the build for this
 * Electron; otherwise undefined, which keeps the module's own addon (the Node
 * build; in the packaged app, the copy electron-builder rebuilt for Electron).
 * The addon is loaded here, so a missing or broken build is a typed
 * 'native-module' error; better-sqlite3 then gets the same module from
 * require's cache.
 */
export function electronBinding(dir: string | undefined, load: NativeLoader = requireNative): string | undefined {
  const electron = process.versions.electron;
  if (!electron || !dir) return undefined;
  const path = join(dir, electronBindingName({ sqlite: sqliteVersion(load), electron, platform: process.platform, arch: process.arch }));
  if (!existsSync(path)) {
    throw new HistoryError(
      'native-module',
      `history needs the Electron build of better-sqlite3 (${path} is missing): run npm start again with network access, or use an installer`,
    );
  }
  try {
    load(path);
  } catch (error) {
    throw new HistoryError(
      'native-module',
      `the Electron build of better-sqlite3 (${path}) could not be loaded (${reasonOf(error)}); delete it and run npm start again`,
      { cause: error },
    );
  }
  return path;
}
