// Delivery against local receivers: success, receivers that are down, slow,
// or answer errors; retries and their waits; reply size cap; redaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliver, parseRetryAfter, redact, type DeliveryOptions, type WebhookRequest } from '../../../../electron/core/alerts/webhooks/http.js';
import { deadPort, startReceiver } from '../receiver.js';

function options(waits: number[], patch: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return {
    timeoutMs: 2000,
    maxReplyBytes: 1024,
    attempts: 3,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    maxRetryAfterMs: 60_000,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...patch,
  };
}

const req = (url: string): WebhookRequest => ({ label: 'Test', url, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
const noReading = (): object => ({});

test('a 2xx reply is delivered on the first attempt', async () => {
  const rx = await startReceiver([{ status: 204 }]);
  try {
    const waits: number[] = [];
    const r = await deliver(req(`${rx.base}/hook`), noReading, options(waits));
    assert.deepEqual(r, { ok: true, attempts: 1, httpStatus: 204 });
    assert.equal(rx.requests.length, 1);
    assert.equal(rx.requests[0]!.method, 'POST');
    assert.equal(rx.requests[0]!.body, '{"a":1}');
    assert.equal(rx.requests[0]!.headers['content-length'], '7');
    assert.deepEqual(waits, []);
  } finally {
    await rx.close();
  }
});

test('5xx is retried with doubling back-off, then succeeds', async () => {
  const rx = await startReceiver([{ status: 503 }, { status: 500 }, { status: 200 }]);
  try {
    const waits: number[] = [];
    const r = await deliver(req(`${rx.base}/hook`), noReading, options(waits));
    assert.deepEqual(r, { ok: true, attempts: 3, httpStatus: 200 });
    assert.deepEqual(waits, [100, 200]);
  } finally {
    await rx.close();
  }
});

test('429 waits as long as Retry-After says (seconds or HTTP date)', async () => {
  const rx = await startReceiver([{ status: 429, headers: { 'retry-after': '7' } }, { status: 200 }]);
  try {
    const waits: number[] = [];
    const r = await deliver(req(`${rx.base}/hook`), noReading, options(waits));
    assert.equal(r.ok, true);
    assert.deepEqual(waits, [7000]);
  } finally {
    await rx.close();
  }
  assert.equal(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')), 30_000);
  assert.equal(parseRetryAfter('1.5', 0), 1500);
  assert.equal(parseRetryAfter('soon', 0), undefined);
});

test('a wait asked in the body is honoured when there is no header', async () => {
  const rx = await startReceiver([{ status: 429, body: '{"retry_after":2.5}' }, { status: 204 }]);
  try {
    const waits: number[] = [];
    const r = await deliver(req(`${rx.base}/hook`), () => ({ retryAfterMs: 2500 }), options(waits));
    assert.equal(r.ok, true);
    assert.deepEqual(waits, [2500]);
  } finally {
    await rx.close();
  }
});

test('a Retry-After beyond the cap fails at once instead of waiting', async () => {
  const rx = await startReceiver([{ status: 429, headers: { 'retry-after': '3600' } }]);
  try {
    const waits: number[] = [];
    const r = await deliver(req(`${rx.base}/hook`), noReading, options(waits));
    assert.equal(r.ok, false);
    assert.equal(r.attempts, 1);
    assert.match(r.error!, /HTTP 429.*asked to wait 3600 s/);
    assert.deepEqual(waits, []);
  } finally {
    await rx.close();
  }
});

test('4xx other than 429 is final: no retry', async () => {
  const rx = await startReceiver([{ status: 400, body: '{"description":"Bad Request: chat not found"}' }]);
  try {
    const waits: number[] = [];
    const r = await deliver(req(`${rx.base}/hook`), () => ({ error: 'Bad Request: chat not found' }), options(waits));
    assert.deepEqual(r, { ok: false, attempts: 1, httpStatus: 400, error: 'Test: HTTP 400: Bad Request: chat not found' });
    assert.equal(rx.requests.length, 1);
  } finally {
    await rx.close();
  }
});

test('a receiver that is down: every attempt is made, then the failure says why', async () => {
  const port = await deadPort();
  const waits: number[] = [];
  const r = await deliver(req(`http://127.0.0.1:${port}/hook`), noReading, options(waits));
  assert.equal(r.ok, false);
  assert.equal(r.attempts, 3);
  assert.equal(r.httpStatus, undefined);
  assert.equal(r.error, 'Test: connection refused (gave up after 3 attempts)');
  assert.deepEqual(waits, [100, 200]);
});

test('a slow receiver times out on each attempt', async () => {
  const rx = await startReceiver([{ status: 200, delayMs: 2000 }]);
  try {
    const waits: number[] = [];
    const started = performance.now();
    const r = await deliver(req(`${rx.base}/hook`), noReading, options(waits, { timeoutMs: 150, attempts: 2 }));
    const took = performance.now() - started;
    assert.equal(r.ok, false);
    assert.equal(r.error, 'Test: no reply within 150 ms (gave up after 2 attempts)');
    assert.equal(rx.requests.length, 2);
    assert.ok(took < 1500, `both attempts were cut at the timeout (${took.toFixed(0)} ms)`);
  } finally {
    await rx.close();
  }
});

test('a huge reply is read only up to the cap', async () => {
  const rx = await startReceiver([{ status: 200, body: 'x'.repeat(2_000_000) }]);
  try {
    let seen = -1;
    const r = await deliver(
      req(`${rx.base}/hook`),
      (reply) => {
        seen = reply.body.length;
        return {};
      },
      options([], { maxReplyBytes: 1024 }),
    );
    assert.equal(r.ok, true);
    assert.equal(seen, 1024);
  } finally {
    await rx.close();
  }
});

test('secrets never appear in error texts', async () => {
  const token = '123456:ABCDEF_secret_token_value';
  const rx = await startReceiver([{ status: 404 }]);
  try {
    const r = await deliver(req(`${rx.base}/bot${token}/x`), () => ({ error: `Not Found: /bot${token}/x` }), options([]), [token]);
    assert.equal(r.ok, false);
    assert.ok(!r.error!.includes(token));
    assert.match(r.error!, /\[redacted\]/);
  } finally {
    await rx.close();
  }
  assert.equal(redact('a=abc%2Fdef b=abc/def', ['abc/def']), 'a=[redacted] b=[redacted]');
});

test('an address that is not http(s) fails without retrying', async () => {
  const waits: number[] = [];
  const r = await deliver(req('ftp://127.0.0.1/x'), noReading, options(waits));
  assert.deepEqual(r, { ok: false, attempts: 1, error: 'Test: only http and https addresses are supported' });
});
