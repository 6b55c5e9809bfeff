import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReply, splitJoinedReply } from '../../../electron/core/cgminer-api/reply.js';
import { CgminerError } from '../../../electron/core/cgminer-api/errors.js';
import { capture } from '../support/loopback-server.js';

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CgminerError, String(e));
    return e.kind;
  }
  return 'none';
}

const status = (STATUS: string, Code: number, Msg: string) => ({ STATUS: [{ STATUS, When: 1, Code, Msg, Description: 'cgminer 4.11.1' }], id: 1 });

test('S, I and W resolve; E and F throw', () => {
  assert.equal(readReply(status('S', 11, 'Summary'), 'summary').STATUS[0]?.Code, 11);
  assert.equal(readReply(status('I', 118, 'ASC 0 set info: ok'), 'ascset').STATUS[0]?.STATUS, 'I');
  assert.equal(readReply(status('W', 117, 'ASC 0 does not support ascset'), 'ascset').STATUS[0]?.STATUS, 'W');
  assert.equal(kindOf(() => readReply(status('E', 10, 'No ASCs'), 'devs')), 'status-error');
  assert.equal(kindOf(() => readReply(status('F', 99, 'bug'), 'devs')), 'status-error');
});

test('access denied is recognised by code 45 or by its text', () => {
  assert.equal(kindOf(() => readReply(status('E', 45, "Access denied to 'addpool' command"), 'addpool')), 'access-denied');
  assert.equal(kindOf(() => readReply({ STATUS: [{ STATUS: 'E', Msg: 'Access denied' }] }, 'restart')), 'access-denied');
});

test('the sections of a real reply are kept', () => {
  const reply = readReply(JSON.parse(capture('avalonq_stats.json')), 'stats');
  assert.ok(Array.isArray(reply.STATS));
  assert.equal(reply.id, 1);
});

test('restart/quit string STATUS (api.c dorestart/doquit) is normalised', () => {
  assert.deepEqual(readReply({ STATUS: 'RESTART', id: 1 }, 'restart').STATUS, [{ STATUS: 'S', Msg: 'RESTART' }]);
});

test('Code and When given as text are read as numbers; other junk is left out', () => {
  const reply = readReply({ STATUS: [{ STATUS: 'S', Code: '22', When: 'soon', Msg: 7 }] }, 'version');
  assert.deepEqual(reply.STATUS, [{ STATUS: 'S', Code: 22 }]);
});

test('replies without a usable STATUS are typed', () => {
  assert.equal(kindOf(() => readReply({ VERSION: [] }, 'version')), 'not-cgminer');
  assert.equal(kindOf(() => readReply([1, 2], 'version')), 'not-cgminer');
  assert.equal(kindOf(() => readReply(null, 'version')), 'not-cgminer');
  assert.equal(kindOf(() => readReply({ STATUS: [] }, 'version')), 'invalid-reply');
  assert.equal(kindOf(() => readReply({ STATUS: [{ Code: 1 }] }, 'version')), 'invalid-reply');
  assert.equal(kindOf(() => readReply({ STATUS: [{ STATUS: 'X' }] }, 'version')), 'invalid-reply');
  assert.equal(kindOf(() => readReply({ STATUS: 42 }, 'version')), 'invalid-reply');
});

test('joined parts may be one-element arrays (api.c) or bare objects (API-README)', () => {
  const results = splitJoinedReply({ Summary: [status('S', 11, 'Summary')], pools: status('S', 7, '1 Pool(s)'), id: 1 }, ['summary', 'pools']);
  assert.equal(results.summary?.ok, true);
  assert.equal(results.pools?.ok, true);
});

test('a joined reply answered as one command throws', () => {
  assert.equal(kindOf(() => splitJoinedReply(status('E', 14, 'Invalid command'), ['summary', 'pools'])), 'status-error');
  assert.equal(kindOf(() => splitJoinedReply(status('S', 11, 'Summary'), ['summary', 'pools'])), 'invalid-reply');
  assert.equal(kindOf(() => splitJoinedReply('text', ['summary'])), 'not-cgminer');
});

test('a joined part without STATUS is not-cgminer for that command only', () => {
  const results = splitJoinedReply({ summary: [{ SUMMARY: [] }], pools: [status('S', 7, '1 Pool(s)')] }, ['summary', 'pools']);
  const summary = results.summary;
  assert.ok(summary !== undefined && !summary.ok);
  assert.equal(summary.error.kind, 'not-cgminer');
  assert.equal(results.pools?.ok, true);
});
