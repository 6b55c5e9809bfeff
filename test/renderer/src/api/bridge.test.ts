import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiSocketUrl } from '../../../../renderer/src/api/bridge.js';
import { HearthRequestError, toRequestError } from '../../../../renderer/src/api/errors.js';

test('the socket URL follows the page: scheme, host and token', () => {
  assert.equal(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:4029', search: '' }), 'ws://127.0.0.1:4029/api');
  assert.equal(apiSocketUrl({ protocol: 'https:', host: 'miner-box.local', search: '?token=a b&x=1' }), 'wss://miner-box.local/api?token=a%20b');
  assert.equal(apiSocketUrl({ protocol: 'http:', host: '[::1]:4029', search: '?x=1' }), 'ws://[::1]:4029/api');
});

test('whatever a transport rejects with becomes a HearthRequestError', () => {
  const fromPreload = Object.assign(new Error('No device x.'), { code: 'not-found' });
  assert.deepEqual(pick(toRequestError(fromPreload)), { code: 'not-found', message: 'No device x.' });

  // contextBridge drops custom properties, and ipcRenderer.invoke prefixes the message.
  const fromIpc = new Error("Error invoking remote method 'hearth:request': Error: Poll interval too short.");
  assert.deepEqual(pick(toRequestError(fromIpc)), { code: 'internal', message: 'Poll interval too short.' });

  assert.deepEqual(pick(toRequestError({ code: 'invalid-params', message: 'host: a host name or IP address' })), {
    code: 'invalid-params',
    message: 'host: a host name or IP address',
  });
  assert.deepEqual(pick(toRequestError({ error: { code: 'unauthorized', message: 'Bad token.' } })), { code: 'unauthorized', message: 'Bad token.' });
  assert.deepEqual(pick(toRequestError({ code: 'made-up', message: 'x' })), { code: 'internal', message: 'x' });
  assert.deepEqual(pick(toRequestError('boom')), { code: 'internal', message: 'boom' });

  const same = new HearthRequestError('timeout', 'slow');
  assert.equal(toRequestError(same), same);
});

function pick(e: HearthRequestError) {
  return { code: e.code, message: e.message };
}
