// Fetching a Nano 3S's own logs from a local imitation of its /usrdata endpoint.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { modelById } from '../../../../electron/core/avalon/models.js';
import { DEVICE_LOG_FILES, fetchDeviceLogs, servesDeviceLogs } from '../../../../electron/core/diagnostics/bundle/device-logs.js';
import { startUsrdataServer, type UsrdataServer } from './usrdata-server.js';

const servers: UsrdataServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const LOGS = { mm_sys_log: 'mm line 1\nmm line 2\n', cg_sys_log: 'cg started\n', mm_op_log: 'op: reboot\n' };

test('only the MM319 family is asked for its logs (documented for the Nano 3S)', () => {
  assert.equal(servesDeviceLogs(modelById('nano3s')), true);
  assert.equal(servesDeviceLogs(modelById('avalon-q')), true);
  assert.equal(servesDeviceLogs(modelById('a1566')), false);
  assert.equal(servesDeviceLogs(modelById('nano3')), false);
  assert.equal(servesDeviceLogs(undefined), false);
});

test('with the right password: every log file, each asked for by name as admin with a Content-Length', async () => {
  const s = await startUsrdataServer('127.0.54.1', 'web-pass-1', LOGS);
  servers.push(s);
  const r = await fetchDeviceLogs({ host: s.host, port: s.port, password: 'web-pass-1', timeoutMs: 2000 });
  assert.equal(r.authFailed, false);
  assert.deepEqual(s.requests.map((q) => [q.user, q.body, q.contentLength]), DEVICE_LOG_FILES.map((f) => ['admin', f, String(f.length)]));
  assert.deepEqual(
    r.files.map((f) => (f.ok ? [f.name, f.text, f.truncated] : [f.name, f.status])),
    [['mm_sys_log', LOGS.mm_sys_log, false], ['cg_sys_log', LOGS.cg_sys_log, false], ['asic_sys_log', 404], ['mm_op_log', LOGS.mm_op_log, false], ['cg_op_log', 404]],
  );
});

test('a wrong password stops after the first refusal', async () => {
  const s = await startUsrdataServer('127.0.54.1', 'right', LOGS);
  servers.push(s);
  const r = await fetchDeviceLogs({ host: s.host, port: s.port, password: 'wrong', timeoutMs: 2000 });
  assert.equal(r.authFailed, true);
  assert.equal(s.requests.length, 1);
  assert.deepEqual(r.files, [{ name: 'mm_sys_log', ok: false, status: 401, error: 'the device refused the web password' }]);
});

test('an endless log is cut at the cap, keeping its newest bytes', async () => {
  const s = await startUsrdataServer('127.0.54.1', 'pw', { mm_sys_log: 'line of log text' }, 'endless');
  servers.push(s);
  const r = await fetchDeviceLogs({ host: s.host, port: s.port, password: 'pw', files: ['mm_sys_log'], maxBytesPerFile: 4096, timeoutMs: 2000 });
  const f = r.files[0];
  assert.ok(f?.ok === true);
  assert.equal(f.truncated, true);
  assert.ok(f.bytes <= 4096 && f.bytes > 1000, `kept ${f.bytes}`);
  assert.match(f.text, /line of log text\n$/);
});

test('a device that stops sending times out per file; the total budget is enforced', async () => {
  const s = await startUsrdataServer('127.0.54.1', 'pw', LOGS, 'hang');
  servers.push(s);
  const started = Date.now();
  const r = await fetchDeviceLogs({ host: s.host, port: s.port, password: 'pw', files: ['mm_sys_log'], timeoutMs: 150 });
  assert.deepEqual(r.files, [{ name: 'mm_sys_log', ok: false, error: 'no complete answer within 150 ms' }]);
  assert.ok(Date.now() - started < 1500);
  const t = await startUsrdataServer('127.0.54.1', 'pw', LOGS);
  servers.push(t);
  const budget = await fetchDeviceLogs({ host: t.host, port: t.port, password: 'pw', maxTotalBytes: 12, timeoutMs: 2000 });
  assert.deepEqual(budget.files.map((f) => (f.ok ? `${f.name}:${f.bytes}` : `${f.name}:x`)), ['mm_sys_log:12', 'cg_sys_log:x', 'asic_sys_log:x', 'mm_op_log:x', 'cg_op_log:x']);
  assert.equal(t.requests.length, 1);
});

test('nobody listening: a typed failure per file, no throw', async () => {
  const r = await fetchDeviceLogs({ host: '127.0.54.1', port: 9, password: 'pw', files: ['cg_op_log'], timeoutMs: 1000 });
  assert.equal(r.files[0]?.ok, false);
  assert.match(r.files[0]?.ok === false ? r.files[0].error : '', /ECONNREFUSED/);
});
