// The renderer's fleet copy: fleet.sync answers with fleet.delta events on top;
// a missing delta is never patched over, it asks for a reload.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FleetDelta, FleetDevice } from '../../../../electron/contract/fleet.js';
import { FleetDeltaFeed } from '../../../../electron/core/fleet/delta.js';
import {
  applyDelta,
  copyOf,
  deltaReceived,
  INITIAL_FLEET_SYNC,
  MAX_HELD_DELTAS,
  syncAnswered,
  syncFailed,
  syncStarted,
  type FleetCopy,
  type FleetSyncState,
} from '../../../../renderer/src/fleet/sync.js';

const device = (n: number, status: FleetDevice['status'] = 'online'): FleetDevice => ({
  record: { id: `10.0.0.${n}:4028`, host: `10.0.0.${n}`, port: 4028, source: 'manual', addedAt: n },
  status,
  consecutiveFailures: 0,
});
const id = (n: number) => `10.0.0.${n}:4028`;
const ids = (copy: FleetCopy | undefined) => copy?.devices.map((d) => d.record.id);
const delta = (seq: number, upserted: FleetDevice[] = [], removed: string[] = []): FleetDelta => ({ seq, upserted, removed });

describe('applyDelta', () => {
  const base = copyOf({ seq: 4, devices: [device(1), device(2), device(3)] });

  it('applies the next delta: changed devices keep their place, new ones come last, removed ones go', () => {
    const next = applyDelta(base, delta(5, [device(4), device(2, 'offline')], [id(1)]));
    assert.ok(typeof next === 'object');
    assert.equal(next.seq, 5);
    assert.deepEqual(ids(next), [id(2), id(3), id(4)]);
    assert.equal(next.byId.get(id(2))?.status, 'offline');
    assert.equal(next.byId.get(id(1)), undefined);
    // The copy it started from is unchanged (React state is never mutated).
    assert.equal(base.seq, 4);
    assert.deepEqual(ids(base), [id(1), id(2), id(3)]);
    assert.equal(base.byId.get(id(2))?.status, 'online');
  });

  it('ignores a delta the copy already includes, and reports a gap for one that skips ahead', () => {
    assert.equal(applyDelta(base, delta(4, [device(9)])), 'old');
    assert.equal(applyDelta(base, delta(1)), 'old');
    assert.equal(applyDelta(base, delta(6, [device(9)])), 'gap');
    assert.equal(applyDelta(base, delta(100)), 'gap');
  });

  it('removing an id the copy does not hold is harmless', () => {
    const next = applyDelta(base, delta(5, [], [id(8)]));
    assert.ok(typeof next === 'object');
    assert.deepEqual(ids(next), [id(1), id(2), id(3)]);
  });
});

describe('the sync state', () => {
  const loaded = (seq: number, devices: FleetDevice[]): FleetSyncState => syncAnswered(syncStarted(INITIAL_FLEET_SYNC), { seq, devices }).state;

  it('a delta before any answer asks for a sync', () => {
    const step = deltaReceived(INITIAL_FLEET_SYNC, delta(3, [device(1)]));
    assert.equal(step.resync, true);
    assert.equal(step.state.copy, undefined);
    assert.deepEqual(step.state.held, []);
  });

  it('in-order deltas patch the copy; an old one changes nothing', () => {
    let state = loaded(7, [device(1)]);
    let step = deltaReceived(state, delta(8, [device(2)]));
    assert.equal(step.resync, false);
    state = step.state;
    assert.deepEqual(ids(state.copy), [id(1), id(2)]);
    assert.equal(state.held, undefined);
    step = deltaReceived(state, delta(8, [device(3)]));
    assert.equal(step.resync, false);
    assert.equal(step.state, state);
  });

  it('a gap asks for a sync, keeps showing the copy, and holds the deltas that come meanwhile', () => {
    const state = loaded(7, [device(1), device(2)]);
    const gap = deltaReceived(state, delta(9, [device(3)]));
    assert.equal(gap.resync, true);
    assert.equal(gap.state.copy, state.copy, 'the pages keep the last good copy while it reloads');
    const held = deltaReceived(gap.state, delta(10, [device(4)]));
    assert.equal(held.resync, false);
    assert.deepEqual(held.state.held?.map((d) => d.seq), [10]);
    assert.equal(held.state.copy, state.copy);
  });

  it('the answer replaces the copy; held deltas it already includes are dropped, later ones applied', () => {
    let state = syncStarted(loaded(2, [device(1)]));
    for (const d of [delta(3, [device(9)]), delta(4, [device(2, 'stale')]), delta(5, [], [id(2)]), delta(6, [device(3)])]) {
      state = deltaReceived(state, d).state;
    }
    // The answer was made after delta 4: it has device 2 (stale), not device 9 (removed meanwhile).
    const step = syncAnswered(state, { seq: 4, devices: [device(1), device(2, 'stale')] });
    assert.equal(step.resync, false);
    assert.equal(step.state.held, undefined);
    assert.equal(step.state.copy?.seq, 6);
    assert.deepEqual(ids(step.state.copy), [id(1), id(3)]);
  });

  it('held deltas that leave a gap after the answer ask again, from the answer', () => {
    let state = syncStarted(INITIAL_FLEET_SYNC);
    state = deltaReceived(state, delta(9, [device(5)])).state;
    const step = syncAnswered(state, { seq: 7, devices: [device(1)] });
    assert.equal(step.resync, true);
    assert.deepEqual(step.state.held, []);
    assert.equal(step.state.copy?.seq, 7);
    assert.deepEqual(ids(step.state.copy), [id(1)]);
  });

  it('a failed sync keeps the copy and stops holding; the next delta that does not fit asks again', () => {
    const state = syncFailed(deltaReceived(syncStarted(loaded(3, [device(1)])), delta(4, [device(2)])).state);
    assert.equal(state.held, undefined);
    assert.deepEqual(ids(state.copy), [id(1)]);
    assert.equal(deltaReceived(state, delta(5)).resync, true);
    assert.equal(deltaReceived(syncFailed(INITIAL_FLEET_SYNC), delta(1)).resync, true);
  });

  it(`holds at most ${MAX_HELD_DELTAS} deltas, dropping the oldest (a gap they leave asks again)`, () => {
    let state = syncStarted(INITIAL_FLEET_SYNC);
    for (let seq = 1; seq <= MAX_HELD_DELTAS + 10; seq++) state = deltaReceived(state, delta(seq)).state;
    assert.equal(state.held?.length, MAX_HELD_DELTAS);
    assert.equal(state.held?.[0]?.seq, 11);
    assert.equal(syncAnswered(state, { seq: 5, devices: [] }).resync, true);
    assert.equal(syncAnswered(state, { seq: 10, devices: [] }).resync, false);
  });
});

describe('against the core feed over a channel that loses deltas', () => {
  it('once the newest delta or a sync answer has arrived, the copy equals the fleet', () => {
    // Deterministic pseudo-random steps (a 32-bit LCG; its high bits, the low ones cycle fast), so a failure replays.
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed >>> 16) % n;
    };
    const feed = new FleetDeltaFeed();
    const fleet = new Map<string, FleetDevice>();
    let state = syncStarted(INITIAL_FLEET_SYNC);
    let pendingSync = true;
    let lost = 0;
    let resyncs = 0;
    // Whether the newest delta reached the client. When it is lost, no client can
    // know until another arrives: the server then resends the newest (ws-api.ts).
    let newestArrived = false;
    let checked = 0;
    for (let step = 0; step < 2000; step++) {
      // The fleet changes: a device is added, changes (a new view object) or goes.
      const n = random(40);
      const kind = random(10);
      if (kind < 1) fleet.delete(id(n));
      else fleet.set(id(n), device(n, (['online', 'stale', 'offline'] as const)[random(3)]));
      const d = feed.advance([...fleet.values()]);
      if (d && random(8) !== 0) {
        const r = deltaReceived(state, d);
        state = r.state;
        newestArrived = true;
        if (r.resync) {
          pendingSync = true;
          resyncs++;
        }
      } else if (d) {
        lost++;
        newestArrived = false;
      }
      // The sync answer arrives some steps later, made from the fleet at that moment.
      if (pendingSync && random(4) === 0) {
        const r = syncAnswered(state, { seq: feed.seq, devices: [...fleet.values()] });
        state = r.state;
        pendingSync = r.resync;
        newestArrived = true;
      }
      if (!pendingSync && newestArrived) {
        checked++;
        assert.equal(state.copy?.seq, feed.seq, `step ${step}`);
        // Same devices, same views (order aside: a device that left and came back may sit elsewhere).
        assert.deepEqual(new Map(state.copy?.devices.map((d) => [d.record.id, d])), fleet, `step ${step}`);
        assert.equal(state.copy?.byId.size, fleet.size, `step ${step}`);
      }
    }
    assert.ok(lost > 100 && resyncs > 50 && checked > 1000, `${lost} deltas lost, ${resyncs} reloads, ${checked} steps checked`);
  });
});
