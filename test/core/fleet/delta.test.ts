// Fleet deltas: what changed between the views last announced and the fleet
// now (by view identity: the monitor replaces a view on every change), and the
// feed that numbers them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events } from '../../../electron/contract/api.js';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { FleetDeltaFeed, fleetChanges } from '../../../electron/core/fleet/delta.js';

const device = (n: number, status: FleetDevice['status'] = 'online'): FleetDevice => ({
  record: { id: `10.0.0.${n}:4028`, host: `10.0.0.${n}`, port: 4028, source: 'manual', addedAt: n },
  status,
  consecutiveFailures: 0,
});

const byId = (fleet: readonly FleetDevice[]) => new Map(fleet.map((d) => [d.record.id, d]));

test('nothing announced yet: every device is upserted, in fleet order', () => {
  const fleet = [device(3), device(1), device(2)];
  const changes = fleetChanges(new Map(), fleet);
  assert.deepEqual(changes.upserted.map((d) => d.record.id), ['10.0.0.3:4028', '10.0.0.1:4028', '10.0.0.2:4028']);
  assert.deepEqual(changes.removed, []);
});

test('only devices whose view object was replaced are upserted', () => {
  const [a, b, c] = [device(1), device(2), device(3)];
  const announced = byId([a, b, c]);
  const bChanged = { ...b, status: 'stale' as const };
  const changes = fleetChanges(announced, [a, bChanged, c]);
  assert.equal(changes.upserted.length, 1);
  assert.equal(changes.upserted[0], bChanged);
  assert.deepEqual(changes.removed, []);
  // The same objects again: no change at all, even though nothing was compared field by field.
  assert.deepEqual(fleetChanges(announced, [a, b, c]), { upserted: [], removed: [] });
});

test('devices gone from the fleet are removed by id; added and removed in one step both show', () => {
  const [a, b, c, d] = [device(1), device(2), device(3), device(4)];
  const announced = byId([a, b, c]);
  assert.deepEqual(fleetChanges(announced, [b]), { upserted: [], removed: ['10.0.0.1:4028', '10.0.0.3:4028'] });
  const swapped = fleetChanges(announced, [a, d, c]);
  assert.deepEqual(swapped.upserted, [d]);
  assert.deepEqual(swapped.removed, ['10.0.0.2:4028']);
  assert.deepEqual(fleetChanges(announced, []), { upserted: [], removed: ['10.0.0.1:4028', '10.0.0.2:4028', '10.0.0.3:4028'] });
});

test('a device removed and added again under the same id is an upsert of the new view, not a removal', () => {
  const a = device(1);
  const again = device(1, 'unknown');
  assert.deepEqual(fleetChanges(byId([a]), [again]), { upserted: [again], removed: [] });
});

test('the feed numbers deltas from 1 without gaps and skips empty ones; its deltas match the contract', () => {
  const feed = new FleetDeltaFeed();
  assert.equal(feed.seq, 0);
  const [a, b] = [device(1), device(2)];
  const first = feed.advance([a, b]);
  assert.deepEqual(first, { seq: 1, upserted: [a, b], removed: [] });
  events['fleet.delta'].parse(first);
  // Nothing changed: no delta, and the seq is not used up.
  assert.equal(feed.advance([a, b]), undefined);
  assert.equal(feed.seq, 1);
  const aOffline = { ...a, status: 'offline' as const };
  assert.deepEqual(feed.advance([aOffline, b]), { seq: 2, upserted: [aOffline], removed: [] });
  assert.deepEqual(feed.advance([aOffline]), { seq: 3, upserted: [], removed: ['10.0.0.2:4028'] });
  // A removed device that comes back is new again to the feed.
  assert.deepEqual(feed.advance([aOffline, b]), { seq: 4, upserted: [b], removed: [] });
  assert.equal(feed.seq, 4);
});
