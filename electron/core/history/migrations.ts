// Numbered schema migrations. Each runs in its own transaction together with
// the row that records it, so a crash leaves the database at one version or
// the next, never between. Migrations are history: never edit a released one,
// add the next number.
import type { Database } from './sqlite.js';
import { HistoryError } from './errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

function rollupTable(name: string): string {
  const gauge = (c: string) => `${c}_min REAL, ${c}_max REAL, ${c}_sum REAL, ${c}_n INTEGER NOT NULL DEFAULT 0`;
  return `CREATE TABLE ${name} (
    device INTEGER NOT NULL, t INTEGER NOT NULL,
    ${['ghs', 'temp_max', 'power', 'fan'].map(gauge).join(',\n    ')},
    acc INTEGER, rej INTEGER, hw INTEGER,
    PRIMARY KEY (device, t)) WITHOUT ROWID;`;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'samples and roll-ups',
    sql: `
      CREATE TABLE devices (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE samples (
        device INTEGER NOT NULL, t INTEGER NOT NULL,
        ghs REAL, temp_max REAL, power REAL, fan REAL,
        acc INTEGER, rej INTEGER, hw INTEGER,
        PRIMARY KEY (device, t)) WITHOUT ROWID;
      ${rollupTable('rollup_1m')}
      ${rollupTable('rollup_1h')}`,
  },
  {
    version: 2,
    name: 'events and shares',
    sql: `
      CREATE TABLE events (
        id INTEGER PRIMARY KEY, device TEXT, at INTEGER NOT NULL,
        kind TEXT NOT NULL, severity INTEGER NOT NULL, message TEXT NOT NULL, data TEXT);
      CREATE INDEX events_at ON events (at);
      CREATE INDEX events_device_at ON events (device, at);
      CREATE TABLE shares (
        id INTEGER PRIMARY KEY, device TEXT NOT NULL, at INTEGER NOT NULL,
        difficulty REAL NOT NULL, result TEXT NOT NULL);
      CREATE INDEX shares_at ON shares (at);
      CREATE INDEX shares_device_at ON shares (device, at);`,
  },
  {
    version: 3,
    name: 'inlet temperature',
    sql: `
      ALTER TABLE samples ADD COLUMN temp_inlet REAL;
      ${['rollup_1m', 'rollup_1h']
        .map(
          (t) => `ALTER TABLE ${t} ADD COLUMN temp_inlet_min REAL;
      ALTER TABLE ${t} ADD COLUMN temp_inlet_max REAL;
      ALTER TABLE ${t} ADD COLUMN temp_inlet_sum REAL;
      ALTER TABLE ${t} ADD COLUMN temp_inlet_n INTEGER NOT NULL DEFAULT 0;`,
        )
        .join('\n      ')}`,
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

export function schemaVersion(db: Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Brings the database to LATEST_VERSION; returns the versions applied. */
export function migrate(db: Database, now: number, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const current = schemaVersion(db);
  const latest = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  if (current > latest) {
    throw new HistoryError(
      'newer-schema',
      `the history database is at schema version ${current}, newer than this Hearth knows (${latest}); it is left untouched`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, now);
    })();
    applied.push(m.version);
  }
  return applied;
}
