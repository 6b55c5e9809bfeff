// The service behind the contract: validation, every method, events, demo
// mode. Devices are simulated on 127.0.32.x / 127.0.33.x (real TCP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, requests, type EventName, type EventPayload, type RequestMethod, type RequestResult } from '../../../electron/contract/api.js';
import type { FleetDelta } from '../../../electron/contract/fleet.js';
import { createHearthService, type HearthService, type HearthServiceOptions } from '../../../electron/core/app/service.js';
import { ApiRequestError } from '../../../electron/core/app/errors.js';
import { startSimulation } from '../../../electron/core/sim/index.js';
import { applyDelta, copyOf } from '../../../renderer/src/fleet/sync.js';

type T = { after: (fn: () => Promise<void>) => void };

async function open(t: T, extra: Partial<HearthServiceOptions> = {}, dir?: string): Promise<{ service: HearthService; dir: string; logs: string[] }> {
  const dataDir = dir ?? (await mkdtemp(join(tmpdir(), 'hearth-service-')));
  const logs: string[] = [];
  const service = await createHearthService({ dataDir, host: 'electron', version: '1.2.3', log: (m) => logs.push(m), ...extra });
  t.after(async () => {
    await service.close();
    if (dir === undefined) await rm(dataDir, { recursive: true, force: true });
  });
  return { service, dir: dataDir, logs };
}

/** Calls a method and checks the result against the contract's result schema. */
async function call<M extends RequestMethod>(service: HearthService, method: M, params: unknown): Promise<RequestResult<M>> {
  const result = await service.handle(method, params);
  return requests[method].result.parse(result) as RequestResult<M>;
}

async function rejectsWith(p: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof ApiRequestError, String(err));
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

function nextEvent<E extends EventName>(service: HearthService, event: E, pred: (p: EventPayload<E>) => boolean = () => true, timeoutMs = 5000): Promise<EventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} event`));
    }, timeoutMs);
    const off = service.on(event, (payload) => {
      events[event].parse(payload);
      if (!pred(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

async function waitFor(what: string, pred: () => Promise<boolean>, timeoutMs = 4000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('unknown methods and invalid params are refused with typed errors', async (t) => {
  const { service } = await open(t);
  await rejectsWith(service.handle('fleet.nuke', {}), 'unknown-method', /fleet\.nuke/);
  await rejectsWith(service.handle('__proto__', {}), 'unknown-method');
  await rejectsWith(service.handle('toString', {}), 'unknown-method');
  await rejectsWith(service.handle('settings.set', { pollIntervalMs: 10 }), 'invalid-params', /pollIntervalMs/);
  await rejectsWith(service.handle('settings.set', { colour: 'red' }), 'invalid-params', /colour/);
  await rejectsWith(service.handle('device.add', { host: 'a b' }), 'invalid-params', /host/);
  await rejectsWith(service.handle('device.add', { host: '10.0.0.1', port: 70000 }), 'invalid-params', /port/);
  await rejectsWith(service.handle('device.raw', { id: 'x:1', command: 'ascset', parameter: '0,reboot' }), 'invalid-params', /command/);
  await rejectsWith(service.handle('fleet.list', { extra: 1 }), 'invalid-params');
  await rejectsWith(service.handle('fleet.list', 'nope'), 'invalid-params');
  await rejectsWith(service.handle('discovery.start', { targets: ['10.0.0.0/8'] }), 'invalid-params', /too many/);
  await rejectsWith(service.handle('discovery.start', { targets: ['not a range!'] }), 'invalid-params');
  // Missing params stand for {} where the method takes none.
  assert.deepEqual(await call(service, 'fleet.list', undefined), []);
});

test('app.info and settings: persisted, validated, announced', async (t) => {
  const { service, dir } = await open(t);
  assert.deepEqual(await call(service, 'app.info', {}), { version: '1.2.3', host: 'electron', demo: false, platform: process.platform });
  assert.deepEqual(await call(service, 'settings.get', {}), { pollIntervalMs: 5000, language: 'en', theme: 'system' });
  const changed = nextEvent(service, 'settings.changed');
  const next = await call(service, 'settings.set', { language: 'zh-CN', pollIntervalMs: 2000 });
  assert.deepEqual(next, { pollIntervalMs: 2000, language: 'zh-CN', theme: 'system' });
  assert.deepEqual(await changed, next);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')), next);
  await service.close();
  const { service: again } = await open(t, {}, dir);
  assert.deepEqual(await call(again, 'settings.get', {}), next);
});

test('devices: add, update, remove; duplicates and unknown ids are typed errors; records survive a restart', async (t) => {
  const { service, dir } = await open(t);
  const added = await call(service, 'device.add', { host: ' 127.0.32.201 ', nickname: 'Garage', location: 'shelf' });
  assert.equal(added.id, '127.0.32.201:4028');
  assert.equal(added.source, 'manual');
  await rejectsWith(service.handle('device.add', { host: '127.0.32.201', port: 4028 }), 'invalid-params', /already in the fleet as "Garage"/);
  await rejectsWith(service.handle('device.add', { host: '127.0.32.999' }), 'invalid-params', /not an IP address/);
  const updated = await call(service, 'device.update', { id: added.id, location: 'shed' });
  assert.equal(updated.location, 'shed');
  assert.equal(updated.nickname, 'Garage');
  const listed = await call(service, 'fleet.list', {});
  assert.equal(listed.length, 1);
  assert.equal(listed[0]!.record.location, 'shed');
  for (const [method, params] of [
    ['device.get', { id: 'nope:1' }],
    ['device.history', { id: 'nope:1' }],
    ['device.update', { id: 'nope:1', nickname: 'x' }],
    ['device.raw', { id: 'nope:1', command: 'summary' }],
  ] as const) {
    await rejectsWith(service.handle(method, params), 'not-found', /nope:1/);
  }
  await service.close();

  const { service: again } = await open(t, {}, dir);
  const [kept] = await call(again, 'fleet.list', {});
  assert.deepEqual(kept!.record, updated);
  assert.deepEqual(await call(again, 'device.remove', { id: added.id }), { removed: true });
  assert.deepEqual(await call(again, 'device.remove', { id: added.id }), { removed: false });
  assert.deepEqual(await call(again, 'fleet.list', {}), []);
});

test('a saved device is polled: fleet events, full snapshot, history and raw replies', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.32.1' });
  t.after(() => sim.close());
  const { service } = await open(t, { monitor: { emitThrottleMs: 50 } });
  const target = sim.targets[0]!;
  const online = nextEvent(service, 'fleet.delta', (delta) => delta.upserted[0]?.status === 'online');
  const record = await call(service, 'device.add', { host: target.host, port: target.port });
  const { upserted } = await online;
  assert.equal(upserted[0]!.record.id, record.id);
  assert.deepEqual(upserted[0]!.snapshot!.raw, {}, 'fleet events carry no raw replies');

  const device = await call(service, 'device.get', { id: record.id });
  assert.equal(device.status, 'online');
  assert.ok(device.snapshot!.identity.modelId !== 'unknown');
  assert.ok('summary' in device.snapshot!.raw);
  const history = await call(service, 'device.history', { id: record.id });
  assert.ok(history.length >= 1);
  assert.ok(history[0]!.ghs !== undefined && history[0]!.ghs > 0);
  assert.deepEqual(await call(service, 'device.history', { id: record.id, sinceMs: history.at(-1)!.t }), []);

  const raw = await call(service, 'device.raw', { id: record.id, command: 'version' });
  const reply = raw.reply as { STATUS: { STATUS: string }[]; VERSION: unknown[] };
  assert.equal(reply.STATUS[0]!.STATUS, 'S');
  assert.equal(reply.VERSION.length, 1);

  await sim.setFault(0, 'offline');
  await rejectsWith(service.handle('device.raw', { id: record.id, command: 'summary' }), 'device', /refused|ECONNREFUSED/);
  try {
    await service.handle('device.raw', { id: record.id, command: 'summary' });
  } catch (err) {
    assert.deepEqual((err as ApiRequestError).details, { kind: 'refused', message: (err as ApiRequestError).message });
  }
});

test('fleet deltas are numbered, carry only what changed, and on top of fleet.sync give the fleet', async (t) => {
  const sim = await startSimulation({ count: 3, base: '127.0.32.40' });
  t.after(() => sim.close());
  const { service } = await open(t, { monitor: { emitThrottleMs: 50 } });
  assert.deepEqual(await call(service, 'fleet.sync', {}), { seq: 0, devices: [] });
  const deltas: FleetDelta[] = [];
  service.on('fleet.delta', (delta) => deltas.push(events['fleet.delta'].parse(delta)));
  for (const target of sim.targets) await call(service, 'device.add', { host: target.host, port: target.port });
  await waitFor('every device online', async () => (await call(service, 'fleet.list', {})).every((d) => d.status === 'online'));
  // No more polls: from here on only the changes made below make deltas.
  await call(service, 'fleet.pause', { paused: true });
  await new Promise((r) => setTimeout(r, 200));

  const synced = await call(service, 'fleet.sync', {});
  assert.deepEqual(
    deltas.map((d) => d.seq),
    deltas.map((_, i) => i + 1),
  );
  assert.equal(synced.seq, deltas.at(-1)!.seq);
  let copy = copyOf({ seq: 0, devices: [] });
  for (const delta of deltas) {
    const next = applyDelta(copy, delta);
    assert.ok(typeof next === 'object', `delta ${delta.seq}: ${next as string}`);
    copy = next;
  }
  assert.deepEqual(copy.devices, synced.devices);
  assert.deepEqual(synced.devices, await call(service, 'fleet.list', {}));
  assert.ok(deltas.some((d) => d.upserted.length < 3), 'some deltas carry only part of the fleet');

  const [first, second, third] = synced.devices;
  const before = deltas.length;
  await call(service, 'device.update', { id: first!.record.id, nickname: 'Shed' });
  await waitFor('the rename delta', async () => deltas.length > before);
  const rename = deltas.at(-1)!;
  assert.equal(rename.seq, synced.seq + 1);
  assert.deepEqual(rename.removed, []);
  assert.deepEqual(
    rename.upserted.map((d) => [d.record.id, d.record.nickname]),
    [[first!.record.id, 'Shed']],
  );

  // fleet.sync just after a change is current: the change goes out first, as the delta whose seq the answer has.
  await call(service, 'device.remove', { id: second!.record.id });
  const current = await call(service, 'fleet.sync', {});
  assert.deepEqual(deltas.at(-1), { seq: rename.seq + 1, upserted: [], removed: [second!.record.id] });
  assert.equal(current.seq, rename.seq + 1);
  assert.deepEqual(
    current.devices.map((d) => d.record.id),
    [first!.record.id, third!.record.id],
  );
  // Nothing changed since: no delta, no seq used.
  assert.equal((await call(service, 'fleet.sync', {})).seq, current.seq);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(deltas.length, before + 2);
});

test('discovery: progress events, found devices marked known, cancel, adopt', async (t) => {
  const sim = await startSimulation({ count: 3, base: '127.0.32.11' });
  t.after(() => sim.close());
  const { service } = await open(t, { discovery: { timeoutMs: 500, concurrency: 16 } });
  const [first, second, third] = sim.targets;
  await call(service, 'device.add', { host: first!.host });

  const done = nextEvent(service, 'discovery.progress', (p) => p.state === 'done');
  const { scanId } = await call(service, 'discovery.start', { targets: ['127.0.32.10-20'] });
  const result = await done;
  assert.equal(result.scanId, scanId);
  assert.deepEqual(result.targets, ['127.0.32.10-20']);
  assert.equal(result.total, 11);
  assert.equal(result.probed, 11);
  assert.deepEqual(
    result.found.map((f) => [f.host, f.port, f.alreadyKnown]),
    [
      [first!.host, 4028, true],
      [second!.host, 4028, false],
      [third!.host, 4028, false],
    ],
  );
  assert.ok(result.found.every((f) => f.modelId !== 'unknown' && f.modelId !== ''));

  const adopted = await call(service, 'discovery.adopt', { hosts: result.found.map((f) => ({ host: f.host, port: f.port })) });
  assert.deepEqual(adopted.map((r) => [r.id, r.source]), [
    [`${first!.host}:4028`, 'manual'],
    [`${second!.host}:4028`, 'scan'],
    [`${third!.host}:4028`, 'scan'],
  ]);
  assert.equal((await call(service, 'fleet.list', {})).length, 3);

  // Devices that take seconds to answer keep a scan running long enough to cancel it.
  const slowFaults = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, 'slow-reply' as const]));
  const slowSim = await startSimulation({ count: 20, base: '127.0.33.1', faults: slowFaults, slowReplyMs: 5000 });
  t.after(() => slowSim.close());
  const cancelled = nextEvent(service, 'discovery.progress', (p) => p.state === 'cancelled');
  const slow = await call(service, 'discovery.start', { targets: ['127.0.33.1-20'] });
  assert.deepEqual(await call(service, 'discovery.cancel', { scanId: slow.scanId }), { cancelled: true });
  const stopped = await cancelled;
  assert.equal(stopped.scanId, slow.scanId);
  assert.ok(stopped.probed < 20);
  assert.deepEqual(await call(service, 'discovery.cancel', { scanId: slow.scanId }), { cancelled: false });
});

test('demo mode adds simulated devices that are never saved', async (t) => {
  const { service, dir } = await open(t, { demo: { count: 3, base: '127.0.32.30' } });
  assert.equal((await call(service, 'app.info', {})).demo, true);
  const fleet = await call(service, 'fleet.list', {});
  assert.deepEqual(fleet.map((d) => [d.record.id, d.record.source]), [
    ['127.0.32.30:4028', 'demo'],
    ['127.0.32.31:4028', 'demo'],
    ['127.0.32.32:4028', 'demo'],
  ]);
  await call(service, 'device.add', { host: '127.0.32.202' });
  await call(service, 'device.update', { id: '127.0.32.30:4028', nickname: 'Demo' });
  const saved = JSON.parse(await readFile(join(dir, 'devices.json'), 'utf8')) as { devices: { id: string }[] };
  assert.deepEqual(saved.devices.map((d) => d.id), ['127.0.32.202:4028']);
  await waitFor('demo devices online', async () => (await call(service, 'fleet.list', {})).filter((d) => d.status === 'online').length === 3);
  // Their pools are the demo's own local test pools: nothing a user does with them leaves this machine.
  const { snapshot } = await call(service, 'device.get', { id: '127.0.32.30:4028' });
  assert.ok(snapshot && snapshot.pools.length > 0);
  for (const pool of snapshot.pools) assert.match(pool.url, /^stratum\+tcp:\/\/127\.0\.0\.1:\d+$/);
});

test('a corrupt data file is kept aside and reported in app.info and the log', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-service-'));
  await writeFile(join(dir, 'devices.json'), '{ broken');
  const { service, logs } = await open(t, {}, dir);
  // Registered after open's own hook, so the service (and its log writer) is closed before the folder goes.
  t.after(() => rm(dir, { recursive: true, force: true }));
  const info = await call(service, 'app.info', {});
  assert.equal(info.storageProblems?.length, 1);
  const problem = info.storageProblems![0]!;
  assert.equal(problem.file, join(dir, 'devices.json'));
  assert.match(problem.movedTo, /devices\.json\.corrupt-/);
  assert.equal(await readFile(problem.movedTo, 'utf8'), '{ broken');
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /devices\.json could not be used \(not valid JSON/);
  // The app carries on with an empty fleet and can save again.
  await call(service, 'device.add', { host: '127.0.32.203' });
});

test('a scan with no targets covers the machine\'s own subnets; none at all is a clear error', async (t) => {
  const sim = await startSimulation({ count: 1, base: '127.0.32.41' });
  t.after(() => sim.close());
  const { service } = await open(t, { discovery: { timeoutMs: 500, subnets: () => ['127.0.32.40-42'] } });
  const done = nextEvent(service, 'discovery.progress', (p) => p.state === 'done');
  await call(service, 'discovery.start', {});
  const result = await done;
  assert.deepEqual(result.targets, ['127.0.32.40-42']);
  assert.equal(result.total, 3);
  assert.deepEqual(result.found.map((f) => f.host), ['127.0.32.41']);

  const { service: isolated } = await open(t, { discovery: { subnets: () => [] } });
  await rejectsWith(isolated.handle('discovery.start', { targets: [] }), 'invalid-params', /no IPv4 network/);
});
