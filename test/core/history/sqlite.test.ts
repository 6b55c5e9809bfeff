// Which better-sqlite3 addon the store opens with. Inside Electron (here a
// stand-in process.versions.electron) with a folder of Electron builds, it
// passes the build for this Electron as `nativeBinding`; under Node, or in
// the packaged app (no folder), it keeps the module's own addon. A missing or
// broken Electron build leaves the app without history, with the reason.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { HistoryError } from '../../../electron/core/history/errors.js';
import { openHistory } from '../../../electron/core/history/open.js';
import { HISTORY_FILE } from '../../../electron/core/history/store.js';
import { tempDir } from './temp-dir.js';

const realRequire = createRequire(import.meta.url);
const RealDatabase = realRequire('better-sqlite3') as typeof BetterSqlite3;
const SQLITE_VERSION = (realRequire('better-sqlite3/package.json') as { version: string }).version;
const ELECTRON = '45.5.0';
const BINDING_NAME = `better-sqlite3-${SQLITE_VERSION}-electron-${ELECTRON}-${process.platform}-${process.arch}.node`;

/** Runs the test as if inside Electron: process.versions.electron is what the loader looks at. */
function insideElectron(t: TestContext): void {
  assert.equal(process.versions.electron, undefined, 'these tests run under Node');
  Object.defineProperty(process.versions, 'electron', { value: ELECTRON, configurable: true, enumerable: true });
  t.after(() => Reflect.deleteProperty(process.versions, 'electron'));
}

/**
 * A stand-in `require`: a Database constructor that records its options and
 * opens the real module without them (a real Electron build cannot load under
 * Node), the real package.json, and a marker object for any addon path.
 */
function recordingLoader(opts: { addonFails?: boolean } = {}) {
  const seen = { ids: [] as string[], options: [] as BetterSqlite3.Options[] };
  function RecordingDatabase(file: string, options: BetterSqlite3.Options = {}) {
    seen.options.push(options);
    const { nativeBinding: _ignored, ...rest } = options;
    return new RealDatabase(file, rest);
  }
  const load = (id: string): unknown => {
    seen.ids.push(id);
    if (id === 'better-sqlite3') return RecordingDatabase;
    if (id === 'better-sqlite3/package.json') return realRequire(id);
    if (opts.addonFails) throw new Error(`${id} was compiled against a different Node.js version using NODE_MODULE_VERSION 115`);
    return { marker: 'electron build' };
  };
  return { seen, load };
}

function bindingDirWithBuild(t: TestContext): { dir: string; file: string } {
  const dir = join(tempDir(t), 'native', 'electron');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, BINDING_NAME);
  writeFileSync(file, 'stand-in for a .node file');
  return { dir, file };
}

test('inside Electron the store opens with the Electron build of better-sqlite3 as nativeBinding', (t) => {
  insideElectron(t);
  const { dir, file } = bindingDirWithBuild(t);
  const dataDir = tempDir(t);
  const { seen, load } = recordingLoader();
  const opened = openHistory(dataDir, { electronBindingDir: dir, loadNative: load });
  assert.equal(opened.error, undefined);
  t.after(() => opened.store?.close());
  assert.deepEqual(seen.options, [{ timeout: 5000, nativeBinding: file }]);
  // The addon is loaded by the loader first (typed errors); better-sqlite3 then finds it in require's cache.
  assert.deepEqual(seen.ids, ['better-sqlite3', 'better-sqlite3/package.json', file]);
  assert.equal(opened.store?.path, join(dataDir, HISTORY_FILE));
  assert.equal(opened.store?.stats().schemaVersion, 3);
});

test('under Node the store keeps the module’s own (Node) build, even when a folder of Electron builds is given', (t) => {
  const { dir } = bindingDirWithBuild(t);
  const { seen, load } = recordingLoader();
  const opened = openHistory(tempDir(t), { electronBindingDir: dir, loadNative: load });
  t.after(() => opened.store?.close());
  assert.equal(opened.error, undefined);
  assert.deepEqual(seen.options, [{ timeout: 5000, nativeBinding: undefined }]);
  assert.deepEqual(seen.ids, ['better-sqlite3']);
});

test('inside the packaged app (no folder of Electron builds) the store keeps the module’s own build', (t) => {
  insideElectron(t);
  const { seen, load } = recordingLoader();
  const opened = openHistory(tempDir(t), { loadNative: load });
  t.after(() => opened.store?.close());
  assert.equal(opened.error, undefined);
  assert.deepEqual(seen.options, [{ timeout: 5000, nativeBinding: undefined }]);
  assert.deepEqual(seen.ids, ['better-sqlite3']);
});

test('inside Electron without the Electron build, history is off and the reason says how to get it', (t) => {
  insideElectron(t);
  const dir = join(tempDir(t), 'native', 'electron');
  const dataDir = tempDir(t);
  const { seen, load } = recordingLoader();
  const opened = openHistory(dataDir, { electronBindingDir: dir, loadNative: load });
  assert.ok(opened.error instanceof HistoryError);
  assert.equal(opened.error.kind, 'native-module');
  assert.equal(
    opened.error.message,
    `history needs the Electron build of better-sqlite3 (${join(dir, BINDING_NAME)} is missing): run npm start again with network access, or use an installer`,
  );
  assert.deepEqual(seen.options, [], 'no database was opened');
  assert.equal(existsSync(join(dataDir, HISTORY_FILE)), false);
});

test('an Electron build that does not load (wrong ABI, damaged) is a native-module error, not a crash', (t) => {
  insideElectron(t);
  const { dir, file } = bindingDirWithBuild(t);
  const { seen, load } = recordingLoader({ addonFails: true });
  const opened = openHistory(tempDir(t), { electronBindingDir: dir, loadNative: load });
  assert.equal(opened.error?.kind, 'native-module');
  assert.match(opened.error?.message ?? '', /^the Electron build of better-sqlite3 \(.+\) could not be loaded \(.+NODE_MODULE_VERSION 115\); delete it and run npm start again$/);
  assert.ok(opened.error?.message.includes(file));
  assert.deepEqual(seen.options, []);
});

test('a better-sqlite3 without a version in its package.json is a native-module error', (t) => {
  insideElectron(t);
  const { dir } = bindingDirWithBuild(t);
  const load = (id: string): unknown => (id === 'better-sqlite3' ? RealDatabase : {});
  const opened = openHistory(tempDir(t), { electronBindingDir: dir, loadNative: load });
  assert.equal(opened.error?.kind, 'native-module');
  assert.equal(opened.error?.message, "better-sqlite3's package.json has no version");
});
