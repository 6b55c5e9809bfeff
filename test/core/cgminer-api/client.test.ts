import { test } from 'node:test';
import assert from 'node:assert/strict';
import { query, queryJoined, queryText } from '../../../electron/core/cgminer-api/client.js';
import { CgminerError, CgminerRequestError } from '../../../electron/core/cgminer-api/errors.js';
import { capture, replyAndClose, startServer } from '../support/loopback-server.js';
import type { OnRequest } from '../support/loopback-server.js';

async function withServer(onRequest: OnRequest, fn: (target: { host: string; port: number }, requests: string[]) => Promise<void>) {
  const s = await startServer(onRequest);
  try {
    await fn({ host: s.host, port: s.port }, s.requests);
  } finally {
    await s.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<CgminerError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof CgminerError, `expected CgminerError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

// Compact whole-reply form of a real version capture, for building joined replies.
const a1566Version = JSON.parse(capture('a1566-version.json')) as Record<string, unknown>;
const qSummary = JSON.parse(capture('avalonq_summary.json')) as Record<string, unknown>;
// cgminer 4.11.1's answer to an unknown command (protocol-notes.md, CGMiner API: code 14).
const invalidCommand = { STATUS: [{ STATUS: 'E', When: 1, Code: 14, Msg: 'Invalid command', Description: 'cgminer 4.11.1' }], id: 1 };

test('query sends a JSON command and returns the parsed reply', async () => {
  await withServer(replyAndClose(capture('a1566-version.json')), async (target, requests) => {
    const reply = await query(target, 'version');
    assert.deepEqual(requests, ['{"command":"version"}']);
    assert.deepEqual(reply.STATUS, [{ STATUS: 'S', When: 986, Code: 22, Msg: 'CGMiner versions', Description: 'cgminer 4.11.1' }]);
    const version = (reply.VERSION as Record<string, string>[])[0];
    assert.equal(version?.PROD, 'AvalonMiner 15-194');
    assert.equal(version?.MAC, '123456789012');
  });
});

test('query sends the parameter and accepts an I status (Avalon Q softoff capture)', async () => {
  await withServer(replyAndClose(capture('avalonq_ascset_softoff.json')), async (target, requests) => {
    const reply = await query(target, 'ascset', '0,softoff,1:1753434821');
    assert.deepEqual(requests, ['{"command":"ascset","parameter":"0,softoff,1:1753434821"}']);
    assert.equal(reply.STATUS[0]?.STATUS, 'I');
    assert.equal(reply.STATUS[0]?.Code, 118);
    assert.equal(reply.STATUS[0]?.Msg, 'ASC 0 set info: success softoff:1753434821');
  });
});

test('a reply framed by close, without NUL, is parsed', async () => {
  await withServer((socket) => socket.end(capture('avalonq_version.json')), async (target) => {
    const reply = await query(target, 'version');
    assert.equal((reply.VERSION as Record<string, string>[])[0]?.PROD, 'Avalon Q');
  });
});

test('STATUS E throws status-error with the code and the device message', async () => {
  await withServer(replyAndClose(JSON.stringify(invalidCommand)), async (target) => {
    const error = await rejection(query(target, 'nosuch'));
    assert.equal(error.kind, 'status-error');
    assert.equal(error.code, 14);
    assert.equal(error.message, `${target.host}:${target.port} 'nosuch': Invalid command (code 14)`);
    assert.deepEqual(error.toJSON(), { kind: 'status-error', message: error.message, code: 14 });
  });
});

test('code 45 throws access-denied', async () => {
  // Upstream text for a refused privileged command (avalon-protocol.md 1.7).
  const denied = { STATUS: [{ STATUS: 'E', When: 5, Code: 45, Msg: "Access denied to 'ascset' command", Description: 'cgminer 4.11.1' }], id: 1 };
  await withServer(replyAndClose(JSON.stringify(denied)), async (target) => {
    const error = await rejection(query(target, 'ascset', '0,led,1-1'));
    assert.equal(error.kind, 'access-denied');
    assert.equal(error.code, 45);
    assert.match(error.message, /Access denied to 'ascset' command/);
  });
});

test('a JSON reply without STATUS throws not-cgminer', async () => {
  await withServer(replyAndClose('{"result":"ok","id":1}'), async (target) => {
    const error = await rejection(query(target, 'version'));
    assert.equal(error.kind, 'not-cgminer');
  });
});

test('bytes that are not JSON throw invalid-reply', async () => {
  await withServer(replyAndClose('HTTP/1.1 400 Bad Request\r\n\r\n'), async (target) => {
    const error = await rejection(query(target, 'version'));
    assert.equal(error.kind, 'invalid-reply');
    assert.match(error.message, /not JSON, even after repair/);
  });
});

test('a known firmware quirk is repaired on the wire (bare nan, avalon-protocol.md 1.8 item 2)', async () => {
  const body = '{"STATUS":[{"STATUS":"S","When":1,"Code":11,"Msg":"Summary","Description":"cgminer 4.11.1"}],"SUMMARY":[{"MHS av":nan,"Elapsed":5,}],"id":1}';
  await withServer(replyAndClose(body), async (target) => {
    const reply = await query(target, 'summary');
    assert.deepEqual(reply.SUMMARY, [{ 'MHS av': null, Elapsed: 5 }]);
  });
});

test('a proxy\'s "Socket connect failed" text throws refused (avalon-protocol.md 1.7)', async () => {
  await withServer(replyAndClose('Socket connect failed: Connection refused\n'), async (target) => {
    const error = await rejection(query(target, 'version'));
    assert.equal(error.kind, 'refused');
  });
});

test('transport failures surface as CgminerError of the same kind', async () => {
  await withServer((socket) => socket.write(Buffer.alloc(8192, 'x')), async (target) => {
    const error = await rejection(query(target, 'stats', undefined, { maxBytes: 1024 }));
    assert.equal(error.kind, 'too-large');
  });
  await withServer((socket) => socket.write('{"STATUS":'), async (target) => {
    const start = performance.now();
    const error = await rejection(query(target, 'version', undefined, { timeoutMs: 150 }));
    assert.equal(error.kind, 'timeout');
    assert.ok(performance.now() - start < 1000);
  });
  await withServer(
    (socket) => socket.write(capture('a1566-estats.json').slice(0, 500), () => setTimeout(() => socket.resetAndDestroy(), 20)),
    async (target) => {
      const error = await rejection(query(target, 'estats'));
      assert.equal(error.kind, 'reset');
    },
  );
  const closed = await startServer(() => undefined);
  await closed.close();
  const error = await rejection(query({ host: '127.0.0.1', port: closed.port }, 'version'));
  assert.equal(error.kind, 'refused');
  assert.deepEqual(error.toJSON().kind, 'refused');
});

test('queryJoined sends cmd1+cmd2 and splits the per-command replies', async () => {
  const joined = { version: [a1566Version], summary: [qSummary], nosuch: [invalidCommand], id: 1 };
  await withServer(replyAndClose(JSON.stringify(joined)), async (target, requests) => {
    const results = await queryJoined(target, ['version', 'summary', 'nosuch', 'version']);
    assert.deepEqual(requests, ['{"command":"version+summary+nosuch"}']);
    assert.deepEqual(Object.keys(results).sort(), ['nosuch', 'summary', 'version']);
    const version = results.version;
    assert.ok(version?.ok);
    assert.equal((version.reply.VERSION as Record<string, string>[])[0]?.MODEL, '15-194');
    const summary = results.summary;
    assert.ok(summary?.ok);
    assert.equal((summary.reply.SUMMARY as Record<string, number>[])[0]?.Accepted, 890);
    const bad = results.nosuch;
    assert.ok(bad !== undefined && !bad.ok);
    assert.equal(bad.error.kind, 'status-error');
    assert.equal(bad.error.code, 14);
  });
});

test('queryJoined reports a command missing from the reply as invalid-reply', async () => {
  await withServer(replyAndClose(JSON.stringify({ version: [a1566Version], id: 1 })), async (target) => {
    const results = await queryJoined(target, ['version', 'pools']);
    assert.equal(results.version?.ok, true);
    const pools = results.pools;
    assert.ok(pools !== undefined && !pools.ok);
    assert.equal(pools.error.kind, 'invalid-reply');
  });
});

test('queryJoined throws when the whole request fails', async () => {
  // An API older than 3.1 treats the joined name as one unknown command.
  await withServer(replyAndClose(JSON.stringify(invalidCommand)), async (target) => {
    const error = await rejection(queryJoined(target, ['summary', 'pools']));
    assert.equal(error.kind, 'status-error');
    assert.equal(error.code, 14);
  });
  const closed = await startServer(() => undefined);
  await closed.close();
  const error = await rejection(queryJoined({ host: '127.0.0.1', port: closed.port }, ['summary', 'pools']));
  assert.equal(error.kind, 'refused');
});

test('queryText sends cmd|param and returns the text reply without its NUL', async () => {
  const versionLine = capture('mini3_version_devdetails_stats_text_TRUNCATED.txt').split('\n')[0] as string;
  await withServer(replyAndClose(versionLine), async (target, requests) => {
    const text = await queryText(target, 'version');
    assert.equal(text, versionLine);
    assert.ok(text.startsWith('STATUS=S,When=1742265580,Code=22'));
    assert.deepEqual(requests, ['version']);
  });
  await withServer(replyAndClose('STATUS=I,When=1,Code=118,Msg=ASC 0 set info: ok,Description=cgminer 4.11.1|'), async (target, requests) => {
    await queryText(target, 'ascset', '0,help');
    assert.deepEqual(requests, ['ascset|0,help']);
  });
});

test('bad commands and parameters are refused before connecting', async () => {
  await withServer(replyAndClose('{}'), async (target, requests) => {
    await assert.rejects(query(target, 'ver sion'), CgminerRequestError);
    await assert.rejects(query(target, 'summary+pools'), CgminerRequestError);
    await assert.rejects(query(target, '{"command":"x"}'), CgminerRequestError);
    await assert.rejects(query(target, ''), CgminerRequestError);
    await assert.rejects(query(target, 'ascset', '0,led\0'), CgminerRequestError);
    await assert.rejects(query(target, 'ascset', 'x'.repeat(5000)), CgminerRequestError);
    await assert.rejects(queryJoined(target, []), CgminerRequestError);
    await assert.rejects(queryJoined(target, ['summary', 'bad|cmd']), CgminerRequestError);
    await assert.rejects(queryText(target, 'a'.repeat(65)), CgminerRequestError);
    await assert.rejects(query({ host: target.host, port: 0 }, 'version'), /invalid port 0/);
    await assert.rejects(query({ host: ' ', port: target.port }, 'version'), /invalid host/);
    await assert.rejects(query({ host: '127.0.0.1/24', port: target.port }, 'version'), CgminerRequestError);
    assert.deepEqual(requests, []);
  });
});

test('aborting a query rejects with the abort reason', async () => {
  await withServer(() => undefined, async (target) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user cancelled')), 30);
    await assert.rejects(query(target, 'version', undefined, { signal: controller.signal }), /user cancelled/);
  });
});
