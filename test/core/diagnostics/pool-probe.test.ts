// The pool reachability test against pools on loopback (127.0.53.x): the
// project's own test pool, and small raw servers that misbehave.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';
import { probePool } from '../../../electron/core/diagnostics/pool-probe.js';
import { TestPool } from '../../../electron/core/stratum/test-pool.js';

const servers: net.Server[] = [];
after(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

/** A raw server on 127.0.53.1: `onLine` gets each request line; it also records them. */
async function rawPool(onLine: (socket: net.Socket, line: string) => void): Promise<{ url: string; lines: string[] }> {
  const lines: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    let buf = '';
    socket.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        lines.push(line);
        onLine(socket, line);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.53.1', r));
  const { port } = server.address() as net.AddressInfo;
  return { url: `stratum+tcp://127.0.53.1:${port}`, lines };
}

test('a real Stratum pool: reachable, with connect and subscribe times, and never asked to authorize', async () => {
  const pool = await TestPool.start({ host: '127.0.53.2' });
  let connections = 0;
  pool.on('connection', () => connections++);
  try {
    const r = await probePool(0, pool.url, { timeoutMs: 2000 });
    assert.equal(r.reachable, true);
    assert.equal(r.index, 0);
    assert.equal(r.error, undefined);
    assert.ok(r.connectMs !== undefined && r.connectMs >= 0 && r.connectMs < 2000);
    assert.ok(r.subscribeMs !== undefined && r.subscribeMs >= 0 && r.subscribeMs < 2000);
    assert.equal(connections, 1);
  } finally {
    await pool.close();
  }
});

test('only mining.subscribe is sent; notifications before the answer are skipped', async () => {
  const raw = await rawPool((socket, line) => {
    const req = JSON.parse(line) as { id: number };
    socket.write('{"id":null,"method":"mining.set_difficulty","params":[8]}\n');
    socket.write(`${JSON.stringify({ id: req.id, result: [[['mining.notify', 'ab']], '08000002', 4], error: null })}\n`);
  });
  const r = await probePool(2, raw.url, { timeoutMs: 2000, userAgent: 'Hearth/test' });
  assert.equal(r.reachable, true);
  assert.equal(raw.lines.length, 1);
  assert.deepEqual(JSON.parse(raw.lines[0] ?? ''), { id: 1, method: 'mining.subscribe', params: ['Hearth/test'] });
});

test('a pool that refuses the subscribe is reachable but reported with the refusal', async () => {
  const raw = await rawPool((socket) => socket.write('{"id":1,"result":null,"error":[20,"Go away",null]}\n'));
  const r = await probePool(0, raw.url, { timeoutMs: 2000 });
  assert.equal(r.reachable, true);
  assert.equal(r.error?.kind, 'refused-by-pool');
  assert.match(r.error?.message ?? '', /Go away/);
});

test('a closed port is unreachable with kind "refused"', async () => {
  const raw = await rawPool(() => undefined);
  const port = Number(raw.url.split(':').pop());
  await new Promise((r) => servers.pop()?.close(r));
  const r = await probePool(1, `stratum+tcp://127.0.53.1:${port}`, { timeoutMs: 2000 });
  assert.equal(r.reachable, false);
  assert.equal(r.error?.kind, 'refused');
  assert.equal(r.connectMs, undefined);
});

test('a silent pool times out after the budget, keeping the connect time', async () => {
  const raw = await rawPool(() => undefined);
  const started = Date.now();
  const r = await probePool(0, raw.url, { timeoutMs: 150 });
  assert.equal(r.reachable, false);
  assert.equal(r.error?.kind, 'timeout');
  assert.match(r.error?.message ?? '', /no answer to mining.subscribe within 150 ms/);
  assert.ok(r.connectMs !== undefined);
  assert.ok(Date.now() - started < 1500);
});

test('garbage, an endless line, and an unusable URL are typed failures', async () => {
  const garbage = await rawPool((socket) => socket.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
  assert.equal((await probePool(0, garbage.url, { timeoutMs: 2000 })).error?.kind, 'protocol');
  const endless = await rawPool((socket) => socket.write('x'.repeat(64 * 1024)));
  assert.equal((await probePool(0, endless.url, { timeoutMs: 2000, maxLineBytes: 1024 })).error?.kind, 'too-large');
  const tls = await probePool(0, 'stratum+ssl://pool.example.com:443');
  assert.equal(tls.reachable, false);
  assert.equal(tls.error?.kind, 'config');
});

test('an aborted probe ends at once as closed', async () => {
  const raw = await rawPool(() => undefined);
  const ac = new AbortController();
  const pending = probePool(0, raw.url, { timeoutMs: 5000, signal: ac.signal });
  setTimeout(() => ac.abort(), 30);
  const r = await pending;
  assert.equal(r.error?.kind, 'closed');
  assert.match(r.error?.message ?? '', /cancelled/);
});
