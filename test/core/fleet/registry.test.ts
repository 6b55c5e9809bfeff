import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddressError } from '../../../electron/core/fleet/address.js';
import { DeviceRegistry, RegistryError } from '../../../electron/core/fleet/registry.js';

async function tempDir(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-registry-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('devices survive a restart with nickname and location', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir, { now: () => 1_700_000_000_000 });
  const added = await registry.add({ host: ' 192.168.1.20 ', nickname: ' Garage ', location: 'shelf 2', source: 'manual' });
  assert.deepEqual(added, {
    id: '192.168.1.20:4028',
    host: '192.168.1.20',
    port: 4028,
    nickname: 'Garage',
    location: 'shelf 2',
    source: 'manual',
    addedAt: 1_700_000_000_000,
  });
  await registry.add({ host: 'Miner-2.LAN.', port: 4030, source: 'scan' });
  await registry.update('192.168.1.20:4028', { location: 'shed' });

  const { registry: reopened, problems } = await DeviceRegistry.open(dir);
  assert.deepEqual(problems, []);
  assert.deepEqual(
    reopened.list().map((r) => [r.id, r.nickname, r.location, r.source]),
    [
      ['192.168.1.20:4028', 'Garage', 'shed', 'manual'],
      ['miner-2.lan:4030', undefined, undefined, 'scan'],
    ],
  );
});

test('the same device under another spelling is refused with a clear error', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir);
  await registry.add({ host: '10.0.0.5', nickname: 'Heater', source: 'manual' });
  for (const again of [{ host: '10.0.0.5:4028' }, { host: '10.0.0.5', port: 4028 }, { host: '10.0.0.5.' }]) {
    await assert.rejects(registry.add({ ...again, source: 'manual' }), (err: unknown) => {
      assert.ok(err instanceof RegistryError);
      assert.equal(err.kind, 'duplicate');
      assert.equal(err.message, '10.0.0.5:4028 is already in the fleet as "Heater"');
      return true;
    });
  }
  // Another port is another device.
  assert.equal((await registry.add({ host: '10.0.0.5', port: 4029, source: 'manual' })).id, '10.0.0.5:4029');
});

test('bad addresses are refused before anything is saved', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir);
  for (const host of ['10.0.0.256', 'bad host', '-x.lan', '10.0.0.5:0', '10.0.0.5:4029']) {
    await assert.rejects(registry.add({ host, port: host.endsWith('4029') ? 4028 : undefined, source: 'manual' } as never), AddressError, host);
  }
  assert.deepEqual(registry.list(), []);
  assert.deepEqual(await readdir(dir), []);
});

test('update clears a field with an empty string; unknown ids are not-found', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir);
  await registry.add({ host: '10.0.0.9', nickname: 'A', location: 'L', source: 'manual' });
  const updated = await registry.update('10.0.0.9:4028', { nickname: '' });
  assert.equal(updated.nickname, undefined);
  assert.equal(updated.location, 'L');
  assert.ok(!('nickname' in updated));
  await assert.rejects(registry.update('10.0.0.10:4028', { nickname: 'x' }), (e: unknown) => e instanceof RegistryError && e.kind === 'not-found');
});

test('remove deletes from disk; removing twice reports false', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir);
  await registry.add({ host: '10.0.0.9', source: 'manual' });
  assert.equal(await registry.remove('10.0.0.9:4028'), true);
  assert.equal(await registry.remove('10.0.0.9:4028'), false);
  const saved = JSON.parse(await readFile(join(dir, 'devices.json'), 'utf8'));
  assert.deepEqual(saved, { version: 1, devices: [] });
});

test('devices added with persist:false (demo) are listed but never written', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir);
  await registry.add({ host: '127.0.1.1', source: 'demo' }, { persist: false });
  await registry.add({ host: '10.0.0.1', source: 'manual' });
  await registry.update('127.0.1.1:4028', { nickname: 'demo one' });
  assert.deepEqual(registry.list().map((r) => r.id), ['127.0.1.1:4028', '10.0.0.1:4028']);
  const saved = JSON.parse(await readFile(join(dir, 'devices.json'), 'utf8'));
  assert.deepEqual(saved.devices.map((r: { id: string }) => r.id), ['10.0.0.1:4028']);
  assert.equal(await registry.remove('127.0.1.1:4028'), true);
});

test('a corrupt devices.json is kept aside and reported; the backup restores the fleet', async (t) => {
  const dir = await tempDir(t);
  const { registry } = await DeviceRegistry.open(dir);
  await registry.add({ host: '10.0.0.1', nickname: 'one', source: 'manual' });
  await registry.add({ host: '10.0.0.2', source: 'manual' });
  await writeFile(join(dir, 'devices.json'), '{"version":1,"devices":[{"id":');
  const { registry: reopened, problems } = await DeviceRegistry.open(dir);
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.movedTo, /devices\.json\.corrupt-/);
  // The backup holds the fleet before the last save.
  assert.deepEqual(reopened.list().map((r) => r.id), ['10.0.0.1:4028']);
  assert.equal(reopened.get('10.0.0.1:4028')?.nickname, 'one');
});
