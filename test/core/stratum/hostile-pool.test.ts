// Pools that misbehave: each case must end in a clear, typed error on the
// pool's status, with the client still running (and retrying), never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { StratumClient, type PoolStatus, type StratumClientOptions } from '../../../electron/core/stratum/client.js';
import { waitFor } from './helpers.js';
import { rawPeer, type RawPeer } from './raw-peer.js';

const NOTIFY = [
  'job1',
  '4128bf630f57387b00e25b419d1bb77e667e4036a7d8fee80000015600000000',
  '01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff2503a77614048c8a145e08',
  '122f626974636f696e636c6f75642e6e65742f0000000002062c9c04000000001976a91423e020eacd64acfe093150331d44fdbcc0c7ce0688acc2eb0b00000000001976a91400bf6d61c2a34df5a9ea338fcad188c31bb4a52388ac00000000',
  [],
  '20000000',
  '1a02b098',
  '5e148a8c',
  true,
];

async function scriptedPool(script: (peer: RawPeer) => Promise<void>): Promise<{ url: string; server: net.Server }> {
  const server = net.createServer((socket) => {
    script(rawPeer(socket)).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return { url: `stratum+tcp://127.0.0.1:${address.port}`, server };
}

/** Answers configure (with an error: no BIP 310), subscribe, authorize and extranonce.subscribe like a plain pool. */
async function plainHandshake(peer: RawPeer, authorize = true): Promise<void> {
  for (;;) {
    const m = (await peer.next(5000)) as { id: number; method: string };
    if (m.method === 'mining.configure') peer.send({ id: m.id, result: null, error: [20, 'Unknown method', null] });
    if (m.method === 'mining.subscribe') peer.send({ id: m.id, result: [[['mining.notify', 'x']], '0000000a', 4], error: null });
    if (m.method === 'mining.authorize') peer.send({ id: m.id, result: authorize, error: null });
    if (m.method === 'mining.extranonce.subscribe') {
      peer.send({ id: m.id, result: true, error: null });
      return;
    }
  }
}

async function firstFailure(url: string, extra: Partial<StratumClientOptions> = {}): Promise<{ status: PoolStatus; client: StratumClient }> {
  const client = new StratumClient({
    pools: [{ url, user: 'w', password: 'x' }],
    clientVersion: '0.1.0-test',
    backoff: { initialMs: 50, maxMs: 200 },
    connectTimeoutMs: 500,
    requestTimeoutMs: 200,
    random: () => 1,
    ...extra,
  });
  const failed = waitFor<[PoolStatus]>(client, 'pool', (s) => s.state === 'failed', 4000);
  client.start();
  const [status] = await failed;
  return { status, client };
}

async function expectFailure(
  t: { after: (fn: () => unknown) => void },
  script: (peer: RawPeer) => Promise<void>,
  kind: string,
  message: RegExp,
  extra: Partial<StratumClientOptions> = {},
): Promise<StratumClient> {
  const { url, server } = await scriptedPool(script);
  const { status, client } = await firstFailure(url, extra);
  t.after(() => {
    client.stop();
    server.close();
  });
  assert.equal(status.lastError?.kind, kind);
  assert.match(status.lastError?.message ?? '', message);
  assert.equal(client.status().activePool, null);
  return client;
}

test('a line longer than the cap ends the session with too-large', async (t) => {
  await expectFailure(t, async (peer) => void peer.send('x'.repeat(70 * 1024)), 'too-large', /longer than 65536 bytes/);
});

test('invalid JSON ends the session with a protocol error', async (t) => {
  await expectFailure(
    t,
    async (peer) => {
      await peer.next();
      peer.send('{"id":1,"result":\n');
    },
    'protocol',
    /invalid JSON from the pool/,
  );
});

test('wrong types in mining.notify end the session with a protocol error naming the field', async (t) => {
  await expectFailure(
    t,
    async (peer) => {
      await plainHandshake(peer);
      peer.send({ id: null, method: 'mining.notify', params: [NOTIFY[0], 12345, ...NOTIFY.slice(2)] });
    },
    'protocol',
    /mining\.notify params: 1: /,
  );
});

test('a prevhash of the wrong length and a negative difficulty are refused', async (t) => {
  await expectFailure(
    t,
    async (peer) => {
      await plainHandshake(peer);
      peer.send({ id: null, method: 'mining.notify', params: [NOTIFY[0], String(NOTIFY[1]).slice(2), ...NOTIFY.slice(2)] });
    },
    'protocol',
    /prevhash: at least 32 bytes/,
  );
  await expectFailure(
    t,
    async (peer) => {
      await plainHandshake(peer);
      peer.send({ id: null, method: 'mining.set_difficulty', params: [-1] });
    },
    'protocol',
    /mining\.set_difficulty params/,
  );
});

test('no reply to a request ends in a timeout', async (t) => {
  await expectFailure(t, async (peer) => void (await peer.next()), 'timeout', /no reply to mining\.configure within 200 ms/);
});

test('a pool that goes silent after the handshake is declared dead', async (t) => {
  await expectFailure(
    t,
    async (peer) => {
      await plainHandshake(peer);
      peer.send({ id: null, method: 'mining.notify', params: NOTIFY });
    },
    'timeout',
    /silent for 300 ms/,
    { idleTimeoutMs: 300 },
  );
});

test('a refused worker is reported as refused-by-pool', async (t) => {
  await expectFailure(t, (peer) => plainHandshake(peer, false), 'refused-by-pool', /refused worker "w": the pool answered false/);
});

test('a pool that refuses connections is reported as refused', async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const { status, client } = await firstFailure(`stratum+tcp://127.0.0.1:${port}`);
  client.stop();
  assert.equal(status.lastError?.kind, 'refused');
});

test('pool calls: get_version and ping answered, unknown methods and ids logged, the session stays up', async (t) => {
  const replies: Record<string, unknown>[] = [];
  let scriptDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (scriptDone = resolve));
  const { url, server } = await scriptedPool(async (peer) => {
    await plainHandshake(peer);
    peer.send({ id: null, method: 'mining.notify', params: NOTIFY });
    peer.send({ id: 'v1', method: 'client.get_version', params: [] });
    replies.push(await peer.next());
    peer.send({ id: 7, method: 'mining.ping', params: [] });
    replies.push(await peer.next());
    peer.send({ id: 8, method: 'mining.teleport', params: [1] });
    replies.push(await peer.next());
    peer.send({ id: 999, result: true, error: null });
    peer.send({ id: null, method: 'mining.set_version_mask', params: ['1fffe000'] });
    peer.send({ id: null, method: 'client.show_message', params: ['hello miner'] });
    scriptDone();
    await peer.closed;
  });
  const client = new StratumClient({ pools: [{ url, user: 'w' }], clientVersion: '0.1.0-test', requestTimeoutMs: 500 });
  const logs: string[] = [];
  client.on('log', (_level, text) => logs.push(text));
  t.after(() => {
    client.stop();
    server.close();
  });
  const message = waitFor<[number, string]>(client, 'message');
  client.start();
  await done;
  const [, text] = await message;
  assert.equal(text, 'hello miner');
  assert.deepEqual(replies, [
    { id: 'v1', result: 'hearth/0.1.0-test', error: null },
    { id: 7, result: 'pong', error: null },
    { id: 8, result: null, error: [20, 'Method not supported', null] },
  ]);
  assert.ok(logs.some((l) => l.includes('unknown method "mining.teleport"')), logs.join('\n'));
  assert.ok(logs.some((l) => l.includes('unknown id 999')), logs.join('\n'));
  assert.ok(logs.some((l) => l.includes('set_version_mask without negotiated version rolling')), logs.join('\n'));
  assert.ok(logs.some((l) => l.includes('no version rolling (Unknown method (code 20))')), logs.join('\n'));
  assert.equal(client.status().activePool, 0);
  assert.equal(client.status().versionMask, null);
  assert.equal(client.nextWork()?.jobId, 'job1');
});

test('a mask outside our offer is refused; a submit nobody answers is reported lost', async (t) => {
  await expectFailure(
    t,
    async (peer) => {
      const m = (await peer.next()) as { id: number };
      peer.send({ id: m.id, result: { 'version-rolling': true, 'version-rolling.mask': 'ffffffff' }, error: null });
    },
    'protocol',
    /mask ffffffff allows bits outside ours \(1fffe000\)/,
  );

  const { url, server } = await scriptedPool(async (peer) => {
    await plainHandshake(peer);
    peer.send({ id: null, method: 'mining.notify', params: NOTIFY });
    await peer.closed; // never answers mining.submit
  });
  const client = new StratumClient({ pools: [{ url, user: 'w' }], clientVersion: '0.1.0-test', requestTimeoutMs: 200 });
  t.after(() => {
    client.stop();
    server.close();
  });
  const job = waitFor(client, 'job');
  client.start();
  await job;
  const work = client.nextWork()!;
  const report = await client.submit(work, 0x002d0bc8);
  assert.equal(report.status, 'lost');
  assert.match(report.reason ?? '', /no reply to mining\.submit within 200 ms/);
  assert.equal(report.extranonce2, '00000000');
  assert.equal(report.nonce, '002d0bc8');
  assert.equal(client.status().activePool, 0, 'one unanswered submit does not end the session');
});

test('mining.set_version_mask narrows the negotiated mask at once; submits carry bits inside it', async (t) => {
  const submits: unknown[][] = [];
  const { url, server } = await scriptedPool(async (peer) => {
    for (;;) {
      const m = (await peer.next()) as { id: number; method: string; params: unknown[] };
      if (m.method === 'mining.configure') peer.send({ id: m.id, result: { 'version-rolling': true, 'version-rolling.mask': '1fffe000' }, error: null });
      if (m.method === 'mining.subscribe') peer.send({ id: m.id, result: [[], '40000004', 4], error: null });
      if (m.method === 'mining.authorize') peer.send({ id: m.id, result: true, error: null });
      if (m.method === 'mining.extranonce.subscribe') {
        peer.send({ id: m.id, result: true, error: null });
        peer.send({ id: null, method: 'mining.set_version_mask', params: ['00006000'] });
        peer.send({ id: null, method: 'mining.notify', params: NOTIFY });
      }
      if (m.method === 'mining.submit') {
        submits.push(m.params);
        peer.send({ id: m.id, result: true, error: null });
      }
    }
  });
  const client = new StratumClient({ pools: [{ url, user: 'w' }], clientVersion: '0.1.0-test' });
  t.after(() => {
    client.stop();
    server.close();
  });
  const job = waitFor(client, 'job');
  client.start();
  await job;
  assert.equal(client.status().versionMask, 0x6000);
  const work = client.nextWork({ versionBits: 0x1fffe000 })!;
  assert.equal(work.version, 0x20006000, 'only the bits of the new mask are rolled');
  const report = await client.submit(work, 7);
  assert.equal(report.status, 'accepted');
  assert.deepEqual(submits, [['w', 'job1', '00000000', '5e148a8c', '00000007', '00006000']]);
});
