// The exposition of a real (simulated) fleet, read back with a strict parser:
// HELP/TYPE before samples, escaped label values, no duplicate series, values
// equal to the snapshots they came from, and nothing for offline devices but "up".
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FleetDevice } from '../../../electron/contract/fleet.js';
import { escapeLabelValue, renderExposition, renderFleetMetrics } from '../../../electron/core/metrics/exposition.js';
import { startSimFleet, type SimFleet } from '../alerts/sim-fleet.js';
import { parseExposition } from './parse-exposition.js';

let fleet: SimFleet;
let devices: FleetDevice[];

const NICKNAMES = ['Garage "big" one', 'C:\\miners\\q', 'two\nlines'];

before(async () => {
  fleet = await startSimFleet({ count: 4, base: '127.0.61.1', port: 4028, seed: 3, models: ['a1566', 'avalon-q', 'nano3s', 'mini3'], pollTimeoutMs: 2000, intervalMs: 10_000 });
  await fleet.sim.setFault(3, 'offline');
  await fleet.advance(60_000);
  devices = (await fleet.advance(10_000)).map((d, i) => (i < NICKNAMES.length ? { ...d, record: { ...d.record, nickname: NICKNAMES[i] } } : d));
});
after(() => fleet.close());

test('the output follows the text format and reads back to the fleet it came from', () => {
  const text = renderFleetMetrics(devices);
  const families = parseExposition(text);
  assert.deepEqual([...families.keys()], [
    'hearth_device_up',
    'hearth_device_hashrate_ghs',
    'hearth_device_temperature_max_celsius',
    'hearth_device_fan_rpm',
    'hearth_device_power_watts',
    'hearth_device_efficiency_joules_per_terahash',
    'hearth_device_shares_accepted_total',
    'hearth_device_shares_rejected_total',
    'hearth_device_hardware_errors_total',
    'hearth_device_uptime_seconds',
  ]);
  assert.equal(families.get('hearth_device_shares_accepted_total')!.type, 'counter');
  assert.equal(families.get('hearth_device_up')!.type, 'gauge');

  const up = families.get('hearth_device_up')!.samples;
  assert.deepEqual(up.map((s) => [s.labels['device'], s.labels['nickname'], s.value]), [
    [devices[0]!.record.id, 'Garage "big" one', 1],
    [devices[1]!.record.id, 'C:\\miners\\q', 1],
    [devices[2]!.record.id, 'two\nlines', 1],
    [devices[3]!.record.id, 'rig 3', 0],
  ]);
  assert.deepEqual(up.map((s) => s.labels['model']), ['a1566', 'avalon-q', 'nano3s', 'unknown']);

  const hashrate = families.get('hearth_device_hashrate_ghs')!.samples;
  const first = devices[0]!.snapshot!.summary;
  assert.deepEqual(hashrate.filter((s) => s.labels['device'] === devices[0]!.record.id).map((s) => [s.labels['window'], s.value]), [
    ['5s', first.ghs5s],
    ['1m', first.ghs1m],
    ['avg', first.ghsAvg],
  ]);
  const fans = families.get('hearth_device_fan_rpm')!.samples.filter((s) => s.labels['device'] === devices[1]!.record.id);
  assert.deepEqual(fans.map((s) => s.value), devices[1]!.snapshot!.derived.fansRpm);
  assert.deepEqual(fans.map((s) => s.labels['fan']), ['1', '2', '3', '4']);
  assert.equal(families.get('hearth_device_temperature_max_celsius')!.samples[0]!.value, devices[0]!.snapshot!.derived.hottestC);

  for (const [name, f] of families) {
    if (name === 'hearth_device_up') continue;
    assert.ok(f.samples.every((s) => s.labels['device'] !== devices[3]!.record.id), `${name}: an offline device has only "up"`);
  }
});

test('label values and help text are escaped by the rules', () => {
  assert.equal(escapeLabelValue('a\\b"c\nd'), 'a\\\\b\\"c\\nd');
  const text = renderExposition([{ name: 'x_total', help: 'back\\slash\nnewline', type: 'counter', samples: [{ labels: { l: 'v"1' }, value: 3 }] }]);
  assert.equal(text, '# HELP x_total back\\\\slash\\nnewline\n# TYPE x_total counter\nx_total{l="v\\"1"} 3\n');
  assert.equal(renderExposition([{ name: 'empty', help: 'h', type: 'gauge', samples: [] }]), '');
  assert.throws(() => renderExposition([{ name: 'bad-name', help: 'h', type: 'gauge', samples: [{ labels: {}, value: 1 }] }]), /invalid metric name/);
  assert.throws(() => renderExposition([{ name: 'ok', help: 'h', type: 'gauge', samples: [{ labels: { __name__: 'x' }, value: 1 }] }]), /invalid label name/);
});

test('the strict parser used above does reject broken output', () => {
  assert.throws(() => parseExposition('x 1\n'), /before its HELP and TYPE/);
  assert.throws(() => parseExposition('# HELP x h\n# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n'), /duplicate series/);
  assert.throws(() => parseExposition('# HELP x h\n# TYPE x gauge\nx{a="b\\q"} 1\n'), /bad escape/);
  assert.throws(() => parseExposition('# HELP x h\n# TYPE x gauge\nx 1'), /line feed/);
});

test('non-finite readings are left out rather than exported', () => {
  const d = devices[0]!;
  const broken: FleetDevice = { ...d, snapshot: { ...d.snapshot!, derived: { ...d.snapshot!.derived, powerW: Number.NaN } } };
  const families = parseExposition(renderFleetMetrics([broken]));
  assert.equal(families.has('hearth_device_power_watts'), false);
});
