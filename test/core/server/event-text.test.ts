import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { eventText } from '../../../electron/core/server/event-text.js';

const device = (n: number): FleetDevice => ({
  record: { id: `10.0.0.${n}:4028`, host: `10.0.0.${n}`, port: 4028, nickname: `a "quoted" ${n}`, source: 'manual', addedAt: n },
  status: 'online',
  consecutiveFailures: 0,
  lastPollMs: 3.5,
});

test('fleet events read back exactly as a plain JSON.stringify of the message', () => {
  const fleet = [device(1), device(2), device(3)];
  const text = eventText('fleet.changed', fleet);
  assert.deepEqual(JSON.parse(text), { type: 'event', event: 'fleet.changed', payload: fleet });
  assert.equal(text, JSON.stringify({ type: 'event', event: 'fleet.changed', payload: fleet }));
  assert.equal(eventText('fleet.changed', []), '{"type":"event","event":"fleet.changed","payload":[]}');
  const settings = { pollIntervalMs: 5000, language: 'en', theme: 'dark' };
  assert.equal(eventText('settings.changed', settings), JSON.stringify({ type: 'event', event: 'settings.changed', payload: settings }));
});

test('a device object is serialised once: a new view object is what carries a change', () => {
  const one = device(1);
  const first = eventText('fleet.changed', [one]);
  // Views are never mutated by the monitor; this shows the cache is keyed by the object.
  one.status = 'offline';
  assert.equal(eventText('fleet.changed', [one]), first);
  const replaced = { ...one };
  assert.match(eventText('fleet.changed', [replaced]), /"status":"offline"/);
});
