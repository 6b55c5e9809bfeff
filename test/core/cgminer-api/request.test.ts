import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeJoinedRequest, encodeJsonRequest, encodeTextRequest, MAX_REQUEST_BYTES } from '../../../electron/core/cgminer-api/request.js';
import { CgminerRequestError } from '../../../electron/core/cgminer-api/errors.js';

test('JSON requests carry command and, when given, parameter', () => {
  assert.equal(encodeJsonRequest('summary'), '{"command":"summary"}');
  assert.equal(encodeJsonRequest('ascset', '0,worklevel,set,1'), '{"command":"ascset","parameter":"0,worklevel,set,1"}');
  // Quotes and backslashes in a parameter are JSON-escaped, not passed raw.
  assert.equal(encodeJsonRequest('ascset', 'a"b\\c'), '{"command":"ascset","parameter":"a\\"b\\\\c"}');
});

test('text requests are cmd|param', () => {
  assert.equal(encodeTextRequest('estats'), 'estats');
  assert.equal(encodeTextRequest('ascset', '0,led,1-1'), 'ascset|0,led,1-1');
});

test('joined requests drop duplicates, ignoring case', () => {
  assert.deepEqual(encodeJoinedRequest(['summary', 'pools', 'SUMMARY', 'estats']), {
    payload: '{"command":"summary+pools+estats"}',
    commands: ['summary', 'pools', 'estats'],
  });
});

test('invalid commands and parameters are refused with a reason', () => {
  assert.throws(() => encodeJsonRequest('sum mary'), /invalid command "sum mary"/);
  assert.throws(() => encodeJsonRequest('a|b'), CgminerRequestError);
  assert.throws(() => encodeJsonRequest('x'.repeat(65)), CgminerRequestError);
  assert.throws(() => encodeJsonRequest('ascset', 'a\0b'), /NUL/);
  assert.throws(() => encodeJsonRequest('ascset', 'x'.repeat(1025)), /too long/);
  assert.throws(() => encodeJoinedRequest([]), /no commands/);
  assert.throws(() => encodeJoinedRequest(['summary', 'pools+devs']), CgminerRequestError);
});

test('a request larger than one cgminer recv() is refused', () => {
  // 1000 control characters pass the length check, but JSON escapes each into 6 bytes.
  assert.throws(() => encodeJsonRequest('ascset', '\u0001'.repeat(1000)), new RegExp(`at most ${MAX_REQUEST_BYTES}`));
  const many = Array.from({ length: 100 }, (_, i) => `command${i}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`);
  assert.throws(() => encodeJoinedRequest(many), CgminerRequestError);
});
