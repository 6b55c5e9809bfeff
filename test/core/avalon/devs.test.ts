import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDevs } from '../../../electron/core/avalon/devs.js';
import { captureJson, withWarnings } from './fixtures.js';

describe('parseDevs', () => {
  it('reads the A1566 ASC 0 and drops its -273 temperature', () => {
    const { value: devices, warnings } = withWarnings((warn) => parseDevs(captureJson('a1566-devs.json'), warn));
    assert.deepEqual(warnings, []);
    assert.equal(devices.length, 1);
    const d = devices[0];
    assert.equal(d?.index, 0);
    assert.equal(d?.name, 'AVA10');
    assert.equal(d?.enabled, true);
    assert.equal(d?.status, 'Alive');
    assert.equal(d?.temperatureC, undefined);
    assert.ok(Math.abs((d?.counters.ghs5s ?? 0) - 197497.92649) < 1e-6);
    assert.ok(Math.abs((d?.counters.ghs1m ?? 0) - 197266.94416) < 1e-6);
    assert.equal(d?.counters.elapsedS, 924);
    assert.equal(d?.counters.accepted, 148);
  });

  it('reads EDEVS and keeps a real temperature', () => {
    const devices = parseDevs({ EDEVS: [{ ASC: 0, Name: 'AVALON', Enabled: 'N', Temperature: 41.5 }] });
    assert.deepEqual(devices, [{ index: 0, name: 'AVALON', enabled: false, temperatureC: 41.5, counters: {} }]);
  });
});
