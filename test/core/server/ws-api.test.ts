// Fleet deltas over the WebSocket API: a client that applies them on top of
// fleet.sync has the fleet; a client too slow to read skips deltas, and is
// sent the newest one once it catches up, so it sees the gap and reloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { events, requests, type EventName, type EventPayload, type WireMessage } from '../../../electron/contract/api.js';
import type { FleetDelta, FleetDevice } from '../../../electron/contract/fleet.js';
import { createHearthService, type HearthService } from '../../../electron/core/app/service.js';
import { startSimulation } from '../../../electron/core/sim/index.js';
import { createWsApi } from '../../../electron/core/server/ws-api.js';
import { deltaReceived, INITIAL_FLEET_SYNC, syncAnswered, syncStarted } from '../../../renderer/src/fleet/sync.js';

type T = { after: (fn: () => Promise<void> | void) => void };

/** The WebSocket API alone on a loopback HTTP server. */
async function listen(t: T, service: HearthService): Promise<{ url: string; api: ReturnType<typeof createWsApi> }> {
  const api = createWsApi({ service });
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) => api.wss.handleUpgrade(req, socket, head, (ws) => api.wss.emit('connection', ws, req)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    await api.close();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api`, api };
}

async function connect(t: T, url: string): Promise<{ ws: WebSocket; messages: WireMessage[] }> {
  const ws = new WebSocket(url);
  const messages: WireMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as WireMessage));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  t.after(() => ws.terminate());
  return { ws, messages };
}

async function waitFor(what: string, pred: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const deltaSeqs = (messages: WireMessage[]): number[] =>
  messages.flatMap((m) => (m.type === 'event' && m.event === 'fleet.delta' ? [(m.payload as FleetDelta).seq] : []));

test('a client applying the deltas it receives on top of fleet.sync has the fleet the service has', async (t) => {
  const sim = await startSimulation({ count: 3, base: '127.0.36.1' });
  t.after(() => sim.close());
  const dir = await mkdtemp(join(tmpdir(), 'hearth-ws-'));
  const service = await createHearthService({ dataDir: dir, host: 'server', version: '0.0.0', log: () => {}, monitor: { emitThrottleMs: 50 } });
  t.after(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });
  const { url } = await listen(t, service);
  const { ws, messages } = await connect(t, url);
  const answer = async (id: number) => {
    await waitFor(`response ${id}`, () => messages.some((m) => m.type === 'response' && m.id === id));
    const m = messages.find((x) => x.type === 'response' && x.id === id);
    assert.ok(m?.type === 'response' && m.ok, JSON.stringify(m));
    return m.result;
  };

  // The client starts syncing before any device exists, then devices come.
  let state = syncStarted(INITIAL_FLEET_SYNC);
  ws.send(JSON.stringify({ id: 1, method: 'fleet.sync', params: {} }));
  const first = requests['fleet.sync'].result.parse(await answer(1));
  assert.deepEqual(first, { seq: 0, devices: [] });
  state = syncAnswered(state, first).state;
  for (const target of sim.targets) await service.handle('device.add', { host: target.host, port: target.port });
  await waitFor('every device online', async () => ((await service.handle('fleet.list', {})) as FleetDevice[]).every((d) => d.status === 'online'));
  await service.handle('fleet.pause', { paused: true });
  // In process, fleet.sync also announces what is still pending; its seq is the newest delta.
  const latest = requests['fleet.sync'].result.parse(await service.handle('fleet.sync', {}));
  assert.equal(latest.devices.length, 3);
  await waitFor('the newest delta', () => deltaSeqs(messages).at(-1) === latest.seq);

  assert.deepEqual(
    deltaSeqs(messages),
    Array.from({ length: latest.seq }, (_, i) => i + 1),
  );
  for (const m of messages) {
    if (m.type !== 'event' || m.event !== 'fleet.delta') continue;
    const step = deltaReceived(state, events['fleet.delta'].parse(m.payload));
    assert.equal(step.resync, false, 'no delta is lost on a healthy connection');
    state = step.state;
  }
  assert.equal(state.copy?.seq, latest.seq);
  assert.equal(state.copy?.devices.length, 3);
  // The wire form of the service's fleet: what the client holds.
  assert.deepEqual(state.copy?.devices, JSON.parse(JSON.stringify(await service.handle('fleet.list', {}))));
});

/** A service that only relays events the test emits. */
function relayService(): { service: HearthService; emit<E extends EventName>(event: E, payload: EventPayload<E>): void } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const service: HearthService = {
    info: { version: '0.0.0', host: 'server', demo: false, platform: process.platform },
    storageProblems: [],
    handle: () => Promise.reject(new Error('not used')),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => set.delete(entry);
    },
    close: () => Promise.resolve(),
  };
  return { service, emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) };
}

/** A valid delta of about `kib` KiB as JSON (devices of ~200 bytes). */
function bigDelta(seq: number, kib: number): FleetDelta {
  const upserted: FleetDevice[] = Array.from({ length: kib * 5 }, (_, i) => ({
    record: { id: `10.1.${i >> 8}.${i & 255}:4028`, host: `10.1.${i >> 8}.${i & 255}`, port: 4028, location: 'x'.repeat(64), source: 'manual', addedAt: seq },
    status: 'online',
    consecutiveFailures: 0,
  }));
  return { seq, upserted, removed: [] };
}

test('a client that stops reading skips deltas, gets the newest once it reads again, and other events in full', async (t) => {
  const relay = relayService();
  const { url, api } = await listen(t, relay.service);
  const slow = await connect(t, url);
  const healthy = await connect(t, url);
  await waitFor('both clients accepted', () => api.wss.clients.size === 2);
  const serverSide = [...api.wss.clients];
  slow.ws.pause(); // stops reading its socket: the server's send buffer for it fills

  // Deltas of ~256 KiB until the kernel's buffers are full and the server
  // holds more than its 4 MiB limit for the slow client, then a few more.
  let seq = 0;
  const buffered = () => Math.max(...serverSide.map((ws) => ws.bufferedAmount));
  while (buffered() <= 4 * 1024 * 1024) {
    assert.ok(seq < 400, 'the slow client never filled its buffers');
    relay.emit('fleet.delta', bigDelta(++seq, 256));
    await new Promise((r) => setImmediate(r));
  }
  const filledAt = seq;
  for (let i = 0; i < 3; i++) relay.emit('fleet.delta', bigDelta(++seq, 256));
  relay.emit('settings.changed', { pollIntervalMs: 5000, language: 'en', theme: 'dark' });

  slow.ws.resume();
  await waitFor('the slow client has the newest delta', () => deltaSeqs(slow.messages).at(-1) === seq);
  await waitFor('the healthy client has the newest delta', () => deltaSeqs(healthy.messages).at(-1) === seq);

  // Every delta up to where its buffer filled, none of the next three, then the newest once it caught up.
  const got = deltaSeqs(slow.messages);
  assert.deepEqual(got, [...Array.from({ length: filledAt }, (_, i) => i + 1), seq]);
  // Its fleet copy sees the gap at the newest delta and reloads.
  let state = syncAnswered(syncStarted(INITIAL_FLEET_SYNC), { seq: 0, devices: [] }).state;
  const resyncs = got.map((s) => {
    const step = deltaReceived(state, { seq: s, upserted: [], removed: [] });
    state = step.state;
    return step.resync;
  });
  assert.deepEqual(resyncs, got.map((s) => s === seq));
  assert.ok(slow.messages.some((m) => m.type === 'event' && m.event === 'settings.changed'), 'other events are never skipped');

  // The healthy client got every delta exactly once: the resend went only to the one that missed it.
  assert.deepEqual(deltaSeqs(healthy.messages), Array.from({ length: seq }, (_, i) => i + 1));
});
