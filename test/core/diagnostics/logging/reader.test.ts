// The log reader: tolerant parsing and the log view's filters.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { LogEntry } from '../../../../electron/contract/diagnostics.js';
import { JsonlLogger } from '../../../../electron/core/diagnostics/logging/logger.js';
import { filterEntries, parseLogLines, readLogs } from '../../../../electron/core/diagnostics/logging/reader.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const ENTRIES: LogEntry[] = [
  { t: 100, level: 'debug', scope: 'fleet', msg: 'poll start' },
  { t: 200, level: 'info', scope: 'fleet', msg: 'poll ok', data: { host: '192.0.2.7' } },
  { t: 300, level: 'warn', scope: 'stratum', msg: 'pool slow' },
  { t: 400, level: 'error', scope: 'fleet', msg: 'device offline', data: { host: '192.0.2.8' } },
];

test('filters by minimum level, time range, text (scope, message and data) and limit', () => {
  assert.deepEqual(filterEntries(ENTRIES, { minLevel: 'warn' }).map((e) => e.t), [300, 400]);
  assert.deepEqual(filterEntries(ENTRIES, { from: 200, to: 300 }).map((e) => e.t), [200, 300]);
  assert.deepEqual(filterEntries(ENTRIES, { text: 'STRATUM' }).map((e) => e.t), [300]);
  assert.deepEqual(filterEntries(ENTRIES, { text: '192.0.2.8' }).map((e) => e.t), [400]);
  assert.deepEqual(filterEntries(ENTRIES, { limit: 2 }).map((e) => e.t), [300, 400]);
  assert.deepEqual(filterEntries(ENTRIES, { minLevel: 'info', text: 'poll' }).map((e) => e.t), [200]);
  assert.deepEqual(filterEntries(ENTRIES, {}).length, 4);
});

test('torn, foreign and invalid lines are skipped and counted', () => {
  const text = [JSON.stringify(ENTRIES[1]), '{"t":5,"level":"info","sco', 'plain text', JSON.stringify({ t: 1, level: 'loud', scope: 'x', msg: 'y' }), '', JSON.stringify(ENTRIES[2])].join('\n');
  const parsed = parseLogLines(text);
  assert.deepEqual(parsed.entries, [ENTRIES[1], ENTRIES[2]]);
  assert.equal(parsed.skipped, 3);
});

test('reads across rotated files in time order, applying the query', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hearth-logr-'));
  dirs.push(dir);
  let t = 0;
  const log = new JsonlLogger({ dir, maxFileBytes: 1024, maxFiles: 5, now: () => ++t, minLevel: 'debug' });
  for (let i = 1; i <= 40; i++) log.log(i % 10 === 0 ? 'error' : 'info', i % 2 === 0 ? 'fleet' : 'usb', `message number ${i} ${'.'.repeat(40)}`);
  await log.flush();
  await writeFile(path.join(dir, 'notes.txt'), 'not a log file');
  const all = await readLogs(dir, { limit: 1000 });
  assert.deepEqual(all.entries.map((e) => e.t), Array.from({ length: 40 }, (_, i) => i + 1));
  assert.equal(all.skipped, 0);
  const errors = await readLogs(dir, { minLevel: 'error' });
  assert.deepEqual(errors.entries.map((e) => e.msg.split(' ')[2]), ['10', '20', '30', '40']);
  const recentUsb = await readLogs(dir, { text: 'usb', from: 31, limit: 2 });
  assert.deepEqual(recentUsb.entries.map((e) => e.t), [37, 39]);
});

test('a missing folder reads as no entries; an oversized file is read from its end', async () => {
  assert.deepEqual(await readLogs(path.join(os.tmpdir(), 'hearth-no-such-dir-xyz')), { entries: [], skipped: 0, truncatedFiles: [] });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hearth-logr-'));
  dirs.push(dir);
  const lines = Array.from({ length: 100 }, (_, i) => JSON.stringify({ t: i, level: 'info', scope: 's', msg: `m${i}` }));
  await writeFile(path.join(dir, 'hearth.log'), `${lines.join('\n')}\n`);
  const r = await readLogs(dir, { limit: 1000 }, { maxBytesPerFile: 500 });
  assert.equal(r.truncatedFiles.length, 1);
  assert.equal(r.skipped, 0, 'the cut first line is dropped, not counted');
  assert.equal(r.entries.at(-1)?.t, 99);
  assert.ok(r.entries.length > 5 && r.entries.length < 20);
});
