import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { AuditEntry, Schedule } from '../../../electron/contract/tuning.js';
import { modelById, type AvalonModel } from '../../../electron/core/avalon/models.js';
import { query } from '../../../electron/core/cgminer-api/client.js';
import { applyChange } from '../../../electron/core/tuning/apply.js';
import { readSnapshot } from '../../../electron/core/tuning/read-back.js';
import {
  isValidTimeZone,
  localToInstant,
  modeAt,
  nextChange,
  nextChangeForDevice,
  occurrencesBetween,
  Scheduler,
} from '../../../electron/core/tuning/schedule.js';
import { FakeMiner, type FakeState } from './fake-miner.js';

const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];
const utc = (iso: string): number => Date.parse(iso);

function tariff(timeZone = 'Europe/Berlin'): Schedule {
  return {
    id: 'night-tariff',
    name: 'High on the night tariff',
    enabled: true,
    timeZone,
    deviceIds: ['q'],
    rules: [
      { days: ALL_DAYS, at: '22:00', action: { control: 'workmode', value: 2 } },
      { days: ALL_DAYS, at: '07:00', action: { control: 'workmode', value: 0 } },
    ],
  };
}

describe('local time to instant', () => {
  it('an ordinary winter and summer time in Berlin', () => {
    assert.equal(localToInstant(Date.UTC(2026, 0, 5, 22, 0), 'Europe/Berlin'), utc('2026-01-05T21:00:00Z'));
    assert.equal(localToInstant(Date.UTC(2026, 6, 5, 22, 0), 'Europe/Berlin'), utc('2026-07-05T20:00:00Z'));
  });

  it('02:30 on 2026-03-29 (skipped by spring-forward) maps to 03:00 CEST, the first valid instant', () => {
    assert.equal(localToInstant(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin'), utc('2026-03-29T01:00:00Z'));
  });

  it('02:30 on 2026-10-25 (repeated by fall-back) maps to its first occurrence, CEST', () => {
    assert.equal(localToInstant(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin'), utc('2026-10-25T00:30:00Z'));
  });

  it('validates zone names', () => {
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone('Mars/Olympus'), false);
  });
});

describe('schedule boundaries', () => {
  it('the right mode at each boundary and across midnight', () => {
    const s = tariff();
    assert.equal(modeAt(s, utc('2026-01-05T20:59:59Z'))?.action.control, 'workmode');
    assert.deepEqual(modeAt(s, utc('2026-01-05T20:59:59Z'))?.action, { control: 'workmode', value: 0 });
    assert.deepEqual(modeAt(s, utc('2026-01-05T21:00:00Z'))?.action, { control: 'workmode', value: 2 });
    // 00:30 and 06:59 local, the next day: still the evening's mode.
    assert.deepEqual(modeAt(s, utc('2026-01-05T23:30:00Z'))?.action, { control: 'workmode', value: 2 });
    assert.deepEqual(modeAt(s, utc('2026-01-06T05:59:00Z'))?.action, { control: 'workmode', value: 2 });
    assert.deepEqual(modeAt(s, utc('2026-01-06T06:00:00Z'))?.action, { control: 'workmode', value: 0 });
    assert.deepEqual(nextChange(s, utc('2026-01-05T23:30:00Z')), { at: utc('2026-01-06T06:00:00Z'), action: { control: 'workmode', value: 0 }, scheduleId: 'night-tariff' });
  });

  it('weekday rules: soft off on weekend nights only', () => {
    const s: Schedule = {
      ...tariff(),
      rules: [
        { days: [5, 6], at: '23:00', action: { control: 'softoff' } },
        { days: [6, 0], at: '08:00', action: { control: 'softon' } },
      ],
    };
    // Friday 2026-01-09 23:00 Berlin = 22:00Z.
    assert.deepEqual(nextChange(s, utc('2026-01-05T12:00:00Z')), { at: utc('2026-01-09T22:00:00Z'), action: { control: 'softoff' }, scheduleId: 'night-tariff' });
    assert.deepEqual(modeAt(s, utc('2026-01-10T06:00:00Z'))?.action, { control: 'softoff' });
    assert.deepEqual(modeAt(s, utc('2026-01-10T07:00:00Z'))?.action, { control: 'softon' });
  });

  it('spring-forward day: a 02:30 rule runs once, at 03:00 CEST', () => {
    const s: Schedule = { ...tariff(), rules: [{ days: ALL_DAYS, at: '02:30', action: { control: 'workmode', value: 1 } }] };
    const occ = occurrencesBetween(s, utc('2026-03-28T12:00:00Z'), utc('2026-03-29T12:00:00Z'));
    assert.deepEqual(occ.map((o) => o.at), [utc('2026-03-29T01:00:00Z')]);
  });

  it('fall-back day: a 02:30 rule does not run twice', () => {
    const s: Schedule = { ...tariff(), rules: [{ days: ALL_DAYS, at: '02:30', action: { control: 'workmode', value: 1 } }] };
    const occ = occurrencesBetween(s, utc('2026-10-24T12:00:00Z'), utc('2026-10-25T12:00:00Z'));
    assert.deepEqual(occ.map((o) => o.at), [utc('2026-10-25T00:30:00Z')]);
    // The 22:00 rule keeps local time across the change: 20:00Z before, 21:00Z after.
    const t = tariff();
    assert.equal(nextChange(t, utc('2026-10-24T12:00:00Z'))?.at, utc('2026-10-24T20:00:00Z'));
    assert.equal(nextChange(t, utc('2026-10-25T12:00:00Z'))?.at, utc('2026-10-25T21:00:00Z'));
  });

  it('a boundary that repeats the current mode is not the next change; disabled schedules have none', () => {
    const s: Schedule = {
      ...tariff(),
      rules: [
        { days: ALL_DAYS, at: '07:00', action: { control: 'workmode', value: 0 } },
        { days: ALL_DAYS, at: '12:00', action: { control: 'workmode', value: 0 } },
        { days: ALL_DAYS, at: '22:00', action: { control: 'workmode', value: 2 } },
      ],
    };
    assert.equal(nextChange(s, utc('2026-01-05T08:00:00Z'))?.at, utc('2026-01-05T21:00:00Z'));
    assert.equal(nextChange({ ...s, enabled: false }, utc('2026-01-05T08:00:00Z')), undefined);
    assert.equal(nextChangeForDevice([s, { ...tariff(), id: 'other', deviceIds: ['x'] }], 'q', utc('2026-01-05T08:00:00Z'))?.scheduleId, 'night-tariff');
    assert.equal(nextChangeForDevice([s], 'nobody', utc('2026-01-05T08:00:00Z')), undefined);
  });
});

describe('Scheduler', () => {
  const miners: FakeMiner[] = [];
  after(async () => {
    await Promise.all(miners.map((m) => m.stop()));
  });

  const q = modelById('avalon-q') as AvalonModel;

  /** A scheduler for one Q, `q`, on a clock and timer the test moves; `trace` hears each step of a device's run. */
  async function setup(state: Partial<FakeState>, trace: (step: string) => void = () => undefined) {
    const miner = await new FakeMiner(q, state).start();
    miners.push(miner);
    const clock = { now: utc('2026-01-05T11:00:00Z') };
    const timer: { armed?: { fn: () => void; ms: number } } = {};
    const audit: AuditEntry[] = [];
    const scheduler = new Scheduler({
      now: () => clock.now,
      timer: { set: (fn, ms) => (timer.armed = { fn, ms }), clear: () => (timer.armed = undefined) },
      schedules: () => [tariff()],
      device: (id) => (id === 'q' ? { model: q } : undefined),
      exclusive: async (id, work) => {
        trace(`enter ${id}`);
        try {
          return await work();
        } finally {
          trace(`leave ${id}`);
        }
      },
      read: (id) => {
        trace(`read ${id}`);
        return readSnapshot(miner.target, { timeoutMs: 1000 });
      },
      apply: (id, model, request, before) => {
        trace(`apply ${id}`);
        return applyChange(miner.target, model, request, { query, readBack: () => readSnapshot(miner.target), readBackTries: 4, readBackDelayMs: 10, now: () => clock.now, before });
      },
      audit: {
        append: async (e) => {
          trace('audit');
          audit.push(e);
        },
      },
    });
    const fire = async (at: string): Promise<void> => {
      clock.now = utc(at);
      timer.armed?.fn();
      await scheduler.runDue();
    };
    return { miner, scheduler, timer, audit, fire };
  }

  it('applies at each boundary over TCP, audits as schedule, and sends nothing when already in that mode', async () => {
    const { miner, scheduler, timer, audit, fire } = await setup({ workMode: 0 });

    scheduler.start();
    // Starting sends nothing, and the wake-up is capped at an hour.
    assert.equal(timer.armed?.ms, 3_600_000);
    assert.equal(scheduler.nextWakeAt(), utc('2026-01-05T21:00:00Z'));
    assert.deepEqual(miner.writes(), []);

    await fire('2026-01-05T12:00:00Z');
    assert.deepEqual(miner.writes(), []);

    // 22:00 Berlin: high.
    await fire('2026-01-05T21:00:00Z');
    assert.deepEqual(miner.writes().map((r) => r.raw), ['{"command":"ascset","parameter":"0,workmode,set,2"}']);
    assert.equal(miner.state.workMode, 2);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.who, 'schedule');
    assert.equal(audit[0]?.scheduleId, 'night-tariff');
    assert.equal(audit[0]?.status, 'applied');
    assert.equal(audit[0]?.before, 0);
    assert.equal(audit[0]?.after, 2);
    // Next wake: 07:00 Berlin is more than an hour away, so the cap applies again.
    assert.equal(timer.armed?.ms, 3_600_000);

    // Someone set the low mode by hand overnight; at 07:00 the device already is in it.
    miner.state.workMode = 0;
    await fire('2026-01-06T06:00:00Z');
    assert.equal(miner.writes().length, 1);
    assert.equal(audit.length, 1);

    // And at 22:00 it already is high: still nothing sent.
    miner.state.workMode = 2;
    await fire('2026-01-06T21:00:00Z');
    assert.equal(miner.writes().length, 1);

    scheduler.stop();
    assert.equal(timer.armed, undefined);
  });

  it('decides from a read made inside the device\'s exclusive section, and audits after leaving it', async () => {
    const steps: string[] = [];
    const { miner, scheduler, audit, fire } = await setup({ workMode: 0 }, (step) => steps.push(step));
    scheduler.start();
    await fire('2026-01-05T21:00:00Z');
    assert.deepEqual(steps, ['enter q', 'read q', 'apply q', 'leave q', 'audit']);
    assert.equal(miner.state.workMode, 2);
    assert.deepEqual(audit.map((e) => [e.status, e.before, e.after]), [['applied', 0, 2]]);

    // Already in the mode: read, nothing sent, nothing audited.
    steps.length = 0;
    miner.state.workMode = 0;
    await fire('2026-01-06T06:00:00Z');
    assert.deepEqual(steps, ['enter q', 'read q', 'leave q']);
    assert.equal(miner.writes().length, 1);
    scheduler.stop();
  });

  it('a device that does not answer the read at the boundary: nothing is sent, and the failure is audited', async () => {
    const { miner, scheduler, audit, fire } = await setup({ workMode: 0, downUntil: Number.POSITIVE_INFINITY });
    scheduler.start();
    await fire('2026-01-05T21:00:00Z');
    assert.deepEqual(miner.writes(), []);
    assert.equal(miner.state.workMode, 0);
    assert.equal(audit.length, 1);
    assert.deepEqual([audit[0]?.who, audit[0]?.scheduleId, audit[0]?.status, audit[0]?.before], ['schedule', 'night-tariff', 'unreachable', undefined]);
    assert.deepEqual(audit[0]?.request, { kind: 'control', control: 'workmode', value: 2, confirmed: true });
    assert.match(audit[0]?.message ?? '', /^not sent: the device did not answer a poll \(/);
    assert.equal(audit[0]?.text?.key, 'tune.pollFailed');
    scheduler.stop();
  });
});
