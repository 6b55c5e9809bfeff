// How the monitor talks to a device: joined requests, the fallbacks for
// firmwares that refuse joins or estats, and reading `version` again after a
// reboot. A scripted server answers with the real captures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeviceRecord } from '../../../electron/contract/fleet.js';
import { FleetDeviceSchema } from '../../../electron/contract/fleet.js';
import { FleetMonitor } from '../../../electron/core/fleet/monitor.js';
import { captureJson } from '../avalon/fixtures.js';
import { errorReply, joinedReply, startFakeCgminer, type FakeCgminer } from './fake-cgminer.js';

const HOST = '127.0.31.1';

function record(dev: FakeCgminer): DeviceRecord {
  return { id: `${dev.host}:${dev.port}`, host: dev.host, port: dev.port, source: 'manual', addedAt: 0 };
}

async function waitFor(what: string, pred: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const version = captureJson('avalonq_version.json');
const pools = captureJson('a1566-pools.json');
const stats = captureJson('avalonq_stats.json');

function summaryWithElapsed(elapsed: number): unknown {
  const s = structuredClone(captureJson('avalonq_summary.json')) as { SUMMARY: Record<string, unknown>[] };
  s.SUMMARY[0]!.Elapsed = elapsed;
  return s;
}

test('a firmware that refuses joins and estats gets separate requests and stats from then on', async (t) => {
  const dev = await startFakeCgminer(HOST, ({ command }) => {
    if (command.includes('+')) return errorReply(14, 'Invalid command');
    if (command === 'version') return version;
    if (command === 'summary') return summaryWithElapsed(100);
    if (command === 'pools') return pools;
    if (command === 'stats') return stats;
    return errorReply(14, 'Invalid command');
  });
  const monitor = new FleetMonitor({ pollIntervalMs: 100, startGapMs: 0 });
  t.after(async () => {
    monitor.close();
    await dev.close();
  });
  monitor.track(record(dev));
  const id = record(dev).id;
  await waitFor('three successful polls', () => (monitor.history(id)?.length ?? 0) >= 3);
  monitor.close();

  assert.deepEqual(dev.requests.slice(0, 8), [
    'version+summary+pools+estats', // refused as a whole
    'version',
    'summary',
    'pools',
    'estats', // refused: switch to stats
    'summary',
    'pools',
    'stats',
  ]);
  const device = monitor.get(id)!;
  FleetDeviceSchema.parse(device);
  assert.equal(device.status, 'online');
  assert.equal(device.consecutiveFailures, 0);
  assert.equal(device.snapshot?.identity.product, 'Avalon Q');
  assert.equal(device.snapshot?.summary.elapsedS, 100);
  assert.ok((device.snapshot?.modules.length ?? 0) > 0, 'modules decoded from plain stats');
});

test('uptime going backwards (a reboot) makes the next poll read version again', async (t) => {
  let elapsed = 1000;
  const one = (command: string): unknown => {
    if (command === 'version') return version;
    if (command === 'summary') return summaryWithElapsed(elapsed);
    if (command === 'pools') return pools;
    if (command === 'estats') return stats;
    return errorReply(14, 'Invalid command');
  };
  const dev = await startFakeCgminer(HOST, ({ command }) => (command.includes('+') ? joinedReply(command.split('+'), one) : one(command)));
  const monitor = new FleetMonitor({ pollIntervalMs: 100, startGapMs: 0 });
  t.after(async () => {
    monitor.close();
    await dev.close();
  });
  const id = record(dev).id;
  monitor.track(record(dev));
  await waitFor('two polls', () => dev.requests.length >= 2);
  elapsed = 5; // rebooted
  const rebootedAt = dev.requests.length;
  await waitFor('two polls after the reboot', () => dev.requests.length >= rebootedAt + 2);
  monitor.close();

  assert.equal(dev.requests[0], 'version+summary+pools+estats');
  assert.equal(dev.requests[1], 'summary+pools+estats');
  // The first poll that sees the lower uptime has no version; the one after it does.
  assert.equal(dev.requests[rebootedAt], 'summary+pools+estats');
  assert.equal(dev.requests[rebootedAt + 1], 'version+summary+pools+estats');
  assert.equal(dev.requests.filter((r) => r.startsWith('version')).length, 2);
  assert.equal(monitor.get(id)?.snapshot?.summary.elapsedS, 5);
});

test('a device answering garbage fails with a typed error, keeps its last snapshot, and is asked its version again', async (t) => {
  let garbage = false;
  const one = (command: string): unknown => {
    if (command === 'version') return version;
    if (command === 'summary') return summaryWithElapsed(10);
    if (command === 'pools') return pools;
    return stats;
  };
  // 42 is valid JSON but no CGMiner reply.
  const dev = await startFakeCgminer(HOST, ({ command }) => (garbage ? 42 : command.includes('+') ? joinedReply(command.split('+'), one) : one(command)));
  const monitor = new FleetMonitor({ pollIntervalMs: 100, startGapMs: 0 });
  t.after(async () => {
    monitor.close();
    await dev.close();
  });
  const id = record(dev).id;
  monitor.track(record(dev));
  await waitFor('online', () => monitor.get(id)?.status === 'online');
  garbage = true;
  const failAt = dev.requests.length;
  await waitFor('a failure', () => (monitor.get(id)?.consecutiveFailures ?? 0) >= 1);
  const device = monitor.get(id)!;
  assert.equal(device.status, 'stale');
  assert.equal(device.lastError?.kind, 'not-cgminer');
  assert.equal(device.snapshot?.identity.product, 'Avalon Q', 'the last good snapshot stays for the UI');
  garbage = false;
  await waitFor('online again', () => monitor.get(id)?.status === 'online');
  monitor.close();
  const joins = dev.requests.slice(failAt).filter((r) => r.includes('+'));
  assert.equal(joins[0], 'summary+pools+estats');
  assert.ok(joins.length >= 2);
  assert.ok(joins.slice(1).every((r) => r === 'version+summary+pools+estats'), joins.join(' '));
  // The join was refused only because of the garbage: the device keeps getting joins.
  assert.equal(dev.requests.at(-1), 'version+summary+pools+estats');
});
