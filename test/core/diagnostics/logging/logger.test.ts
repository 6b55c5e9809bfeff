// The JSON-lines logger: levels, rotation by size, redaction, and limits.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { JsonlLogger, MAX_LINE_BYTES } from '../../../../electron/core/diagnostics/logging/logger.js';
import { REDACTED } from '../../../../electron/core/diagnostics/redact.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'hearth-log-'));
  dirs.push(d);
  return d;
}
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function lines(file: string): Promise<Record<string, unknown>[]> {
  return (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('writes one JSON object per line, drops entries below the minimum level', async () => {
  const dir = await tempDir();
  let t = 1000;
  const log = new JsonlLogger({ dir: path.join(dir, 'logs'), minLevel: 'info', now: () => t++ });
  const fleet = log.scoped('fleet');
  fleet.debug('noise');
  fleet.info('poll ok', { host: '192.0.2.1', ms: 12 });
  log.log('error', 'app', 'boom');
  await log.flush();
  assert.deepEqual(await lines(log.currentFile), [
    { t: 1000, level: 'info', scope: 'fleet', msg: 'poll ok', data: { host: '192.0.2.1', ms: 12 } },
    { t: 1001, level: 'error', scope: 'app', msg: 'boom' },
  ]);
});

test('rotates by size: hearth.log -> hearth.1.log -> ..., keeping maxFiles old files', async () => {
  const dir = await tempDir();
  const log = new JsonlLogger({ dir, maxFileBytes: 1024, maxFiles: 2, now: () => 0 });
  // Each line is about 120 bytes: 30 lines need about 4 files of 1 KiB.
  for (let i = 0; i < 30; i++) log.info('rotation', `entry ${String(i).padStart(3, '0')} ${'x'.repeat(70)}`);
  await log.flush();
  assert.deepEqual((await readdir(dir)).sort(), ['hearth.1.log', 'hearth.2.log', 'hearth.log']);
  for (const f of ['hearth.log', 'hearth.1.log', 'hearth.2.log']) {
    const text = await readFile(path.join(dir, f), 'utf8');
    assert.ok(Buffer.byteLength(text) <= 1024, `${f} within the size limit`);
  }
  const newest = await lines(path.join(dir, 'hearth.log'));
  assert.match(String(newest.at(-1)?.['msg']), /^entry 029 /);
  const older = await lines(path.join(dir, 'hearth.2.log'));
  const first = Number(/entry (\d+)/.exec(String(older[0]?.['msg']))?.[1]);
  assert.ok(first > 0, 'the oldest entries were rotated away');
  // Entries are contiguous across the kept files.
  const all = [...older, ...(await lines(path.join(dir, 'hearth.1.log'))), ...newest].map((e) => Number(/entry (\d+)/.exec(String(e['msg']))?.[1]));
  assert.deepEqual(all, Array.from({ length: all.length }, (_, i) => first + i));
});

test('continues the size of an existing file after a restart', async () => {
  const dir = await tempDir();
  await writeFile(path.join(dir, 'hearth.log'), `${JSON.stringify({ t: 1, level: 'info', scope: 'a', msg: 'x'.repeat(900) })}\n`);
  const log = new JsonlLogger({ dir, maxFileBytes: 1024, now: () => 2 });
  log.info('a', 'y'.repeat(200));
  await log.flush();
  assert.deepEqual((await readdir(dir)).sort(), ['hearth.1.log', 'hearth.log']);
});

test('secrets never reach the disk: secret keys, patterns and known secrets', async () => {
  const dir = await tempDir();
  const log = new JsonlLogger({ dir, now: () => 0, secrets: () => ['pool-secret-42'] });
  log.info('pools', 'added pool with password=hunter22', { url: 'stratum+tcp://u:pw99@p.example:3333', Password: 'abc', note: 'pool-secret-42 used' });
  log.warn('web', 'Authorization: Basic YWRtaW46eHl6');
  await log.flush();
  const text = await readFile(log.currentFile, 'utf8');
  for (const secret of ['hunter22', 'pw99', '"abc"', 'pool-secret-42', 'YWRtaW46eHl6']) assert.ok(!text.includes(secret), secret);
  assert.ok(text.includes(REDACTED));
});

test('an oversized entry keeps its message but loses its data; cycles and bigints do not throw', async () => {
  const dir = await tempDir();
  const log = new JsonlLogger({ dir, now: () => 0 });
  const cyclic: Record<string, unknown> = { n: 10n };
  cyclic['self'] = cyclic;
  log.info('big', 'huge payload', { blob: 'z'.repeat(MAX_LINE_BYTES * 2) });
  log.info('odd', 'cyclic', cyclic);
  await log.flush();
  const [big, odd] = await lines(log.currentFile);
  assert.deepEqual(big?.['data'], { truncated: true, originalBytes: (big?.['data'] as { originalBytes: number }).originalBytes });
  assert.ok((big?.['data'] as { originalBytes: number }).originalBytes > MAX_LINE_BYTES);
  assert.deepEqual(odd?.['data'], { n: '10', self: '[cycle]' });
});

test('a folder that cannot be written is counted and reported, never thrown', async () => {
  const dir = await tempDir();
  const blocker = path.join(dir, 'file');
  await writeFile(blocker, 'not a folder');
  const errors: unknown[] = [];
  const log = new JsonlLogger({ dir: path.join(blocker, 'logs'), onError: (e) => errors.push(e) });
  log.error('x', 'cannot land');
  await log.flush();
  assert.equal(log.failedWrites, 1);
  assert.equal(errors.length, 1);
  assert.throws(() => new JsonlLogger({ dir, maxFileBytes: 10 }), RangeError);
});
