import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { HearthRequestError } from '../../../../renderer/src/api/errors.js';
import { backoffDelay, createWsApi, type ConnectionState, type SocketFactory, type WsHearthApi } from '../../../../renderer/src/api/ws-client.js';

// The client against a real WebSocket server on loopback, speaking the contract's framing.
const nodeSocketFactory: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.on('open', () => handlers.open());
  ws.on('message', (data, isBinary) => {
    if (!isBinary) handlers.message(data.toString());
  });
  ws.on('close', (code, reason) => handlers.close(code, reason.toString()));
  ws.on('error', () => undefined); // 'close' follows
  return { send: (text) => ws.send(text), close: () => ws.close() };
};

let server: WebSocketServer;
let url: string;
/** What the fake core does with each request; tests swap it. */
let onRequest: (ws: import('ws').WebSocket, req: { id: number; method: string; params: unknown }) => void;
const clients = new Set<import('ws').WebSocket>();

before(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  server.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => onRequest(ws, JSON.parse(data.toString()) as { id: number; method: string; params: unknown }));
  });
});
after(() => server.close());

function waitFor(api: WsHearthApi, predicate: (s: ConnectionState) => boolean): Promise<ConnectionState> {
  return new Promise((resolve) => {
    if (predicate(api.connection.get())) return resolve(api.connection.get());
    const stop = api.connection.subscribe(() => {
      const s = api.connection.get();
      if (predicate(s)) {
        stop();
        resolve(s);
      }
    });
  });
}

test('a request is framed as {id, method, params} and resolves with the result', async () => {
  const seen: unknown[] = [];
  onRequest = (ws, req) => {
    seen.push(req);
    ws.send(JSON.stringify({ type: 'response', id: req.id, ok: true, result: { pollIntervalMs: 5000, language: 'en', theme: 'dark' } }));
  };
  const api = createWsApi({ url, createSocket: nodeSocketFactory });
  try {
    // Sent before the socket is open: queued, then sent on open.
    const settings = await api.request('settings.get', {});
    assert.deepEqual(settings, { pollIntervalMs: 5000, language: 'en', theme: 'dark' });
    assert.deepEqual(seen, [{ id: 1, method: 'settings.get', params: {} }]);
    assert.equal(api.connection.get().status, 'open');
    assert.equal(api.connection.get().generation, 1);
  } finally {
    api.close();
  }
});

test('an error response rejects with the contract code and message', async () => {
  onRequest = (ws, req) =>
    ws.send(JSON.stringify({ type: 'response', id: req.id, ok: false, error: { code: 'not-found', message: 'No device 10.0.0.9:4028.' } }));
  const api = createWsApi({ url, createSocket: nodeSocketFactory });
  try {
    await assert.rejects(api.request('device.get', { id: '10.0.0.9:4028' }), (e: unknown) => {
      assert.ok(e instanceof HearthRequestError);
      assert.equal(e.code, 'not-found');
      assert.equal(e.message, 'No device 10.0.0.9:4028.');
      return true;
    });
  } finally {
    api.close();
  }
});

test('responses are matched by id even when they arrive out of order', async () => {
  const held: { ws: import('ws').WebSocket; id: number; method: string }[] = [];
  onRequest = (ws, req) => {
    held.push({ ws, id: req.id, method: req.method });
    if (held.length === 2) for (const h of held.reverse()) h.ws.send(JSON.stringify({ type: 'response', id: h.id, ok: true, result: h.method }));
  };
  const api = createWsApi({ url, createSocket: nodeSocketFactory });
  try {
    const [a, b] = await Promise.all([api.request('app.info', {}), api.request('fleet.list', {})]);
    assert.equal(a as unknown, 'app.info');
    assert.equal(b as unknown, 'fleet.list');
  } finally {
    api.close();
  }
});

test('events reach their listeners; malformed frames and unknown events are dropped', async () => {
  onRequest = (ws, req) => {
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'event', event: 'no.such.event', payload: 1 }));
    ws.send(JSON.stringify({ type: 'response', id: 'x', ok: true }));
    ws.send(JSON.stringify({ type: 'event', event: 'settings.changed', payload: { pollIntervalMs: 7000, language: 'zh-CN', theme: 'light' } }));
    ws.send(JSON.stringify({ type: 'response', id: req.id, ok: true, result: null }));
  };
  const api = createWsApi({ url, createSocket: nodeSocketFactory });
  const received: unknown[] = [];
  const off = api.on('settings.changed', (s) => received.push(s));
  const warn = console.warn;
  const warnings: unknown[] = [];
  console.warn = (...args: unknown[]) => warnings.push(args);
  try {
    await api.request('app.info', {});
    assert.deepEqual(received, [{ pollIntervalMs: 7000, language: 'zh-CN', theme: 'light' }]);
    assert.equal(warnings.length, 3);
    off();
    assert.equal(received.length, 1);
  } finally {
    console.warn = warn;
    api.close();
  }
});

test('a request without an answer fails with a timeout error', async () => {
  onRequest = () => undefined;
  const api = createWsApi({ url, createSocket: nodeSocketFactory, requestTimeoutMs: 60 });
  try {
    await assert.rejects(api.request('fleet.list', {}), (e: unknown) => e instanceof HearthRequestError && e.code === 'timeout' && /fleet\.list/.test(e.message));
  } finally {
    api.close();
  }
});

test('losing the connection fails pending requests, then reconnects and bumps the generation', async () => {
  onRequest = (ws) => ws.terminate();
  const api = createWsApi({ url, createSocket: nodeSocketFactory, backoff: { initialMs: 20, maxMs: 40 }, random: () => 0.5 });
  try {
    await assert.rejects(api.request('fleet.list', {}), (e: unknown) => e instanceof HearthRequestError && e.code === 'disconnected');
    const closed = await waitFor(api, (s) => s.status === 'closed');
    assert.equal(closed.generation, 1);
    assert.ok(closed.retryAt !== undefined && closed.retryAt > Date.now() - 1000);
    onRequest = (ws, req) => ws.send(JSON.stringify({ type: 'response', id: req.id, ok: true, result: [] }));
    const reopened = await waitFor(api, (s) => s.status === 'open');
    assert.equal(reopened.generation, 2);
    assert.deepEqual(await api.request('fleet.list', {}), []);
  } finally {
    api.close();
  }
});

test('close() fails what is pending and stops reconnecting', async () => {
  onRequest = () => undefined;
  const api = createWsApi({ url, createSocket: nodeSocketFactory });
  const pending = api.request('fleet.list', {});
  await waitFor(api, (s) => s.status === 'open');
  api.close();
  await assert.rejects(pending, (e: unknown) => e instanceof HearthRequestError && e.code === 'disconnected');
  await assert.rejects(api.request('app.info', {}), (e: unknown) => e instanceof HearthRequestError && e.code === 'disconnected');
  assert.equal(api.connection.get().status, 'closed');
});

test('back-off doubles per attempt up to the maximum, with +-25 % jitter', () => {
  assert.equal(backoffDelay(0, 500, 15_000, 0.5), 500);
  assert.equal(backoffDelay(3, 500, 15_000, 0.5), 4000);
  assert.equal(backoffDelay(10, 500, 15_000, 0.5), 15_000);
  assert.equal(backoffDelay(1, 500, 15_000, 0), 750);
  assert.equal(backoffDelay(1, 500, 15_000, 1), 1250);
  assert.equal(backoffDelay(5000, 500, 15_000, 0.5), 15_000);
});
