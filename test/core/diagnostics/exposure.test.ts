// The exposure inference per firmware family (protocol reference 1.6) and
// the read-only probe against the simulator on 127.0.52.x: it sends exactly
// `check|ascset`, which the device answers without running anything.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { modelById } from '../../../electron/core/avalon/models.js';
import { EXPOSURE_PROBE_COMMAND, inferExposure, probeWriteAccess } from '../../../electron/core/diagnostics/exposure.js';
import { startSim, type SimHarness } from './helpers.js';

let h: SimHarness;
before(async () => {
  h = await startSim('127.0.52.1', ['nano3s', 'a1566']);
});
after(async () => {
  await h.sim.close();
});

test('inference: MM319 and Nano 3 firmware have no access control; A10-A15 likely; controller era depends on api-allow', () => {
  assert.equal(inferExposure(modelById('nano3s')).exposed, 'yes');
  assert.match(inferExposure(modelById('nano3s')).source, /N3S-API/);
  assert.equal(inferExposure(modelById('nano3')).exposed, 'yes');
  assert.equal(inferExposure(modelById('avalon-q')).exposed, 'yes');
  assert.equal(inferExposure(modelById('a1246')).exposed, 'likely');
  assert.equal(inferExposure(modelById('a841')).exposed, 'depends');
  assert.equal(inferExposure(modelById('nano2')).exposed, 'unknown');
  assert.equal(inferExposure(undefined).exposed, 'unknown');
});

test('the probe against a Nano 3S: access allowed, and the device saw only the read-only check', async () => {
  const [nano] = h.sim.targets;
  assert.ok(nano !== undefined);
  const device = h.sim.devices[0];
  assert.ok(device !== undefined);
  const before = device.commandLog.length;
  const probe = await probeWriteAccess(nano, { timeoutMs: 2000 });
  assert.deepEqual(probe.access, 'allowed');
  assert.equal(probe.sent, 'check|ascset');
  const seen = device.commandLog.slice(before);
  assert.deepEqual(seen.map((e) => [e.command, e.parameter, e.privileged]), [['check', 'ascset', false]]);
  assert.deepEqual(EXPOSURE_PROBE_COMMAND, { command: 'check', parameter: 'ascset' });
});

test('the probe against the A-series sim (no W: access): denied', async () => {
  const a1566 = h.sim.targets[1];
  assert.ok(a1566 !== undefined);
  const probe = await probeWriteAccess(a1566, { timeoutMs: 2000 });
  assert.equal(probe.access, 'denied');
});

test('a firmware without check, or no answer at all, leaves access unknown with the reason', async () => {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end('{"STATUS":[{"STATUS":"E","When":1,"Code":14,"Msg":"Invalid command","Description":"cgminer 4.11.1"}],"id":1}\0'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.52.9', r));
  try {
    const { port } = server.address() as net.AddressInfo;
    const unknown = await probeWriteAccess({ host: '127.0.52.9', port }, { timeoutMs: 2000 });
    assert.equal(unknown.access, 'unknown');
    assert.match(unknown.detail, /does not answer check.*Invalid command/);
  } finally {
    await new Promise((r) => server.close(r));
  }
  const gone = await probeWriteAccess({ host: '127.0.52.9', port: 4028 }, { timeoutMs: 500 });
  assert.equal(gone.access, 'unknown');
  assert.match(gone.detail, /no answer/);
});
