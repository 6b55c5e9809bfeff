import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { eventText } from '../../../electron/core/server/event-text.js';
import { parseWireMessage } from '../../../renderer/src/api/wire.js';

const device = (n: number): FleetDevice => ({
  record: { id: `10.0.0.${n}:4028`, host: `10.0.0.${n}`, port: 4028, nickname: `a "quoted" ${n}`, source: 'manual', addedAt: n },
  status: 'online',
  consecutiveFailures: 0,
  lastPollMs: 3.5,
});

test('an event is the WireMessage JSON the renderer parses back', () => {
  const delta = { seq: 7, upserted: [device(1), device(2)], removed: ['10.0.0.3:4028'] };
  const text = eventText('fleet.delta', delta);
  assert.equal(text, '{"type":"event","event":"fleet.delta","payload":' + JSON.stringify(delta) + '}');
  assert.deepEqual(parseWireMessage(text), { type: 'event', event: 'fleet.delta', payload: delta });
  const settings = { pollIntervalMs: 5000, language: 'en', theme: 'dark' } as const;
  assert.deepEqual(parseWireMessage(eventText('settings.changed', settings)), { type: 'event', event: 'settings.changed', payload: settings });
});

test('a changed device object reads back changed (no cached text)', () => {
  const one = device(1);
  const first = eventText('fleet.delta', { seq: 1, upserted: [one], removed: [] });
  one.status = 'offline';
  const second = eventText('fleet.delta', { seq: 1, upserted: [one], removed: [] });
  assert.notEqual(second, first);
  assert.match(second, /"status":"offline"/);
});
