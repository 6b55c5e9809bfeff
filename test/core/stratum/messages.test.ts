import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StratumError } from '../../../electron/core/stratum/errors.js';
import {
  parseBooleanResult,
  parseConfigureResult,
  parseMinerLine,
  parseMinerParams,
  parsePoolLine,
  parseServerCall,
  parseSubscribeResult,
  requestedVersionMask,
  SubmitParamsSchema,
} from '../../../electron/core/stratum/messages.js';
import { slushExample, stratumJob } from './vectors.js';

const protocolError = (pattern: RegExp) => (e: unknown) => e instanceof StratumError && e.kind === 'protocol' && pattern.test(e.message);

test('the slush example notify params parse into the job fields', () => {
  const v = slushExample();
  const call = parseServerCall('mining.notify', v.notify_params_array);
  assert.equal(call.method, 'mining.notify');
  if (call.method !== 'mining.notify') return;
  assert.deepEqual(call.job, {
    jobId: 'bf',
    prevhash: v.notify.prevhash,
    coinb1: v.notify.coinb1,
    coinb2: v.notify.coinb2,
    merkleBranch: [],
    version: '00000002',
    nbits: '1c2ac4af',
    ntime: '504e86b9',
    cleanJobs: false,
  });
});

test('notify validation: types, hex lengths, sizes', () => {
  const p = slushExample().notify_params_array;
  const bad = (i: number, value: unknown): unknown[] => p.map((x, j) => (j === i ? value : x));
  assert.throws(() => parseServerCall('mining.notify', bad(1, 42)), protocolError(/^mining\.notify params: 1: /));
  assert.throws(() => parseServerCall('mining.notify', bad(1, 'ab'.repeat(31))), protocolError(/prevhash: at least 32 bytes/));
  assert.throws(() => parseServerCall('mining.notify', bad(2, '0g')), protocolError(/coinb1: hex bytes/));
  assert.throws(() => parseServerCall('mining.notify', bad(4, ['00'])), protocolError(/merkle branch/));
  assert.throws(() => parseServerCall('mining.notify', bad(4, Array(33).fill('00'.repeat(32)))), protocolError(/4: /));
  assert.throws(() => parseServerCall('mining.notify', bad(5, '2')), protocolError(/version/));
  assert.throws(() => parseServerCall('mining.notify', bad(8, 'true')), protocolError(/8: /));
  assert.throws(() => parseServerCall('mining.notify', bad(0, 'job id with spaces')), protocolError(/job id/));
  assert.throws(() => parseServerCall('mining.notify', p.slice(0, 8)), protocolError(/mining\.notify/));
  assert.throws(() => parseServerCall('mining.notify', { job: 1 }), protocolError(/mining\.notify/));
  // Extra trailing params are tolerated, as cgminer reads by index.
  assert.equal(parseServerCall('mining.notify', [...p, 'extra']).method, 'mining.notify');
});

test('set_difficulty, set_extranonce, set_version_mask, client.reconnect, show_message', () => {
  assert.deepEqual(parseServerCall('mining.set_difficulty', [0.01]), { method: 'mining.set_difficulty', difficulty: 0.01 });
  for (const bad of [[0], [-2], ['1'], [], [null]]) assert.throws(() => parseServerCall('mining.set_difficulty', bad), protocolError(/set_difficulty/));
  assert.deepEqual(parseServerCall('mining.set_extranonce', ['08000002', 4]), { method: 'mining.set_extranonce', extranonce1: '08000002', extranonce2Size: 4 });
  assert.throws(() => parseServerCall('mining.set_extranonce', ['080000', 1]), protocolError(/1: /));
  assert.throws(() => parseServerCall('mining.set_extranonce', ['080000', 17]), protocolError(/1: /));
  assert.throws(() => parseServerCall('mining.set_extranonce', ['0800x0', 4]), protocolError(/extranonce1/));
  assert.deepEqual(parseServerCall('mining.set_version_mask', ['1fffe000']), { method: 'mining.set_version_mask', mask: 0x1fffe000 });
  assert.throws(() => parseServerCall('mining.set_version_mask', ['1fffe0']), protocolError(/mask/));
  assert.deepEqual(parseServerCall('client.reconnect', []), { method: 'client.reconnect' });
  assert.deepEqual(parseServerCall('client.reconnect', undefined), { method: 'client.reconnect' });
  assert.deepEqual(parseServerCall('client.reconnect', ['pool.example.com', '3334', 10]), { method: 'client.reconnect', host: 'pool.example.com', port: 3334, waitSeconds: 10 });
  assert.deepEqual(parseServerCall('client.reconnect', [null, 3334]), { method: 'client.reconnect', port: 3334 });
  assert.throws(() => parseServerCall('client.reconnect', ['h', 70000]), protocolError(/reconnect/));
  assert.deepEqual(parseServerCall('client.show_message', ['hi']), { method: 'client.show_message', message: 'hi' });
  assert.deepEqual(parseServerCall('mining.something_new', [1]), { method: 'unknown', name: 'mining.something_new' });
});

test('pool lines: responses, calls, errors in their three shapes, and garbage', () => {
  assert.deepEqual(parsePoolLine('{"id":1,"result":true,"error":null}'), { type: 'response', id: 1, result: true, error: null });
  assert.deepEqual(parsePoolLine('{"id":4,"result":null,"error":[23,"Low difficulty share",null]}'), {
    type: 'response',
    id: 4,
    result: null,
    error: { code: 23, message: 'Low difficulty share' },
  });
  const objErr = parsePoolLine('{"id":5,"result":null,"error":{"code":21,"message":"Stale"}}');
  assert.deepEqual(objErr.type === 'response' && objErr.error, { code: 21, message: 'Stale' });
  const strErr = parsePoolLine('{"id":6,"result":false,"error":"nope"}');
  assert.deepEqual(strErr.type === 'response' && strErr.error, { message: 'nope' });
  assert.deepEqual(parsePoolLine('{"id":null,"method":"mining.set_difficulty","params":[2]}'), { type: 'call', id: null, method: 'mining.set_difficulty', params: [2] });
  assert.throws(() => parsePoolLine('{"id":1,'), protocolError(/invalid JSON from the pool/));
  assert.throws(() => parsePoolLine('[1,2]'), protocolError(/not a JSON object/));
  assert.throws(() => parsePoolLine('{"result":true}'), protocolError(/neither a response/));
  assert.throws(() => parsePoolLine('{"id":{"x":1},"result":true}'), protocolError(/id/));
  assert.throws(() => parsePoolLine('{"id":1,"method":42}'), protocolError(/method/));
  assert.throws(() => parsePoolLine('{"id":1,"error":[20]}'), protocolError(/error in reply 1/));
});

test('results: subscribe, configure (BIP 310), booleans', () => {
  const v = stratumJob();
  assert.deepEqual(parseSubscribeResult([[['mining.notify', 'ae68']], v.subscribe_result_extranonce1, 4]), { extranonce1: '40000004', extranonce2Size: 4 });
  assert.throws(() => parseSubscribeResult([[], '4000000', 4]), protocolError(/extranonce1/));
  assert.throws(() => parseSubscribeResult([[], '40000004', 1]), protocolError(/2: /));
  assert.throws(() => parseSubscribeResult(true), protocolError(/subscribe/));
  assert.deepEqual(parseConfigureResult({ 'version-rolling': true, 'version-rolling.mask': '18000000' }), { versionRolling: true, mask: 0x18000000 });
  assert.deepEqual(parseConfigureResult({ 'version-rolling': false }), { versionRolling: false, reason: 'not supported by the pool' });
  assert.deepEqual(parseConfigureResult({ 'version-rolling': 'mask too small' }), { versionRolling: false, reason: 'mask too small' });
  assert.deepEqual(parseConfigureResult({ 'version-rolling': true }), { versionRolling: false, reason: 'no mask in the reply' });
  assert.throws(() => parseConfigureResult({ 'version-rolling': true, 'version-rolling.mask': 'xyz' }), protocolError(/mask/));
  assert.equal(parseBooleanResult(true, 'x'), true);
  assert.equal(parseBooleanResult(null, 'x'), false);
  assert.throws(() => parseBooleanResult('yes', 'mining.authorize'), protocolError(/mining\.authorize result/));
});

test('miner side: lines and submit params (with BIP 310 version bits)', () => {
  assert.deepEqual(parseMinerLine('{"id":3,"method":"mining.subscribe","params":["x"]}'), { id: 3, method: 'mining.subscribe', params: ['x'] });
  assert.throws(() => parseMinerLine('{"id":3}'), protocolError(/no method/));
  const s = slushExample().submit_params;
  assert.deepEqual(parseMinerParams(SubmitParamsSchema, s, 'mining.submit'), { worker: '<worker>', jobId: 'bf', extranonce2: '00000000', ntime: '504e86b9', nonce: '7e92eda0', versionBits: undefined });
  assert.equal(parseMinerParams(SubmitParamsSchema, [...s, '00002000'], 'mining.submit').versionBits, 0x2000);
  assert.throws(() => parseMinerParams(SubmitParamsSchema, [...s, '00002000', 'x'], 'mining.submit'), protocolError(/at most 6/));
  assert.throws(() => parseMinerParams(SubmitParamsSchema, [...s.slice(0, 4), '7e92ed'], 'mining.submit'), protocolError(/nonce/));
  assert.equal(requestedVersionMask({}), 0xffffffff);
  assert.equal(requestedVersionMask({ 'version-rolling.mask': '1fffe000' }), 0x1fffe000);
});
