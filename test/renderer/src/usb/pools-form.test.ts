import assert from 'node:assert/strict';
import { it } from 'node:test';
import { UsbPoolInputSchema } from '../../../../electron/contract/usb.js';
import { rowProblems, rowsFrom, toInput, type PoolRow } from '../../../../renderer/src/usb/pools-form.js';

const row = (over: Partial<PoolRow> = {}): PoolRow => ({ key: 0, url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', password: '', hasSavedPassword: false, clearPassword: false, ...over });

it('makes rows from saved pools, passwords never filled in', () => {
  assert.deepEqual(rowsFrom([{ url: 'a.example:1', worker: 'w', hasPassword: true }], 7), [
    { key: 7, url: 'a.example:1', worker: 'w', password: '', hasSavedPassword: true, clearPassword: false },
  ]);
});

it('checks the address and the worker as the user types them', () => {
  assert.deepEqual(rowProblems(row()), []);
  assert.deepEqual(rowProblems(row({ url: 'pool.example.com:3333' })), []);
  assert.deepEqual(rowProblems(row({ url: 'stratum://[2001:db8::1]:3333' })), []);
  assert.deepEqual(rowProblems(row({ url: 'pool.example.com' })), ['url']);
  assert.deepEqual(rowProblems(row({ url: 'http://pool.example.com:80' })), ['url']);
  assert.deepEqual(rowProblems(row({ url: 'pool.example.com:70000' })), ['url']);
  assert.deepEqual(rowProblems(row({ worker: 'me usb' })), ['worker']);
  assert.deepEqual(rowProblems(row({ url: '', worker: '' })), ['url', 'worker']);
});

it('sends a password only when typed, or empty to clear the saved one; the contract accepts each', () => {
  const keep = toInput(row({ hasSavedPassword: true, url: '  a.example:1 ' }));
  const replace = toInput(row({ hasSavedPassword: true, password: 'new' }));
  const clear = toInput(row({ hasSavedPassword: true, clearPassword: true }));
  assert.deepEqual(keep, { url: 'a.example:1', worker: 'me.usb' });
  assert.deepEqual(replace, { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', password: 'new' });
  assert.deepEqual(clear, { url: 'stratum+tcp://pool.example.com:3333', worker: 'me.usb', password: '' });
  for (const input of [keep, replace, clear]) assert.deepEqual(UsbPoolInputSchema.parse(input), input);
});
