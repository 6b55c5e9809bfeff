import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyCapacity, SampleRing } from '../../../electron/core/fleet/history.js';

test('capacity covers two hours at the poll interval, within bounds', () => {
  assert.equal(historyCapacity(5000), 1440);
  assert.equal(historyCapacity(1000), 7200);
  assert.equal(historyCapacity(250), 7200);
  assert.equal(historyCapacity(600_000), 60);
});

test('the ring keeps the newest samples in order and leaves missing values out', () => {
  const ring = new SampleRing(3);
  ring.push({ t: 1, ghs: 100, tempMaxC: 70, powerW: 3000, fanRpm: 4000 });
  ring.push({ t: 2, ghs: 12345.6 });
  assert.deepEqual(ring.since(), [
    { t: 1, ghs: 100, tempMaxC: 70, powerW: 3000, fanRpm: 4000 },
    { t: 2, ghs: 12345.6 },
  ]);
  ring.push({ t: 3 });
  ring.push({ t: 4, powerW: 0 });
  ring.push({ t: 5, tempMaxC: -5 });
  assert.equal(ring.size, 3);
  assert.deepEqual(ring.since(), [{ t: 3 }, { t: 4, powerW: 0 }, { t: 5, tempMaxC: -5 }]);
  assert.deepEqual(ring.since(3), [{ t: 4, powerW: 0 }, { t: 5, tempMaxC: -5 }]);
  assert.deepEqual(ring.since(5), []);
});

test('resizing keeps the newest samples', () => {
  const ring = new SampleRing(5);
  for (let t = 1; t <= 5; t++) ring.push({ t, ghs: t * 10 });
  assert.deepEqual(ring.resized(2).since().map((s) => s.t), [4, 5]);
  const bigger = ring.resized(10);
  bigger.push({ t: 6 });
  assert.deepEqual(bigger.since().map((s) => s.t), [1, 2, 3, 4, 5, 6]);
  assert.throws(() => new SampleRing(0), RangeError);
});
