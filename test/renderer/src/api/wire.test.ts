import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FRAME_CHARS, parseWireMessage } from '../../../../renderer/src/api/wire.js';

test('responses and events of the contract framing parse', () => {
  assert.deepEqual(parseWireMessage('{"type":"response","id":3,"ok":true,"result":{"removed":true}}'), {
    type: 'response',
    id: 3,
    ok: true,
    result: { removed: true },
  });
  assert.deepEqual(parseWireMessage('{"type":"response","id":4,"ok":false,"error":{"code":"device","message":"Timed out","details":{"kind":"timeout"}}}'), {
    type: 'response',
    id: 4,
    ok: false,
    error: { code: 'device', message: 'Timed out', details: { kind: 'timeout' } },
  });
  assert.deepEqual(parseWireMessage('{"type":"event","event":"fleet.delta","payload":{"seq":1,"upserted":[],"removed":["10.0.0.5:4028"]}}'), {
    type: 'event',
    event: 'fleet.delta',
    payload: { seq: 1, upserted: [], removed: ['10.0.0.5:4028'] },
  });
});

test('anything else is rejected rather than guessed at', () => {
  const bad = [
    '',
    'null',
    '[]',
    '{"type":"response","id":"1","ok":true}',
    '{"type":"response","id":1.5,"ok":true}',
    '{"type":"response","id":1}',
    '{"type":"response","id":1,"ok":false}',
    '{"type":"response","id":1,"ok":false,"error":{"code":"x"}}',
    '{"type":"event","event":"device.deleted","payload":{}}',
    '{"type":"event","payload":{}}',
    '{"type":"hello"}',
  ];
  for (const text of bad) assert.equal(parseWireMessage(text), undefined, text);
});

test('an oversized frame is dropped without parsing', () => {
  const huge = `{"type":"event","event":"fleet.delta","payload":"${'x'.repeat(MAX_FRAME_CHARS)}"}`;
  assert.equal(parseWireMessage(huge), undefined);
});
