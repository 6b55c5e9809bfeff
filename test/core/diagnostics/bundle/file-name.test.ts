// The file name a bundle is offered under.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleFileName } from '../../../../electron/core/diagnostics/bundle/file-name.js';

test('device and UTC time, in characters every file system accepts', () => {
  const at = Date.UTC(2026, 10, 30, 7, 5, 9);
  assert.equal(bundleFileName('192.168.1.7:4028', at), 'hearth-192.168.1.7-4028-20261130-070509.zip');
  assert.equal(bundleFileName('[fe80::1]:4028', at), 'hearth-fe80-1-4028-20261130-070509.zip');
  assert.equal(bundleFileName('miner.lan:4029', at), 'hearth-miner.lan-4029-20261130-070509.zip');
  assert.equal(bundleFileName('../../etc/passwd', at), 'hearth-..-..-etc-passwd-20261130-070509.zip');
  assert.equal(bundleFileName(':::', Number.NaN), 'hearth-device-undated.zip');
});
