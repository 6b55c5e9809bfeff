import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendSamples } from '../../../../renderer/src/fleet/history.js';

test('increments append only samples newer than the last kept one, in time order', () => {
  const first = appendSamples([], [
    { t: 1000, ghs: 1 },
    { t: 2000, ghs: 2 },
  ]);
  assert.deepEqual(first.map((s) => s.t), [1000, 2000]);
  // `sinceMs` may be inclusive: the repeated 2000 is not added twice.
  const next = appendSamples(first, [
    { t: 3000, ghs: 3 },
    { t: 2000, ghs: 2 },
  ]);
  assert.deepEqual(next.map((s) => s.t), [1000, 2000, 3000]);
});

test('nothing new returns the same array (no re-render), and the oldest are trimmed past the cap', () => {
  const kept = [{ t: 5 }, { t: 6 }];
  assert.equal(appendSamples(kept, [{ t: 4 }, { t: 6 }]), kept);
  const trimmed = appendSamples(kept, [{ t: 7 }, { t: 8 }], 3);
  assert.deepEqual(trimmed.map((s) => s.t), [6, 7, 8]);
});
