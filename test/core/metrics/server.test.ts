// The endpoint: /metrics only, read-only, loopback by default, Host checked.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { MetricsServerError, isLoopback, startMetricsServer } from '../../../electron/core/metrics/server.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';

const fleet: FleetDevice[] = [
  { record: { id: '127.0.62.1:4028', host: '127.0.62.1', port: 4028, source: 'manual', addedAt: 0 }, status: 'offline', consecutiveFailures: 4 },
];

function request(port: number, path: string, method = 'GET', host?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method, headers: host ? { host } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves GET and HEAD /metrics, 404 elsewhere, 405 for writes', async () => {
  const server = await startMetricsServer({ port: 0, getFleet: () => fleet });
  try {
    assert.equal(server.host, '127.0.0.1');
    assert.equal(server.url, `http://127.0.0.1:${server.port}/metrics`);
    const ok = await request(server.port, '/metrics');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.equal(
      ok.body,
      '# HELP hearth_device_up Whether the device answered its last poll (1) or not (0).\n# TYPE hearth_device_up gauge\nhearth_device_up{device="127.0.62.1:4028",model="unknown",nickname=""} 0\n',
    );
    assert.equal((await request(server.port, '/metrics?x=1')).status, 200);
    const head = await request(server.port, '/metrics', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    for (const path of ['/', '/metrics/', '/metrics.txt', '/../metrics', '/favicon.ico']) assert.equal((await request(server.port, path)).status, 404, path);
    const post = await request(server.port, '/metrics', 'POST');
    assert.equal(post.status, 405);
    assert.equal(post.headers['allow'], 'GET, HEAD');
    assert.equal((await request(server.port, '/metrics', 'DELETE')).status, 405);
  } finally {
    await server.close();
  }
});

test('a foreign Host header is refused (DNS rebinding)', async () => {
  const server = await startMetricsServer({ port: 0, getFleet: () => fleet });
  try {
    assert.equal((await request(server.port, '/metrics', 'GET', 'evil.example:80')).status, 403);
    assert.equal((await request(server.port, '/metrics', 'GET', `localhost:${server.port}`)).status, 200);
    assert.equal((await request(server.port, '/metrics', 'GET', `[::1]:${server.port}`)).status, 200);
  } finally {
    await server.close();
  }
});

test('non-loopback binding is refused unless explicitly allowed; port clashes are explained', async () => {
  await assert.rejects(startMetricsServer({ host: '0.0.0.0', port: 0, getFleet: () => fleet }), (e: unknown) => e instanceof MetricsServerError && /not a loopback address/.test(e.message));
  await assert.rejects(startMetricsServer({ host: '192.168.1.10', port: 0, getFleet: () => fleet }), MetricsServerError);
  await assert.rejects(startMetricsServer({ port: 70000, getFleet: () => fleet }), /invalid port/);
  const first = await startMetricsServer({ port: 0, getFleet: () => fleet });
  try {
    await assert.rejects(startMetricsServer({ port: first.port, getFleet: () => fleet }), /the port is in use/);
  } finally {
    await first.close();
  }
  assert.deepEqual(['127.0.0.1', '127.4.5.6', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].map(isLoopback), [true, true, true, true, true, true]);
  assert.deepEqual(['0.0.0.0', '10.0.0.1', '::', 'example.com', '128.0.0.1'].map(isLoopback), [false, false, false, false, false]);
});

test('a fleet that cannot be rendered answers 500, and the server keeps serving', async () => {
  let fail = true;
  const server = await startMetricsServer({
    port: 0,
    getFleet: () => {
      if (fail) throw new Error('fleet not ready');
      return fleet;
    },
  });
  try {
    const r = await request(server.port, '/metrics');
    assert.equal(r.status, 500);
    assert.match(r.body, /fleet not ready/);
    fail = false;
    assert.equal((await request(server.port, '/metrics')).status, 200);
  } finally {
    await server.close();
  }
});
