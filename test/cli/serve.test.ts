// `hearth serve` and webhook tokens: without an OS keyring the headless
// server saves no token unless started with --allow-plain-secrets; with it,
// tokens go to <data-dir>/secrets.json with mode 0600. Runs the real command
// in a child process on a free loopback port and talks to its WebSocket API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { WireMessage } from '../../electron/contract/api.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts `hearth serve`, runs `body` against its API, then stops it with SIGTERM. */
async function withServe(args: string[], body: (call: (method: string, params: unknown) => Promise<WireMessage>) => Promise<void>): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/hearth.ts', 'serve', '--port', '0', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 20_000);
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /running at http:\/\/(\S+)\//.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    const ws = new WebSocket(`ws://${url}/api`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    let id = 0;
    const call = (method: string, params: unknown) =>
      new Promise<WireMessage>((resolve) => {
        const mine = ++id;
        const onMessage = (data: WebSocket.RawData) => {
          const m = JSON.parse(String(data)) as WireMessage;
          if (m.type !== 'response' || m.id !== mine) return;
          ws.off('message', onMessage);
          resolve(m);
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id: mine, method, params }));
      });
    try {
      await body(call);
    } finally {
      ws.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
  return exited;
}

test('serve refuses to save tokens without --allow-plain-secrets, and keeps them in a 0600 file with it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-cli-secrets-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Hearth</title>');
  const dataDir = join(dir, 'data');
  const token = '123456:bot-token-for-test';

  const refused = await withServe(['--data-dir', dataDir, '--static-dir', dir], async (call) => {
    const overview = await call('alerts.overview', {});
    assert.ok(overview.type === 'response' && overview.ok);
    assert.equal((overview.result as { secretProtection: string }).secretProtection, 'none');
    const set = await call('alerts.secret.set', { channel: 'telegram', value: token });
    assert.ok(set.type === 'response' && !set.ok);
    assert.equal(set.error.code, 'invalid-params');
    assert.match(set.error.message, /plain file/);
  });
  assert.equal(refused, 0);
  await assert.rejects(stat(join(dataDir, 'secrets.json')), { code: 'ENOENT' });

  const allowed = await withServe(['--data-dir', dataDir, '--static-dir', dir, '--allow-plain-secrets'], async (call) => {
    const set = await call('alerts.secret.set', { channel: 'telegram', value: token });
    assert.ok(set.type === 'response' && set.ok, JSON.stringify(set));
    assert.deepEqual(set.result, { secretsSet: { telegram: true, discord: false, ntfy: false } });
    const overview = await call('alerts.overview', {});
    assert.ok(overview.type === 'response' && overview.ok);
    assert.equal((overview.result as { secretProtection: string }).secretProtection, 'plain-file');
    assert.ok(!JSON.stringify(overview.result).includes(token));
  });
  assert.equal(allowed, 0);
  const file = join(dataDir, 'secrets.json');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.match(await readFile(file, 'utf8'), /"protection": ?"plain-file"/);
});
