import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { AuditEntry, ChangeRequest } from '../../../electron/contract/tuning.js';
import { AuditLog, auditEntryFor } from '../../../electron/core/tuning/audit.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'hearth-audit-'));
  dirs.push(d);
  return d;
}

function entry(at: number, deviceId: string, request: ChangeRequest = { kind: 'control', control: 'workmode', value: 2, confirmed: true }): AuditEntry {
  return auditEntryFor({
    at,
    deviceId,
    modelId: 'avalon-q',
    who: 'user',
    request,
    result: { status: 'applied', message: 'applied; the read-back shows the new state', before: 1, after: 2, verified: true },
  });
}

describe('AuditLog', () => {
  it('appends JSON lines and reads them back newest first, by device', async () => {
    const dir = await tempDir();
    const log = new AuditLog(dir);
    await log.append(entry(1, 'a:4028'));
    await log.append(entry(2, 'b:4028'));
    await log.append(entry(3, 'a:4028'));
    const lines = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    assert.equal(lines.length, 3);
    assert.deepEqual(JSON.parse(lines[0]!), entry(1, 'a:4028'));
    const forA = await log.read({ deviceId: 'a:4028' });
    assert.deepEqual(forA.entries.map((e) => e.at), [3, 1]);
    assert.equal(forA.skippedLines, 0);
    assert.equal(forA.entries[0]?.control, 'workmode');
    assert.equal(forA.entries[0]?.before, 1);
  });

  it('survives a torn last line: skips it, and the next append starts a fresh line', async () => {
    const dir = await tempDir();
    const first = new AuditLog(dir);
    await first.append(entry(1, 'a:4028'));
    // A crash in the middle of a write leaves half a line and no newline.
    await appendFile(join(dir, 'audit.jsonl'), '{"at":2,"deviceId":"a:40');
    const reopened = new AuditLog(dir);
    const read = await reopened.read();
    assert.deepEqual(read.entries.map((e) => e.at), [1]);
    assert.equal(read.skippedLines, 1);
    await reopened.append(entry(3, 'a:4028'));
    const again = await reopened.read();
    assert.deepEqual(again.entries.map((e) => e.at), [3, 1]);
    assert.equal(again.skippedLines, 1);
  });

  it('never stores pool or web passwords', async () => {
    const dir = await tempDir();
    const log = new AuditLog(dir);
    const request: ChangeRequest = {
      kind: 'pool',
      pool: { op: 'set', index: 0, url: 'stratum+tcp://p.example.com:3333', user: 'w', password: 'Sup3rS3cret', webUser: 'admin', webPassword: 'W3bPass' },
    };
    // Even an entry built by hand with the raw request is redacted on the way in.
    await log.append({ ...entry(1, 'a:4028'), request, control: 'pools:set' });
    const text = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    assert.equal(text.includes('Sup3rS3cret'), false);
    assert.equal(text.includes('W3bPass'), false);
    const [stored] = (await log.read()).entries;
    assert.deepEqual(stored?.request, { kind: 'pool', pool: { ...request.pool, password: '***', webPassword: '***' } });
  });

  it('rotates at the size cap and keeps the configured number of files', async () => {
    const dir = await tempDir();
    const one = `${JSON.stringify(entry(0, 'a:4028'))}\n`.length;
    const log = new AuditLog(dir, { maxBytes: one * 3, keepFiles: 2 });
    for (let i = 1; i <= 10; i++) await log.append(entry(i, 'a:4028'));
    const files = (await readdir(dir)).sort();
    assert.deepEqual(files, ['audit.1.jsonl', 'audit.2.jsonl', 'audit.jsonl']);
    // Files of 3 lines: [1,2,3] then [4,5,6] then [7,8,9] were rotated out in turn; 10 starts the current
    // file, and with two rotated files kept, [1,2,3] is gone.
    const read = await log.read();
    assert.deepEqual(read.entries.map((e) => e.at), [10, 9, 8, 7, 6, 5, 4]);
    assert.equal((await log.read({ limit: 2 })).entries.length, 2);
  });

  it('refuses an entry that does not match the schema', async () => {
    const log = new AuditLog(await tempDir());
    await assert.rejects(log.append({ ...entry(1, 'a:4028'), status: 'maybe' as never }));
  });
});
