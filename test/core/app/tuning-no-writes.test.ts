// No command that changes a device without a user action: the service runs
// with a fleet of simulated miners of every model for a while (1 s polls),
// while a client opens every device page and tuning panel through the API
// without applying anything; then every simulator's command log is checked
// for privileged commands.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createHearthService } from '../../../electron/core/app/service.js';
import { startSimulation } from '../../../electron/core/sim/index.js';

const RUN_MS = 12_000;

test('a service watching a fleet sends no privileged command on its own', async (t) => {
  // Writes allowed everywhere, so a stray command would run rather than be refused unseen.
  const sim = await startSimulation({ count: 8, base: '127.0.91.61', seed: 9, writeAccess: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-nowrites-'));
  const service = await createHearthService({ dataDir, host: 'server', version: 'test', log: () => undefined });
  t.after(async () => {
    await service.close();
    await sim.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  await service.handle('settings.set', { pollIntervalMs: 1000 });
  const ids: string[] = [];
  for (const target of sim.targets) ids.push(((await service.handle('device.add', target)) as { id: string }).id);

  const until = Date.now() + RUN_MS;
  let views = 0;
  while (Date.now() < until) {
    await service.handle('fleet.list', {});
    for (const id of ids) {
      await service.handle('device.get', { id });
      await service.handle('device.history', { id });
      await service.handle('tuning.controls', { id });
      await service.handle('tuning.audit', { id });
      await service.handle('schedules.next', { id });
      views++;
    }
    await service.handle('schedules.list', {});
    await service.handle('device.raw', { id: ids[views % ids.length], command: 'estats' });
    await new Promise((r) => setTimeout(r, 250));
  }

  for (const device of sim.devices) {
    const polls = device.commandLog.filter((e) => !e.privileged);
    assert.ok(polls.length >= 8, `${device.profile.id} was polled (${polls.length} requests)`);
    assert.deepEqual(
      device.commandLog.filter((e) => e.privileged).map((e) => `${e.command}|${e.parameter ?? ''}`),
      [],
      `${device.profile.id} received a privileged command`,
    );
  }
  assert.ok(views > ids.length * 5, `pages opened ${views} times`);
  assert.deepEqual(await service.handle('tuning.audit', {}), []);
});
