import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { requests, type WireMessage } from '../../../electron/contract/api.js';
import { createHearthService, type HearthService } from '../../../electron/core/app/service.js';
import { startServer, type RunningServer } from '../../../electron/core/server/server.js';
import { MAX_MESSAGE_BYTES } from '../../../electron/core/server/ws-api.js';

interface Fixture {
  dir: string;
  staticDir: string;
  service: HearthService;
}

async function fixture(t: { after: (fn: () => Promise<void>) => void }): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-server-'));
  const staticDir = join(dir, 'renderer');
  await mkdir(join(staticDir, 'assets'), { recursive: true });
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><script type="module" src="app.js"></script>');
  await writeFile(join(staticDir, 'app.js'), 'console.log("hearth")');
  await writeFile(join(staticDir, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(dir, 'secret.txt'), 'do not serve');
  await symlink(join(dir, 'secret.txt'), join(staticDir, 'link.txt'));
  const service = await createHearthService({ dataDir: join(dir, 'data'), host: 'server', version: '9.9.9', log: () => {} });
  t.after(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { dir, staticDir, service };
}

async function serve(t: { after: (fn: () => Promise<void>) => void }, f: Fixture, extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  const server = await startServer({ service: f.service, staticDir: f.staticDir, port: 0, ...extra });
  t.after(() => server.close());
  return server;
}

/** A raw GET, so that paths reach the server exactly as written (no client-side normalisation). */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Collects messages; `next(pred)` waits for the first one matching. */
function inbox(ws: WebSocket): { next: (pred: (m: WireMessage) => boolean) => Promise<WireMessage> } {
  const seen: WireMessage[] = [];
  const waiters: { pred: (m: WireMessage) => boolean; resolve: (m: WireMessage) => void }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as WireMessage;
    const w = waiters.findIndex((x) => x.pred(m));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(m);
    else seen.push(m);
  });
  return {
    next: (pred) => {
      const i = seen.findIndex(pred);
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!);
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

const response = (id: number) => (m: WireMessage) => m.type === 'response' && m.id === id;

test('static files come with the CSP and nosniff headers; no listings, no traversal, no symlinks out', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f);
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
  assert.equal(server.token, undefined);

  const index = await get(server.port, '/');
  assert.equal(index.status, 200);
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  const csp = String(index.headers['content-security-policy'] ?? '');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /connect-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(index.headers['x-content-type-options'], 'nosniff');
  assert.match(index.body, /app\.js/);

  const js = await get(server.port, '/app.js?v=1');
  assert.equal(js.status, 200);
  assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(js.body, 'console.log("hearth")');
  const head = await get(server.port, '/app.js', {}, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');

  assert.equal((await get(server.port, '/assets')).status, 404);
  assert.equal((await get(server.port, '/assets/')).status, 404);
  assert.equal((await get(server.port, '/nope.js')).status, 404);
  for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
    const r = await get(server.port, path);
    assert.ok(r.status === 400 || r.status === 404, `${path}: ${r.status}`);
    assert.doesNotMatch(r.body, /do not serve/, path);
  }
  const link = await get(server.port, '/link.txt');
  assert.equal(link.status, 404);
  assert.doesNotMatch(link.body, /do not serve/);
  assert.equal((await get(server.port, '/', {}, 'POST')).status, 405);
  assert.equal((await get(server.port, '/api')).status, 426);
});

test('bound to loopback, a foreign Host header (DNS rebinding) is refused', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f);
  assert.equal((await get(server.port, '/', { Host: 'evil.example:80' })).status, 403);
  assert.equal((await get(server.port, '/', { Host: `localhost:${server.port}` })).status, 200);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api`, { Host: 'evil.example' }), /HTTP 403/);
});

test('WebSocket: request/response with the contract shapes, errors typed, events broadcast', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f);
  const ws = await connect(`ws://127.0.0.1:${server.port}/api`, { Origin: `http://127.0.0.1:${server.port}` });
  t.after(() => ws.close());
  const box = inbox(ws);

  ws.send(JSON.stringify({ id: 1, method: 'app.info', params: {} }));
  const info = await box.next(response(1));
  assert.ok(info.type === 'response' && info.ok);
  assert.deepEqual(requests['app.info'].result.parse(info.result), { version: '9.9.9', host: 'server', demo: false, platform: process.platform });

  ws.send(JSON.stringify({ id: 2, method: 'no.such', params: {} }));
  const unknown = await box.next(response(2));
  assert.ok(unknown.type === 'response' && !unknown.ok);
  assert.equal(unknown.error.code, 'unknown-method');

  ws.send(JSON.stringify({ id: 3, method: 'settings.set', params: { pollIntervalMs: 5 } }));
  const invalid = await box.next(response(3));
  assert.ok(invalid.type === 'response' && !invalid.ok);
  assert.equal(invalid.error.code, 'invalid-params');
  assert.match(invalid.error.message, /pollIntervalMs/);

  ws.send('not json');
  const garbled = await box.next(response(-1));
  assert.ok(garbled.type === 'response' && !garbled.ok && garbled.error.code === 'invalid-params');

  // A second client sees the event caused by the first.
  const other = await connect(`ws://127.0.0.1:${server.port}/api`);
  t.after(() => other.close());
  const otherBox = inbox(other);
  ws.send(JSON.stringify({ id: 4, method: 'settings.set', params: { theme: 'dark' } }));
  const set = await box.next(response(4));
  assert.ok(set.type === 'response' && set.ok);
  const event = await otherBox.next((m) => m.type === 'event' && m.event === 'settings.changed');
  assert.ok(event.type === 'event');
  assert.deepEqual(event.payload, { pollIntervalMs: 5000, language: 'en', theme: 'dark' });
});

test('a cross-origin page cannot open the WebSocket', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api`, { Origin: 'http://evil.example' }), /HTTP 403/);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/elsewhere`), /HTTP 404/);
});

test('with a token, the WebSocket needs it; a wrong or missing one is refused', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f, { token: 'correct-horse-battery' });
  assert.equal(server.url, `http://127.0.0.1:${server.port}/?token=correct-horse-battery`);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api`), /HTTP 401/);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api?token=correct-horse-batterx`), /HTTP 401/);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api?token=`), /HTTP 401/);
  const ws = await connect(`ws://127.0.0.1:${server.port}/api?token=correct-horse-battery`);
  ws.close();
  // The page itself is public (it holds no data); only the API is gated.
  assert.equal((await get(server.port, '/')).status, 200);
});

test('bound to a non-loopback address, a token is generated and required', async (t) => {
  const f = await fixture(t);
  // 0.0.0.0 listens on loopback too, so the test stays on 127.0.0.1.
  const server = await serve(t, f, { host: '0.0.0.0' });
  assert.ok(server.token !== undefined && server.token.length >= 32, 'a long random token');
  assert.equal(server.url, `http://127.0.0.1:${server.port}/?token=${server.token}`);
  await assert.rejects(connect(`ws://127.0.0.1:${server.port}/api`), /HTTP 401/);
  const ws = await connect(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
  ws.close();
  // Any Host is fine here: the token is the guard.
  assert.equal((await get(server.port, '/', { Host: 'hearth.lan' })).status, 200);
});

test('an oversized message closes the connection (1009); binary frames are refused (1003)', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f);
  const ws = await connect(`ws://127.0.0.1:${server.port}/api`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.send(JSON.stringify({ id: 1, method: 'app.info', params: { pad: 'x'.repeat(MAX_MESSAGE_BYTES + 10) } }));
  assert.equal(await closed, 1009);

  const bin = await connect(`ws://127.0.0.1:${server.port}/api`);
  const binClosed = new Promise<number>((resolve) => bin.once('close', (code) => resolve(code)));
  bin.send(Buffer.from([1, 2, 3]));
  assert.equal(await binClosed, 1003);
});

test('a client that stops answering pings is dropped by the heartbeat', async (t) => {
  const f = await fixture(t);
  const server = await serve(t, f, { heartbeatMs: 100 });
  // autoPong off: the client never answers.
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { autoPong: false });
  await new Promise((resolve) => ws.once('open', resolve));
  const started = Date.now();
  await new Promise((resolve) => ws.once('close', resolve));
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 150 && elapsed < 2000, `dropped after ${elapsed} ms`);
});

test('more than 64 requests in flight on one connection closes it (1008)', async (t) => {
  const f = await fixture(t);
  // A device that accepts and never answers keeps device.raw requests pending.
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.35.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        silent.close(() => resolve());
      }),
  );
  const { port } = silent.address() as net.AddressInfo;
  const record = (await f.service.handle('device.add', { host: '127.0.35.1', port })) as { id: string };
  const server = await serve(t, f);
  const ws = await connect(`ws://127.0.0.1:${server.port}/api`);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  for (let id = 1; id <= 65; id++) ws.send(JSON.stringify({ id, method: 'device.raw', params: { id: record.id, command: 'summary' } }));
  assert.equal(await closed, 1008);
});
