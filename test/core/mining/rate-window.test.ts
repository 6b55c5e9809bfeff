import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RateWindow } from '../../../electron/core/mining/rate-window.js';

it('takes the rate over the window, or since counting began when younger', () => {
  const w = new RateWindow(10_000, 1000);
  w.begin(0, 0);
  assert.deepEqual(w.sample(2000, 20), { perSecond: 10, windowMs: 2000 });
  assert.deepEqual(w.sample(2500, 30), { perSecond: 12, windowMs: 2500 }, 'too close to the last sample: not stored, still answered');
  for (let t = 3000; t <= 20_000; t += 1000) w.sample(t, t / 100);
  // Counts grow by 10 per second from t = 3 s; the base is the newest sample at or before 20 s - 10 s.
  assert.deepEqual(w.sample(20_000, 200), { perSecond: 10, windowMs: 10_000 });
  assert.deepEqual(w.sample(20_400, 204), { perSecond: 10, windowMs: 10_400 }, 'the base may be up to one gap older than the window');
});

it('reports nothing before two samples apart, and after clear()', () => {
  const w = new RateWindow(5000);
  assert.deepEqual(w.sample(1000, 5), { perSecond: 0, windowMs: 0 });
  assert.deepEqual(w.sample(1000, 6), { perSecond: 0, windowMs: 0 });
  w.sample(3000, 25);
  w.clear();
  assert.deepEqual(w.sample(4000, 30), { perSecond: 0, windowMs: 0 });
  w.begin(0, 0);
  assert.deepEqual(w.sample(5000, 50), { perSecond: 20, windowMs: 1000 }, 'begin() does nothing once samples exist');
});

it('refuses a window it cannot keep', () => {
  assert.throws(() => new RateWindow(0), RangeError);
  assert.throws(() => new RateWindow(1000, 1000), RangeError);
});
