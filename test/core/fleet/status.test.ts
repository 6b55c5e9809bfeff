import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollDelay, pollTimeout, statusAfterFailure } from '../../../electron/core/fleet/status.js';

test('a failure within three intervals of the last success is stale, later offline; never seen is offline', () => {
  assert.equal(statusAfterFailure(10_000, 25_000, 5000), 'stale');
  assert.equal(statusAfterFailure(10_000, 26_000, 5000), 'offline');
  assert.equal(statusAfterFailure(undefined, 1, 5000), 'offline');
});

test('offline devices back off exponentially up to the cap; others keep the interval', () => {
  assert.equal(pollDelay('online', 0, 5000), 5000);
  assert.equal(pollDelay('stale', 0, 5000), 5000);
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => pollDelay('offline', n, 5000)), [10_000, 20_000, 40_000, 60_000, 60_000]);
  assert.equal(pollDelay('offline', 1000, 5000), 60_000);
  assert.equal(pollDelay('offline', 3, 200, 1000), 1000);
  // An interval longer than the cap is never shortened by the back-off.
  assert.equal(pollDelay('offline', 2, 120_000), 120_000);
});

test('the poll budget stays inside the interval', () => {
  assert.equal(pollTimeout(5000), 4000);
  assert.equal(pollTimeout(1000), 800);
  assert.equal(pollTimeout(60_000), 5000);
});
