import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Schedule } from '../../../electron/contract/tuning.js';
import { ScheduleStore, ScheduleValidationError } from '../../../electron/core/tuning/schedule-store.js';

const dirs: string[] = [];
after(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const schedule: Schedule = {
  id: 'nights',
  name: 'Nights high',
  enabled: true,
  timeZone: 'Europe/Berlin',
  deviceIds: ['192.168.1.20:4028'],
  rules: [{ days: [1, 2, 3, 4, 5], at: '22:00', action: { control: 'workmode', value: 2 } }],
};

describe('ScheduleStore', () => {
  it('saves, reloads, replaces by id and removes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-sched-'));
    dirs.push(dir);
    const store = new ScheduleStore(dir);
    assert.deepEqual(await store.load(), []);
    await store.put(schedule);
    await store.put({ ...schedule, name: 'Renamed' });
    const reloaded = new ScheduleStore(dir);
    await reloaded.load();
    assert.deepEqual(reloaded.list(), [{ ...schedule, name: 'Renamed' }]);
    assert.equal(JSON.parse(await readFile(join(dir, 'schedules.json'), 'utf8')).version, 1);
    assert.equal(await reloaded.remove('nights'), true);
    assert.equal(await reloaded.remove('nights'), false);
    assert.deepEqual(reloaded.list(), []);
  });

  it('refuses an unknown time zone and a malformed rule', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hearth-sched-'));
    dirs.push(dir);
    const store = new ScheduleStore(dir);
    await assert.rejects(store.put({ ...schedule, timeZone: 'Mars/Olympus' }), (e: unknown) => e instanceof ScheduleValidationError && /unknown time zone/.test(e.message));
    await assert.rejects(store.put({ ...schedule, rules: [{ days: [7], at: '24:00', action: { control: 'softoff' } }] }), ScheduleValidationError);
    assert.deepEqual(store.list(), []);
  });
});
