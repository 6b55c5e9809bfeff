import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedGet } from '../../../electron/core/earnings/http-get.js';
import { MarketFetchError } from '../../../electron/core/earnings/market-error.js';
import { closedPort, json, startMempoolServer, text, type Handler } from './mempool-server.js';

async function failure(promise: Promise<unknown>): Promise<MarketFetchError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof MarketFetchError, `expected a MarketFetchError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a failure');
}

test('a plain reply comes back with its content type', async () => {
  const server = await startMempoolServer(new Map([['/api/x', json('{"a":1}')]]));
  try {
    const reply = await boundedGet(`${server.baseUrl}/x`);
    assert.equal(reply.text, '{"a":1}');
    assert.match(reply.contentType, /application\/json/);
    assert.equal(reply.url, `${server.baseUrl}/x`);
  } finally {
    await server.close();
  }
});

test('connection refused', async () => {
  const port = await closedPort();
  const err = await failure(boundedGet(`http://127.0.0.1:${port}/api/x`));
  assert.equal(err.kind, 'refused');
  assert.match(err.message, /refused/);
});

test('a server that never answers times out', async () => {
  const server = await startMempoolServer(new Map([['/api/x', () => undefined]]));
  try {
    const started = Date.now();
    const err = await failure(boundedGet(`${server.baseUrl}/x`, { timeoutMs: 200 }));
    assert.equal(err.kind, 'timeout');
    assert.ok(Date.now() - started < 2000);
  } finally {
    await server.close();
  }
});

test('a server that drips its body slowly times out too (the deadline covers the body)', async () => {
  const server = await startMempoolServer(
    new Map([
      [
        '/api/x',
        (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{');
          const timer = setInterval(() => res.write(' '), 30);
          res.on('close', () => clearInterval(timer));
        },
      ],
    ]),
  );
  try {
    const err = await failure(boundedGet(`${server.baseUrl}/x`, { timeoutMs: 250 }));
    assert.equal(err.kind, 'timeout');
  } finally {
    await server.close();
  }
});

test('bodies over the cap are refused, announced or not', async () => {
  const big = 'x'.repeat(300 * 1024);
  const server = await startMempoolServer(
    new Map([
      ['/api/announced', text(big)],
      [
        '/api/chunked',
        (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          for (let i = 0; i < 40; i++) res.write('y'.repeat(8192));
          res.end();
        },
      ],
    ]),
  );
  try {
    const announced = await failure(boundedGet(`${server.baseUrl}/announced`));
    assert.equal(announced.kind, 'too-large');
    assert.match(announced.message, /262144/);
    const chunked = await failure(boundedGet(`${server.baseUrl}/chunked`));
    assert.equal(chunked.kind, 'too-large');
    // Under a larger cap the same body is fine.
    assert.equal((await boundedGet(`${server.baseUrl}/announced`, { maxBytes: 400 * 1024 })).text.length, big.length);
  } finally {
    await server.close();
  }
});

test('redirects: same host followed, another host refused, loops cut short', async () => {
  const other = await startMempoolServer(new Map([['/api/x', json('{"evil":true}')]]), '127.0.0.2');
  const redirect =
    (status: number, location: string): Handler =>
    (_req, res) =>
      res.writeHead(status, { location }).end();
  const server = await startMempoolServer(
    new Map([
      ['/api/moved', redirect(301, '/api/new')],
      ['/api/new', json('{"ok":true}')],
      ['/api/away', redirect(302, `${other.baseUrl}/x`)],
      ['/api/loop', redirect(302, '/api/loop')],
    ]),
  );
  try {
    const moved = await boundedGet(`${server.baseUrl}/moved`);
    assert.equal(moved.text, '{"ok":true}');
    assert.equal(moved.url, `${server.baseUrl}/new`);
    const away = await failure(boundedGet(`${server.baseUrl}/away`));
    assert.equal(away.kind, 'redirect-refused');
    assert.match(away.message, /another host \(127\.0\.0\.2:\d+\)/);
    assert.deepEqual(other.requests, []);
    const loop = await failure(boundedGet(`${server.baseUrl}/loop`));
    assert.equal(loop.kind, 'redirect-refused');
  } finally {
    await server.close();
    await other.close();
  }
});

test('error statuses and bytes that are not UTF-8', async () => {
  const server = await startMempoolServer(
    new Map([
      ['/api/fail', text('Service Temporarily Unavailable', 503)],
      [
        '/api/binary',
        (_q, r) => {
          r.writeHead(200, { 'content-type': 'application/json' });
          r.end(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
        },
      ],
    ]),
  );
  try {
    const fail = await failure(boundedGet(`${server.baseUrl}/fail`));
    assert.equal(fail.kind, 'http-status');
    assert.match(fail.message, /HTTP 503/);
    const binary = await failure(boundedGet(`${server.baseUrl}/binary`));
    assert.equal(binary.kind, 'invalid-reply');
  } finally {
    await server.close();
  }
});
