import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan } from '../../../electron/core/discovery/scanner.js';
import type { Identify, ScanHit } from '../../../electron/core/discovery/scanner.js';
import { expandTargets } from '../../../electron/core/discovery/cidr.js';
import { capture, replyAndClose, silent, startFleet } from '../support/loopback-server.js';
import type { OnRequest } from '../support/loopback-server.js';

// A stand-in for avalon/identify.ts: Canaan's version reply has PROD "Avalon..."
// (avalon-protocol.md 2.2 and 7); a controller-era rig shows `MM ID<n>` keys in stats (7, item 4).
const identify: Identify = (reply, stats) => {
  const version = (reply.VERSION as Record<string, unknown>[] | undefined)?.[0];
  const prod = version?.PROD;
  if (typeof prod === 'string' && /avalon/i.test(prod)) {
    const identity: ReturnType<Identify> = { modelId: String(version?.MODEL), product: prod };
    if (typeof version?.MAC === 'string') identity.mac = version.MAC;
    return identity;
  }
  const entries = (stats?.STATS as Record<string, unknown>[] | undefined) ?? [];
  return entries.some((e) => Object.keys(e).some((k) => k.startsWith('MM ID'))) ? { modelId: 'controller-rig' } : null;
};

// What a stock cgminer 4.11.1 answers to version (protocol-notes.md, CGMiner API): no PROD.
const plainCgminer = JSON.stringify({
  STATUS: [{ STATUS: 'S', When: 1764553000, Code: 22, Msg: 'CGMiner versions', Description: 'cgminer 4.11.1' }],
  VERSION: [{ CGMiner: '4.11.1', API: '3.7' }],
  id: 1,
});

test('a /24 scan finds exactly the Avalons', async () => {
  const fleet = await startFleet([
    { host: '127.0.3.10', onRequest: replyAndClose(capture('a1566-version.json')) },
    { host: '127.0.3.11', onRequest: replyAndClose(capture('avalonq_version.json')) },
    { host: '127.0.3.20', onRequest: replyAndClose(plainCgminer) },
    { host: '127.0.3.30', onRequest: replyAndClose('\x16\x03\x01 garbage that is not json') },
  ]);
  try {
    const targets = expandTargets([`127.0.3.0/24:${fleet.port}`]);
    const progress: [number, number, string | undefined][] = [];
    const hits = await scan(targets, {
      identify,
      // Every peer here answers or refuses at once; the budget only guards a loaded machine.
      timeoutMs: 5000,
      onProgress: (probed, total, hit) => progress.push([probed, total, hit?.host]),
    });
    assert.deepEqual(hits, [
      { host: '127.0.3.10', port: fleet.port, modelId: '15-194', product: 'AvalonMiner 15-194', mac: '123456789012' },
      { host: '127.0.3.11', port: fleet.port, modelId: 'Q', product: 'Avalon Q', mac: 'AA:BB:CC:DD:EE:FF' },
    ]);
    assert.equal(progress.length, 254);
    assert.deepEqual(
      progress.map(([probed]) => probed),
      Array.from({ length: 254 }, (_, i) => i + 1),
    );
    assert.ok(progress.every(([, total]) => total === 254));
    assert.deepEqual(progress.filter(([, , host]) => host !== undefined).map(([, , host]) => host).sort(), ['127.0.3.10', '127.0.3.11']);
    // Avalons are asked version once; the other CGMiner is asked stats too, in case it is a controller.
    const asked = Object.fromEntries(fleet.servers.map((server) => [server.host, server.requests]));
    assert.deepEqual(asked, {
      '127.0.3.10': ['{"command":"version"}'],
      '127.0.3.11': ['{"command":"version"}'],
      '127.0.3.20': ['{"command":"version"}', '{"command":"stats"}'],
      '127.0.3.30': ['{"command":"version"}'],
    });
  } finally {
    await fleet.close();
  }
});

test('a CGMiner whose version says nothing is identified from its stats', async () => {
  // A controller-era rig answers version like stock cgminer; its stats carry the modules.
  const controller: OnRequest = (socket, request) =>
    replyAndClose(request.includes('"stats"') ? capture('a1566-stats.json') : plainCgminer)(socket, request);
  const fleet = await startFleet([
    { host: '127.0.3.95', onRequest: controller },
    { host: '127.0.3.96', onRequest: replyAndClose(plainCgminer) },
  ]);
  try {
    const hits = await scan(expandTargets([`127.0.3.95-96:${fleet.port}`]), { identify, timeoutMs: 5000 });
    assert.deepEqual(hits, [{ host: '127.0.3.95', port: fleet.port, modelId: 'controller-rig' }]);
    assert.deepEqual(fleet.servers[0]?.requests, ['{"command":"version"}', '{"command":"stats"}']);
  } finally {
    await fleet.close();
  }
});

test('a silent host does not delay the others beyond its own timeout', async () => {
  const fleet = await startFleet([
    { host: '127.0.3.50', onRequest: silent },
    { host: '127.0.3.51', onRequest: replyAndClose(capture('a1566-version.json')) },
    { host: '127.0.3.52', onRequest: replyAndClose(capture('avalonq_version.json')) },
  ]);
  try {
    const start = performance.now();
    const order: string[] = [];
    const hits = await scan(expandTargets([`127.0.3.50-52:${fleet.port}`]), {
      identify,
      concurrency: 2,
      timeoutMs: 1500,
      onProgress: (_p, _t, hit) => order.push(hit?.host ?? 'not found'),
    });
    const elapsed = performance.now() - start;
    assert.deepEqual(hits.map((h) => h.host), ['127.0.3.51', '127.0.3.52']);
    // Both Avalons went through the second slot while the silent host held the first.
    assert.deepEqual(order, ['127.0.3.51', '127.0.3.52', 'not found']);
    assert.ok(elapsed >= 1490, `scan took ${elapsed} ms`);
  } finally {
    await fleet.close();
  }
});

test('no more than `concurrency` hosts are probed at once', async () => {
  const timeoutMs = 200;
  const connectedAt: number[] = [];
  const record: OnRequest = () => connectedAt.push(performance.now());
  const fleet = await startFleet(Array.from({ length: 8 }, (_, i) => ({ host: `127.0.3.${60 + i}`, onRequest: record })));
  try {
    const start = performance.now();
    const hits = await scan(expandTargets([`127.0.3.60-67:${fleet.port}`]), { identify, concurrency: 3, timeoutMs });
    const elapsed = performance.now() - start;
    assert.deepEqual(hits, []);
    assert.equal(connectedAt.length, 8);
    // 8 silent hosts, 3 at a time: three waves of a full timeout (4 at a time would be two).
    assert.ok(elapsed >= 3 * timeoutMs - 5, `scan took ${elapsed.toFixed(0)} ms`);
    // ...and the first three did run together, not one after another.
    connectedAt.sort((a, b) => a - b);
    assert.ok((connectedAt[2] as number) - (connectedAt[0] as number) < timeoutMs, JSON.stringify(connectedAt));
  } finally {
    await fleet.close();
  }
});

test('cancelling stops the scan quickly and closes in-flight sockets', async () => {
  const hostsList = Array.from({ length: 6 }, (_, i) => `127.0.3.${80 + i}`);
  const fleet = await startFleet(hostsList.map((host) => ({ host, onRequest: silent })));
  try {
    const controller = new AbortController();
    let progressCalls = 0;
    const start = performance.now();
    const pending = scan(expandTargets([`127.0.3.80-85:${fleet.port}`]), {
      identify,
      concurrency: 4,
      timeoutMs: 5000,
      signal: controller.signal,
      onProgress: () => progressCalls++,
    });
    const requestCount = () => fleet.servers.reduce((n, s) => n + s.requests.length, 0);
    // Abort once the first four probes (one per slot) have sent their request.
    while (requestCount() < 4 && performance.now() - start < 3000) await new Promise((r) => setTimeout(r, 5));
    const abortedAt = performance.now();
    controller.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof DOMException && e.name === 'AbortError');
    assert.ok(performance.now() - abortedAt < 1000);
    assert.equal(progressCalls, 0);
    // No probe started after the abort.
    assert.equal(requestCount(), 4);
    const deadline = Date.now() + 1000;
    while (fleet.servers.some((s) => s.open() > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(fleet.servers.reduce((n, s) => n + s.open(), 0), 0);
  } finally {
    await fleet.close();
  }
});

test('an identify that throws, or a hit without modelId, counts as not found', async () => {
  const fleet = await startFleet([
    { host: '127.0.3.90', onRequest: replyAndClose(capture('a1566-version.json')) },
    { host: '127.0.3.91', onRequest: replyAndClose(capture('avalonq_version.json')) },
  ]);
  try {
    const hits: ScanHit[] = await scan(expandTargets([`127.0.3.90-91:${fleet.port}`]), {
      identify: (reply) => {
        const model = (reply.VERSION as Record<string, string>[])[0]?.MODEL;
        if (model === 'Q') throw new Error('parser bug');
        return { modelId: '' };
      },
    });
    assert.deepEqual(hits, []);
  } finally {
    await fleet.close();
  }
});

test('bad options and an already-aborted signal are refused', async () => {
  const targets = [{ host: '127.0.3.1', port: 4028 }];
  await assert.rejects(scan(targets, { identify, concurrency: 0 }), RangeError);
  await assert.rejects(scan(targets, { identify, timeoutMs: 0 }), RangeError);
  const reason = new Error('stopped');
  await assert.rejects(scan(targets, { identify, signal: AbortSignal.abort(reason) }), (e) => e === reason);
  assert.deepEqual(await scan([], { identify }), []);
});

test('a throwing onProgress stops the scan with its error', async () => {
  const fleet = await startFleet([{ host: '127.0.3.99', onRequest: replyAndClose(capture('a1566-version.json')) }]);
  try {
    const failure = new Error('progress sink broke');
    let calls = 0;
    await assert.rejects(
      scan(expandTargets([`127.0.3.97-99:${fleet.port}`]), {
        identify,
        concurrency: 1,
        onProgress: () => {
          calls++;
          throw failure;
        },
      }),
      (e) => e === failure,
    );
    assert.equal(calls, 1);
  } finally {
    await fleet.close();
  }
});
