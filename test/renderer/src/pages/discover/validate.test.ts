import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAddForm } from '../../../../../renderer/src/pages/discover/validate.js';

const form = (over: Partial<Record<'host' | 'port' | 'nickname' | 'location', string>>) => ({ host: '', port: '4028', nickname: '', location: '', ...over });

test('a valid address becomes device.add params; an empty port means 4028', () => {
  assert.deepEqual(validateAddForm(form({ host: ' 192.168.1.50 ', nickname: ' Shed ' })), {
    params: { host: '192.168.1.50', port: 4028, nickname: 'Shed', location: undefined },
    errors: {},
  });
  assert.deepEqual(validateAddForm(form({ host: 'miner.local', port: '' })).params, { host: 'miner.local', port: 4028, nickname: undefined, location: undefined });
  assert.equal(validateAddForm(form({ host: 'fe80::1', port: '4029' })).params?.port, 4029);
});

test('each bad field gets its own message key, checked by the contract schema', () => {
  assert.deepEqual(validateAddForm(form({ host: '' })), { errors: { host: 'add.error.host' } });
  assert.deepEqual(validateAddForm(form({ host: 'http://x/', port: '70000' })), { errors: { host: 'add.error.host', port: 'add.error.port' } });
  assert.deepEqual(validateAddForm(form({ host: '10.0.0.1', port: '12.5' })), { errors: { port: 'add.error.port' } });
  assert.deepEqual(validateAddForm(form({ host: '10.0.0.1', port: 'abc' })), { errors: { port: 'add.error.port' } });
  assert.deepEqual(validateAddForm(form({ host: '10.0.0.1', location: 'x'.repeat(65) })), { errors: { location: 'add.error.tooLong' } });
});
