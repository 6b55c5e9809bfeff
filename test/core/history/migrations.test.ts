import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HistoryError } from '../../../electron/core/history/errors.js';
import { LATEST_VERSION, migrate, MIGRATIONS, schemaVersion } from '../../../electron/core/history/migrations.js';
import { openHistory } from '../../../electron/core/history/open.js';
import { loadSqlite } from '../../../electron/core/history/sqlite.js';
import { HISTORY_FILE, HistoryStore } from '../../../electron/core/history/store.js';
import { tempDir } from './temp-dir.js';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const MIN = 60_000;

/** The first released layout, written out by hand as a Hearth of that version left it. */
const V1_SQL = `
  CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
  INSERT INTO schema_migrations VALUES (1, 'samples and roll-ups', ${NOW - 90 * 86_400_000});
  CREATE TABLE devices (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE samples (device INTEGER NOT NULL, t INTEGER NOT NULL, ghs REAL, temp_max REAL, power REAL, fan REAL,
    acc INTEGER, rej INTEGER, hw INTEGER, PRIMARY KEY (device, t)) WITHOUT ROWID;
  CREATE TABLE rollup_1m (device INTEGER NOT NULL, t INTEGER NOT NULL,
    ghs_min REAL, ghs_max REAL, ghs_sum REAL, ghs_n INTEGER NOT NULL DEFAULT 0,
    temp_max_min REAL, temp_max_max REAL, temp_max_sum REAL, temp_max_n INTEGER NOT NULL DEFAULT 0,
    power_min REAL, power_max REAL, power_sum REAL, power_n INTEGER NOT NULL DEFAULT 0,
    fan_min REAL, fan_max REAL, fan_sum REAL, fan_n INTEGER NOT NULL DEFAULT 0,
    acc INTEGER, rej INTEGER, hw INTEGER, PRIMARY KEY (device, t)) WITHOUT ROWID;
  CREATE TABLE rollup_1h (device INTEGER NOT NULL, t INTEGER NOT NULL,
    ghs_min REAL, ghs_max REAL, ghs_sum REAL, ghs_n INTEGER NOT NULL DEFAULT 0,
    temp_max_min REAL, temp_max_max REAL, temp_max_sum REAL, temp_max_n INTEGER NOT NULL DEFAULT 0,
    power_min REAL, power_max REAL, power_sum REAL, power_n INTEGER NOT NULL DEFAULT 0,
    fan_min REAL, fan_max REAL, fan_sum REAL, fan_n INTEGER NOT NULL DEFAULT 0,
    acc INTEGER, rej INTEGER, hw INTEGER, PRIMARY KEY (device, t)) WITHOUT ROWID;
  INSERT INTO devices VALUES (1, '192.168.1.20:4028');
  INSERT INTO samples VALUES (1, ${NOW - 10 * MIN}, 100000.5, 71, 3300, 4100, 4, 0, 1);
  INSERT INTO samples VALUES (1, ${NOW - 10 * MIN + 5000}, 100001.5, 72, 3310, 4120, 3, 1, 0);
  INSERT INTO rollup_1h VALUES (1, ${NOW - 200 * 86_400_000}, 98000, 102000, 1200000, 12, 60, 80, 840, 12, 3000, 3400, 38400, 12,
    4000, 4200, 49200, 12, 720, 2, 3);
  INSERT INTO meta VALUES ('rolled_1m', ${NOW - 11 * MIN});
  INSERT INTO meta VALUES ('rolled_1h', ${NOW - 60 * MIN});
`;

function writeV1(dir: string): void {
  const db = new (loadSqlite())(join(dir, HISTORY_FILE));
  db.exec(V1_SQL);
  db.close();
}

test('a version 1 database is migrated to the latest schema with its data kept', (t) => {
  const dir = tempDir(t);
  writeV1(dir);
  const store = HistoryStore.open(dir, { now: () => NOW });
  t.after(() => store.close());
  assert.equal(store.stats().schemaVersion, LATEST_VERSION);

  const device = { deviceId: '192.168.1.20:4028' };
  const raw = store.query({ target: device, metrics: ['ghs', 'tempMaxC', 'tempInletC', 'accepted'], from: NOW - 11 * MIN, to: NOW, maxPoints: 5000 });
  assert.equal(raw.tier, 'raw');
  assert.deepEqual(raw.series.map((s) => s.value), [[100000.5, 100001.5], [71, 72], [null, null], [4, 3]]);

  const old = store.query({ target: device, metrics: ['ghs', 'powerW', 'hwErrors'], from: NOW - 201 * 86_400_000, to: NOW - 199 * 86_400_000, maxPoints: 48 });
  assert.equal(old.tier, '1h');
  assert.deepEqual(old.series.map((s) => s.value), [[100000], [3200], [3]]);

  // Tables and columns of later versions work.
  store.record(device.deviceId, { ghs: 99_000, tempInletC: 24 }, NOW);
  store.flush();
  const inlet = store.query({ target: device, metrics: ['tempInletC'], from: NOW, to: NOW + 1, maxPoints: 10 });
  assert.deepEqual(inlet.series[0]?.value, [24]);
  assert.equal(store.addEvent({ at: NOW, kind: 'app.started', severity: 'info', message: 'migrated' }).id, 1);

  const db = new (loadSqlite())(join(dir, HISTORY_FILE), { readonly: true });
  t.after(() => db.close());
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
  assert.deepEqual(applied, MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
});

test('a new database gets every migration, and opening again applies none', (t) => {
  const dir = tempDir(t);
  HistoryStore.open(dir).close();
  const db = new (loadSqlite())(join(dir, HISTORY_FILE));
  t.after(() => db.close());
  assert.equal(schemaVersion(db), LATEST_VERSION);
  assert.deepEqual(migrate(db, NOW), []);
});

test('a migration that fails leaves the database at the version before it', (t) => {
  const dir = tempDir(t);
  HistoryStore.open(dir).close();
  const db = new (loadSqlite())(join(dir, HISTORY_FILE));
  t.after(() => db.close());
  const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (a); THIS IS NOT SQL;' }];
  assert.throws(() => migrate(db, NOW, broken), /syntax error/);
  assert.equal(schemaVersion(db), LATEST_VERSION);
  const leftover = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get() as { n: number };
  assert.equal(leftover.n, 0);
});

test('a database from a newer Hearth is refused and left untouched', (t) => {
  const dir = tempDir(t);
  HistoryStore.open(dir).close();
  const path = join(dir, HISTORY_FILE);
  const db = new (loadSqlite())(path);
  db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(LATEST_VERSION + 5, 'future', NOW);
  db.close();
  const before = readFileSync(path);
  const opened = openHistory(dir);
  assert.equal(opened.store, undefined);
  assert.equal(opened.error?.kind, 'newer-schema');
  assert.match(opened.error?.message ?? '', new RegExp(`version ${LATEST_VERSION + 5}`));
  assert.deepEqual(opened.problems, []);
  assert.deepEqual(readFileSync(path), before);
});

test('without the native module the app gets a typed reason and runs on', (t) => {
  const dir = tempDir(t);
  const missing = () => {
    throw new Error("Cannot find module 'better-sqlite3'\nRequire stack: ...");
  };
  assert.throws(
    () => HistoryStore.open(dir, { loadNative: missing }),
    (e: unknown) => e instanceof HistoryError && e.kind === 'native-module' && /Cannot find module 'better-sqlite3'\)/.test(e.message),
  );
  const opened = openHistory(dir, { loadNative: () => ({ notAConstructor: true }) });
  assert.equal(opened.error?.kind, 'native-module');
  assert.equal(existsSync(join(dir, HISTORY_FILE)), false, 'nothing was created');
});

test('a file that is not a database is moved aside and a new history started', (t) => {
  const dir = tempDir(t);
  const path = join(dir, HISTORY_FILE);
  const garbage = 'this is not an SQLite file\n'.repeat(500);
  writeFileSync(path, garbage);
  const opened = openHistory(dir, { now: () => NOW });
  assert.ok(opened.store, opened.error?.message);
  t.after(() => opened.store?.close());
  assert.equal(opened.problems.length, 1);
  const problem = opened.problems[0]!;
  assert.equal(problem.file, path);
  assert.equal(problem.movedTo, `${path}.corrupt-${NOW}`);
  assert.match(problem.reason, /not a database/);
  assert.equal(readFileSync(problem.movedTo, 'utf8'), garbage);
  opened.store.record('a:1', { ghs: 1 }, NOW);
  assert.equal(opened.store.flush(), 1);
});
