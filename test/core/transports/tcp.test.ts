import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { TransportError, tcpRequest, transportErrorFromErrno } from '../../../electron/core/transports/tcp.js';
import { capture, replyAndClose, startServer } from '../support/loopback-server.js';

/** Runs `fn` and returns the error it rejects with, and how long that took. */
async function failure(fn: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const start = performance.now();
  try {
    await fn();
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
  assert.fail('expected a rejection');
}

function assertKind(error: unknown, kind: string): asserts error is TransportError {
  assert.ok(error instanceof TransportError, `expected TransportError, got ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
}

async function freePort(): Promise<number> {
  const s = await startServer(() => undefined);
  await s.close();
  return s.port;
}

test('returns the reply up to the NUL and sends the payload unchanged', async () => {
  const body = capture('a1566-version.json');
  const s = await startServer((socket) => socket.end(Buffer.concat([Buffer.from(body), Buffer.from('\0trailing junk')])));
  try {
    const reply = await tcpRequest({ host: s.host, port: s.port, payload: '{"command":"version"}' });
    assert.equal(reply.toString('utf8'), body);
    assert.deepEqual(s.requests, ['{"command":"version"}']);
  } finally {
    await s.close();
  }
});

test('a reply framed by the peer closing (no NUL) is returned whole', async () => {
  const body = capture('avalonq_version.json');
  const s = await startServer((socket) => socket.end(body));
  try {
    const reply = await tcpRequest({ host: s.host, port: s.port, payload: new Uint8Array(Buffer.from('version')) });
    assert.equal(reply.toString('utf8'), body);
    assert.deepEqual(s.requests, ['version']);
  } finally {
    await s.close();
  }
});

test('a reply split over many writes is reassembled', async () => {
  const body = capture('a1566-estats.json');
  const s = await startServer((socket) => {
    const bytes = Buffer.concat([Buffer.from(body), Buffer.from([0])]);
    let offset = 0;
    const timer = setInterval(() => {
      socket.write(bytes.subarray(offset, offset + 1000));
      offset += 1000;
      if (offset >= bytes.length) clearInterval(timer);
    }, 1);
    socket.on('close', () => clearInterval(timer));
  });
  try {
    const reply = await tcpRequest({ host: s.host, port: s.port, payload: 'estats' });
    assert.equal(reply.length, Buffer.byteLength(body));
    assert.equal(reply.toString('utf8'), body);
  } finally {
    await s.close();
  }
});

test('an oversized reply ends in too-large and the socket is destroyed', async () => {
  let peerClosed: Promise<unknown> = Promise.resolve();
  const s = await startServer((socket) => {
    peerClosed = once(socket, 'close');
    socket.write(Buffer.alloc(64 * 1024, 'a'));
  });
  try {
    const { error } = await failure(() => tcpRequest({ host: s.host, port: s.port, payload: 'x', maxBytes: 4096 }));
    assertKind(error, 'too-large');
    assert.match(error.message, /exceeds 4096 bytes/);
    await peerClosed;
  } finally {
    await s.close();
  }
});

test('exactly maxBytes is accepted', async () => {
  const s = await startServer(replyAndClose(Buffer.alloc(4096, 'b')));
  try {
    const reply = await tcpRequest({ host: s.host, port: s.port, payload: 'x', maxBytes: 4096 });
    assert.equal(reply.length, 4096);
  } finally {
    await s.close();
  }
});

test('a peer that never terminates nor closes ends in timeout by the deadline', async () => {
  const s = await startServer((socket) => socket.write('{"STATUS":['));
  try {
    const { error, ms } = await failure(() => tcpRequest({ host: s.host, port: s.port, payload: 'x', readTimeoutMs: 300 }));
    assertKind(error, 'timeout');
    assert.match(error.message, /after 300 ms/);
    assert.ok(ms >= 290 && ms < 2000, `took ${ms} ms`);
  } finally {
    await s.close();
  }
});

test('a slow drip of bytes still ends in timeout at the overall deadline', async () => {
  const s = await startServer((socket) => {
    const timer = setInterval(() => socket.write('a'), 10);
    socket.on('close', () => clearInterval(timer));
  });
  try {
    // Bytes keep coming (one every 10 ms), yet the deadline still ends the exchange.
    const { error, ms } = await failure(() => tcpRequest({ host: s.host, port: s.port, payload: 'x', readTimeoutMs: 400 }));
    assertKind(error, 'timeout');
    const received = Number(/reply incomplete after 400 ms \((\d+) bytes\)/.exec(error.message)?.[1]);
    assert.ok(received > 0, error.message);
    assert.ok(ms >= 390 && ms < 2000, `took ${ms} ms`);
  } finally {
    await s.close();
  }
});

test('a peer that goes silent ends in timeout by the idle limit', async () => {
  const s = await startServer((socket) => socket.write('{'));
  try {
    const { error, ms } = await failure(() =>
      tcpRequest({ host: s.host, port: s.port, payload: 'x', readTimeoutMs: 5000, idleTimeoutMs: 100 }),
    );
    assertKind(error, 'timeout');
    assert.match(error.message, /silent for 100 ms/);
    assert.ok(ms < 2000, `took ${ms} ms`);
  } finally {
    await s.close();
  }
});

test('a reset mid-reply ends in reset', async () => {
  const s = await startServer((socket) => {
    socket.write('{"STATUS":[{"STATUS":"S"', () => setTimeout(() => socket.resetAndDestroy(), 50));
  });
  try {
    const { error } = await failure(() => tcpRequest({ host: s.host, port: s.port, payload: 'x', readTimeoutMs: 2000 }));
    assertKind(error, 'reset');
    assert.equal(error.errno, 'ECONNRESET');
  } finally {
    await s.close();
  }
});

test('a peer that closes without a byte ends in reset', async () => {
  const s = await startServer((socket) => socket.end());
  try {
    const { error } = await failure(() => tcpRequest({ host: s.host, port: s.port, payload: 'x' }));
    assertKind(error, 'reset');
    assert.match(error.message, /closed before any reply/);
  } finally {
    await s.close();
  }
});

test('a closed port ends in refused', async () => {
  const port = await freePort();
  const { error } = await failure(() => tcpRequest({ host: '127.0.0.1', port, payload: 'x' }));
  assertKind(error, 'refused');
  assert.equal(error.errno, 'ECONNREFUSED');
});

test('aborting rejects with the abort reason promptly and closes the socket', async () => {
  let peerClosed: Promise<unknown> = Promise.resolve();
  const s = await startServer((socket) => {
    peerClosed = once(socket, 'close');
  });
  try {
    const controller = new AbortController();
    const pending = tcpRequest({ host: s.host, port: s.port, payload: 'x', readTimeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const { error, ms } = await failure(() => pending);
    assert.ok(error instanceof DOMException && error.name === 'AbortError', String(error));
    assert.ok(ms < 1000, `took ${ms} ms`);
    await peerClosed;
  } finally {
    await s.close();
  }
});

test('an already-aborted signal rejects without connecting', async () => {
  const s = await startServer(replyAndClose('{}'));
  try {
    const reason = new Error('stop');
    const { error } = await failure(() =>
      tcpRequest({ host: s.host, port: s.port, payload: 'x', signal: AbortSignal.abort(reason) }),
    );
    assert.equal(error, reason);
    assert.deepEqual(s.requests, []);
  } finally {
    await s.close();
  }
});

test('bad options are refused before connecting', async () => {
  await assert.rejects(tcpRequest({ host: '127.0.0.1', port: 0, payload: 'x' }), RangeError);
  await assert.rejects(tcpRequest({ host: '127.0.0.1', port: 70000, payload: 'x' }), RangeError);
  await assert.rejects(tcpRequest({ host: '', port: 4028, payload: 'x' }), TypeError);
  await assert.rejects(tcpRequest({ host: '127.0.0.1', port: 4028, payload: 'x', readTimeoutMs: -1 }), RangeError);
  await assert.rejects(tcpRequest({ host: '127.0.0.1', port: 4028, payload: 'x', maxBytes: Number.NaN }), RangeError);
});

test('OS errors map to device error kinds', () => {
  const kinds = Object.fromEntries(
    ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EHOSTDOWN', 'ECONNRESET', 'EPIPE', 'EACCES'].map(
      (code) => {
        const err = Object.assign(new Error(`connect ${code}`), { code });
        return [code, transportErrorFromErrno(err, '10.0.0.1:4028').kind];
      },
    ),
  );
  assert.deepEqual(kinds, {
    ECONNREFUSED: 'refused',
    ETIMEDOUT: 'timeout',
    EHOSTUNREACH: 'unreachable',
    ENETUNREACH: 'unreachable',
    ENOTFOUND: 'unreachable',
    EHOSTDOWN: 'unreachable',
    ECONNRESET: 'reset',
    EPIPE: 'reset',
    EACCES: 'unreachable',
  });
  const mapped = transportErrorFromErrno(Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' }), '10.0.0.1:4028');
  assert.equal(mapped.message, '10.0.0.1:4028: connect EHOSTUNREACH');
  assert.equal(mapped.errno, 'EHOSTUNREACH');
});

test('the socket is destroyed after a normal reply too', async () => {
  let peerClosed: Promise<unknown> = Promise.resolve();
  // The peer sends a NUL but keeps its side open: we must still close ours.
  const s = await startServer((socket) => {
    peerClosed = once(socket, 'close');
    socket.write('{}\0');
  });
  try {
    const reply = await tcpRequest({ host: s.host, port: s.port, payload: 'x' });
    assert.equal(reply.toString(), '{}');
    await peerClosed;
  } finally {
    await s.close();
  }
});

